// Package beyond holds the parts of the course that cancel work outside
// one process: calls across services (gRPC, Connect, net/http) and
// queries in databases (SQLite, PostgreSQL). It is a module of its own so
// that the course's two first commands, go run ./lessons and go test ./...,
// do not build these large dependencies.
package beyond
