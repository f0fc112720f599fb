package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tab is a page in headless Chromium, on a served site.
type tab struct {
	t     *testing.T
	site  *Site
	ctx   context.Context
	base  string // the site's root URL
	shots string
}

// openTab serves the site (live or built) and opens a headless Chromium
// on it, width×height pixels, dark if dark is set; all ends with the test.
func openTab(t *testing.T, live bool, width, height int64, dark bool) *tab {
	t.Helper()
	exe := browser(t)
	s := newSite(t, live)
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	serving, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(serving, ln, ServeOptions{Slow: 20}) }()
	t.Cleanup(func() {
		stop()
		if err := <-served; !errors.Is(err, context.Canceled) {
			t.Errorf("Serve: %v", err)
		}
	})
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(cancelCtx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatal(err)
	}
	if dark {
		scheme := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
			})
			return err
		})
		if err := chromedp.Do(ctx, scheme); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second) // a bound, not a measurement
	t.Cleanup(cancelTimeout)
	return &tab{t: t, site: s, ctx: ctx, base: "http://" + ln.Addr().String() + "/", shots: screenshots(t)}
}

func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (b *tab) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644)
	}
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
	}
}

// markSeen is a script that marks, in the slide shown, each block of
// content that is wholly in view (above the presenter's bar), and, for a
// block taller than the view, the part of it in view. seenReport lists
// the blocks never wholly seen, and the slides never shown.
const markSeen = `(() => {
  const bar = document.querySelector(".present-bar");
  const h = innerHeight - (bar && !bar.hidden ? bar.offsetHeight : 0);
  const slide = document.querySelector("main > section.slide.current");
  if (!slide) return "no slide";
  slide.dataset.shown = "1";
  for (const el of slide.querySelectorAll("h2, h3, h4, p, pre, li, img, table, details, button, .run")) {
    const r = el.getBoundingClientRect();
    if (r.height === 0) continue;
    // What a closed <details> holds is laid out, but not shown.
    const closed = el.parentElement.closest("details:not([open])");
    if (closed && !el.closest("summary")) continue;
    el.dataset.measured = "1";
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, h);
    if (bottom <= top) continue;
    if (r.top >= -0.5 && r.bottom <= h + 0.5) { el.dataset.seen = "1"; continue; }
    // Taller than the view: the parts seen, from its top, as intervals.
    const seen = JSON.parse(el.dataset.parts || "[]");
    seen.push([top - r.top, bottom - r.top]);
    el.dataset.parts = JSON.stringify(seen);
    el.dataset.height = String(r.height);
  }
  return slide.id + "@" + Math.round(scrollY);
})()`

const seenReport = `(() => {
  const out = [];
  for (const s of document.querySelectorAll("main > section.slide")) if (!s.dataset.shown) out.push("slide " + s.id + " never shown");
  for (const el of document.querySelectorAll("[data-measured]")) {
    if (el.dataset.seen) continue;
    const parts = JSON.parse(el.dataset.parts || "[]").sort((a, b) => a[0] - b[0]);
    let reach = 0;
    for (const [a, b] of parts) if (a <= reach + 1) reach = Math.max(reach, b);
    if (parts.length && reach >= Number(el.dataset.height) - 1) continue;
    out.push(el.closest("section").id + ": <" + el.tagName.toLowerCase() + "> " + JSON.stringify(el.textContent.trim().slice(0, 60)) + (parts.length ? " seen down to " + Math.round(reach) + " of " + el.dataset.height + "px" : " never wholly in view"));
  }
  return out;
})()`

const resetSeen = `for (const el of document.querySelectorAll("[data-measured], [data-shown]")) { for (const k of ["measured", "seen", "parts", "height", "shown"]) delete el.dataset[k]; }`

