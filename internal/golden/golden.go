// Package golden owns the -update flag that every test binary in this module
// accepts, so that "go test ./... -update" works from the root, and writes
// the files it regenerates safely.
//
// A test package that keeps golden files calls Update to learn whether to
// rewrite them and WriteFile to do it. A test package that has none imports
// this package for its flag alone.
package golden

import (
	"flag"
	"os"
	"path/filepath"
)

var update = flag.Bool("update", false, "rewrite golden transcripts and generated files instead of comparing with them")

// Update reports whether the test binary was run with -update.
func Update() bool { return *update }

// WriteFile writes data to path through a temporary file in the same folder
// and a rename, so a reader never sees a half-written file and an error
// leaves the old file as it was.
func WriteFile(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
