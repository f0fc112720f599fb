package services

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// TimeoutHeader is the header in which our services carry a call's
// deadline over plain HTTP: the time left, in whole milliseconds, as
// Connect's Connect-Timeout-Ms does. net/http knows nothing of it: the
// caller must set it (SetTimeoutHeader) and the callee read it
// (WithTimeoutHeader).
const TimeoutHeader = "Timeout-Ms"

// MaxTimeoutMs is the largest time TimeoutHeader carries: 10 digits of
// milliseconds (about 115 days), Connect's limit for Connect-Timeout-Ms.
// A longer time is sent as no deadline. The limit also keeps ms *
// time.Millisecond from overflowing a time.Duration, as it does from
// 9,223,372,036,855 up: 9300000000000 wraps into a deadline in the past.
const MaxTimeoutMs = 9_999_999_999

// SetTimeoutHeader writes the time left before the deadline of req's
// context into req's TimeoutHeader; without a deadline, or with one more
// than MaxTimeoutMs away, it removes it.
func SetTimeoutHeader(req *http.Request) {
	if dl, ok := req.Context().Deadline(); ok {
		ms := max(time.Until(dl).Milliseconds(), 1) // 0 would read as "no time at all"
		if ms <= MaxTimeoutMs {
			req.Header.Set(TimeoutHeader, strconv.FormatInt(ms, 10))
			return
		}
	}
	req.Header.Del(TimeoutHeader)
}

// WithTimeoutHeader returns r's context with the deadline that r's
// TimeoutHeader asks for, if it has one: the caller's deadline, as of the
// moment the request arrived. A missing or malformed header leaves the
// context as it is, and so does a time over MaxTimeoutMs.
func WithTimeoutHeader(r *http.Request) (context.Context, context.CancelFunc) {
	ms, err := strconv.ParseInt(r.Header.Get(TimeoutHeader), 10, 64)
	if err != nil || ms < 0 || ms > MaxTimeoutMs {
		return context.WithCancel(r.Context())
	}
	return context.WithTimeout(r.Context(), time.Duration(ms)*time.Millisecond)
}

// HTTPService is a service of the chain over plain net/http: a Hop that
// calls the next service, if any, with a GET to NextURL.
type HTTPService struct {
	Hop
	Client  *http.Client // to call the next service
	NextURL string       // the next service's URL, called when Hop.Next is set

	// PassContext makes the call to the next service with the request's
	// context. Without it the call is made as http.Get and Client.Get make
	// theirs, with context.Background(): the next service never learns
	// that the caller has gone.
	PassContext bool

	// CarryDeadline reads the deadline of a call from its TimeoutHeader,
	// and sends the deadline on in the call to the next. It implies
	// PassContext.
	CarryDeadline bool
}

// ServeHTTP serves a call from the service named in the query's "from".
func (s *HTTPService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	from := r.URL.Query().Get("from")
	if s.CarryDeadline {
		var cancel context.CancelFunc
		ctx, cancel = WithTimeoutHeader(r)
		defer cancel()
		from += fmt.Sprintf(" (%s: %s)", TimeoutHeader, r.Header.Get(TimeoutHeader))
	}
	if err := s.Serve(ctx, from, s.call, httpError); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, s.Name)
}

// call calls the next service.
func (s *HTTPService) call(ctx context.Context) error {
	if !s.PassContext && !s.CarryDeadline {
		ctx = context.Background() // what http.Get(url) uses
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.NextURL+"?from="+s.Name, nil)
	if err != nil {
		return err
	}
	if s.CarryDeadline {
		SetTimeoutHeader(req)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", resp.Status)
	}
	return nil
}

// httpError says in a few words why a call over HTTP failed.
func httpError(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return err.Error()
}
