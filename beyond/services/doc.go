// Package services follows a deadline and a cancel from one service to the
// next: a chain of three services (gateway, orders, stock), each calling
// the next, over gRPC, over Connect and over plain net/http.
//
// What travels, and how:
//
//   - gRPC sends the caller's deadline as the time left, in the grpc-timeout
//     header of each call, and the server makes it its context's deadline:
//     the deadline shrinks at each hop by the time spent. A caller's cancel
//     reaches the server as a stream reset (RST_STREAM), which cancels the
//     server's context.
//   - Connect sends the time left in the Connect-Timeout-Ms header; over
//     HTTP/1.1 a cancel is a closed connection.
//   - Plain net/http sends no deadline at all. A client's timeout reaches
//     the next service only as a closed connection, and only if that
//     service notices the close and passed its request's context on. A
//     header of our own (TimeoutHeader) carries the deadline instead.
//
// Every service logs what it sees to a *slog.Logger, with the attribute
// "lane" set to its name.
package services
