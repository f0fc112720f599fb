package practice

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Options say how Test runs the go command.
type Options struct {
	Race    bool          // build with -race
	Timeout time.Duration // -timeout for each test binary; 0 means DefaultTimeout
	Count   int           // -count; 0 leaves it out, so unchanged passing packages come from go's test cache
	Tags    string        // -tags

	// Done, if set, is called as each package's tests end, from the
	// goroutine that called Test, with the package's import path and
	// whether it passed: a caller can show progress while the rest build.
	Done func(pkg string, passed bool)
}

// DefaultTimeout bounds each exercise's test run: the tests run on a
// virtual clock and take milliseconds, so a run this long is stuck: a loop
// that never blocks, or a goroutine waiting for a sync.Mutex, on which
// synctest's clock does not move on. It is short, so that check says so
// within seconds.
const DefaultTimeout = 5 * time.Second

// Result is what one package's tests said.
type Result struct {
	Package  string // its import path
	Passed   bool
	Compile  []Diagnostic // what the compiler (or vet) said, if it did not build
	Failures []Message    // the failing tests' own messages
	Races    []Race       // the race detector's reports
	Blocked  *Blocked     // synctest found goroutines blocked for good
	TimedOut bool         // the test binary ran out of time
	Hang     *Hang        // what it was doing then, if it did
	Panic    *Panic       // a panic that is none of the above
	Output   string       // everything the go command printed for it
}

// Diagnostic is one complaint of the compiler: where, and what.
type Diagnostic struct {
	Pos string // file:line:col, the file relative to the module's folder
	Msg string
}

// Message is one line a failing test wrote with t.Error or t.Fatal (its
// continuation lines joined with newlines).
type Message struct {
	Test string
	Pos  string // file:line in the test file
	Text string
}

// Frame is one function in a goroutine's stack.
type Frame struct {
	Func string // "example.com/cancellation/exercises/05-publish-with-atomics.(*Box).Put"
	Pos  string // file:line, the file relative to the module's folder when inside it
}

// Access is one side of a data race: what a goroutine did, and where.
type Access struct {
	Op    string  // "write" or "read"
	Stack []Frame // innermost first
}

// Race is one report of the race detector.
type Race struct{ Now, Previous Access }

// Blocked is synctest's report that goroutines in a bubble were blocked
// for good: all of them (a deadlock), or some when the test function
// returned (a leak).
type Blocked struct {
	Leak       bool // the test's own goroutine had returned: the others leaked
	Goroutines []Goroutine
}

// Hang is what a test binary that ran out of time was doing.
type Hang struct {
	After      string      // how long it had run: "5s"
	Tests      []string    // the tests still running
	Goroutines []Goroutine // the goroutines then in the module's own code (not its tests')
}

// Goroutine is one goroutine of a panic's dump.
type Goroutine struct {
	State string // "chan receive (durable), synctest bubble 1"
	Stack []Frame
}

// Panic is a panic that ended the test binary.
type Panic struct {
	Value string // the text after "panic: "
	Stack []Frame
}

