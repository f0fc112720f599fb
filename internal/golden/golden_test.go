package golden

import "testing"

func TestScriptDirWithoutUpdateIsTheFolderItself(t *testing.T) {
	if Update() {
		t.Skip("run without -update")
	}
	if got := ScriptDir(t, "testdata/x"); got != "testdata/x" {
		t.Errorf("ScriptDir = %q, want the folder itself", got)
	}
}
