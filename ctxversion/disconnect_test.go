package ctxversion_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestHTTP1SeesTheCloseOnlyAfterTheBody shows when an HTTP/1.1 server
// notices that its client has gone. A client on a real loopback connection
// sends a request, waits until the handler has started, and closes the
// connection. The server learns of the close in two ways. It reads on in
// the background, and it starts that read only once the request's body has
// been read to its end: after a GET (no body) at once, after a POST once
// the handler has read the body, and for a POST whose body the handler
// leaves unread, never. And a write to the connection that fails cancels
// the context too (net/http's checkConnErrorWriter): so a handler that
// writes as it goes, flushing every 10ms, is cancelled even with its POST
// body unread. A handler that neither reads the body nor writes is not.
//
// The third verdict is an absence, and an absence can only be asserted
// within a bound: 300ms of real time, far more than the others' cancels
// take (microseconds, or about 10ms, until its next write, for the handler
// that writes). The bound is no promise about later; only that the
// close was not noticed within it.
func TestHTTP1SeesTheCloseOnlyAfterTheBody(t *testing.T) {
	cases := []struct {
		name          string
		request       string
		readBody      bool
		writes        bool // a line every 10ms, flushed, until the end
		wantCancelled bool
	}{
		{"GET, no body", "GET / HTTP/1.1\r\nHost: test\r\n\r\n", false, false, true},
		{"POST, body read", "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello", true, false, true},
		{"POST, body not read", "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello", false, false, false},
		{"POST, body not read, writing", "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello", false, true, true},
	}
	for _, c := range cases {
		started, cancelled, release := make(chan struct{}), make(chan struct{}), make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if c.readBody {
				io.Copy(io.Discard, r.Body)
			}
			close(started)
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-r.Context().Done():
					close(cancelled)
					return
				case <-release:
					return
				case <-tick.C:
					if c.writes {
						io.WriteString(w, "line\n")
						http.NewResponseController(w).Flush()
					}
				}
			}
		}))
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(conn, c.request); err != nil {
			t.Fatal(err)
		}
		<-started
		conn.Close() // the client goes away

		bound := 300 * time.Millisecond // only to see that nothing happens
		if c.wantCancelled {
			bound = 10 * time.Second // only to fail rather than hang
		}
		got := false
		select {
		case <-cancelled:
			got = true
		case <-time.After(bound):
		}
		close(release)
		srv.Close()
		if got != c.wantCancelled {
			t.Errorf("%s: handler's context cancelled within %v of the close: %v, want %v", c.name, bound, got, c.wantCancelled)
		}
	}
}
