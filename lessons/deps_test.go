package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestTheLearnersBinaryLinksNoGenerator: the command a learner runs links
// neither the generator nor the course's checks (the README says so), so
// that it stays small and builds fast.
func TestTheLearnersBinaryLinksNoGenerator(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"/internal/literate", "/internal/proofread", "/internal/gosource", "/internal/bench", "go/printer"} {
			if strings.HasSuffix(dep, banned) || dep == banned {
				t.Errorf("go run ./lessons links %s", dep)
			}
		}
	}
}
