package ctxversion_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// childEnv names the environment variable that turns this test binary into
// a child process for the tests: a real process that a test can start,
// signal and wait for. The value names what the child does, one of
// childModes.
//
// The check is in an init function, so it comes before TestMain (and its
// goroutine-leak check) and before the test flags are parsed: a child
// never runs a test. The os/exec tests use the same trick.
const childEnv = "CTXVERSION_TEST_CHILD"

// childModes holds what a child may do, by name. The files whose tests
// need children register their modes with childMode, in variable
// initializers, which all run before any init function.
var childModes = map[string]func(){}

// childMode registers a child mode; it returns true for use in a var
// declaration.
func childMode(name string, run func()) bool {
	childModes[name] = run
	return true
}

func init() {
	mode := os.Getenv(childEnv)
	if mode == "" {
		return
	}
	run, ok := childModes[mode]
	if !ok {
		fmt.Fprintf(os.Stderr, "%s=%s: no such child mode\n", childEnv, mode)
		os.Exit(2)
	}
	run()
	os.Exit(0)
}

// childBlocks is how long a child waits for what its test does to it. It
// is never reached: the test stops the child long before. It only limits
// how long a child outlives a test that failed to stop it.
const childBlocks = time.Minute

// hangGuard bounds every wait for a child in the tests. It only turns a
// hang into a failure; no verdict depends on it.
const hangGuard = 30 * time.Second

// child is a running child process with its output.
type child struct {
	cmd *exec.Cmd
	out *bufio.Reader // the child's stdout, and that of all it starts
}

// startChild starts cmd, whose program must be this test binary, as the
// child mode. Its stdout is a pipe that the child's own children inherit:
// the pipe reaches its end only when every one of them has exited.
func startChild(t *testing.T, cmd *exec.Cmd, mode string) *child {
	t.Helper()
	cmd.Env = childEnviron(mode)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	cmd.Stdout = w // an *os.File: exec hands it to the child, no copying goroutine
	cmd.Stderr = os.Stderr
	err = cmd.Start()
	w.Close() // the children hold it now
	if err != nil {
		t.Fatal(err)
	}
	// A test that failed may leave its child running, and the child
	// holds the test's stderr: go test would wait for it.
	t.Cleanup(func() { cmd.Process.Kill() })
	return &child{cmd: cmd, out: bufio.NewReader(r)}
}

// childEnviron returns this process's environment with childEnv set to
// mode. A binary built with -race sleeps a second as it exits (GORACE
// atexit_sleep_ms, 1000 by default); the children do not.
func childEnviron(mode string) []string {
	return append(os.Environ(),
		childEnv+"="+mode,
		"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
}

// testBinary returns the path of this test binary, to run as a child.
func testBinary(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// line reads the child's next line of output, without its newline.
func (c *child) line(t *testing.T) string {
	t.Helper()
	s, err := c.out.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the child's output: %v (so far %q)", err, s)
	}
	return strings.TrimSuffix(s, "\n")
}

// rest reads the child's output to its end, which comes when the child
// and every process it started have exited, within hangGuard.
func (c *child) rest(t *testing.T) []string {
	t.Helper()
	var lines []string
	done := make(chan error, 1)
	go func() {
		for {
			s, err := c.out.ReadString('\n')
			if s != "" {
				lines = append(lines, strings.TrimSuffix(s, "\n"))
			}
			if err != nil {
				done <- nil
				return
			}
		}
	}()
	select {
	case <-done:
		return lines
	case <-time.After(hangGuard):
		t.Fatalf("the child's output did not end within %v: a process holding it still runs", hangGuard)
		return nil
	}
}

// wait calls wait (WaitCommand, or cmd.Wait) within hangGuard.
func wait(t *testing.T, wait func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(hangGuard):
		t.Fatalf("the child did not exit within %v", hangGuard)
		return nil
	}
}