// Test runs go test -json on pkgs (patterns relative to the module in dir)
// and returns what each package's tests said, keyed by import path. An
// error means the go command itself could not run the tests.
func Test(ctx context.Context, dir string, pkgs []string, opts Options) (map[string]*Result, error) {
	args := []string{"test", "-json"}
	if opts.Race {
		args = append(args, "-race")
	}
	if opts.Tags != "" {
		args = append(args, "-tags", opts.Tags)
	}
	if opts.Count > 0 {
		args = append(args, "-count", strconv.Itoa(opts.Count))
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	args = append(args, "-timeout", timeout.String())
	cmd := exec.CommandContext(ctx, "go", append(args, pkgs...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	out := readEvents(stdout, opts.Done)
	runErr := cmd.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	results := Parse(out, abs)
	if len(results) == 0 {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" && runErr != nil {
			msg = runErr.Error()
		}
		if msg == "" {
			msg = "no test results"
		}
		return nil, fmt.Errorf("go test: %s", firstLineOf(msg))
	}
	return results, nil
}

// readEvents reads go test -json's output to its end, calling done (if
// set) as each package's result arrives, and returns the whole of it.
func readEvents(r io.Reader, done func(pkg string, passed bool)) []byte {
	var all bytes.Buffer
	sc := bufio.NewScanner(io.TeeReader(r, &all))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		if done == nil {
			continue
		}
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil || ev.Test != "" || ev.Package == "" {
			continue
		}
		if ev.Action == "pass" || ev.Action == "fail" {
			done(ev.Package, ev.Action == "pass")
		}
	}
	io.Copy(&all, r) // a line too long for the scanner: keep the rest
	return all.Bytes()
}

func firstLineOf(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// event is one line of go test -json.
type event struct {
	Action     string
	Package    string
	ImportPath string // build output: "pkg [pkg.test]"
	Test       string
	Output     string
}

// Parse reads the output of go test -json, run in the module folder
// moduleDir, into a result for each package.
func Parse(jsonOutput []byte, moduleDir string) map[string]*Result {
	results := map[string]*Result{}
	var order []string
	get := func(pkg string) *Result {
		r, ok := results[pkg]
		if !ok {
			r = &Result{Package: pkg}
			results[pkg] = r
			order = append(order, pkg)
		}
		return r
	}
	var build, text = map[string]*strings.Builder{}, map[string]*strings.Builder{}
	sc := bufio.NewScanner(bytes.NewReader(jsonOutput))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		pkg := ev.Package
		if pkg == "" {
			pkg, _, _ = strings.Cut(ev.ImportPath, " ")
		}
		if pkg == "" {
			continue
		}
		r := get(pkg)
		switch ev.Action {
		case "build-output":
			appendTo(build, pkg, ev.Output)
		case "output":
			appendTo(text, pkg, ev.Output)
		case "pass":
			if ev.Test == "" {
				r.Passed = true
			}
		}
	}
	for _, pkg := range order {
		r := results[pkg]
		b, t := str(build[pkg]), str(text[pkg])
		r.Output = b + t
		r.Compile = diagnostics(b + t)
		p := parser{moduleDir: moduleDir}
		p.run(r, t)
	}
	return results
}

func appendTo(m map[string]*strings.Builder, k, s string) {
	if m[k] == nil {
		m[k] = &strings.Builder{}
	}
	m[k].WriteString(s)
}

func str(b *strings.Builder) string {
	if b == nil {
		return ""
	}
	return b.String()
}

// A compiler's complaint: "03-check-the-token/exercise.go:12:3: declared and not used: x".
var diagLine = regexp.MustCompile(`^(?:\./)?([^\s:]+\.go:\d+(?::\d+)?): (.*)$`)

func diagnostics(text string) []Diagnostic {
	var ds []Diagnostic
	inBuild := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(l, "# "):
			inBuild = true
		case inBuild && diagLine.MatchString(l):
			m := diagLine.FindStringSubmatch(l)
			ds = append(ds, Diagnostic{Pos: m[1], Msg: m[2]})
		case strings.HasPrefix(l, "FAIL") || strings.HasPrefix(l, "=== RUN"):
			inBuild = false
		}
	}
	return ds
}

type parser struct{ moduleDir string }

var (
	testMessage  = regexp.MustCompile(`^    ([^\s:]+_test\.go:\d+): (.*)$`)
	raceAccess   = regexp.MustCompile(`^(Previous )?([Rr]ead|[Ww]rite) at 0x[0-9a-f]+ by (?:goroutine \d+|main goroutine):$`)
	goroutineHdr = regexp.MustCompile(`^goroutine \d+ \[(.*)\]:$`)
	recovered    = regexp.MustCompile(` \[recovered.*\]$`)
	frameFile    = regexp.MustCompile(`^\s+(\S+\.go:\d+)(?: \+0x[0-9a-f]+)?$`)
)

// run fills in r's failures, races, blocked goroutines, time-out and
// panic from the test binary's output.
func (p parser) run(r *Result, out string) {
	lines := strings.Split(out, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case l == "WARNING: DATA RACE":
			var race Race
			for i++; i < len(lines) && !strings.HasPrefix(lines[i], "=================="); i++ {
				m := raceAccess.FindStringSubmatch(lines[i])
				if m == nil {
					continue
				}
				stack, next := p.frames(lines, i+1)
				a := Access{Op: strings.ToLower(m[2]), Stack: stack}
				if m[1] == "" {
					race.Now = a
				} else {
					race.Previous = a
				}
				i = next - 1
			}
			r.Races = append(r.Races, race)
		case strings.HasPrefix(l, "panic: test timed out after"):
			r.TimedOut = true
			r.Hang = p.hang(strings.TrimPrefix(l, "panic: test timed out after "), lines[i+1:])
			return
		case strings.HasPrefix(l, "panic: deadlock: "):
			b := &Blocked{Leak: strings.Contains(l, "main bubble goroutine has exited")}
			for _, g := range p.goroutines(lines[i+1:]) {
				if strings.Contains(g.State, "synctest bubble") && p.touchesModule(g) {
					b.Goroutines = append(b.Goroutines, g)
				}
			}
			r.Blocked = b
			return
		case strings.HasPrefix(l, "panic: ") && r.Panic == nil:
			value := recovered.ReplaceAllString(strings.TrimPrefix(l, "panic: "), "")
			var stack []Frame
			if gs := p.goroutines(lines[i+1:]); len(gs) > 0 {
				stack = gs[0].Stack
			}
			r.Panic = &Panic{Value: value, Stack: stack}
			return
		default:
			if m := testMessage.FindStringSubmatch(l); m != nil {
				if strings.HasPrefix(m[1], "testing.go:") {
					continue // "race detected during execution of test": said by Races
				}
				text := m[2]
				for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "        ") {
					i++
					text += "\n" + strings.TrimPrefix(lines[i], "        ")
				}
				r.Failures = append(r.Failures, Message{Test: currentTest(lines, i), Pos: m[1], Text: text})
			}
		}
	}
}

