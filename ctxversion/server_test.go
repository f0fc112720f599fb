package ctxversion_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/internal/pipenet"
)

// courseHandler serves three kinds of request, each as a handler should
// when the server may shut down: /quick works 30ms; /slow works 1s,
// watching r.Context(); /stream sends a tick every 10ms until the server
// drains or the request's context ends. It logs how each ended.
func courseHandler(log io.Writer) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/quick", func(w http.ResponseWriter, r *http.Request) {
		msg, err := ctxversion.LongTask(r.Context(), 3, io.Discard)
		if err != nil {
			fmt.Fprintf(log, "/quick: %v\n", err)
			return
		}
		fmt.Fprintf(log, "/quick: %s\n", msg)
		fmt.Fprintln(w, msg)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		msg, err := ctxversion.LongTask(r.Context(), 100, io.Discard)
		if err != nil {
			fmt.Fprintf(log, "/slow: %v\n", err)
			return
		}
		fmt.Fprintf(log, "/slow: %s\n", msg)
		fmt.Fprintln(w, msg)
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for n := 1; ; n++ {
			select {
			case <-ctxversion.Draining(r.Context()):
				fmt.Fprintln(log, "/stream: the server drains: saying goodbye")
				fmt.Fprintln(w, "bye")
				return
			case <-r.Context().Done():
				fmt.Fprintf(log, "/stream: %v\n", context.Cause(r.Context()))
				return
			case <-tick.C:
				fmt.Fprintf(w, "tick %d\n", n)
				rc.Flush()
			}
		}
	})
	return mux
}

// TestServeShutsDownInOrder runs Serve on the virtual clock: three
// requests in flight when the stop comes at 15ms, with 20ms of grace. The
// stream ends at the stop, the quick request in the grace, the slow one is
// cut at 35ms, and a client that comes after the stop is refused.
func TestServeShutsDownInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := &timedLog{start: time.Now()}
		ln := pipenet.Listen()
		transport := &http.Transport{DialContext: ln.DialContext}
		defer transport.CloseIdleConnections()
		client := &http.Client{Transport: transport}
		srv := &http.Server{Handler: courseHandler(log)}
		began := make(chan struct{})
		srv.RegisterOnShutdown(func() { close(began) })

		stop, stopNow := context.WithCancel(t.Context())
		time.AfterFunc(15*time.Millisecond, stopNow)
		var (
			stats   ctxversion.ServeStats
			err     error
			stopped time.Duration
			served  sync.WaitGroup
		)
		served.Go(func() {
			stats, err = ctxversion.Serve(stop, srv, ln, 20*time.Millisecond)
			stopped = time.Since(log.start)
		})

		answers := make([]string, 3)
		var clients sync.WaitGroup
		for i, path := range []string{"/quick", "/slow", "/stream"} {
			clients.Go(func() { answers[i] = get(client, "http://course.test"+path) })
		}
		<-began
		if _, err := ln.DialContext(t.Context(), "", ""); !errors.Is(err, net.ErrClosed) {
			t.Errorf("a dial after Shutdown began: %v, want net.ErrClosed", err)
		}
		lateAt := time.Since(log.start)
		// A new client, which must connect: the others' connections may
		// be idle in their pool by now, and closing.
		lateTransport := &http.Transport{DialContext: ln.DialContext}
		defer lateTransport.CloseIdleConnections()
		late := get(&http.Client{Transport: lateTransport}, "http://course.test/quick")
		clients.Wait()
		served.Wait()

		if err != nil {
			t.Errorf("Serve error = %v, want nil", err)
		}
		if want := 35 * time.Millisecond; stopped != want {
			t.Errorf("Serve returned at %v, want %v (stop at 15ms + 20ms grace)", stopped, want)
		}
		if want := (ctxversion.ServeStats{Accepted: 3, Answered: 2, Cut: 1}); stats != want {
			t.Errorf("stats = %v, want %v", stats, want)
		}
		wantAnswers := []string{
			"200 OK: completed all 3 steps",
			"no answer",
			"200 OK: tick 1 | bye",
		}
		if diff := cmp.Diff(wantAnswers, answers); diff != "" {
			t.Errorf("what the clients got (-want +got):\n%s", diff)
		}
		if lateAt != 15*time.Millisecond || late != "no answer" {
			t.Errorf("a request at %v, after the stop: %q, want at 15ms: no answer", lateAt, late)
		}
		wantLog := []timedLine{
			{15 * time.Millisecond, "/stream: the server drains: saying goodbye"},
			{30 * time.Millisecond, "/quick: completed all 3 steps"},
			{35 * time.Millisecond, "/slow: cancelled at step 3: shutdown grace period over"},
		}
		if diff := cmp.Diff(wantLog, log.Lines()); diff != "" {
			t.Errorf("the handlers' log (-want +got):\n%s", diff)
		}
	})
}

