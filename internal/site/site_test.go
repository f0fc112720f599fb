package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"

	cancellation "example.com/cancellation"
	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/event"
)

func loadLessons(t *testing.T) []course.Lesson {
	t.Helper()
	lessons, err := course.Load(os.DirFS("../../lessons"), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	return lessons
}

// sites are the two sites, made once: a Site does not change once made.
var sites = [2]func() (*Site, error){
	sync.OnceValues(func() (*Site, error) { return makeSite(false) }),
	sync.OnceValues(func() (*Site, error) { return makeSite(true) }),
}

func makeSite(live bool) (*Site, error) {
	lessons, err := course.Load(os.DirFS("../../lessons"), "lessons")
	if err != nil {
		return nil, err
	}
	return New(lessons, cancellation.Recordings, Options{Live: live})
}

func newSite(t *testing.T, live bool) *Site {
	t.Helper()
	k := 0
	if live {
		k = 1
	}
	s, err := sites[k]()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var hrefs = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// Making the pages only reads the course's parsed tree: every link and
// image in it still goes where its markdown says, for show and walk to
// print after the site is made (a served site and walk share the lessons).
func TestThePagesLeaveTheTreeAsParsed(t *testing.T) {
	lessons := loadLessons(t)
	if _, err := New(lessons, cancellation.Recordings, Options{Live: true}); err != nil {
		t.Fatal(err)
	}
	for _, l := range lessons {
		for _, d := range []*course.Doc{l.Doc, l.Answer} {
			if d == nil {
				continue
			}
			var want, got []string
			for _, sec := range d.Sections {
				for _, link := range sec.Links {
					want = append(want, link.Target)
				}
			}
			ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n := n.(type) {
				case *ast.Link:
					if entering {
						got = append(got, string(n.Destination))
					}
				case *ast.Image:
					if entering {
						got = append(got, string(n.Destination))
					}
				}
				return ast.WalkContinue, nil
			})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: the links in the tree after New (-as parsed +now):\n%s", d.File, diff)
			}
		}
	}
}

// Every link of every page, static or live, leads to a file of the site;
// none is a raw markdown path.
func TestEveryLinkLeadsToAPage(t *testing.T) {
	for _, live := range []bool{false, true} {
		s := newSite(t, live)
		for _, p := range s.Paths() {
			if path.Ext(p) != ".html" {
				continue
			}
			page, _ := s.File(p)
			for _, m := range hrefs.FindAllStringSubmatch(string(page), -1) {
				u, err := url.Parse(m[1])
				if err != nil {
					t.Errorf("%s: bad link %q: %v", p, m[1], err)
					continue
				}
				if u.Scheme != "" || u.Path == "" || strings.HasPrefix(m[1], "?") {
					continue // the web, or a place on the same page
				}
				target := path.Join(path.Dir(p), u.Path)
				if _, ok := s.File(target); !ok {
					t.Errorf("%s links to %q, which is no file of the site (live=%v)", p, m[1], live)
				}
			}
			if strings.Contains(string(page), "](../") || strings.Contains(string(page), `.md"`) {
				t.Errorf("%s has a raw markdown link", p)
			}
		}
	}
}

func TestALessonPageLinksItsNeighbours(t *testing.T) {
	s := newSite(t, false)
	page, ok := s.File("lessons/03-checking-between-steps.html")
	if !ok {
		t.Fatalf("no page for lesson 3; the site has %q", s.Paths())
	}
	for _, want := range []string{
		`<a rel="prev" href="02-the-flag.html">`,
		`<a rel="next" href="04-hot-loops.html">`,
		`<img src="../figures/std-main.svg" alt="Timeline: std: cancel at 35ms, seen at the next check">`,
		`<section class="slide" id="section-question">`,
		"<summary>The timeline in words</summary>\n<pre>std: cancel at 35ms, seen at the next check. The cancel comes at 35ms.\n- task 1: starts at 0ms; step 0 ends at 10ms;",
		`class="chroma"`, // highlighted code
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("lesson 3's page lacks %s", want)
		}
	}
	if strings.Contains(string(page), `data-action="run"`) {
		t.Error("the static site has a Run button, which needs the server")
	}
	live, _ := newSite(t, true).File("lessons/03-checking-between-steps.html")
	if !strings.Contains(string(live), `data-scenario="std-main"`) {
		t.Error("the live lesson 3 has no run panel for std-main")
	}
}

