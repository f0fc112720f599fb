// Wrong: the task gets a context of its own, made from context.Background, which the request's end cancels through context.AfterFunc: the cancel reaches the task, but the request's deadline and values do not, so a request that times out is logged as cancelled.

package handler

import (
	"context"
	"io"
	"net/http"
)

// Handler runs Task for each request, with the request's context, and logs
// how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		stop := context.AfterFunc(r.Context(), cancel)
		defer stop()
		err := Task(ctx)
		report(log, err)
	})
}
