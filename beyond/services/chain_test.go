package services

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// messages is a slog.Handler that keeps each record's message with its
// time since start, as "[85ms] stock: ...".
type messages struct {
	start time.Time
	mu    sync.Mutex
	lines []string
}

func newMessages() *messages { return &messages{start: time.Now()} }

func (m *messages) Enabled(context.Context, slog.Level) bool { return true }
func (m *messages) WithAttrs([]slog.Attr) slog.Handler       { return m }
func (m *messages) WithGroup(string) slog.Handler            { return m }
func (m *messages) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lines = append(m.lines, fmt.Sprintf("[%v] %s", r.Time.Sub(m.start), r.Message))
	return nil
}

// matching returns the lines that match re, in order.
func (m *messages) matching(re string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, l := range m.lines {
		if regexp.MustCompile(re).MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

func (m *messages) String() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return strings.Join(m.lines, "\n")
}

// A transport starts the chain's services with hops, and returns a call
// to the first and a stop; stop returns once every call in flight has
// ended and every server has stopped.
type transport struct {
	name  string
	start func(t *testing.T, hops []Hop) (call func(context.Context) error, stop func())
}

var transports = []transport{
	{"gRPC", func(t *testing.T, hops []Hop) (func(context.Context) error, func()) {
		c, err := startGRPC(inMemory{}, hops)
		if err != nil {
			t.Fatal(err)
		}
		return func(ctx context.Context) error { return CallGRPC(ctx, c.entry, "client") },
			func() { c.idle(); c.stop() }
	}},
	{"Connect", func(t *testing.T, hops []Hop) (func(context.Context) error, func()) {
		c, err := startHTTP(inMemory{}, chain, func(i int, next *http.Client, nextURL string) http.Handler {
			s := &ConnectService{Hop: hops[i]}
			if next != nil {
				s.Next = NewConnectClient(next, nextURL)
			}
			mux := http.NewServeMux()
			mux.Handle(s.Handler())
			return mux
		})
		if err != nil {
			t.Fatal(err)
		}
		client := NewConnectClient(c.client(c.entry), "http://gateway")
		return func(ctx context.Context) error { return CallConnect(ctx, client, "client") },
			func() { c.idle(); c.stop() }
	}},
	{"net/http with " + TimeoutHeader, plainHTTP(true)},
	{"net/http passing r.Context()", plainHTTP(false)},
}

// plainHTTP starts the chain over net/http, every service passing its
// request's context on, and carrying the deadline in TimeoutHeader if carry.
func plainHTTP(carry bool) func(t *testing.T, hops []Hop) (func(context.Context) error, func()) {
	return func(t *testing.T, hops []Hop) (func(context.Context) error, func()) {
		c, err := startHTTP(inMemory{}, chain, func(i int, next *http.Client, nextURL string) http.Handler {
			return &HTTPService{Hop: hops[i], Client: next, NextURL: nextURL, PassContext: true, CarryDeadline: carry}
		})
		if err != nil {
			t.Fatal(err)
		}
		client := c.client(c.entry)
		return func(ctx context.Context) error { return get(ctx, client, "http://gateway?from=client") },
			func() { c.idle(); c.stop() }
	}
}

// get makes a GET with ctx, sends ctx's deadline in TimeoutHeader, and
// fails unless the answer is 200 OK.
func get(ctx context.Context, client *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	SetTimeoutHeader(req)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", resp.Status)
	}
	return nil
}

// TestWhatEachServiceSees calls the chain (gateway and orders work 10ms
// before calling on, stock a second; each keeps a 5ms margin) on each
// transport, once with a 100ms deadline and once cancelled after 50ms, and
// checks the deadline each service sees as the call arrives, and how and
// when stock's work stops.
func TestWhatEachServiceSees(t *testing.T) {
	shrinks := []string{"deadline in 100ms", "deadline in 85ms", "deadline in 70ms"}
	none := []string{"no deadline", "no deadline", "no deadline"}
	cases := []struct {
		transport     string
		cancel        bool
		wantDeadlines []string
		wantStock     string // the line stock ends with
	}{
		// The deadline travels, shrunk by 10ms of work and 5ms of margin
		// at each hop; stock's work stops 5ms before the deadline it got.
		{"gRPC", false, shrinks, "[85ms] stock: stopped its work: context deadline exceeded"},
		{"Connect", false, shrinks, "[85ms] stock: stopped its work: context deadline exceeded"},
		{"net/http with " + TimeoutHeader, false, shrinks, "[85ms] stock: stopped its work: context deadline exceeded"},
		// No deadline travels: stock learns only that the connection
		// closed, at the client's deadline, as a cancel.
		{"net/http passing r.Context()", false, none, "[100ms] stock: stopped its work: context canceled"},
		// A cancel reaches every service at once, as a cancel.
		{"gRPC", true, none, "[50ms] stock: stopped its work: context canceled"},
		{"Connect", true, none, "[50ms] stock: stopped its work: context canceled"},
		{"net/http with " + TimeoutHeader, true, none, "[50ms] stock: stopped its work: context canceled"},
		{"net/http passing r.Context()", true, none, "[50ms] stock: stopped its work: context canceled"},
	}
	for _, c := range cases {
		name := c.transport + ", deadline"
		if c.cancel {
			name = c.transport + ", cancel"
		}
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				msgs := newMessages()
				var tr transport
				for _, tr = range transports {
					if tr.name == c.transport {
						break
					}
				}
				call, stop := tr.start(t, hops(slog.New(msgs)))
				ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
				if c.cancel {
					ctx, cancel = context.WithCancel(t.Context())
					time.AfterFunc(50*time.Millisecond, cancel)
				}
				err := call(ctx)
				cancel()
				stop()
				if err == nil {
					t.Errorf("the call succeeded; want it to fail")
				}
				var got []string
				for _, l := range msgs.matching(`called by`) {
					got = append(got, l[strings.LastIndex(l, "; ")+2:])
				}
				if diff := cmp.Diff(c.wantDeadlines, got); diff != "" {
					t.Errorf("the deadline each service saw as the call arrived (-want +got):\n%s\nlog:\n%s", diff, msgs)
				}
				if got := msgs.matching(`stock: (stopped|done)`); len(got) != 1 || got[0] != c.wantStock {
					t.Errorf("stock ended with %q; want %q\nlog:\n%s", got, c.wantStock, msgs)
				}
			})
		})
	}
}