func TestTheIndexListsEveryLesson(t *testing.T) {
	lessons := loadLessons(t)
	index, _ := newSite(t, false).File("index.html")
	for _, l := range lessons {
		want := `href="lessons/` + strings.TrimSuffix(l.FileName(), ".md") + `.html"`
		if !strings.Contains(string(index), want) {
			t.Errorf("the index does not link lesson %d (%s)", l.Number, want)
		}
	}
}

const host = "127.0.0.1:3999"

func request(method, target string, header map[string]string, body string) *http.Request {
	r := httptest.NewRequest(method, "http://"+host+target, strings.NewReader(body))
	if method == http.MethodPost {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	if h, ok := header["Host"]; ok {
		r.Host = h
	}
	return r
}

// A web page elsewhere, or a name rebound to this machine, cannot use the
// server: requests for another Host, from another Origin, or cross-site
// posts are refused.
func TestRefusesOtherHostsAndOrigins(t *testing.T) {
	h := newSite(t, true).Handler([]string{host, "localhost:3999"}, ServeOptions{})
	tests := []struct {
		name   string
		req    *http.Request
		status int
	}{
		{"its own page", request("GET", "/", nil, ""), 200},
		{"by the name localhost", request("GET", "/", map[string]string{"Host": "localhost:3999"}, ""), 200},
		{"a rebound name", request("GET", "/", map[string]string{"Host": "evil.example:3999"}, ""), 403},
		{"another port", request("GET", "/", map[string]string{"Host": "127.0.0.1:80"}, ""), 403},
		{"a run from its own page", request("POST", "/api/runs", map[string]string{"Origin": "http://" + host, "Sec-Fetch-Site": "same-origin"}, "kind=replay&scenario=std-main"), 200},
		{"a run from another origin", request("POST", "/api/runs", map[string]string{"Origin": "http://evil.example"}, "kind=replay&scenario=std-main"), 403},
		{"a cross-site post without Origin", request("POST", "/api/runs", map[string]string{"Sec-Fetch-Site": "cross-site"}, "kind=run&scenario=std-main"), 403},
		{"a signal from another origin", request("POST", "/api/runs/x/signal", map[string]string{"Origin": "https://evil.example"}, ""), 403},
		{"a stream read by another origin", request("GET", "/api/runs/x", map[string]string{"Origin": "https://evil.example"}, ""), 403},
		{"an unknown scenario", request("POST", "/api/runs", nil, "kind=run&scenario=nope"), 400},
		{"an unknown kind", request("POST", "/api/runs", nil, "kind=rm&scenario=std-main"), 400},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, tt.req)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d (%s)", tt.name, rec.Code, tt.status, strings.TrimSpace(rec.Body.String()))
		}
	}
}

func TestTheStaticSiteHasNoRuns(t *testing.T) {
	h := newSite(t, false).Handler([]string{host}, ServeOptions{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, request("POST", "/api/runs", nil, "kind=replay&scenario=std-main"))
	if rec.Code == 200 {
		t.Error("a site built without Live started a run")
	}
}

// events is a stream of server-sent events, read as they come.
type events struct {
	mu     sync.Mutex
	header http.Header
	buf    strings.Builder
	more   chan struct{}
}

func newEvents() *events { return &events{header: http.Header{}, more: make(chan struct{}, 1)} }

func (e *events) Header() http.Header { return e.header }
func (e *events) WriteHeader(int)     {}
func (e *events) Flush()              {}
func (e *events) Write(p []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.buf.Write(p)
	select {
	case e.more <- struct{}{}:
	default:
	}
	return len(p), nil
}

type message struct{ kind, data string }

// messages parses what was streamed so far.
func (e *events) messages() []message {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []message
	for _, block := range strings.Split(e.buf.String(), "\n\n") {
		if block == "" {
			continue
		}
		var m message
		var data []string
		for _, line := range strings.Split(block, "\n") {
			if k, ok := strings.CutPrefix(line, "event: "); ok {
				m.kind = k
			} else if d, ok := strings.CutPrefix(line, "data: "); ok {
				data = append(data, d)
			}
		}
		m.data = strings.Join(data, "\n")
		out = append(out, m)
	}
	return out
}

func lines(ms []message) []string {
	var out []string
	for _, m := range ms {
		if m.kind == "line" {
			out = append(out, m.data)
		}
	}
	return out
}

func startRun(t *testing.T, h http.Handler, form string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, request("POST", "/api/runs", nil, form))
	if rec.Code != 200 {
		t.Fatalf("POST %s: %d %s", form, rec.Code, rec.Body)
	}
	id, ok := strings.CutPrefix(strings.TrimSpace(rec.Body.String()), `{"id":"`)
	if !ok {
		t.Fatalf("POST %s: no id in %s", form, rec.Body)
	}
	return strings.TrimSuffix(id, `"}`)
}

