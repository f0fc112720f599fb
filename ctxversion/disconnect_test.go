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
// connection. The server learns of the close by reading on in the
// background, and it starts that read only once the request's body has been
// read to its end: after a GET (no body) at once, after a POST once the
// handler has read the body, and for a POST whose body the handler leaves
// unread, never. So the handler's context is cancelled in the first two
// cases, and not in the third.
//
// The third verdict is an absence, and an absence can only be asserted
// within a bound: 300ms of real time, far more than the microseconds the
// others' cancels take. The bound is no promise about later; only that the
// close was not noticed within it.
func TestHTTP1SeesTheCloseOnlyAfterTheBody(t *testing.T) {
	cases := []struct {
		name          string
		request       string
		readBody      bool
		wantCancelled bool
	}{
		{"GET, no body", "GET / HTTP/1.1\r\nHost: test\r\n\r\n", false, true},
		{"POST, body read", "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello", true, true},
		{"POST, body not read", "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello", false, false},
	}
	for _, c := range cases {
		started, cancelled, release := make(chan struct{}), make(chan struct{}), make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if c.readBody {
				io.Copy(io.Discard, r.Body)
			}
			close(started)
			select {
			case <-r.Context().Done():
				close(cancelled)
			case <-release:
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
