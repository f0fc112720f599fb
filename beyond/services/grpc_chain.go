package services

import (
	"context"
	"errors"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// grpcChain is a chain of GRPCServices, each serving on a listener of its
// own, each but the last with a client connection to the next.
type grpcChain struct {
	entry   *grpc.ClientConn // to the first service
	conns   []*grpc.ClientConn
	servers []*grpc.Server
	wg      sync.WaitGroup
	calls   inflight // the calls in flight, in every service
}

// startGRPC starts a service for each hop on nw, the last first, so that
// each has the next to call.
func startGRPC(nw network, hops []Hop) (*grpcChain, error) {
	c := &grpcChain{}
	var next *grpc.ClientConn
	for i := len(hops) - 1; i >= 0; i-- {
		ln, err := nw.listen()
		if err != nil {
			c.stop()
			return nil, err
		}
		svc := &GRPCService{Hop: hops[i]}
		if next != nil {
			svc.Next = next
		}
		srv := grpc.NewServer(grpc.UnaryInterceptor(c.track))
		srv.RegisterService(&ChainServiceDesc, svc)
		c.servers = append(c.servers, srv)
		c.wg.Go(func() { srv.Serve(LogFrames(ln, hops[i].Log, hops[i].Name)) })
		next, err = grpc.NewClient("passthrough:///"+hops[i].Name,
			grpc.WithContextDialer(nw.dialer(ln)),
			grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			c.stop()
			return nil, err
		}
		c.conns = append(c.conns, next)
	}
	c.entry = next
	return c, nil
}

// track counts the calls in flight, so that c.idle can wait for them.
func (c *grpcChain) track(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	c.calls.start()
	defer c.calls.done()
	return handler(ctx, req)
}

// idle waits until no service is serving a call.
func (c *grpcChain) idle() { c.calls.wait() }

// stop closes the connections and stops the servers, and returns once
// every server has.
func (c *grpcChain) stop() error {
	var errs []error
	for _, cc := range c.conns {
		errs = append(errs, cc.Close())
	}
	for _, srv := range c.servers {
		srv.Stop()
	}
	c.wg.Wait()
	return errors.Join(errs...)
}
