package practice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// candidate is one version of an exercise's exercise.go and what its tests
// must say of it.
type candidate struct {
	exercise Exercise
	kind     string // "wrong answer", "solution", "as shipped"
	name     string // the wrong answer's name
	why      string
	file     string
	wantPass bool
	pkg      string // its folder in the staged module
}

func (c candidate) String() string {
	if c.kind == "wrong answer" {
		return fmt.Sprintf("%s: wrong answer %q (%s)", c.exercise.Name, c.name, c.why)
	}
	return fmt.Sprintf("%s: %s", c.exercise.Name, c.kind)
}

// TestWrongAnswersFail proves that the exercises' tests bite: every
// committed wrong answer (testdata/wrong/*.go in each exercise) fails its
// exercise's tests on every run, by a test failure and not a build error,
// and every reference solution passes on every run.
//
// It builds a test binary for every wrong answer, so it is a long check:
// with COURSE_LONG=1, as .ci/run sets, it checks every exercise, ten runs
// each, under the race detector, and also that every exercise as shipped
// fails; COURSE_RUNS=N asks for N runs each instead of ten, to hunt for a
// wrong answer that passes now and then. COURSE_EXERCISE=N checks exercise
// N alone, once each, with the race detector where it works: for whoever
// writes a wrong answer. A plain go test ./... skips it; TestExplain's fixture exercises keep the
// checker's own machinery in the default run.
//
// The exercises of the beyond module (beyond/exercises, a module of its
// own, with the database drivers) are checked the same way, as a second
// subtest.
//
// Each failure is reported where its exercise is checked, with the tests'
// output, and again in one line at the very end, where a log cut to its
// last lines still shows it.
func TestWrongAnswersFail(t *testing.T) {
	var failed []string
	for _, dir := range []string{"exercises", "beyond/exercises"} {
		t.Run(strings.ReplaceAll(dir, "/", "-"), func(t *testing.T) {
			root, err := filepath.Abs(filepath.Join("..", "..", filepath.FromSlash(dir)))
			if err != nil {
				t.Fatal(err)
			}
			failed = append(failed, checkWrongAnswers(t, root)...)
		})
	}
	if len(failed) > 0 {
		t.Errorf("in short, %d failed (each is reported above with its output):\n\t%s", len(failed), strings.Join(failed, "\n\t"))
	}
}