// hang reads what follows "panic: test timed out after <after>": the
// tests still running, then every goroutine's stack.
func (p parser) hang(after string, lines []string) *Hang {
	h := &Hang{After: after}
	i := 0
	if i < len(lines) && strings.TrimSpace(lines[i]) == "running tests:" {
		for i++; i < len(lines) && strings.HasPrefix(lines[i], "\t\t"); i++ {
			name, _, _ := strings.Cut(strings.TrimSpace(lines[i]), " (")
			h.Tests = append(h.Tests, name)
		}
	}
	for _, g := range p.goroutines(lines[i:]) {
		if f, ok := Where(g.Stack); ok && inModule(f) && !strings.HasSuffix(fileOf(f.Pos), "_test.go") && path.Base(fileOf(f.Pos)) != "_testmain.go" {
			h.Goroutines = append(h.Goroutines, g)
		}
	}
	return h
}

// currentTest is the test whose "=== RUN" came last before line i.
func currentTest(lines []string, i int) string {
	for ; i >= 0; i-- {
		if name, ok := strings.CutPrefix(lines[i], "=== RUN   "); ok {
			return name
		}
	}
	return ""
}

// frames reads a race report's stack from lines[i:]: pairs of a function
// line and an indented file:line, up to an empty line.
func (p parser) frames(lines []string, i int) ([]Frame, int) {
	var fs []Frame
	for ; i+1 < len(lines) && strings.TrimSpace(lines[i]) != ""; i += 2 {
		m := frameFile.FindStringSubmatch(lines[i+1])
		if m == nil {
			break
		}
		fs = append(fs, Frame{Func: strings.TrimSuffix(strings.TrimSpace(lines[i]), "()"), Pos: p.rel(m[1])})
	}
	return fs, i
}

// goroutines reads a panic's goroutine dump.
func (p parser) goroutines(lines []string) []Goroutine {
	var gs []Goroutine
	for i := 0; i < len(lines); i++ {
		m := goroutineHdr.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		g := Goroutine{State: m[1]}
		for i++; i+1 < len(lines) && strings.TrimSpace(lines[i]) != ""; i += 2 {
			if strings.HasPrefix(lines[i], "created by ") {
				break
			}
			fm := frameFile.FindStringSubmatch(lines[i+1])
			if fm == nil {
				break
			}
			fn := lines[i]
			if j := strings.LastIndex(fn, "("); j > 0 {
				fn = fn[:j]
			}
			g.Stack = append(g.Stack, Frame{Func: fn, Pos: p.rel(fm[1])})
		}
		gs = append(gs, g)
	}
	return gs
}

// rel makes a file:line inside the module relative to its folder.
func (p parser) rel(pos string) string {
	if p.moduleDir == "" {
		return pos
	}
	if r, ok := strings.CutPrefix(filepath.ToSlash(pos), filepath.ToSlash(p.moduleDir)+"/"); ok {
		return r
	}
	return pos
}

func (p parser) touchesModule(g Goroutine) bool {
	for _, f := range g.Stack {
		if !filepath.IsAbs(fileOf(f.Pos)) {
			return true
		}
	}
	return false
}

func fileOf(pos string) string {
	if i := strings.LastIndex(pos, ".go:"); i >= 0 {
		return pos[:i+3]
	}
	return pos
}

// Where returns the frame of stack that best says where the learner's code
// is: the first in a non-test file of the module, else the first in the
// module, else the first. ok is false for an empty stack.
func Where(stack []Frame) (f Frame, ok bool) {
	for _, want := range []func(Frame) bool{
		func(f Frame) bool { return inModule(f) && !strings.HasSuffix(fileOf(f.Pos), "_test.go") },
		inModule,
		func(Frame) bool { return true },
	} {
		for _, f := range stack {
			if want(f) {
				return f, true
			}
		}
	}
	return Frame{}, false
}

func inModule(f Frame) bool { return !filepath.IsAbs(fileOf(f.Pos)) && !strings.HasPrefix(f.Pos, "/") }

// ShortFunc is a frame's function without its package path:
// "(*Box).Put", "Worker", "TestX.func1".
func (f Frame) ShortFunc() string {
	name := path.Base(f.Func)
	if _, after, ok := strings.Cut(name, "."); ok {
		return after
	}
	return name
}

// RaceSupport reports whether go test -race works with the go command on
// PATH, and if not, why. It asks the go command itself: "go list -race"
// fails at once where the race detector cannot run, saying why (cgo off
// on a system where the race detector needs it, a platform it does not
// support), and lists a package where it can. So there is no table here
// to fall behind the toolchain: on macOS, for one, the race detector
// needs no cgo (cmd/go's work/init.go).
func RaceSupport(ctx context.Context) (ok bool, why string) {
	cmd := exec.CommandContext(ctx, "go", "list", "-race", "runtime")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if msg == "" {
			msg = err.Error()
		}
		return false, "the go command says: " + strings.TrimPrefix(msg, "go: ")
	}
	return true, ""
}
