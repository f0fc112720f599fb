// Package ports runs the OCaml, Python, Rust, JavaScript and Java ports of
// the course's scenarios from the Go test suite, with the scripts in
// testdata/ports.
// A port whose toolchain is missing is skipped, with the reason and the
// command that installs it. TestGoWakes gives Go's own tasks the ports'
// wake scenario.
package ports

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"

	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/scriptcmd"
	"example.com/cancellation/internal/transcript"
)

// debianCrates is where Debian's librust-*-dev packages put crate sources.
const debianCrates = "/usr/share/cargo/registry"

// goSums is Go's Sums scenario, whose lines every port's cancellable_sum
// must print: Setup writes them, without their stamps, to
// $WORK/go_sums.golden.
const goSums = "../testdata/scenarios/sums_check_every_1000_items.txtar"

func TestPorts(t *testing.T) {
	// Eight toolchains build and run the ports: tens of seconds, too long
	// for a learner's go test ./... .ci/run runs them, and fails if any
	// is skipped.
	golden.SkipUnlessLong(t, "ports", "the ports build and run with other languages' toolchains")
	testscript.Run(t, testscript.Params{
		Dir:           golden.ScriptDir(t, filepath.Join("..", "testdata", "ports"), golden.Ports),
		UpdateScripts: golden.Regenerating(golden.Ports),
		Setup: func(env *testscript.Env) error {
			// Copy the ports into the script's folder: builds write there,
			// not into the repository, and go test sees every file read.
			if err := copyPorts(".", filepath.Join(env.WorkDir, "ports")); err != nil {
				return err
			}
			sums, err := unstamped(goSums, "sums.golden")
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(env.WorkDir, "go_sums.golden"), []byte(sums), 0o644); err != nil {
				return err
			}
			target, err := cargoTarget()
			if err != nil {
				return err
			}
			env.Setenv("CARGO_TARGET_DIR", target)
			env.Setenv("TRIO_PYTHON", trioPython())
			if home := os.Getenv("HOME"); home != "" {
				env.Setenv("RUSTUP_HOME", envOr("RUSTUP_HOME", filepath.Join(home, ".rustup")))
				env.Setenv("CARGO_HOME", envOr("CARGO_HOME", filepath.Join(home, ".cargo")))
			}
			// within starts its programs itself, with these variables.
			env.Values[envNames{}] = scriptcmd.Names(env.Vars)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "live":
				// A run on the real clock checked with patterns or
				// stepcheck: its output is the clock's business, so
				// go test runs it and go generate, which has no golden
				// of it to write, does not.
				return !golden.Regenerating(golden.Ports), nil
			case "ocaml":
				return commandWorks("ocamlfind", "query", "threads", "lwt.unix"), nil
			case "python311":
				return commandWorks("python3", "-c", "import asyncio, sys; asyncio.timeout; sys.exit(sys.version_info < (3, 11))"), nil
			case "node":
				return commandWorks("node", "-e", "process.exit(typeof AbortSignal.any === 'function' ? 0 : 1)"), nil
			case "trio":
				return trioPython() != "", nil
			case "java":
				_, err := exec.LookPath("java")
				return err == nil && commandWorks("javac", "--release", "17", "-version"), nil
			case "rust":
				_, err := exec.LookPath("cargo")
				tokio, _ := filepath.Glob(filepath.Join(debianCrates, "tokio-util-0.7*"))
				return err == nil && len(tokio) > 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: scriptcmd.Map(portCmds),
	})
}

// cargoTarget returns where cargo builds the Rust ports: outside the
// repository, and kept between runs so that tokio is compiled once. Each
// checkout has its own, named after its path: two checkouts tested at once
// (.ci/stress tests a copy) would otherwise rebuild the binaries under each
// other, and one would run the other's.
func cargoTarget() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(os.TempDir(), fmt.Sprintf("cancellation-course-cargo-target-%x", sum[:6])), nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// unstamped returns the file called name in the txtar archive file, a
// transcript stamped on the virtual clock, without its stamps.
func unstamped(file, name string) (string, error) {
	a, err := txtar.ParseFile(file)
	if err != nil {
		return "", err
	}
	for _, f := range a.Files {
		if f.Name != name {
			continue
		}
		lines, err := transcript.Parse(string(f.Data))
		if err != nil {
			return "", fmt.Errorf("%s: %s: %v", file, name, err)
		}
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(l.Text + "\n")
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("%s has no %s", file, name)
}

// trioPython returns a Python that imports trio, or "" if none does: the
// first python3 in $PATH (pyenv's, say) or, failing that, Debian's, where
// apt-get install python3-trio puts it. Setup hands it to the scripts as
// $TRIO_PYTHON.
var trioPython = sync.OnceValue(func() string {
	for _, python := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(python)
		if err == nil && commandWorks(path, "-c", "import trio") {
			return path
		}
	}
	return ""
})