var stdMain = []string{
	"[  10ms] Step 0 complete",
	"[  20ms] Step 1 complete",
	"[  30ms] Step 2 complete",
	"[  35ms] Cancelling...",
	"[  40ms] Step 3 complete",
	"[  40ms] Cancelled: cancelled at step 4",
	"[  50ms] Step 0 complete",
	"[  60ms] Step 1 complete",
	"[  70ms] Step 2 complete",
	"[  70ms] Result: completed all 3 steps",
}

// A replay plays the recording at its recorded instants, slowed down:
// the same lines, the timeline growing as they come, over 20 times the
// recorded 70ms.
func TestReplayPlaysTheRecording(t *testing.T) {
	s := newSite(t, true)
	synctest.Test(t, func(t *testing.T) {
		h := s.Handler([]string{host}, ServeOptions{Slow: 20})
		id := startRun(t, h, "kind=replay&scenario=std-main")
		out := newEvents()
		start := time.Now()
		h.ServeHTTP(out, request("GET", "/api/runs/"+id, nil, ""))
		if took, want := time.Since(start), 20*70*time.Millisecond; took != want {
			t.Errorf("the replay took %v, want %v (20 times the recording)", took, want)
		}
		ms := out.messages()
		if diff := cmp.Diff(stdMain, lines(ms)); diff != "" {
			t.Errorf("replayed lines (-recorded +replayed):\n%s", diff)
		}
		figures := 0
		for _, m := range ms {
			if m.kind == "figure" {
				figures++
				if !strings.HasPrefix(m.data, "<svg") {
					t.Errorf("a figure message is not SVG: %.40q", m.data)
				}
			}
		}
		if figures < 5 {
			t.Errorf("the timeline was drawn %d times, want one per instant with events", figures)
		}
		if last := ms[len(ms)-1]; last != (message{"end", "ok"}) {
			t.Errorf("last message %v, want end ok", last)
		}
	})
}

// A live run streams what the scenario prints as it prints it: on the
// virtual clock, exactly its recording.
func TestALiveRunStreamsTheScenario(t *testing.T) {
	s := newSite(t, true)
	synctest.Test(t, func(t *testing.T) {
		h := s.Handler([]string{host}, ServeOptions{})
		id := startRun(t, h, "kind=run&scenario=std-main")
		out := newEvents()
		h.ServeHTTP(out, request("GET", "/api/runs/"+id, nil, ""))
		ms := out.messages()
		if diff := cmp.Diff(stdMain, lines(ms)); diff != "" {
			t.Errorf("streamed lines (-recorded +streamed):\n%s", diff)
		}
		if last := ms[len(ms)-1]; last != (message{"end", "ok"}) {
			t.Errorf("last message %v, want end ok", last)
		}
		// The stream is played once: a second GET finds nothing.
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, request("GET", "/api/runs/"+id, nil, ""))
		if rec.Code != 404 {
			t.Errorf("a second GET of the run: %d, want 404", rec.Code)
		}
	})
}

// The SIGTERM button signals the run, not the server: the pool stops on
// it, with the signal as its cause.
func TestSignalGoesToTheRun(t *testing.T) {
	s := newSite(t, true)
	synctest.Test(t, func(t *testing.T) {
		h := s.Handler([]string{host}, ServeOptions{})
		id := startRun(t, h, "kind=run&scenario=graceful-shutdown")
		out := newEvents()
		done := make(chan struct{})
		go func() {
			defer close(done)
			h.ServeHTTP(out, request("GET", "/api/runs/"+id, nil, ""))
		}()
		synctest.Wait() // the pool is ready and waits for its signal
		if got := lines(out.messages()); len(got) == 0 || !strings.Contains(got[0], "ready: send SIGTERM (the button)") {
			t.Fatalf("the run began %q, want its ready line", got)
		}
		time.Sleep(25 * time.Millisecond)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, request("POST", "/api/runs/"+id+"/signal", nil, ""))
		if rec.Code != http.StatusNoContent {
			t.Fatalf("signal: %d %s", rec.Code, rec.Body)
		}
		<-done
		got := strings.Join(lines(out.messages()), "\n")
		for _, want := range []string{"stop (terminated signal received): no new jobs", "lost=0"} {
			if !strings.Contains(got, want) {
				t.Errorf("the run does not say %q:\n%s", want, got)
			}
		}
	})
}

