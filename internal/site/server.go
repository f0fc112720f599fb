package site

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/figure"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/internal/transcript"
)

// ServeOptions are what a served site can do besides its pages.
type ServeOptions struct {
	// Check prints the exercises' status, as "lessons check" does; nil
	// when there are no exercises to check.
	Check func(ctx context.Context, w io.Writer) error

	// Try plays a story with a learner's numbers on the virtual clock
	// (spec as scenario.ParseTry reads it: "std-main -cancel-after 30ms")
	// and returns its transcript and events; nil when the page cannot try
	// (it needs the course's source, to run go test).
	Try func(ctx context.Context, spec string) (text string, events []event.Event, err error)

	// Slow is how many times slower than recorded a replay plays (the
	// runs take tens of milliseconds); 20 if zero.
	Slow int
}

// AddrError says what is wrong with an address to serve on: it is not
// HOST:PORT, its port is not a port, or its host is not a loopback one.
type AddrError struct {
	Addr string
	Why  string // "" for a host that is not a loopback one
}

func (e *AddrError) Error() string {
	if e.Why != "" {
		return fmt.Sprintf("%q: %s", e.Addr, e.Why)
	}
	return fmt.Sprintf("%q is not a loopback address: the course serves only this machine (127.0.0.1, [::1] or localhost)", e.Addr)
}

// InUseError says that another program listens on the address already.
type InUseError struct{ Addr string }

func (e *InUseError) Error() string {
	return fmt.Sprintf("%s is in use already (another lessons serve?): stop it, or try -addr 127.0.0.1:0, which picks a free port", e.Addr)
}

// Listen listens on addr, which must be a loopback address
// ("127.0.0.1:3999", "localhost:0", "[::1]:8080"); a port of 0 picks one.
// An address already in use is an *InUseError.
func Listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &AddrError{addr, "want HOST:PORT, such as 127.0.0.1:3999"}
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return nil, &AddrError{addr, fmt.Sprintf("the port must be a number from 0 to 65535, not %q", port)}
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, &AddrError{Addr: addr}
	}
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, addrInUse) {
		return nil, &InUseError{addr}
	}
	return ln, err
}

// Hosts are the Host headers a browser sends to a server listening on
// addr: its loopback names with its port.
func Hosts(addr net.Addr) []string {
	_, port, _ := net.SplitHostPort(addr.String())
	return []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port}
}