// In presenter mode, at 1280×720, a speaker who presses only Space (what
// a clicker sends) sees every heading, paragraph, code block, figure and
// button of every slide of every lesson, from the first slide to the
// last; Page Up goes back the same way; and the bar counts the slides.
func TestPresenterReachesEverything(t *testing.T) {
	b := openTab(t, true, 1280, 720, false)
	var all []string
	for _, l := range newSite(t, true).lessons {
		all = append(all, strings.TrimSuffix(l.FileName(), ".md"))
	}
	for _, lesson := range all {
		b.do("open "+lesson, chromedp.Navigate(b.base+"lessons/"+lesson+".html?present"), chromedp.WaitVisible(chromedp.CSS(`body.present .slide.current`)))
		slides := eval[int](b, `document.querySelectorAll("main > section.slide").length`)
		if got, want := eval[string](b, `document.querySelector(".slide-counter").textContent`), fmt.Sprintf("1 / %d", slides); got != want {
			t.Errorf("%s: the counter says %q on the first slide, want %q", lesson, got, want)
		}
		for _, keys := range []struct {
			name string
			key  chromedp.Action[chromedp.Void]
			end  string // the script that says the walk is over
		}{
			{"Space", chromedp.KeyEvent(" "), `document.querySelector(".slide-counter").textContent`},
			{"Page Up", chromedp.KeyEvent(kb.PageUp), `document.querySelector(".slide-counter").textContent`},
		} {
			eval[any](b, resetSeen)
			last := eval[string](b, markSeen)
			presses := 0
			for ; presses < 400; presses++ {
				b.do(keys.name, keys.key)
				at := eval[string](b, markSeen)
				if at == last {
					break // the key moves nothing: the walk is at its end
				}
				last = at
				if os.Getenv("PRESENT_DEBUG") != "" {
					t.Logf("%s %s: %s", lesson, keys.name, at)
				}
				if lesson == "16-cancelling-what-blocks" && keys.name == "Space" && presses == 30 {
					b.shot("present-16-paged")
				}
			}
			for _, missed := range eval[[]string](b, seenReport) {
				t.Errorf("%s, pressing %s from one end to the other: %s", lesson, keys.name, missed)
			}
			counter := eval[string](b, keys.end)
			want := fmt.Sprintf("%d / %d", slides, slides)
			if keys.name == "Page Up" {
				want = fmt.Sprintf("1 / %d", slides)
			}
			if counter != want {
				t.Errorf("%s: after %d presses of %s the counter says %q, want %q", lesson, presses, keys.name, counter, want)
			}
			t.Logf("%s: %d slides, %d presses of %s", lesson, slides, presses, keys.name)
		}
	}
	b.shot("present-16-first")
	// No slide is taller than its content: a short one fits the screen.
	b.do("lesson 3's last slide", chromedp.Navigate(b.base+"lessons/03-checking-between-steps.html?present"),
		chromedp.WaitVisible(chromedp.CSS(`body.present .slide.current`)), chromedp.KeyEvent(kb.End))
	if h := eval[int](b, `document.documentElement.scrollHeight - innerHeight`); h > 0 {
		t.Errorf("lesson 3's last slide, a short one, scrolls by %dpx: taller than the screen", h)
	}
	b.shot("present-3-last")
}

// In a built site, n says why there are no notes, and where they are.
func TestPresenterSaysWhyNoNotes(t *testing.T) {
	b := openTab(t, false, 1280, 720, false)
	b.do("open lesson 3, press n",
		chromedp.Navigate(b.base+"lessons/03-checking-between-steps.html?present"),
		chromedp.WaitVisible(chromedp.CSS(`body.present .slide.current`)),
		chromedp.KeyEvent("n"),
	)
	if got := eval[string](b, `document.querySelector(".present-notice").textContent`); !strings.Contains(got, "answers") || !strings.Contains(got, "lessons serve") {
		t.Errorf("n in the built site says %q, want why there are no notes and where they are", got)
	}
	b.shot("present-no-notes")
}

// overlaps lists, in the SVG document shown, the pairs of text labels
// whose boxes overlap by more than a pixel each way.
const overlaps = `(() => {
  const boxes = [...document.querySelectorAll("text")].map((t) => ({ t: t.textContent, b: t.getBoundingClientRect() })).filter((x) => x.b.width > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].b, b = boxes[j].b;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1) out.push(JSON.stringify(boxes[i].t) + " and " + JSON.stringify(boxes[j].t));
  }
  return out;
})()`

