// Wrong: the task gets the request's context, but the handler drops its error and logs every request as completed.

package handler

import (
	"io"
	"net/http"
)

// Handler runs Task for each request and logs how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Task(r.Context())
		report(log, nil)
	})
}
