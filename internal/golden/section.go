package golden

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Section checks the generated part of the file at path called name: the
// lines between "<!-- begin: name -->" and "<!-- end: name -->" must be
// text. A run that regenerates kind writes text there instead; any other
// run fails t if they differ, saying how to fix it.
func Section(t testing.TB, path, name, text, kind string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin, end := fmt.Sprintf("<!-- begin: %s -->\n", name), fmt.Sprintf("<!-- end: %s -->\n", name)
	before, rest, ok1 := strings.Cut(string(data), begin)
	have, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no lines %q and %q around its generated part", path, strings.TrimSpace(begin), strings.TrimSpace(end))
	}
	if have == text {
		return
	}
	if Regenerating(kind) {
		if err := WriteFile(path, []byte(before+begin+text+end+after)); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s (%s)", path, name)
		return
	}
	t.Errorf("%s: the part %s is stale (-on disk +generated):\n%s\nTo fix it, run: %s", path, name, cmp.Diff(have, text), FixCommand)
}
