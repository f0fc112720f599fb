//go:build !solution

package carry

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// Deadline returns the context to serve r with, as r arrives: r's context
// with the deadline r's Header asks for.
func Deadline(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithCancel(r.Context()) // TODO: the deadline in r's Header
}

// Call calls the service at url with a GET, with client and ctx, and
// returns the body of its answer.
func Call(ctx context.Context, client *http.Client, url string) (string, error) {
	// TODO: ctx's deadline, less Margin, for this call, and in its
	// Header; no call at all with Margin or less left.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s", resp.Status)
	}
	return string(body), err
}
