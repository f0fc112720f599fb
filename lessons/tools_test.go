package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/gotooltest"
	"github.com/rogpeppe/go-internal/testscript"

	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/practice"
	"example.com/cancellation/internal/scriptcmd"
)

// TestToolTranscripts runs the scripts in testdata/tools, which run the go
// command itself (go vet, go test -race) on small broken examples, so the
// lessons can show what the tools really say about them.
func TestToolTranscripts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds small programs with the go command; skipped in -short mode")
	}
	golden.SkipUnlessLong(t, golden.Tools, "each script builds and runs small programs with the go command")
	p := testscript.Params{
		Dir:           golden.ScriptDir(t, "../testdata/tools", golden.Tools),
		UpdateScripts: golden.Regenerating(golden.Tools),
		Setup: func(env *testscript.Env) error {
			env.Setenv("GORACE", "atexit_sleep_ms=0")
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOTRACEBACK", "single") // the default: the panicking goroutine, and the bubble's stuck ones
			// This machine's module cache: the modules a script requires
			// (goleak), and the toolchains it asks for with GOTOOLCHAIN,
			// are downloaded once, not once per script.
			if modcache := hostModCache(); modcache != "" {
				env.Setenv("GOMODCACHE", modcache)
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "race" {
				ok, _ := practice.RaceSupport(context.Background())
				return ok, nil
			}
			if version, ok := strings.CutPrefix(cond, "toolchain:"); ok {
				return toolchainRuns(version), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: scriptcmd.Map(toolCmds),
	}
	if err := gotooltest.Setup(&p); err != nil {
		t.Skipf("the go command is not usable here: %v", err)
	}
	testscript.Run(t, p)
}

// hostModCache returns this machine's module cache, or "" if the go
// command will not say.
var hostModCache = sync.OnceValue(func() string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

var (
	toolchainsMu sync.Mutex
	toolchains   = map[string]bool{}
)

// toolchainRuns reports whether "go version" runs with GOTOOLCHAIN set to
// version (such as go1.27.3): the go command downloads that toolchain into
// the module cache if it is not there, which needs the module proxy. The
// condition [toolchain:VERSION] lets a script that needs a newer Go than
// this one skip, saying why, where it cannot be had.
func toolchainRuns(version string) bool {
	toolchainsMu.Lock()
	defer toolchainsMu.Unlock()
	ok, known := toolchains[version]
	if !known {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "version")
		cmd.Dir = os.TempDir() // outside the course's module, whose go.mod might ask for another
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+version)
		if modcache := hostModCache(); modcache != "" {
			cmd.Env = append(cmd.Env, "GOMODCACHE="+modcache)
		}
		out, err := cmd.Output()
		ok = err == nil && strings.HasPrefix(string(out), "go version "+version+" ")
		toolchains[version] = ok
	}
	return ok
}

var (
	hexAddr     = regexp.MustCompile(`0x[0-9a-f]+`)
	goroutineID = regexp.MustCompile(`(?i)(goroutine) (\d+)`)
	frameFile   = regexp.MustCompile(`^\s+\S*/([^/\s]+\.go:\d+)( \+0x[0-9a-f]+)?$`)
	elapsed     = regexp.MustCompile(` \(\d+\.\d+s\)$`)
	testingLine = regexp.MustCompile(`^(\s+)testing\.go:\d+: (.*)$`)
	repanicked  = regexp.MustCompile(` \[recovered.*\]$`)
	stackHeader = regexp.MustCompile(`^goroutine \d+ \[.*\]:$`)
)

// stackreport MODULE: rewrite the last command's stdout, a race report or a
// panic's goroutine dump from go test, into the parts that do not change
// from machine to machine or from one Go release to the next: the frames of
// MODULE's own code (file names without their folders), addresses written
// 0x…, goroutines numbered in order of appearance, and no elapsed times.
// Goroutines with no frame of MODULE are left out.
func cmdStackReport(ts *testscript.TestScript, neg bool, args []string) {
	module := args[0]
	ids := map[string]int{}
	renumber := func(l string) string {
		return goroutineID.ReplaceAllStringFunc(l, func(s string) string {
			m := goroutineID.FindStringSubmatch(s)
			if ids[m[2]] == 0 {
				ids[m[2]] = len(ids) + 1
			}
			return fmt.Sprintf("%s %d", m[1], ids[m[2]])
		})
	}
	var out []string
	lines := strings.Split(ts.ReadFile("stdout"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case i+1 < len(lines) && frameFile.MatchString(lines[i+1]) && !frameFile.MatchString(l):
			// A frame: a function line and its file line. Keep MODULE's own.
			fn := strings.TrimSpace(l)
			if strings.HasPrefix(fn, module) || strings.HasPrefix(fn, "created by "+module) {
				indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
				file := frameFile.FindStringSubmatch(lines[i+1])[1]
				out = append(out, indent+hexAddr.ReplaceAllString(fn, "0x…"), indent+"    "+file)
			}
			i++
		case strings.HasPrefix(l, "FAIL\t"), strings.HasPrefix(l, "ok\t"):
			// the package summary holds the elapsed time: leave it out
		default:
			l = hexAddr.ReplaceAllString(l, "0x…")
			l = elapsed.ReplaceAllString(l, "")
			l = repanicked.ReplaceAllString(l, "")
			if m := testingLine.FindStringSubmatch(l); m != nil {
				l = m[1] + m[2] // the testing package's own line numbers change between releases
			}
			out = append(out, l)
		}
	}
	// Drop goroutine dumps that kept no frame; number the rest in order.
	var kept []string
	for i, l := range out {
		if stackHeader.MatchString(l) {
			if i+1 >= len(out) || !strings.HasPrefix(out[i+1], module) {
				continue
			}
		}
		if strings.HasSuffix(l, "created at:") && (i+1 == len(out) || !strings.HasPrefix(out[i+1], "  ")) {
			kept = append(kept, l, "  (inside the testing package)")
			continue
		}
		kept = append(kept, l)
	}
	for i := range kept {
		kept[i] = renumber(kept[i])
	}
	fmt.Fprint(ts.Stdout(), strings.Join(kept, "\n"))
}
