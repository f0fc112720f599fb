// Wrong: the task gets context.WithoutCancel(r.Context()), which keeps the request's values but not its cancellation, so it works on after the client has gone.

package handler

import (
	"context"
	"io"
	"net/http"
)

// Handler runs Task for each request and logs how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := Task(context.WithoutCancel(r.Context()))
		report(log, err)
	})
}