// One run at a time plays: a second one is told to wait, not started.
func TestOneRunAtATime(t *testing.T) {
	s := newSite(t, true)
	synctest.Test(t, func(t *testing.T) {
		h := s.Handler([]string{host}, ServeOptions{})
		first := startRun(t, h, "kind=run&scenario=graceful-shutdown")
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() {
			defer close(done)
			h.ServeHTTP(newEvents(), request("GET", "/api/runs/"+first, nil, "").WithContext(ctx))
		}()
		synctest.Wait()
		second := newEvents()
		h.ServeHTTP(second, request("GET", "/api/runs/"+startRun(t, h, "kind=run&scenario=std-main"), nil, ""))
		if ms := second.messages(); len(ms) != 1 || ms[0].kind != "busy" {
			t.Errorf("a second run got %v, want one busy message", ms)
		}
		cancel() // the page goes away: its run stops as a shutdown does
		<-done
	})
}

func TestListenOnlyOnLoopback(t *testing.T) {
	for _, tt := range []struct{ addr, says string }{
		{"0.0.0.0:0", "is not a loopback address"},
		{":0", "is not a loopback address"},
		{"example.com:80", "is not a loopback address"},
		{"192.168.1.1:3999", "is not a loopback address"},
		{"nonsense", "want HOST:PORT"},
		{":abc", "the port must be a number"},
		{"127.0.0.1:99999", "the port must be a number"},
	} {
		ln, err := Listen(tt.addr)
		if err == nil {
			ln.Close()
		}
		var bad *AddrError
		if !errors.As(err, &bad) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("Listen(%q): %v, want an AddrError that says %q", tt.addr, err, tt.says)
		}
	}
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// Its port again, while it is held: in use, and says how to get another.
	_, err = Listen(ln.Addr().String())
	var inUse *InUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), "-addr 127.0.0.1:0") {
		t.Errorf("Listen on a port in use: %v, want an InUseError that suggests -addr 127.0.0.1:0", err)
	}
}

// Serve answers on its listener and, when its context ends, shuts down
// and returns the context's error.
func TestServeStopsWithItsContext(t *testing.T) {
	s := newSite(t, true)
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, ServeOptions{}) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/lessons/01-why-cancel.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Why cancel") {
		t.Errorf("GET lesson 1: %d, %.80q", resp.StatusCode, body)
	}
	cancel()
	if err := <-served; !errors.Is(err, context.Canceled) {
		t.Errorf("Serve returned %v, want context.Canceled", err)
	}
}

