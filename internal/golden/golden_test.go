package golden

import (
	"os"
	"path/filepath"
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
