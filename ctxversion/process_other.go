//go:build !unix

package ctxversion

import "os/exec"

// terminate kills cmd's process: there is no signal that asks a process
// to stop here (on Windows, os.Process.Signal supports only os.Kill).
func terminate(cmd *exec.Cmd) error { return cmd.Process.Kill() }

// newGroup does nothing: here no signal or kill reaches a process group as
// a whole. (Windows' process groups only take console Ctrl-Break events; a
// job object would do the work; it is not shown here.)
func newGroup(*exec.Cmd) {}

// killGroup does nothing: see newGroup.
func killGroup(*exec.Cmd) {}