func TestBuildWritesTheSite(t *testing.T) {
	s := newSite(t, false)
	dir := t.TempDir() + "/site"
	n, err := s.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(s.Paths()) {
		t.Errorf("Build wrote %d files, the site has %d", n, len(s.Paths()))
	}
	for _, p := range []string{"index.html", "lessons/03-checking-between-steps.html", "figures/std-main.svg", "course.js", "404.html", "lessons/what-next.html"} {
		if _, err := os.Stat(dir + "/" + p); err != nil {
			t.Errorf("the built site lacks %s: %v", p, err)
		}
	}
	// A previous build is replaced, whole: a file the new one does not
	// write is gone.
	stale := filepath.Join(dir, "lessons", "99-gone.html")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(dir); err != nil {
		t.Errorf("Build did not replace its own previous build: %v", err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("Build replaced its previous build but left a file of the old one")
	}
	// Any other folder that is not empty is left alone.
	other := t.TempDir()
	mine := filepath.Join(other, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(other); err == nil || !strings.Contains(err.Error(), "not empty, and not a previous build") {
		t.Errorf("Build into a folder of the user's: %v, want an error saying it is not a previous build", err)
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Errorf("Build touched a folder of the user's: %q, %v", data, err)
	}
	// A folder whose parent is missing: one clear line, no temporary name.
	_, err = s.Build(filepath.Join(t.TempDir(), "no", "such", "site"))
	if err == nil || strings.Contains(err.Error(), ".build-") || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Build under a missing folder: %v, want it to say the folder does not exist, and no temporary name", err)
	}
	if slices.ContainsFunc(s.Paths(), func(p string) bool { return strings.HasSuffix(p, "-notes.html") }) {
		t.Error("the static site holds the speaker's notes, the answers a learner should try first")
	}
}

// The index's button streams what "lessons check" says.
func TestCheckStreamsTheExercisesStatus(t *testing.T) {
	s := newSite(t, true)
	check := func(ctx context.Context, w io.Writer) error {
		_, err := io.WriteString(w, "1/22 exercises pass\n\n  [x] 02-share-the-flag\n")
		return err
	}
	h := s.Handler([]string{host}, ServeOptions{Check: check})
	out := newEvents()
	h.ServeHTTP(out, request("GET", "/api/runs/"+startRun(t, h, "kind=check"), nil, ""))
	want := []message{{"line", "1/22 exercises pass"}, {"line", ""}, {"line", "  [x] 02-share-the-flag"}, {"end", "ok"}}
	if diff := cmp.Diff(want, out.messages(), cmp.AllowUnexported(message{})); diff != "" {
		t.Errorf("check's stream (-want +got):\n%s", diff)
	}
	rec := httptest.NewRecorder()
	s.Handler([]string{host}, ServeOptions{}).ServeHTTP(rec, request("POST", "/api/runs", nil, "kind=check"))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("a check where there are no exercises: %d, want 400", rec.Code)
	}
}

// sayTwice is a link to a file with no page whose text is its path: the
// text, then the path again.
var sayTwice = regexp.MustCompile(`<code>([^<]+)</code> <code class="repo-path">([^<]+)</code>`)

// A link to a folder whose text is the folder's path says it once.
func TestAFolderLinkSaysItsPathOnce(t *testing.T) {
	for _, live := range []bool{false, true} {
		s := newSite(t, live)
		for _, p := range s.Paths() {
			page, _ := s.File(p)
			for _, m := range sayTwice.FindAllStringSubmatch(string(page), -1) {
				if strings.TrimSuffix(m[2], "/") == m[1] {
					t.Errorf("%s says %s twice: %s", p, m[1], m[0])
				}
			}
		}
	}
	page, _ := newSite(t, false).File("lessons/03-checking-between-steps.html")
	want := `<code class="repo-path" title="exercises/03-check-the-token/, in your clone of the repository">exercises/03-check-the-token</code>`
	if !strings.Contains(string(page), want) {
		t.Errorf("lesson 3's exercise link is not %s", want)
	}
}

var slideOrRun = regexp.MustCompile(`<section class="slide" id="([^"]+)">|<div class="run" data-kind="run" data-scenario="([^"]+)">`)

// runPanels is where each run panel of a page is: by scenario, the id of
// its section; a scenario with two panels is listed twice, comma-separated.
func runPanels(page []byte) map[string]string {
	at := map[string]string{}
	section := ""
	for _, m := range slideOrRun.FindAllStringSubmatch(string(page), -1) {
		if m[1] != "" {
			section = m[1]
			continue
		}
		if at[m[2]] != "" {
			at[m[2]] += ","
		}
		at[m[2]] += section
	}
	return at
}

// Each scenario's run panel sits in the section that explains it: where
// the lesson first shows its recording, else its story's code, else in
// "The run"; once per scenario, in every lesson.
func TestARunPanelSitsWhereItsScenarioIsExplained(t *testing.T) {
	s := newSite(t, true)
	want := map[string]map[string]string{
		"03-checking-between-steps": {"std-main": "section-the-run", "cancelled-before-start": "section-cancelled-before-it-starts"},
		"16-cancelling-what-blocks": {"blocking-read": "section-the-run", "child-processes": "section-child-processes", "process-group": "section-the-childs-children"},
		"18-signals":                {"hard-deadline": "section-the-run", "signals": "section-the-run"},
		"10-graceful-shutdown":      {"graceful-shutdown": "section-the-run"},
	}
	for _, l := range s.lessons {
		name := strings.TrimSuffix(l.FileName(), ".md")
		page, _ := s.File("lessons/" + name + ".html")
		got := runPanels(page)
		for _, sc := range l.Scenarios {
			if strings.Contains(got[sc], ",") || got[sc] == "" {
				t.Errorf("lesson %d: scenario %s has panels in %q, want one", l.Number, sc, got[sc])
			}
		}
		if w, ok := want[name]; ok {
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("lesson %d's run panels, by scenario (-want +got):\n%s", l.Number, diff)
			}
		}
	}
}