// No figure of the site has two labels on top of each other.
func TestNoFigureHasOverlappingLabels(t *testing.T) {
	b := openTab(t, false, 1280, 900, false)
	s := newSite(t, false)
	n := 0
	for _, p := range s.Paths() {
		if !strings.HasPrefix(p, "figures/") {
			continue
		}
		n++
		b.do("open "+p, chromedp.Navigate(b.base+p))
		for _, o := range eval[[]string](b, overlaps) {
			t.Errorf("%s: the labels %s overlap", p, o)
		}
	}
	if n == 0 {
		t.Fatal("the site has no figures")
	}
}

// On a phone, 390 pixels wide, a figure's text is as large as on a
// desktop (12px): the figure scrolls sideways in its card instead of
// shrinking.
func TestFiguresReadOnAPhone(t *testing.T) {
	b := openTab(t, false, 390, 844, false)
	b.do("open lesson 3", chromedp.Navigate(b.base+"lessons/03-checking-between-steps.html"),
		chromedp.WaitReady(chromedp.CSS(`a.figure img`)),
		chromedp.Poll[chromedp.Void](`[...document.images].every((i) => i.complete)`),
		chromedp.ScrollIntoView(chromedp.CSS(`a.figure`)))
	b.shot("phone-lesson-3-figure")
	scale := eval[float64](b, `(() => { const i = document.querySelector("a.figure img"); return i.getBoundingClientRect().width / i.naturalWidth; })()`)
	if scale < 0.99 {
		t.Errorf("on a phone the figure is drawn at %.2f of its size: its 12px text is %.1fpx", scale, 12*scale)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the page is %dpx wide on a 390px phone: only the figure's card should scroll", w)
	}
}

// In dark mode the cards of code, transcripts and figures are dark too.
func TestDarkModeCardsAreDark(t *testing.T) {
	b := openTab(t, false, 1280, 900, true)
	b.do("open lesson 3", chromedp.Navigate(b.base+"lessons/03-checking-between-steps.html"),
		chromedp.Poll[chromedp.Void](`[...document.images].every((i) => i.complete)`),
		chromedp.ScrollIntoView(chromedp.CSS(`a.figure`)))
	b.shot("dark-lesson-3")
	// The brightness (0 to 255) of an element's background.
	const lum = `((el) => { const m = getComputedStyle(el).backgroundColor.match(/\d+/g).map(Number); return Math.round(0.2126*m[0] + 0.7152*m[1] + 0.0722*m[2]); })`
	for _, sel := range []string{"html", "pre.chroma", `pre.chroma:not(:has(span))`} { // the page, code, a transcript
		if l := eval[int](b, lum+`(document.querySelector("`+sel+`"))`); l > 60 {
			t.Errorf("in dark mode %s has a background of brightness %d", sel, l)
		}
	}
	// The figure, an image the page's CSS cannot reach: its card's colour,
	// read from a canvas it is drawn on.
	card := eval[int](b, `(() => {
	  const img = document.querySelector("a.figure img");
	  const c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
	  const g = c.getContext("2d"); g.drawImage(img, 0, 0);
	  const d = g.getImageData(20, 8, 1, 1).data;
	  return Math.round(0.2126*d[0] + 0.7152*d[1] + 0.0722*d[2]);
	})()`)
	if card > 80 {
		t.Errorf("in dark mode the figure's card has brightness %d: still light", card)
	}
	b.do("open lesson 22", chromedp.Navigate(b.base+"lessons/22-how-often-to-check.html"),
		chromedp.Poll[chromedp.Void](`[...document.images].every((i) => i.complete)`),
		chromedp.ScrollIntoView(chromedp.CSS(`a.figure`)))
	b.shot("dark-lesson-22-bench")
}

