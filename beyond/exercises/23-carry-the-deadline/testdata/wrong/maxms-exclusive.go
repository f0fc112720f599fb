// Wrong: Deadline takes a header from 0 up to but not including MaxMs, so a caller who asks for exactly MaxMs gets no deadline at all.

package carry

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Deadline returns the context to serve r with, as r arrives: r's context
// with the deadline r's Header asks for.
func Deadline(r *http.Request) (context.Context, context.CancelFunc) {
	ms, err := strconv.ParseInt(r.Header.Get(Header), 10, 64)
	if err != nil || ms < 0 || ms >= MaxMs {
		return context.WithCancel(r.Context())
	}
	return context.WithTimeout(r.Context(), time.Duration(ms)*time.Millisecond)
}

// Call calls the service at url with a GET, with client and ctx, and
// returns the body of its answer.
func Call(ctx context.Context, client *http.Client, url string) (string, error) {
	if dl, ok := ctx.Deadline(); ok {
		// With Margin or less left, this deadline has passed already:
		// Client.Do fails at once, and next is never called.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-Margin))
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	if dl, ok := ctx.Deadline(); ok {
		req.Header.Set(Header, strconv.FormatInt(time.Until(dl).Milliseconds(), 10))
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