func TestStoryOf(t *testing.T) {
	for _, tt := range []struct {
		decl, name string
		want       bool
	}{
		{"ChildProcessLive", "child-processes", true},
		{"ProcessGroupLive", "process-group", true},
		{"HardDeadline", "hard-deadline", true},
		{"SignalsLive", "signals", true},
		{"Live", "live", true},
		{"ProcessGroupLive", "child-processes", false},
		{"startReady", "std-main", false},
		{"HardDeadline", "hard", false},
	} {
		if got := storyOf(tt.decl, tt.name); got != tt.want {
			t.Errorf("storyOf(%q, %q) = %v, want %v", tt.decl, tt.name, got, tt.want)
		}
	}
}

// The index groups the lessons in the README's parts, a heading each,
// every lesson in one part, in order.
func TestTheIndexGroupsTheLessonsInParts(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	prose := strings.Join(strings.Fields(string(readme)), " ")
	for _, p := range parts {
		says := fmt.Sprintf("Lessons %d to %d", p.First, p.Last)
		if p.First+1 == p.Last {
			says = fmt.Sprintf("Lesson %d", p.First)
		}
		if !strings.Contains(prose, says) {
			t.Errorf("the README does not say %q: the parts of the index (%s) are not the README's", says, p.Title)
		}
	}
	s := newSite(t, false)
	index, _ := s.File("index.html")
	var got []string
	for _, m := range regexp.MustCompile(`<h2 id="part-\d+">([^<]+)|<li value="(\d+)">`).FindAllStringSubmatch(string(index), -1) {
		if m[1] != "" {
			got = append(got, "# "+strings.TrimSpace(m[1]))
		} else {
			got = append(got, m[2])
		}
	}
	var want []string
	for _, p := range parts {
		want = append(want, "# "+p.Title)
		for _, l := range s.lessons {
			if l.Number >= p.First && l.Number <= p.Last {
				want = append(want, fmt.Sprint(l.Number))
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the index's parts and lessons (-want +got):\n%s", diff)
	}
	if n := strings.Count(string(index), "<li value="); n != len(s.lessons) {
		t.Errorf("the index lists %d lessons, want %d, each once", n, len(s.lessons))
	}
}

var tocLinks = regexp.MustCompile(`<nav class="toc"[^>]*>(?s:(.*?))</nav>`)

// A lesson of more than tocAfter sections opens with a table of contents
// that links every section; a shorter one has none.
func TestALongLessonHasContents(t *testing.T) {
	s := newSite(t, false)
	long := 0
	for _, l := range s.lessons {
		page, _ := s.File("lessons/" + strings.TrimSuffix(l.FileName(), ".md") + ".html")
		toc := tocLinks.FindStringSubmatch(string(page))
		headed := len(l.Sections) - 1
		if headed <= tocAfter {
			if toc != nil {
				t.Errorf("lesson %d has %d sections, and a table of contents", l.Number, headed)
			}
			continue
		}
		long++
		if toc == nil {
			t.Errorf("lesson %d has %d sections, and no table of contents", l.Number, headed)
			continue
		}
		for _, sec := range l.Sections[1:] {
			if want := fmt.Sprintf(`<a href="#%s">`, sectionID(sec)); !strings.Contains(toc[1], want) {
				t.Errorf("lesson %d's contents lack %s", l.Number, want)
			}
		}
	}
	if long == 0 {
		t.Error("no lesson is long enough for contents: the test shows nothing")
	}
}

// The guides come in a reader's order, the performance report and the
// languages first; the instructors' guide has a group of its own, last.
func TestTheGuidesInAReadersOrder(t *testing.T) {
	index, _ := newSite(t, false).File("index.html")
	var got []string
	for _, m := range regexp.MustCompile(`<h2 id="(guides|teaching)">|<li><a href="docs/([a-z-]+)\.html">`).FindAllStringSubmatch(string(index), -1) {
		got = append(got, m[1]+m[2])
	}
	want := []string{"guides", "performance", "ocaml-and-go", "python-and-go", "rust-and-go", "javascript-and-go", "java-and-go", "dotnet-and-go", "teaching", "instructors"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the index's guides (-want +got):\n%s", diff)
	}
}

// After the last lesson comes a page that says what next.
func TestTheLastLessonLeadsToWhatNext(t *testing.T) {
	s := newSite(t, false)
	last := s.lessons[len(s.lessons)-1]
	page, _ := s.File("lessons/" + strings.TrimSuffix(last.FileName(), ".md") + ".html")
	if want := `<a rel="next" href="what-next.html">What next →</a>`; !strings.Contains(string(page), want) {
		t.Errorf("lesson %d lacks %s", last.Number, want)
	}
	next, ok := s.File(whatNext)
	if !ok {
		t.Fatalf("the site has no %s", whatNext)
	}
	prev := `rel="prev" href="` + strings.TrimSuffix(last.FileName(), ".md") + `.html"`
	for _, want := range []string{"go run ./lessons check", `href="../docs/performance.html"`, `href="../docs/instructors.html"`, prev} {
		if !strings.Contains(string(next), want) {
			t.Errorf("the last page lacks %s", want)
		}
	}
}

// A path the site does not have gets a page that links home: served with
// 404, and written by Build as 404.html.
func TestAnUnknownPathGetsAPageThatLinksHome(t *testing.T) {
	s := newSite(t, true)
	h := s.Handler([]string{host}, ServeOptions{})
	for _, p := range []string{"/nope", "/lessons/99-nope.html", "/docs/figures/x/y.svg"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, request("GET", p, nil, ""))
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `<a href="/index.html">`) || !strings.Contains(rec.Body.String(), `href="/style.css"`) {
			t.Errorf("GET %s: %d %q, want 404 and a page that links /index.html", p, rec.Code, rec.Body.String())
		}
	}
	page, ok := newSite(t, false).File("404.html")
	if !ok || !strings.Contains(string(page), `<a href="index.html">`) {
		t.Errorf("the built site's 404.html: %q", page)
	}
}