// checkWrongAnswers is TestWrongAnswersFail for the exercises module in
// root. It returns a line for each candidate that failed its check.
func checkWrongAnswers(t *testing.T, root string) (failed []string) {
	list, err := List(root)
	if err != nil {
		t.Fatal(err)
	}
	long := os.Getenv("COURSE_LONG") != ""
	runs := 1
	race, why := RaceSupport(t.Context())
	if long {
		runs = 10
		if n, err := strconv.Atoi(os.Getenv("COURSE_RUNS")); err == nil && n > 0 {
			runs = n
		}
		if !race {
			t.Fatalf("COURSE_LONG=1 checks the wrong answers under the race detector, and it cannot run here: %s", why)
		}
	} else {
		pick := os.Getenv("COURSE_EXERCISE")
		if pick == "" {
			t.Skip("builds every wrong answer of every exercise; COURSE_LONG=1 runs it (.ci/run does), COURSE_EXERCISE=N checks one")
		}
		e, err := Find(list, pick)
		if err != nil {
			t.Skipf("%s: %v", filepath.Base(root), err) // in the other module, perhaps
		}
		list = []Exercise{e}
		if !race {
			t.Logf("without the race detector: %s", why)
		}
	}

	var cands []candidate
	for _, e := range list {
		wrongs, err := e.WrongAnswers()
		if err != nil {
			t.Fatal(err)
		}
		if len(wrongs) < 3 {
			t.Errorf("%s has %d wrong answers in testdata/wrong; want at least 3", e.Name, len(wrongs))
		}
		for _, w := range wrongs {
			cands = append(cands, candidate{exercise: e, kind: "wrong answer", name: w.Name, why: w.Why, file: w.File})
		}
		cands = append(cands, candidate{exercise: e, kind: "solution", name: "solution", file: filepath.Join(e.Dir, "solution.go"), wantPass: true})
		if long {
			cands = append(cands, candidate{exercise: e, kind: "as shipped", name: "shipped", file: filepath.Join(e.Dir, "exercise.go")})
		}
	}

	mod := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(root, f))
		if errors.Is(err, fs.ErrNotExist) && f == "go.sum" {
			continue // a module with no dependencies
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mod, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range cands {
		c := &cands[i]
		c.pkg = fmt.Sprintf("%s--%s", c.exercise.Name, c.name)
		if err := stage(filepath.Join(mod, c.pkg), c.exercise.Dir, c.file); err != nil {
			t.Fatal(err)
		}
	}

	bin := filepath.Join(mod, "bin")
	args := []string{"test", "-c", "-o", bin + string(filepath.Separator)}
	if race {
		args = append(args, "-race")
	}
	build := exec.CommandContext(t.Context(), "go", append(args, "./...")...)
	build.Dir = mod
	buildOut, _ := build.CombinedOutput() // a package that does not build is reported below

	type verdict struct {
		c             candidate
		passed, other int // runs that passed; runs that hung or crashed oddly
		output        string
		unbuilt       bool // it did not compile: reported already
	}
	verdicts := make([]verdict, len(cands))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var (
		wg sync.WaitGroup
		mu sync.Mutex // guards verdicts
	)
	for i, c := range cands {
		verdicts[i].c = c
		exe := filepath.Join(bin, c.pkg+".test")
		if runtime.GOOS == "windows" {
			exe += ".exe"
		}
		if _, err := os.Stat(exe); err != nil {
			t.Errorf("%v does not compile: a wrong answer must fail the tests, not the build; go said:\n%s", c, compileErrors(buildOut, c.pkg))
			failed = append(failed, fmt.Sprintf("%s %s: does not compile", c.exercise.Name, c.name))
			verdicts[i].unbuilt = true
			continue
		}
		for range runs {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				passed, hung, out := runOnce(t.Context(), exe, filepath.Join(mod, c.pkg))
				v := &verdicts[i]
				mu.Lock()
				defer mu.Unlock()
				switch {
				case hung:
					v.other++
					v.output = out
				case passed:
					v.passed++
					if !c.wantPass {
						v.output = out
					}
				default:
					if c.wantPass {
						v.output = out
					}
				}
			})
		}
	}
	wg.Wait()
	for _, v := range verdicts {
		switch {
		case v.unbuilt:
		case v.other > 0:
			t.Errorf("%v: the tests did not end in %d of %d runs; a wrong answer must fail fast:\n%s", v.c, v.other, runs, tail(v.output, 30))
			failed = append(failed, fmt.Sprintf("%s %s: did not end in %d of %d runs", v.c.exercise.Name, v.c.name, v.other, runs))
		case v.c.wantPass && v.passed < runs:
			t.Errorf("%v failed %d of %d runs:\n%s", v.c, runs-v.passed, runs, tail(v.output, 30))
			failed = append(failed, fmt.Sprintf("%s %s: failed %d of %d runs", v.c.exercise.Name, v.c.name, runs-v.passed, runs))
		case !v.c.wantPass && v.passed > 0:
			t.Errorf("%v passed %d of %d runs: the tests cannot tell it from a right answer", v.c, v.passed, runs)
			failed = append(failed, fmt.Sprintf("%s %s: passed %d of %d runs", v.c.exercise.Name, v.c.name, v.passed, runs))
		default:
			t.Logf("%v: %s %d/%d runs", v.c, map[bool]string{true: "passes", false: "fails"}[v.c.wantPass], runs, runs)
		}
	}
	return failed
}

// stage copies the exercise in dir to dst, with file as its exercise.go.
func stage(dst, dir, file string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || name == "exercise.go" || name == "solution.go" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			return err
		}
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	src = buildLine.ReplaceAll(src, nil) // the solution's and the exercise's tags
	return os.WriteFile(filepath.Join(dst, "exercise.go"), src, 0o644)
}

var buildLine = regexp.MustCompile(`(?m)^//go:build .*\n`)

// runOnce runs a test binary once in dir and reports whether it passed,
// or hung (ran out of time), and what it printed.
func runOnce(ctx context.Context, exe, dir string) (passed, hung bool, out string) {
	cmd := exec.CommandContext(ctx, exe, "-test.timeout=60s")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0") // no second's wait after a race report
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	err := cmd.Run()
	out = b.String()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return true, false, out
	case strings.Contains(out, "panic: test timed out"):
		return false, true, out
	case errors.As(err, &exit):
		return false, false, out
	default:
		return false, true, out + "\n" + err.Error()
	}
}

// compileErrors picks pkg's lines out of go test -c's output.
func compileErrors(out []byte, pkg string) string {
	var b strings.Builder
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, pkg) {
			b.WriteString(l + "\n")
		}
	}
	if b.Len() == 0 {
		return string(out)
	}
	return b.String()
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
