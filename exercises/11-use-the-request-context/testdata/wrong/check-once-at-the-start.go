// Wrong: the handler looks at the request's context once, before the task, and then runs the task with a context that nothing cancels.

package handler

import (
	"context"
	"io"
	"net/http"
)

// Handler runs Task for each request and logs how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.Context().Err(); err != nil {
			report(log, err)
			return
		}
		err := Task(context.Background())
		report(log, err)
	})
}