// Serve serves the site on ln until ctx ends, then shuts down: it stops
// accepting, cancels the runs in progress (each stops as its lesson
// teaches) and waits up to shutdownWait for them. It returns ctx's error.
func (s *Site) Serve(ctx context.Context, ln net.Listener, opts ServeOptions) error {
	srv := &http.Server{
		Handler:           s.Handler(Hosts(ln.Addr()), opts),
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	<-served
	return ctx.Err()
}

// shutdownWait bounds how long Serve waits for runs to stop.
const shutdownWait = 3 * time.Second

// Handler serves the site's pages and, if the site is live, its runs, to
// requests addressed to one of hosts (the Host header a browser sends:
// "127.0.0.1:3999"). Requests for any other host, from a page of another
// origin, or cross-site posts are refused with 403: another web site, or
// one that rebinds its name to this machine, cannot start runs or send
// signals through it.
func (s *Site) Handler(hosts []string, opts ServeOptions) http.Handler {
	if opts.Slow == 0 {
		opts.Slow = 20
	}
	h := &handler{site: s, opts: opts, runs: map[string]*run{}, busy: make(chan struct{}, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", h.file)
	if s.live {
		mux.HandleFunc("POST /api/runs", h.start)
		mux.HandleFunc("GET /api/runs/{id}", h.stream)
		mux.HandleFunc("POST /api/runs/{id}/signal", h.signal)
	}
	protect := http.NewCrossOriginProtection()
	return guard(hosts, protect.Handler(mux))
}

// guard refuses requests whose Host is not one of hosts, or that come
// from a page of another origin.
func guard(hosts []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !slices.Contains(hosts, r.Host) {
			http.Error(w, fmt.Sprintf("refused: this server answers only to %s, not to Host %q", hosts[0], r.Host), http.StatusForbidden)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			http.Error(w, fmt.Sprintf("refused: a page of origin %q may not use this server", o), http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy lets a page use only the site's own files, and one
// inline style: the dark colours a live figure holds (figure.DarkStyle),
// allowed by its hash, so that a timeline drawn into the page follows a
// dark theme as the figures shown as images do.
var contentSecurityPolicy = func() string {
	css := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(figure.DarkStyle), "<style>"), "</style>")
	sum := sha256.Sum256([]byte(css))
	return "default-src 'self'; style-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
}()

type handler struct {
	site *Site
	opts ServeOptions
	busy chan struct{} // held by the run or check in progress: one at a time

	mu   sync.Mutex
	runs map[string]*run // started by a POST, by id
}

// run is a run asked for by a POST and played by the GET of its stream.
type run struct {
	kind     string // "run", "replay", "try" or "check"
	scenario string
	params   string // for "try": the learner's numbers, as flags
	asked    time.Time
	streamed bool
	signals  chan os.Signal // for a scenario that waits for SIGTERM
}

func (h *handler) file(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if p == "" {
		p = "index.html"
	}
	data, ok := h.site.pages[p]
	if !ok {
		// The built site's 404.html, its links from the root: the path
		// asked for may be in any folder.
		page, err := h.site.notFound("/")
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(page)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(data))
}

// runTTL is how long a run asked for waits for its stream.
const runTTL = 30 * time.Second

// start takes kind=run|replay|check and scenario=NAME, and answers with
// the run's id, whose stream plays it.
func (h *handler) start(w http.ResponseWriter, r *http.Request) {
	kind, name := r.FormValue("kind"), r.FormValue("scenario")
	switch kind {
	case "run":
		if _, ok := scenario.Lookup(name); !ok {
			http.Error(w, fmt.Sprintf("no scenario %q", name), http.StatusBadRequest)
			return
		}
	case "replay":
		if _, ok := h.site.recordings[name]; !ok {
			http.Error(w, fmt.Sprintf("no recording of scenario %q", name), http.StatusBadRequest)
			return
		}
	case "try":
		if h.opts.Try == nil {
			http.Error(w, "trying other numbers needs the course's source: run lessons serve from the course's folder", http.StatusBadRequest)
			return
		}
		if _, _, err := scenario.ParseTry(name + " " + r.FormValue("params")); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	case "check":
		if h.opts.Check == nil {
			http.Error(w, "no exercises to check here", http.StatusBadRequest)
			return
		}
	default:
		http.Error(w, fmt.Sprintf("kind must be run, replay, try or check, not %q", kind), http.StatusBadRequest)
		return
	}
	id := newID()
	h.mu.Lock()
	for old, ru := range h.runs {
		if !ru.streamed && time.Since(ru.asked) > runTTL {
			delete(h.runs, old)
		}
	}
	h.runs[id] = &run{kind: kind, scenario: name, params: r.FormValue("params"), asked: time.Now()}
	h.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"id": id})
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// signal sends SIGTERM to the run, not to the server: the scenario
// receives it on its Options.Signals.
func (h *handler) signal(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	ru := h.runs[r.PathValue("id")]
	h.mu.Unlock()
	if ru == nil || ru.signals == nil {
		http.Error(w, "no such run waiting for a signal", http.StatusNotFound)
		return
	}
	select {
	case ru.signals <- syscall.SIGTERM:
		w.WriteHeader(http.StatusNoContent)
	default:
		http.Error(w, "the run has its signals already", http.StatusConflict)
	}
}

// stream plays the run as server-sent events: "line" (a stamped line),
// "figure" (the timeline so far, as SVG), "end" ("ok" or the error) and,
// for a run another one holds up, "busy".
func (h *handler) stream(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	h.mu.Lock()
	ru := h.runs[id]
	if ru != nil && ru.streamed {
		ru = nil
	}
	if ru != nil {
		ru.streamed = true
	}
	h.mu.Unlock()
	if ru == nil {
		http.Error(w, "no such run", http.StatusNotFound)
		return
	}
	defer func() {
		h.mu.Lock()
		delete(h.runs, id)
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	out := &sse{w: w, rc: http.NewResponseController(w)}
	ctx := r.Context()
	var err error
	switch ru.kind {
	case "replay":
		err = h.replay(ctx, out, ru.scenario)
	default:
		select {
		case h.busy <- struct{}{}:
		default:
			out.send("busy", "another run is playing: wait for it to end")
			return
		}
		defer func() { <-h.busy }()
		if ru.kind == "check" {
			err = h.check(ctx, out)
		} else if ru.kind == "try" {
			err = h.try(ctx, out, ru)
		} else {
			err = h.live(ctx, out, id, ru)
		}
	}
	end := "ok"
	if err != nil {
		end = err.Error()
	}
	out.send("end", end)
}

// try plays the story with the learner's numbers on the virtual clock
// first (exact stamps, and the timeline drawn whole), then live on the
// real clock, as "lessons run N -cancel-after ..." does.
func (h *handler) try(ctx context.Context, out *sse, ru *run) error {
	spec := strings.TrimSpace(ru.scenario + " " + ru.params)
	name, p, err := scenario.ParseTry(spec)
	if err != nil {
		return err
	}
	out.send("line", "On the virtual clock, every stamp exact: "+spec)
	text, events, err := h.opts.Try(ctx, spec)
	if err != nil {
		return err
	}
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		out.send("line", l)
	}
	if t, _ := scenario.TryOf(name); slices.Contains(t.Takes, "step") {
		if svg, err := figure.Timeline(figure.Panel{Title: spec + " (virtual clock)", Events: events}); err == nil {
			out.send("figure", string(svg))
		}
	}
	out.send("line", "")
	out.send("line", "The same, live (real time):")
	return h.play(ctx, out, "Live run: real clock", func(ctx context.Context, w io.Writer) error {
		return scenario.PlayWith(ctx, name, p, w)
	})
}

// live runs the scenario on the real clock, streaming its lines and its
// timeline as they happen.
func (h *handler) live(ctx context.Context, out *sse, id string, ru *run) error {
	sc, _ := scenario.Lookup(ru.scenario)
	var opts scenario.Options
	if sc.WaitSignal {
		ch := make(chan os.Signal, 2)
		h.mu.Lock()
		ru.signals = ch
		h.mu.Unlock()
		opts.Signals = ch
	}
	return h.play(ctx, out, "Live run: real clock", func(ctx context.Context, w io.Writer) error {
		if sc.Live != nil {
			return sc.Live(ctx, w, opts)
		}
		return sc.Run(ctx, w)
	})
}

// play runs a story on the real clock, streaming its lines and its
// timeline (titled title) as they happen.
func (h *handler) play(ctx context.Context, out *sse, title string, story func(context.Context, io.Writer) error) error {
	f := newFeed()
	tw := transcript.NewWriter(f)
	w := &recorder{Writer: tw, feed: f}
	done := make(chan error, 1)
	go func() { done <- story(ctx, w) }()
	for {
		select {
		case <-f.ready:
			f.flush(out, title, tw.Events)
		case err := <-done:
			f.flush(out, title, tw.Events)
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return nil // the page went away
			}
			return err
		}
	}
}

// replay plays a scenario's recording on the virtual clock, Slow times
// slower, line by line and event by event, at the recorded instants.
func (h *handler) replay(ctx context.Context, out *sse, name string) error {
	rec := h.site.recordings[name]
	title := fmt.Sprintf("Replay of the recording: virtual clock, %d× slower", h.opts.Slow)
	var instants []time.Duration
	for _, l := range rec.Lines {
		instants = append(instants, l.At)
	}
	for _, e := range rec.Record {
		instants = append(instants, e.At)
	}
	slices.Sort(instants)
	instants = slices.Compact(instants)
	start := time.Now()
	li := 0
	for _, at := range instants {
		wait := time.Until(start.Add(at * time.Duration(h.opts.Slow)))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		for ; li < len(rec.Lines) && rec.Lines[li].At <= at; li++ {
			out.send("line", transcript.Stamp(rec.Lines[li].At)+" "+rec.Lines[li].Text)
		}
		var upTo []event.Event
		for _, e := range rec.Record {
			if e.At <= at {
				upTo = append(upTo, e)
			}
		}
		// The axis is the whole recording's from the start: it does not
		// rescale as the run grows.
		if svg, err := figure.Timeline(figure.Panel{Title: title, Events: upTo, Until: instants[len(instants)-1]}); err == nil && len(upTo) > 0 {
			out.send("figure", string(svg))
		}
	}
	return nil
}

// check streams what "lessons check" prints.
func (h *handler) check(ctx context.Context, out *sse) error {
	f := newFeed()
	done := make(chan error, 1)
	go func() { done <- h.opts.Check(ctx, f) }()
	for {
		select {
		case <-f.ready:
			f.flush(out, "", nil)
		case err := <-done:
			f.flush(out, "", nil)
			return err
		}
	}
}

// sse writes server-sent events.
type sse struct {
	w  io.Writer
	rc *http.ResponseController
}

// send writes one event; a write to a page that went away fails, and the
// run goes on to its end regardless (its context ends with the request).
func (s *sse) send(kind, data string) {
	var b strings.Builder
	fmt.Fprintf(&b, "event: %s\n", kind)
	for _, line := range strings.Split(data, "\n") {
		fmt.Fprintf(&b, "data: %s\n", line)
	}
	b.WriteString("\n")
	if _, err := io.WriteString(s.w, b.String()); err == nil {
		s.rc.Flush()
	}
}

// feed collects a run's whole lines and the news that its events changed,
// from any goroutine, without making the run wait for the network.
type feed struct {
	ready chan struct{} // has a value when there is news

	mu      sync.Mutex
	partial []byte
	lines   []string
	events  bool // events were recorded since the last flush
}

func newFeed() *feed { return &feed{ready: make(chan struct{}, 1)} }

func (f *feed) Write(p []byte) (int, error) {
	f.mu.Lock()
	f.partial = append(f.partial, p...)
	for {
		i := bytes.IndexByte(f.partial, '\n')
		if i < 0 {
			break
		}
		f.lines = append(f.lines, string(f.partial[:i]))
		f.partial = f.partial[i+1:]
	}
	f.mu.Unlock()
	f.poke()
	return len(p), nil
}

func (f *feed) eventRecorded() {
	f.mu.Lock()
	f.events = true
	f.mu.Unlock()
	f.poke()
}

func (f *feed) poke() {
	select {
	case f.ready <- struct{}{}:
	default:
	}
}

// flush sends the lines gathered so far and, if events came, the
// timeline of all of them.
func (f *feed) flush(out *sse, title string, events func() []event.Event) {
	f.mu.Lock()
	lines, changed := f.lines, f.events
	f.lines, f.events = nil, false
	f.mu.Unlock()
	for _, l := range lines {
		out.send("line", l)
	}
	if changed && events != nil {
		if svg, err := figure.Timeline(figure.Panel{Title: title, Events: events()}); err == nil {
			out.send("figure", string(svg))
		}
	}
}

// recorder is the writer a live run writes to: a transcript.Writer that
// also tells the feed when an event is recorded.
type recorder struct {
	*transcript.Writer
	feed *feed
}

func (r *recorder) Record(e event.Event) {
	r.Writer.Record(e)
	r.feed.eventRecorded()
}
