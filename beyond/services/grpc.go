package services

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// CallMethod is the one method of the chain's gRPC service. Its request
// and answer are wrapperspb.StringValue, so that no code needs generating.
const CallMethod = "/chain.Chain/Call"

// ChainServer is the chain's gRPC service.
type ChainServer interface {
	// Call serves a call from the service the request names, and
	// answers with the name of the service that served it.
	Call(context.Context, *wrapperspb.StringValue) (*wrapperspb.StringValue, error)
}

// ChainServiceDesc describes ChainServer to grpc.Server.RegisterService.
// protoc-gen-go-grpc writes the same from a .proto file declaring
// service Chain { rpc Call(google.protobuf.StringValue) returns
// (google.protobuf.StringValue); }.
var ChainServiceDesc = grpc.ServiceDesc{
	ServiceName: "chain.Chain",
	HandlerType: (*ChainServer)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Call",
		Handler: func(srv any, ctx context.Context, dec func(any) error, intercept grpc.UnaryServerInterceptor) (any, error) {
			in := new(wrapperspb.StringValue)
			if err := dec(in); err != nil {
				return nil, err
			}
			if intercept == nil {
				return srv.(ChainServer).Call(ctx, in)
			}
			info := &grpc.UnaryServerInfo{Server: srv, FullMethod: CallMethod}
			return intercept(ctx, in, info, func(ctx context.Context, req any) (any, error) {
				return srv.(ChainServer).Call(ctx, req.(*wrapperspb.StringValue))
			})
		},
	}},
	Metadata: "chain.proto",
}

// CallGRPC calls the chain's service on cc with ctx, as from, the way a
// generated client does: gRPC sends ctx's deadline with the call and
// resets the call's stream when ctx is cancelled.
func CallGRPC(ctx context.Context, cc grpc.ClientConnInterface, from string) error {
	return cc.Invoke(ctx, CallMethod, wrapperspb.String(from), new(wrapperspb.StringValue))
}

// GRPCService is a service of the chain over gRPC: a Hop whose next
// service, if any, is on Next.
type GRPCService struct {
	Hop
	Next grpc.ClientConnInterface // nil for the last service
}

// Call serves a call from the service the request names.
func (s *GRPCService) Call(ctx context.Context, req *wrapperspb.StringValue) (*wrapperspb.StringValue, error) {
	err := s.Serve(ctx, req.GetValue(), func(ctx context.Context) error {
		return CallGRPC(ctx, s.Next, s.Name)
	}, func(err error) string { return "code " + status.Code(err).String() })
	if err != nil {
		if _, ok := status.FromError(err); !ok {
			err = status.FromContextError(err).Err()
		}
		return nil, err
	}
	return wrapperspb.String(s.Name), nil
}
