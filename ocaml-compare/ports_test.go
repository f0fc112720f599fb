// Package ports runs the OCaml, Python and Rust ports of the course's
// scenarios from the Go test suite, with the scripts in testdata/ports.
// A port whose toolchain is missing is skipped, with the reason and the
// command that installs it.
package ports

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/transcript"
)

// debianCrates is where Debian's librust-*-dev packages put crate sources.
const debianCrates = "/usr/share/cargo/registry"

func TestPorts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           golden.ScriptDir(t, filepath.Join("..", "testdata", "ports"), golden.Ports),
		UpdateScripts: golden.Regenerating(golden.Ports),
		Setup: func(env *testscript.Env) error {
			// Copy the ports into the script's folder: builds write there,
			// not into the repository, and go test sees every file read.
			if err := copyPorts(".", filepath.Join(env.WorkDir, "ports")); err != nil {
				return err
			}
			env.Setenv("CARGO_TARGET_DIR", filepath.Join(os.TempDir(), "cancellation-course-cargo-target"))
			if home := os.Getenv("HOME"); home != "" {
				env.Setenv("RUSTUP_HOME", envOr("RUSTUP_HOME", filepath.Join(home, ".rustup")))
				env.Setenv("CARGO_HOME", envOr("CARGO_HOME", filepath.Join(home, ".cargo")))
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "ocaml":
				return commandWorks("ocamlfind", "query", "threads", "lwt.unix"), nil
			case "python311":
				return commandWorks("python3", "-c", "import asyncio, sys; asyncio.timeout; sys.exit(sys.version_info < (3, 11))"), nil
			case "rust":
				_, err := exec.LookPath("cargo")
				tokio, _ := filepath.Glob(filepath.Join(debianCrates, "tokio-util-0.7*"))
				return err == nil && len(tokio) > 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"stepcheck":  cmdStepCheck,
			"cargobuild": cmdCargoBuild,
		},
	})
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

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
		case ".ml", ".py", ".rs", ".toml":
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
	if neg || len(args) != 1 {
		ts.Fatalf("usage: cargobuild DIR")
	}
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
	if neg || len(args) > 1 {
		ts.Fatalf("usage: stepcheck [CANCELLED-LINE]")
	}
	cancelled := ""
	if len(args) == 1 {
		cancelled = args[0]
	}
	if err := transcript.CheckSourceMain(ts.ReadFile("stdout"), cancelled); err != nil {
		ts.Fatalf("stepcheck: %v", err)
	}
}
