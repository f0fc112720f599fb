// Package pipenet is an in-memory network for HTTP servers and clients:
// a net.Listener whose connections are net.Pipe pairs. Everything on it
// blocks on channels, so a server and its clients can run inside a
// testing/synctest bubble, on the virtual clock, where a real socket (which
// waits in the network poller) cannot.
package pipenet

import (
	"context"
	"net"
	"sync"
)

// Listener is a net.Listener whose connections are in-memory pipes
// (net.Pipe), made by its DialContext. It is safe for concurrent use.
type Listener struct {
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once
}

// Listen returns a new Listener. Give its DialContext to the clients'
// http.Transport.
func Listen() *Listener {
	return &Listener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

// Accept waits for the next DialContext.
func (l *Listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

// Close stops Accept and DialContext; it is safe to call more than once.
func (l *Listener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

// Addr returns a placeholder address, "pipe".
func (l *Listener) Addr() net.Addr { return pipeAddr{} }

// DialContext connects to the listener, for an http.Transport: it waits
// until Accept takes the connection, the listener is closed
// (net.ErrClosed), or ctx is done.
func (l *Listener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

// Network returns "pipe".
func (pipeAddr) Network() string { return "pipe" }

// String returns "pipe".
func (pipeAddr) String() string { return "pipe" }
