// Package golden owns the -update flag that every test binary in this module
// accepts, so that "go test ./... -update" works from the root, and writes
// the files it regenerates safely.
//
// A test package that keeps golden files calls Update to learn whether to
// rewrite them and WriteFile to do it. A test package that has none imports
// this package for its flag alone.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"example.com/cancellation/internal/atomicfile"
)

var update = flag.Bool("update", false, "rewrite golden transcripts and generated files instead of comparing with them")

// Update reports whether the test binary was run with -update.
func Update() bool { return *update }

// WriteFile writes data to path whole or not at all; see atomicfile.Write.
func WriteFile(path string, data []byte) error {
	return atomicfile.Write(path, data)
}

// ScriptDir returns the folder of testscript scripts to run. Without
// -update it is dir itself. With -update, testscript (which rewrites a
// script in place with a plain write) works on copies in a temporary
// folder, and when the test ends every script that changed is written back
// to dir with WriteFile, whole or not at all.
func ScriptDir(t testing.TB, dir string) string {
	t.Helper()
	if !Update() {
		return dir
	}
	tmp := t.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	originals := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		originals[e.Name()] = data
		if err := os.WriteFile(filepath.Join(tmp, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for name, old := range originals {
			updated, err := os.ReadFile(filepath.Join(tmp, name))
			if err != nil || bytes.Equal(updated, old) {
				continue
			}
			if err := WriteFile(filepath.Join(dir, name), updated); err != nil {
				t.Errorf("writing back %s: %v", name, err)
				continue
			}
			t.Logf("updated %s", filepath.Join(dir, name))
		}
	})
	return tmp
}
