//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestKilledGoRunLeavesNothingRunning: "go run ./lessons run 10
// -wait-signal &" and then kill -9 of the go command. The go command
// cannot pass that on, so lessons, its child, must notice by itself that
// its parent has gone, and stop: here it shuts its pool down and prints
// the summary. sh stands for the go command, and the binary lies where go
// run puts it (a go-build folder), so that the watch is on.
//
// Without the watch the child waits for a signal for ever: the 30s this
// test allows is a bound a wrong design cannot meet, not a time it expects
// (it takes under a second).
func TestKilledGoRunLeavesNothingRunning(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "go-build123", "b001", "exe")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "lessons")
	// A hard link or a copy, not a symlink: os.Executable resolves a
	// symlink, and the test binary itself may lie anywhere (go test -c).
	if err := os.Link(exe, bin); err != nil {
		data, err := os.ReadFile(exe)
		if err == nil {
			err = os.WriteFile(bin, data, 0o755)
		}
		if err != nil {
			t.Fatalf("cannot copy the test binary to %s: %v", bin, err)
		}
	}
	out := filepath.Join(t.TempDir(), "out.txt")
	parent := exec.Command("sh", "-c", `"$0" run graceful-shutdown -wait-signal > "$1" 2>&1 & wait`, bin, out)
	parent.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0")
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	ready := waitForLine(t, out, `ready: pid (\d+)`)
	pid, _ := strconv.Atoi(ready[1])
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGKILL) }) // if the test fails
	if err := parent.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	parent.Wait()

	waitForLine(t, out, `stop \(its parent process is gone\): no new jobs`)
	waitForLine(t, out, `accepted=\d+ completed=\d+ cancelled=\d+ lost=0$`)
	// Under go test -race the child is built with the race detector too:
	// its report, or a panic, would be in its output.
	if data, _ := os.ReadFile(out); regexp.MustCompile(`DATA RACE|panic:|goroutine \d+ \[`).Match(data) {
		t.Errorf("the child printed a race report or a panic:\n%s", data)
	}
}

// waitForLine waits until file has a line matching pattern, and returns
// the match. It polls: the file is written by another process.
func waitForLine(t *testing.T, file, pattern string) []string {
	t.Helper()
	re := regexp.MustCompile("(?m)" + pattern)
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, _ := os.ReadFile(file)
		if m := re.FindStringSubmatch(string(data)); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("no line matching %q in %s after 30s; it holds:\n%s", pattern, file, data)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