// A run panel whose story takes a learner's numbers has a form for them;
// its Try plays the story with them on the virtual clock first (through
// ServeOptions.Try), its timeline drawn whole, then live. Numbers the
// story cannot take are refused with the line that says why.
func TestTryPlaysTheLearnersNumbers(t *testing.T) {
	s := newSite(t, true)
	page, _ := s.File("lessons/03-checking-between-steps.html")
	for _, want := range []string{`<form class="try" hidden>`, `<input name="cancel-after" value="35ms"`, `<input name="steps" value="10"`, `<input name="step" value="10ms"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("lesson 3's run panel lacks %s", want)
		}
	}
	var asked string
	try := func(ctx context.Context, spec string) (string, []event.Event, error) {
		asked = spec
		return "[  10ms] Step 0 complete\n[  30ms] Cancelling...\n", []event.Event{
			{At: 10 * time.Millisecond, Kind: event.Step, Task: "task 1"},
			{At: 30 * time.Millisecond, Kind: event.Cancel},
		}, nil
	}
	h := s.Handler([]string{host}, ServeOptions{Try: try})

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, request("POST", "/api/runs", nil, "kind=try&scenario=std-main&params=-cancel-after+-5ms"))
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "-cancel-after must be from 0s") {
		t.Errorf("a negative cancel: %d %q, want 400 saying why", rec.Code, rec.Body.String())
	}

	out := newEvents()
	h.ServeHTTP(out, request("GET", "/api/runs/"+startRun(t, h, "kind=try&scenario=std-main&params=-cancel-after+30ms+-steps+2"), nil, ""))
	if asked != "std-main -cancel-after 30ms -steps 2" {
		t.Errorf("Try was asked for %q", asked)
	}
	var kinds []string
	var text strings.Builder
	for _, m := range out.messages() {
		kinds = append(kinds, m.kind)
		if m.kind == "line" {
			text.WriteString(m.data + "\n")
		}
	}
	got := text.String()
	for _, want := range []string{"On the virtual clock, every stamp exact: std-main -cancel-after 30ms -steps 2\n[  10ms] Step 0 complete\n[  30ms] Cancelling...\n", "The same, live (real time):\n", "Result: completed all 3 steps"} {
		if !strings.Contains(got, want) {
			t.Errorf("the try's lines lack %q:\n%s", want, got)
		}
	}
	if !slices.Contains(kinds, "figure") || kinds[len(kinds)-1] != "end" {
		t.Errorf("the try's stream: %q; want a figure and an end", kinds)
	}
}
