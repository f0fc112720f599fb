package services

import (
	"context"
	"net"
	"sync"

	"example.com/cancellation/internal/pipenet"
)

// network makes the listeners of a chain, and dials them: in memory, so
// that a story can run on a testing/synctest bubble's virtual clock, or on
// 127.0.0.1, on the real one.
type network interface {
	listen() (net.Listener, error)
	dialer(ln net.Listener) func(ctx context.Context, addr string) (net.Conn, error)
}

// inMemory is a network of pipenet listeners.
type inMemory struct{}

func (inMemory) listen() (net.Listener, error) { return pipenet.Listen(), nil }

func (inMemory) dialer(ln net.Listener) func(context.Context, string) (net.Conn, error) {
	return func(ctx context.Context, _ string) (net.Conn, error) {
		return ln.(*pipenet.Listener).DialContext(ctx, "", "")
	}
}

// loopback is a network of TCP listeners on 127.0.0.1.
type loopback struct{}

func (loopback) listen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

func (loopback) dialer(ln net.Listener) func(context.Context, string) (net.Conn, error) {
	return func(ctx context.Context, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", ln.Addr().String())
	}
}

// inflight counts the calls that the services of a chain are serving, so
// that a story can wait until they have all returned before it goes on.
type inflight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n falls to 0
}

func (f *inflight) start() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		f.idle = make(chan struct{})
	}
	f.n++
}

func (f *inflight) done() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n--; f.n == 0 {
		close(f.idle)
	}
}

// wait returns once no call is being served. A call that starts later is
// not waited for.
func (f *inflight) wait() {
	f.mu.Lock()
	n, idle := f.n, f.idle
	f.mu.Unlock()
	if n > 0 {
		<-idle
	}
}
