// Wrong: the task gets a timeout of its own instead of the request's context, so it stops at its timeout, not when the client gives up.

package handler

import (
	"context"
	"io"
	"net/http"
	"time"
)

// Handler runs Task for each request and logs how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		err := Task(ctx)
		report(log, err)
	})
}
