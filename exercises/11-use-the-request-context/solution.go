//go:build solution

package handler

import (
	"io"
	"net/http"
)

// Handler runs Task for each request, with the request's context, and logs
// how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := Task(r.Context())
		report(log, err)
	})
}
