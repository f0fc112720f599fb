package ctxversion

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// TaskHandler returns an HTTP handler that runs a LongTask for each request
// with the request's context, r.Context(). The server cancels that context
// when the handler returns, and when it notices that the client has gone, so
// the task stops instead of working for nobody. Under HTTP/1.x the server
// notices a closed connection in two ways: by reading on in the
// background, which starts once the request's body has been read to its
// end (at once for a request with no body such as a GET, never for a body
// the handler leaves unread), and when a write to the connection fails.
// TaskHandler reads no body and writes only at the end, so it relies on
// the first. Under HTTP/2 a client can cancel the request itself. A proxy
// in between may never pass the client's close on.
// (TestHTTP1SeesTheCloseOnlyAfterTheBody shows the HTTP/1.x cases.)
//
// The request may ask for a number of steps with ?steps=N (the default is
// 10). The handler logs how each task ended to log, which must be safe for
// concurrent use, and answers the task's result.
func TaskHandler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		steps := 10
		if s := r.URL.Query().Get("steps"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				http.Error(w, "steps must be a whole number, 0 or more", http.StatusBadRequest)
				return
			}
			steps = n
		}
		fmt.Fprintf(log, "handler: started a %d-step task\n", steps)
		msg, err := LongTask(r.Context(), steps, io.Discard)
		if err != nil {
			// The client is gone: there is nobody to answer.
			fmt.Fprintf(log, "handler: stopped: %v\n", err)
			return
		}
		fmt.Fprintf(log, "handler: %s\n", msg)
		fmt.Fprintln(w, msg)
	})
}
