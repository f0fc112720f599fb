package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestScriptDirIsTheFolderItselfWhenChecking(t *testing.T) {
	t.Setenv(Env, "")
	if got := ScriptDir(t, "testdata/x", Scenarios); got != "testdata/x" {
		t.Errorf("ScriptDir = %q, want the folder itself", got)
	}
}

func TestRegeneratingOnlyTheKindNamed(t *testing.T) {
	t.Setenv(Env, "cli,ports")
	for kind, want := range map[string]bool{CLI: true, Ports: true, Scenarios: false, Tools: false} {
		if got := Regenerating(kind); got != want {
			t.Errorf("with %s=cli,ports, Regenerating(%q) = %v, want %v", Env, kind, got, want)
		}
	}
}

// TestScriptDirWritesBackChangedScripts: when regenerating, scripts are
// copied to a temporary folder and the changed ones written back.
func TestScriptDirWritesBackChangedScripts(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"a.txtar": "old a", "b.txtar": "old b"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(Env, Scenarios)
	t.Run("regenerate", func(t *testing.T) {
		tmp := ScriptDir(t, dir, Scenarios)
		if tmp == dir {
			t.Fatal("ScriptDir returned the folder itself while regenerating")
		}
		if err := os.WriteFile(filepath.Join(tmp, "a.txtar"), []byte("new a"), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	for name, want := range map[string]string{"a.txtar": "new a", "b.txtar": "old b"} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// TestSectionChecksAndRegenerates: a stale generated part fails a run that
// only checks, and is rewritten, with the rest of the file as it was, by
// one that regenerates its kind.
func TestSectionChecksAndRegenerates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	old := "intro\n<!-- begin: list -->\nold\n<!-- end: list -->\noutro\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(Env, "")
	check := &recordingT{TB: t}
	Section(check, path, "list", "new\n", CLI)
	if !strings.Contains(check.errors, "the part list is stale") || !strings.Contains(check.errors, FixCommand) {
		t.Errorf("checking a stale part: got errors %q, want it stale and %q", check.errors, FixCommand)
	}
	if got, _ := os.ReadFile(path); string(got) != old {
		t.Errorf("a run that only checks wrote %q", got)
	}
	t.Setenv(Env, CLI)
	Section(t, path, "list", "new\n", CLI)
	got, _ := os.ReadFile(path)
	if want := "intro\n<!-- begin: list -->\nnew\n<!-- end: list -->\noutro\n"; string(got) != want {
		t.Errorf("after regenerating: %q, want %q", got, want)
	}
}

// recordingT records what Errorf says instead of failing the test.
type recordingT struct {
	testing.TB
	errors string
}

func (r *recordingT) Errorf(format string, args ...any) { r.errors += fmt.Sprintf(format, args...) }

// TestScriptsLeavesOutLiveOnesWhenRegenerating: regeneration never runs a
// script whose output depends on the machine's timing.
func TestScriptsLeavesOutLiveOnesWhenRegenerating(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"show.txtar", "run_live.txtar", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for env, want := range map[string][]string{"": {"run_live.txtar", "show.txtar"}, CLI: {"show.txtar"}} {
		t.Run("COURSE_REGENERATE="+env, func(t *testing.T) {
			t.Setenv(Env, env)
			var got []string
			for _, f := range Scripts(t, dir, CLI) {
				got = append(got, filepath.Base(f))
			}
			if !slices.Equal(got, want) {
				t.Errorf("Scripts = %q, want %q", got, want)
			}
		})
	}
}
