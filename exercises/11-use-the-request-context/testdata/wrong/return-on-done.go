// Wrong: the handler returns the moment the request's context is done, without waiting for its task, which goes on and writes its report after the handler has returned.

package handler

import (
	"io"
	"net/http"
)

// Handler runs Task for each request, with the request's context, and logs
// how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			report(log, Task(r.Context()))
		}()
		select {
		case <-done:
		case <-r.Context().Done(): // the client has gone: no need to wait
		}
	})
}