func commandWorks(name string, args ...string) bool {
	return exec.Command(name, args...).Run() == nil
}

// copyPorts copies the sources of the ports (not build products).
func copyPorts(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			if d.Name() == "target" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		switch filepath.Ext(path) {
		case ".ml", ".py", ".rs", ".toml", ".mjs", ".java":
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(to, rel), data, 0o644)
		}
		return nil
	})
}

// cargobuild DIR: build the Cargo project in DIR offline, from the crates
// that Debian's librust-*-dev packages install.
func cmdCargoBuild(ts *testscript.TestScript, neg bool, args []string) {
	ts.Check(ts.Chdir(args[0]))
	err := ts.Exec("cargo", "build", "--offline", "--quiet",
		"--config", `source.crates-io.replace-with="debian"`,
		"--config", fmt.Sprintf(`source.debian.directory=%q`, debianCrates))
	if err != nil {
		ts.Fatalf("cargo build: %v\n%s", err, ts.ReadFile("stderr"))
	}
}

// stepcheck [PREFIX]: the last command printed the source lesson's main,
// with its real-time cancel; see transcript.CheckSourceMain.
func cmdStepCheck(ts *testscript.TestScript, neg bool, args []string) {
	cancelled := ""
	if len(args) == 1 {
		cancelled = args[0]
	}
	if err := transcript.CheckSourceMain(ts.ReadFile("stdout"), cancelled); err != nil {
		ts.Fatalf("stepcheck: %v", err)
	}
}

// envNames is the key of Env.Values under which Setup leaves the names of
// the script's environment variables.
type envNames struct{}

// regenerationBound is within's bound while go generate regenerates the
// ports: only a guard against a run that would never end.
const regenerationBound = 5 * time.Minute

// within DURATION PROGRAM [ARGS...]: run PROGRAM as exec does, but kill it
// and fail if it has not exited after DURATION. A task that waits on its
// token ends at the cancel; one that only polls sleeps out its step, and
// the script must fail then, not hang.
//
// When go generate regenerates the ports, the bound is regenerationBound
// instead: regeneration takes the program's output, which does not depend
// on the clock, and must not fail because a busy machine was slow to
// start a Python or a JVM. The bound's verdict belongs to the tests.
func cmdWithin(ts *testscript.TestScript, neg bool, args []string) {
	limit, err := time.ParseDuration(args[0])
	if err != nil {
		ts.Fatalf("within: %v", err)
	}
	if golden.Regenerating(golden.Ports) {
		limit = max(limit, regenerationBound)
	}
	path, err := scriptcmd.LookPath(ts, args[1])
	ts.Check(err)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	for _, name := range ts.Value(envNames{}).([]string) {
		cmd.Env = append(cmd.Env, name+"="+ts.Getenv(name))
	}
	cmd.Stdout, cmd.Stderr = ts.Stdout(), ts.Stderr()
	cmd.WaitDelay = time.Second // if something it started holds its output open
	start := time.Now()
	err = cmd.Run()
	switch {
	case err != nil && ctx.Err() != nil:
		ts.Fatalf("%s was still running after %v: killed (a task that only polls sleeps out its step)", strings.Join(args[1:], " "), limit)
	case err != nil:
		ts.Fatalf("%s: %v", strings.Join(args[1:], " "), err)
	}
	ts.Logf("[ended after %v, within %v]", time.Since(start).Round(time.Millisecond), limit)
}

// portCmds are the commands of the ports' scripts beyond testscript's
// own; testdata/README.md lists them.
var portCmds = []scriptcmd.Command{
	{
		Usage: "stepcheck [CANCELLED-LINE]",
		Doc:   "stdout is a real-time run of the source lesson's main: check its order and bookkeeping only (`transcript.CheckSourceMain`)",
		Run:   cmdStepCheck,
	},
	{
		Usage: "cargobuild DIR",
		Doc:   "build the Cargo project in DIR offline, from the crates Debian's `librust-*-dev` packages install",
		Run:   cmdCargoBuild,
	},
	{
		Usage: "within DURATION PROG [ARGS...]",
		Doc:   "run PROG as `exec` does, but kill it and fail if it still runs after DURATION: a task that only polls must fail, not hang (while `go generate` regenerates the ports, the bound is 5 minutes: regeneration takes the output, the tests check the time)",
		Run:   cmdWithin,
	},
}

// TestScriptCommandsListed: testdata/README.md lists portCmds. go generate
// ./... writes the list; this test only checks it.
func TestScriptCommandsListed(t *testing.T) {
	golden.Section(t, "../testdata/README.md", "ports commands", scriptcmd.List(portCmds), golden.Ports)
}