// TestServeAllDoneInTheGrace: when every request ends within the grace,
// nothing is cut, and Serve returns once Shutdown has seen the last
// connection idle. Shutdown polls for that (every 1ms, 2ms, 4ms, ...,
// with a random 10% more), so the instant is only bounded.
func TestServeAllDoneInTheGrace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := pipenet.Listen()
		transport := &http.Transport{DialContext: ln.DialContext}
		defer transport.CloseIdleConnections()
		srv := &http.Server{Handler: courseHandler(io.Discard)}
		stop, stopNow := context.WithCancel(t.Context())
		time.AfterFunc(15*time.Millisecond, stopNow)
		start := time.Now()
		var answer string
		var clients sync.WaitGroup
		clients.Go(func() { answer = get(&http.Client{Transport: transport}, "http://course.test/quick") })
		stats, err := ctxversion.Serve(stop, srv, ln, time.Second)
		took := time.Since(start)
		clients.Wait()
		if err != nil || stats != (ctxversion.ServeStats{Accepted: 1, Answered: 1}) {
			t.Errorf("Serve = %v, %v; want accepted=1 answered=1, nil", stats, err)
		}
		if answer != "200 OK: completed all 3 steps" {
			t.Errorf("the client got %q", answer)
		}
		if took < 30*time.Millisecond || took > 30*time.Millisecond+500*time.Millisecond {
			t.Errorf("Serve returned at %v; want after the request ended (30ms), within Shutdown's longest poll (500ms)", took)
		}
	})
}

// get does a GET and sums up the answer in one line: "200 OK: a | b" with
// the body's lines, or "no answer" if the request or the body failed.
func get(client *http.Client, url string) string {
	resp, err := client.Get(url)
	if err != nil {
		return "no answer"
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "no answer"
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	return resp.Status + ": " + strings.Join(lines, " | ")
}

// TestServeOnLoopback runs Serve on a real TCP port with four real
// clients in the middle of their requests when the stop comes. Two
// handlers are let go as Shutdown begins and answer; two wait for their
// context and are cut when the grace runs out. The real clock decides
// nothing here: a handler let go that missed the grace would be cut, and
// the counts would still have to match what the clients got.
func TestServeOnLoopback(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	started := make(chan struct{}, 4)
	release := make(chan struct{})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		if r.URL.Path == "/released" {
			<-release
			fmt.Fprintln(w, "done")
			return
		}
		<-r.Context().Done() // held until the grace runs out
	})}
	began := make(chan struct{})
	srv.RegisterOnShutdown(func() { close(began) })
	stop, stopNow := context.WithCancel(t.Context())
	defer stopNow()
	type result struct {
		stats ctxversion.ServeStats
		err   error
	}
	served := make(chan result, 1)
	go func() {
		stats, err := ctxversion.Serve(stop, srv, ln, 500*time.Millisecond)
		served <- result{stats, err}
	}()

	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport}
	answers := make(chan string, 4)
	for _, path := range []string{"/released", "/released", "/held", "/held"} {
		go func() { answers <- get(client, url+path) }()
	}
	for range 4 {
		<-started // all four are in their handlers
	}
	stopNow()
	<-began
	close(release)

	// Nothing new is accepted: the listener is closed, and the dial
	// fails (connection refused).
	fresh := &http.Transport{DisableKeepAlives: true}
	_, err = fresh.RoundTrip(must(http.NewRequest("GET", url+"/released", nil)))
	var opErr *net.OpError
	if !errors.As(err, &opErr) || opErr.Op != "dial" {
		t.Errorf("a request after Shutdown began: %v, want a failed dial", err)
	}

	var r result
	select {
	case r = <-served:
	case <-time.After(hangGuard):
		t.Fatalf("Serve did not return within %v", hangGuard)
	}
	got := map[string]int{}
	for range 4 {
		got[<-answers]++
	}
	if r.err != nil {
		t.Errorf("Serve error = %v, want nil", r.err)
	}
	if r.stats.Accepted != 4 || r.stats.Lost() != 0 || r.stats.Cut < 2 {
		t.Errorf("stats = %v, want 4 accepted, none lost, the two held requests cut", r.stats)
	}
	want := map[string]int{"200 OK: done": r.stats.Answered, "no answer": r.stats.Cut}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("what the clients got does not match %v (-want +got):\n%s", r.stats, diff)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// timedLog records each line written to it with the time since start.
type timedLog struct {
	start time.Time
	mu    sync.Mutex // guards lines
	lines []timedLine
}

type timedLine struct {
	At   time.Duration
	Text string
}

func (l *timedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for line := range strings.Lines(string(p)) {
		l.lines = append(l.lines, timedLine{time.Since(l.start), strings.TrimSuffix(line, "\n")})
	}
	return len(p), nil
}

func (l *timedLog) Lines() []timedLine {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.lines)
}
