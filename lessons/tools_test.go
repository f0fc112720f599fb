package main

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/gotooltest"
	"github.com/rogpeppe/go-internal/testscript"

	"example.com/cancellation/internal/golden"
)

// TestToolTranscripts runs the scripts in testdata/tools, which run the go
// command itself (go vet, go test -race) on small broken examples, so the
// lessons can show what the tools really say about them.
func TestToolTranscripts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds small programs with the go command; skipped in -short mode")
	}
	p := testscript.Params{
		Dir:           "../testdata/tools",
		UpdateScripts: golden.Update(),
		Setup: func(env *testscript.Env) error {
			env.Setenv("GORACE", "atexit_sleep_ms=0")
			env.Setenv("GOFLAGS", "-mod=mod")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "race" {
				return raceSupported(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"racereport": cmdRaceReport,
		},
	}
	if err := gotooltest.Setup(&p); err != nil {
		t.Skipf("the go command is not usable here: %v", err)
	}
	testscript.Run(t, p)
}

// raceSupported reports whether go test -race works on this platform.
func raceSupported() bool {
	switch runtime.GOOS + "/" + runtime.GOARCH {
	case "linux/amd64", "linux/arm64", "linux/ppc64le", "linux/s390x", "linux/loong64",
		"darwin/amd64", "darwin/arm64", "freebsd/amd64", "netbsd/amd64", "windows/amd64":
		return true
	}
	return false
}

var (
	hexAddr   = regexp.MustCompile(`0x[0-9a-f]+`)
	goroutine = regexp.MustCompile(`(?i)(goroutine) (\d+)`)
	frameFile = regexp.MustCompile(`^\s+\S*/([^/\s]+\.go:\d+)( \+0x[0-9a-f]+)?$`)
	elapsed   = regexp.MustCompile(` \(\d+\.\d+s\)$`)
)

// racereport: rewrite the last command's stdout, a race detector report
// from go test -race, into the parts that do not change from machine to
// machine or from one Go release to the next: the report with the frames of
// the example's own code, addresses as 0x…, goroutines numbered in order of
// appearance, and file names without their folders.
func cmdRaceReport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: racereport MODULE-PATH")
	}
	module := args[0]
	ids := map[string]int{}
	var out []string
	lines := strings.Split(ts.ReadFile("stdout"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "    ") && i+1 < len(lines) && frameFile.MatchString(lines[i+1]):
			// A frame: a function line and its file line. Keep the example's own.
			if strings.HasPrefix(strings.TrimSpace(l), module) {
				file := frameFile.FindStringSubmatch(lines[i+1])[1]
				out = append(out, l, "      "+file)
			}
			i++
		case strings.HasPrefix(l, "FAIL\t"), strings.HasPrefix(l, "ok\t"):
			// the package summary holds the elapsed time: leave it out
		default:
			l = hexAddr.ReplaceAllString(l, "0x…")
			l = elapsed.ReplaceAllString(l, "")
			l = goroutine.ReplaceAllStringFunc(l, func(s string) string {
				m := goroutine.FindStringSubmatch(s)
				if ids[m[2]] == 0 {
					ids[m[2]] = len(ids) + 1
				}
				return fmt.Sprintf("%s %d", m[1], ids[m[2]])
			})
			if m := regexp.MustCompile(`^(\s+)(\w+\.go):\d+: (.*)$`).FindStringSubmatch(l); m != nil && m[2] == "testing.go" {
				l = m[1] + m[3] // the testing package's own line number changes between releases
			}
			out = append(out, l)
		}
	}
	for i := len(out) - 1; i >= 0; i-- {
		if strings.HasSuffix(out[i], "created at:") && (i+1 == len(out) || !strings.HasPrefix(out[i+1], "  ")) {
			out = slices.Insert(out, i+1, "  (inside the testing package)")
		}
	}
	fmt.Fprint(ts.Stdout(), strings.Join(out, "\n"))
}
