package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"example.com/cancellation/internal/practice"
)

var cmdDoctor = &command{
	UsageLine: "doctor",
	Short:     "check this machine: Go, race detector, warm caches, optional tools",
	Long: `Doctor checks what the course needs on this machine, for an instructor
the day before a workshop or a learner before the first check: the Go
release (1.26 or 1.27), whether the race detector runs, and the
exercises. It then warms the build cache, building the tests of every
exercise with the race detector as check does (the first time, minutes:
it builds the race detector's runtime), so that the first check in the
room takes seconds. Last, it looks for the optional tools some long
tests use (OCaml, Python with Trio, Rust, Node, Java, tmux, Chromium).

Each line says ok, or what is missing and the line that fixes it. It
exits 1 if something the course needs is missing; optional tools only
warn.`,
	Run: doctor,
}

// A checkup is one line of the doctor's report.
type checkup struct {
	what     string
	optional bool
	check    func(ctx context.Context) (ok bool, says string)
}

func doctor(ctx context.Context, s stdio, args []string) error {
	if err := noArgs("doctor", args); err != nil {
		return err
	}
	w := s.out
	ex, exErr := findExercises(s)
	checks := []checkup{
		{"Go", false, checkGo},
		{"race detector", false, func(ctx context.Context) (bool, string) {
			ok, why := practice.RaceSupport(ctx)
			if ok {
				return true, "go test -race runs here"
			}
			return false, why + " (check then runs without it; on Linux and Windows install a C compiler: apt-get install gcc)"
		}},
		{"exercises", false, func(ctx context.Context) (bool, string) {
			if exErr != nil {
				return false, exErr.Error()
			}
			return true, fmt.Sprintf("%d in %s/", len(ex.list), ex.display)
		}},
		{"build cache", false, func(ctx context.Context) (bool, string) {
			if exErr != nil {
				return false, "no exercises to build"
			}
			return warmCache(ctx, ex, w)
		}},
		{"ocaml", true, lookFor("ocamlfind", "query", "threads", "lwt.unix")("apt-get install ocaml-nox ocaml-findlib liblwt-ocaml-dev")},
		{"python3 + trio", true, lookFor("python3", "-c", "import trio")("apt-get install python3-trio")},
		{"rust (cargo)", true, lookFor("cargo", "--version")("apt-get install cargo librust-tokio-dev librust-tokio-util-dev")},
		{"node", true, lookFor("node", "-e", "process.exit(typeof AbortSignal.any === 'function' ? 0 : 1)")("apt-get install nodejs (20 or later)")},
		{"java", true, lookFor("javac", "--release", "17", "-version")("apt-get install openjdk-17-jdk-headless")},
		{"tmux", true, lookFor("tmux", "-V")("apt-get install tmux")},
		{"chromium", true, lookForAny([]string{"chromium", "chromium-browser", "google-chrome"}, "apt-get install chromium")},
	}
	failed := false
	optionalShown := false
	for _, c := range checks {
		if c.optional && !optionalShown {
			fmt.Fprintln(w, "\nOptional, for the long tests (COURSE_LONG=1 go test ./...):")
			optionalShown = true
		}
		ok, says := c.check(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		mark := "ok     "
		switch {
		case !ok && c.optional:
			mark = "missing"
		case !ok:
			mark = "PROBLEM"
			failed = true
		}
		fmt.Fprintf(w, "  %s  %-15s %s\n", mark, c.what, says)
	}
	if failed {
		return errNotAllPass
	}
	fmt.Fprintln(w, "\nReady: go run ./lessons check will answer in seconds.")
	return nil
}

// checkGo says which release the go command on PATH is, and whether the
// course supports it.
func checkGo(ctx context.Context) (bool, string) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output()
	if err != nil {
		return false, "the go command does not run: install Go 1.26 or 1.27 from go.dev/dl"
	}
	v := strings.TrimSpace(string(out))
	if strings.HasPrefix(v, "go1.26") || strings.HasPrefix(v, "go1.27") {
		return true, v
	}
	return false, v + ": the course supports Go 1.26 and 1.27 (GOTOOLCHAIN=go1.27.3 fetches 1.27)"
}

// warmCache builds every exercise's tests with the race detector where it
// runs, as check does, without running them, saying how long it took.
func warmCache(ctx context.Context, ex exercises, w io.Writer) (bool, string) {
	race, _ := practice.RaceSupport(ctx)
	args := []string{"test", "-run", "^$", "-count=1"}
	if race {
		args = append(args, "-race")
	}
	args = append(args, "./...")
	start := time.Now()
	done := sayIfSlow(w, "  (building the exercises' tests as check does; the first time it builds the race detector's runtime: minutes)")
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = ex.dir
	out, err := cmd.CombinedOutput()
	done()
	took := time.Since(start).Round(100 * time.Millisecond)
	// The exercises fail as shipped; building them is what warms the
	// cache. A build that fails for another reason says so.
	if err != nil && strings.Contains(string(out), "[setup failed]") {
		first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		return false, "go test could not build the exercises: " + first
	}
	return true, fmt.Sprintf("the exercises' tests are built (%v)", took)
}

// lookFor returns a check that runs name with args, and with the line
// that installs it when it does not work.
func lookFor(name string, args ...string) func(fix string) func(context.Context) (bool, string) {
	return func(fix string) func(context.Context) (bool, string) {
		return func(ctx context.Context) (bool, string) {
			path, err := exec.LookPath(name)
			if err != nil {
				return false, fix
			}
			if err := exec.CommandContext(ctx, path, args...).Run(); err != nil {
				return false, fmt.Sprintf("%s is there but does not do what the tests need: %s", path, fix)
			}
			return true, path
		}
	}
}

// lookForAny is a check that one of names is on PATH.
func lookForAny(names []string, fix string) func(context.Context) (bool, string) {
	return func(ctx context.Context) (bool, string) {
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return true, p
			}
		}
		return false, fix
	}
}
