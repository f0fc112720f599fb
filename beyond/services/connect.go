package services

import (
	"context"
	"fmt"
	"net/http"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// ConnectProcedure is the chain's one procedure over Connect: the same
// service as CallMethod, under the path Connect gives it.
const ConnectProcedure = "/chain.Chain/Call"

// ConnectClient calls the chain's procedure on a service.
type ConnectClient = connect.Client[wrapperspb.StringValue, wrapperspb.StringValue]

// NewConnectClient returns a client of the chain's service at baseURL,
// speaking the Connect protocol with httpClient. Connect sends a call's
// deadline as the time left, in the Connect-Timeout-Ms header.
func NewConnectClient(httpClient connect.HTTPClient, baseURL string) *ConnectClient {
	newClient := connect.NewClient[wrapperspb.StringValue, wrapperspb.StringValue]
	return newClient(httpClient, baseURL+ConnectProcedure)
}

// CallConnect calls the chain's service with client, with ctx, as from.
func CallConnect(ctx context.Context, client *ConnectClient, from string) error {
	_, err := client.CallUnary(ctx, connect.NewRequest(wrapperspb.String(from)))
	return err
}

// ConnectService is a service of the chain over Connect: a Hop whose next
// service, if any, is called with Next.
type ConnectService struct {
	Hop
	Next *ConnectClient // nil for the last service
}

// Handler returns the path and the http.Handler that serve s.
func (s *ConnectService) Handler() (string, http.Handler) {
	return ConnectProcedure, connect.NewUnaryHandler(ConnectProcedure, s.call)
}

// call serves a call: Connect has already made Connect-Timeout-Ms the
// deadline of ctx.
func (s *ConnectService) call(ctx context.Context, req *connect.Request[wrapperspb.StringValue]) (*connect.Response[wrapperspb.StringValue], error) {
	from := req.Msg.GetValue() + " (no Connect-Timeout-Ms)"
	if ms := req.Header().Get("Connect-Timeout-Ms"); ms != "" {
		from = fmt.Sprintf("%s (Connect-Timeout-Ms: %s)", req.Msg.GetValue(), ms)
	}
	err := s.Serve(ctx, from, func(ctx context.Context) error {
		return CallConnect(ctx, s.Next, s.Name)
	}, func(err error) string { return "code " + connect.CodeOf(err).String() })
	if err != nil {
		return nil, err // Connect sends a context error as Canceled or DeadlineExceeded
	}
	return connect.NewResponse(wrapperspb.String(s.Name)), nil
}
