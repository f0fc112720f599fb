package site

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/golden"
)

// liveMain is the shape of the std-main scenario on a real clock.
var liveMain = regexp.MustCompile(`(?s)^(\[ *\d+ms\] Step \d complete\n)*\[ *\d+ms\] Cancelling\.\.\.\n.*\[ *\d+ms\] Cancelled: cancelled at step \d\n(\[ *\d+ms\] Step \d complete\n){3}\[ *\d+ms\] Result: completed all 3 steps\n$`)

// browser finds Chromium, or skips the test saying what to install.
func browser(t *testing.T) string {
	t.Helper()
	golden.SkipUnlessLong(t, "browser", "the browser tests start Chromium")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium: install Debian's chromium (apt-get install chromium) to run the browser tests")
	return ""
}

// screenshots is where the tests leave their screenshots: the folder
// named by COURSE_SCREENSHOTS, or the test's own temporary one.
func screenshots(t *testing.T) string {
	if dir := os.Getenv("COURSE_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// TestInABrowser serves the course and uses it as a learner and an
// instructor would, in headless Chromium: the index, a lesson, next and
// previous, a live run whose timeline appears as it runs, a replay, the
// SIGTERM button of lesson 10, and presenter mode.
func TestInABrowser(t *testing.T) {
	exe := browser(t)
	shots := screenshots(t)
	s := newSite(t, true)
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	serving, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	// The virtual clock's run of a learner's numbers is the lessons
	// command's (go test in the course's source); here, a stand-in that
	// says what it was asked.
	try := func(ctx context.Context, spec string) (string, []event.Event, error) {
		return "[  30ms] Cancelling...\n[  30ms] virtual run of: " + spec + "\n", []event.Event{
			{At: 10 * time.Millisecond, Kind: event.Step, Task: "task 1"},
			{At: 30 * time.Millisecond, Kind: event.Cancel},
		}, nil
	}
	go func() { served <- s.Serve(serving, ln, ServeOptions{Slow: 20, Try: try}) }()
	defer func() {
		stop()
		if err := <-served; !errors.Is(err, context.Canceled) {
			t.Errorf("Serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String() + "/"

	// The flags a headless Chromium needs on a closed network, as root.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(alloc)
	defer cancelCtx()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second) // a bound, not a measurement
	defer cancelTimeout()

	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("the text of %s: %v", sel, err)
		}
		return s
	}
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}

	do("open the index", chromedp.Navigate(base))
	shot("index")
	if n := eval(`document.querySelectorAll("ol.lessons li").length`); n != len(s.lessons) {
		t.Errorf("the index lists %d lessons, want %d", n, len(s.lessons))
	}

	do("follow the index to lesson 3, then next and previous",
		chromedp.Click(chromedp.CSS(`a[href="lessons/03-checking-between-steps.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-lesson="3"]`)),
		chromedp.Click(chromedp.CSS(`header a[rel=next]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-lesson="4"]`)),
		chromedp.Click(chromedp.CSS(`header a[rel=prev]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-lesson="3"]`)),
	)
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if title := text("h1"); !strings.Contains(title, "Checking between steps") || !strings.HasSuffix(url, "/lessons/03-checking-between-steps.html") {
		t.Errorf("after next and previous: title %q at %s, want lesson 3", title, url)
	}

	panel := `.run[data-scenario="std-main"]`
	do("run lesson 3's scenario live",
		chromedp.Click(chromedp.CSS(panel+` button[data-action=run]`)),
		chromedp.WaitVisible(chromedp.CSS(panel+`[data-state=done] .live-figure svg`)),
	)
	// A real clock: the structure is checked, not the times or the step
	// the cancel is seen at, which depend on the machine's load.
	if log := text(panel + ` .live-log`); !liveMain.MatchString(log) {
		t.Errorf("the live run printed:\n%s\nwant the cancel and its report, then the second task's whole run", log)
	}
	if n := eval(`Number(document.querySelector('.run[data-scenario="std-main"] .live-figure').dataset.updates)`); n < 2 {
		t.Errorf("the timeline was drawn %d times during the run, want it to grow as the run went", n)
	}

	do("replay it exactly, and look mid-run",
		chromedp.Click(chromedp.CSS(panel+` button[data-action=replay]`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('.run[data-scenario="std-main"] .live-log').textContent.split("\n").length > 5`),
		chromedp.ScrollIntoView(chromedp.CSS(panel)),
	)
	shot("lesson-3-mid-run")
	if n := eval(`[...document.querySelectorAll('.run[data-scenario="std-main"] .live-figure svg text')].filter(t => t.textContent === "task 1").length`); n == 0 {
		t.Error("mid-replay, the timeline has no lane for task 1")
	}
	do("wait for the replay's end", chromedp.WaitVisible(chromedp.CSS(panel+`[data-state=done]`)))
	if log := text(panel + ` .live-log`); !strings.HasPrefix(log, "[  10ms] Step 0 complete\n") || !strings.Contains(log, "[  40ms] Cancelled: cancelled at step 4\n") {
		t.Errorf("the replay printed:\n%s\nwant the recording's exact stamps", log)
	}

	do("try lesson 3's story with a cancel at 30ms and 4 steps, from the run panel's form",
		chromedp.SetValue(chromedp.CSS(panel+` form.try input[name=cancel-after]`), "30ms"),
		chromedp.SetValue(chromedp.CSS(panel+` form.try input[name=steps]`), "4"),
		chromedp.Click(chromedp.CSS(panel+` form.try button[data-action=try]`)),
		chromedp.WaitVisible(chromedp.CSS(panel+`[data-state=done] .live-figure svg`)),
		chromedp.ScrollIntoView(chromedp.CSS(panel)),
	)
	shot("lesson-3-try")
	if log := text(panel + ` .live-log`); !strings.Contains(log, "virtual run of: std-main -cancel-after 30ms -steps 4 -step 10ms\n") || !strings.Contains(log, "The same, live (real time):\n") || !strings.Contains(log, "Result: completed all 3 steps") {
		t.Errorf("the try printed:\n%s\nwant the virtual run of the numbers typed, then the live one", log)
	}
	do("a number the story cannot take is refused, with why",
		chromedp.SetValue(chromedp.CSS(panel+` form.try input[name=step]`), "0s"),
		chromedp.Click(chromedp.CSS(panel+` form.try button[data-action=try]`)),
		chromedp.WaitVisible(chromedp.CSS(panel+`[data-state=failed]`)),
	)
	if log := text(panel + ` .live-log`); !strings.Contains(log, "-step must be more than 0s") {
		t.Errorf("a step of 0s printed %q, want the reason it is refused", log)
	}

	// The speaker's notes, in a second window, follow the presenter.
	notes, closeNotes := chromedp.NewContext(ctx)
	defer closeNotes()
	if err := chromedp.Do(notes, chromedp.Navigate(base+"lessons/03-checking-between-steps-notes.html")); err != nil {
		t.Fatalf("open the notes: %v", err)
	}
	do("present lesson 3: p, then an arrow",
		chromedp.KeyEvent("p"),
		chromedp.WaitVisible(chromedp.CSS(`body.present`)),
		chromedp.KeyEvent(kb.ArrowRight),
	)
	shot("presenter")
	followed, err := chromedp.Run(notes, chromedp.Evaluate[string](`document.querySelector(".outline li.current")?.dataset.section ?? "none"`))
	if err != nil {
		t.Fatal(err)
	}
	if want := s.sectionID(3, 1); followed != want {
		t.Errorf("the notes window marks section %q, want %q, the one presented", followed, want)
	}
	if png, err := chromedp.Run(notes, chromedp.CaptureScreenshot()); err == nil {
		os.WriteFile(filepath.Join(shots, "notes.png"), png, 0o644)
	}
	current := eval(`[...document.querySelectorAll("main > section.slide")].findIndex(s => s.classList.contains("current"))`)
	visible := eval(`[...document.querySelectorAll("main > section.slide")].filter(s => getComputedStyle(s).display !== "none").length`)
	if current != 1 || visible != 1 {
		t.Errorf("in presenter mode after one arrow: section %d current, %d visible; want section 1, alone", current, visible)
	}
	do("leave presenter mode", chromedp.KeyEvent(kb.Escape), chromedp.WaitNotPresent(chromedp.CSS(`body.present`)))

	shutdown := `.run[data-scenario="graceful-shutdown"]`
	do("lesson 10: run the pool, send it SIGTERM from the page",
		chromedp.Navigate(base+"lessons/10-graceful-shutdown.html"),
		chromedp.Click(chromedp.CSS(shutdown+` button[data-action=run]`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('.run[data-scenario="graceful-shutdown"] .live-log').textContent.includes("ready:")`),
		chromedp.WaitEnabled(chromedp.CSS(shutdown+` button[data-action=signal]`)),
		chromedp.Click(chromedp.CSS(shutdown+` button[data-action=signal]`)),
		chromedp.WaitVisible(chromedp.CSS(shutdown+`[data-state=done]`)),
	)
	if log := text(shutdown + ` .live-log`); !strings.Contains(log, "stop (terminated signal received): no new jobs") || !strings.Contains(log, "lost=0") {
		t.Errorf("after the SIGTERM button, the pool printed:\n%s", log)
	}
	t.Logf("screenshots in %s", shots)
}