// A reader finds their way: the index in parts, a long lesson's contents
// that jump to a section, the last lesson's next page, and a page that
// links home from an address the site does not have.
func TestAReaderFindsTheirWay(t *testing.T) {
	b := openTab(t, false, 1280, 900, false)
	b.do("open the index", chromedp.Navigate(b.base))
	b.shot("index-parts")
	heads := eval[[]string](b, `[...document.querySelectorAll("section.part > h2")].map((h) => h.firstChild.textContent.trim())`)
	var want []string
	for _, p := range parts {
		want = append(want, p.Title)
	}
	if strings.Join(heads, "|") != strings.Join(want, "|") {
		t.Errorf("the index's part headings are %q, want %q", heads, want)
	}
	if n := eval[int](b, `document.querySelector("section.part:nth-of-type(3) ol.lessons li").value`); n != 16 {
		t.Errorf("the third part starts at lesson %d, want 16", n)
	}

	b.do("lesson 16's contents: jump to Child processes",
		chromedp.Navigate(b.base+"lessons/16-cancelling-what-blocks.html"),
		chromedp.WaitVisible(chromedp.CSS(`nav.toc`)))
	b.shot("lesson-16-contents")
	b.do("click", chromedp.Click(chromedp.CSS(`nav.toc a[href="#section-child-processes"]`)))
	if top := eval[float64](b, `document.getElementById("section-child-processes").getBoundingClientRect().top`); top < -1 || top > 50 {
		t.Errorf("after its contents' link, Child processes is %.0fpx from the top of the window", top)
	}

	last := b.site.lessons[len(b.site.lessons)-1]
	b.do("the last lesson: next", chromedp.Navigate(b.base+"lessons/"+strings.TrimSuffix(last.FileName(), ".md")+".html"),
		chromedp.Click(chromedp.CSS(`header a[rel=next]`)),
		chromedp.WaitVisible(chromedp.CSS(`body.next`)))
	b.shot("what-next")
	if h := eval[string](b, `document.querySelector("h1").textContent`); h != "What next" {
		t.Errorf("next after lesson %d is %q, want What next", last.Number, h)
	}

	b.do("an address the site lacks", chromedp.Navigate(b.base+"lessons/99-no-such-lesson.html"),
		chromedp.WaitVisible(chromedp.CSS(`body.not-found`)))
	b.shot("not-found")
	b.do("its link home", chromedp.Click(chromedp.CSS(`main a`)), chromedp.WaitVisible(chromedp.CSS(`body.index`)))
}

// In dark mode a live figure, drawn into the page, is dark too: the page's
// policy allows the figure's own style, and no other inline style.
func TestDarkModeLiveFigure(t *testing.T) {
	b := openTab(t, true, 1280, 900, true)
	panel := `.run[data-scenario="std-main"]`
	b.do("replay lesson 3's run",
		chromedp.Navigate(b.base+"lessons/03-checking-between-steps.html"),
		chromedp.Click(chromedp.CSS(panel+` button[data-action=replay]`)),
		chromedp.WaitVisible(chromedp.CSS(panel+`[data-state=done] .live-figure svg`)),
		chromedp.ScrollIntoView(chromedp.CSS(panel+` .live-figure`)))
	b.shot("dark-live-figure")
	if fill := eval[string](b, `getComputedStyle(document.querySelector('`+panel+` .live-figure svg > rect')).fill`); fill != "rgb(22, 27, 34)" {
		t.Errorf("in dark mode the live figure's card is %s, want the dark card rgb(22, 27, 34)", fill)
	}
}

// With a slide's button focused (Send SIGTERM after its click, or any
// button reached with Tab), a clicker's Page Down still moves through the
// slides.
func TestPresenterKeysWithAButtonFocused(t *testing.T) {
	b := openTab(t, true, 1280, 720, false)
	b.do("lesson 3's run: focus Replay",
		chromedp.Navigate(b.base+"lessons/03-checking-between-steps.html?present#section-the-run"),
		chromedp.WaitVisible(chromedp.CSS(`body.present #section-the-run.current`)),
		chromedp.Focus(chromedp.CSS(`.run[data-scenario="std-main"] button[data-action=replay]`)))
	if focused := eval[string](b, `document.activeElement.dataset.action ?? ""`); focused != "replay" {
		t.Fatalf("after the click the focus is on %q, want the Replay button", focused)
	}
	start := eval[string](b, `document.querySelector(".slide-counter").textContent`)
	for i := 0; i < 20 && eval[string](b, `document.querySelector(".slide-counter").textContent`) == start; i++ {
		b.do("Page Down", chromedp.KeyEvent(kb.PageDown))
	}
	if now := eval[string](b, `document.querySelector(".slide-counter").textContent`); now == start {
		t.Errorf("20 presses of Page Down with the Replay button focused left the slide at %s", now)
	}
}
