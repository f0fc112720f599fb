// Wrong: the task runs in a goroutine and the handler returns at once, before the task has ended.

package handler

import (
	"io"
	"net/http"
)

// Handler runs Task for each request and logs how it ended.
func Handler(log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		go func() {
			err := Task(r.Context())
			report(log, err)
		}()
	})
}
