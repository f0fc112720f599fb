// Wrong: the handler makes one cancellable context when it is created and runs every request's task with it, cancelled when any request ends, so one client that gives up stops the tasks of all the others.

package handler

import (
	"context"
	"io"
	"net/http"
)

// Handler runs Task for each request, with the request's context, and logs
// how it ended.
func Handler(log io.Writer) http.Handler {
	ctx, cancel := context.WithCancel(context.Background())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stop := context.AfterFunc(r.Context(), cancel)
		defer stop()
		err := Task(ctx)
		report(log, err)
	})
}
