package exercises_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrongAnswersFail puts each wrong answer (testdata/wrong/*.go, whose
// first line says "// Wrong: ...") in place of its exercise's exercise.go,
// in a copy of the module, and checks that the exercise's tests fail ten
// runs out of ten under the race detector: a test failing, not the build.
// It also checks that each exercise fails as shipped and that its solution
// passes ten runs out of ten. It builds and runs many tests: only with
// COURSE_LONG=1, as the course's own check of its exercises.
func TestWrongAnswersFail(t *testing.T) {
	if os.Getenv("COURSE_LONG") == "" {
		t.Skip("builds every wrong answer ten times; COURSE_LONG=1 runs it")
	}
	dirs, err := filepath.Glob("[0-9][0-9]-*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			wrongs, _ := filepath.Glob(filepath.Join(dir, "testdata", "wrong", "*.go"))
			if len(wrongs) < 3 {
				t.Errorf("%d wrong answers in %s/testdata/wrong; want at least 3", len(wrongs), dir)
			}
			for _, w := range wrongs {
				answer, err := os.ReadFile(w)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(answer, []byte("// Wrong: ")) {
					t.Errorf("%s does not start with // Wrong: ...", w)
				}
				if n := runs(t, dir, append([]byte("//go:build !solution\n\n"), answer...)); n != 0 {
					t.Errorf("%s: the tests passed %d runs of 10; want none", w, n)
				}
			}
			if n := runs(t, dir, nil); n != 0 {
				t.Errorf("as shipped, the tests passed %d runs of 10; want none", n)
			}
			if n := runs(t, dir, nil, "-tags", "solution"); n != 10 {
				t.Errorf("the solution passed %d runs of 10; want 10", n)
			}
		})
	}
}

// runs copies the module with exercise.go in dir replaced by exercise (if
// not nil), runs dir's tests ten times under -race, and returns how many
// runs passed. A run that fails without a failing test (a build error)
// fails t.
func runs(t *testing.T, dir string, exercise []byte, flags ...string) int {
	t.Helper()
	tmp := t.TempDir()
	if err := os.CopyFS(tmp, os.DirFS(".")); err != nil {
		t.Fatal(err)
	}
	if exercise != nil {
		if err := os.WriteFile(filepath.Join(tmp, dir, "exercise.go"), exercise, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	passed := 0
	for range 10 {
		cmd := exec.Command("go", append(append([]string{"test", "-race", "-count=1"}, flags...), "./"+dir)...)
		cmd.Dir = tmp
		out, err := cmd.CombinedOutput()
		switch {
		case err == nil:
			passed++
		case !strings.Contains(string(out), "--- FAIL"):
			t.Fatalf("go test %s failed without a failing test:\n%s", dir, out)
		}
	}
	return passed
}
