package atomicfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"go.uber.org/goleak"

	"example.com/cancellation/internal/atomicfile"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestWriteReplacesContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lesson.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("file holds %q, want %q", got, "new")
	}
}

// TestWriteFailureLeavesNoTrace makes the final rename fail (the target
// is a non-empty folder): the old content stays and no temporary file is
// left behind.
func TestWriteFailureLeavesNoTrace(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "figure.svg")
	if err := os.MkdirAll(filepath.Join(target, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(target, []byte("new")); err == nil {
		t.Fatal("Write over a non-empty folder succeeded, want an error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "figure.svg" {
		t.Errorf("folder holds %v, want only the untouched figure.svg", entries)
	}
	if _, err := os.Stat(filepath.Join(target, "keep")); err != nil {
		t.Errorf("old content was disturbed: %v", err)
	}
}
