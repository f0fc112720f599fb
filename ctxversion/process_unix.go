//go:build unix

package ctxversion

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// terminate asks cmd's process, or its whole group if it leads one, to
// stop: SIGTERM. A process or group already gone is os.ErrProcessDone,
// which tells exec to add no error of its own.
func terminate(cmd *exec.Cmd) error {
	err := signalGroup(cmd, syscall.SIGTERM)
	if errors.Is(err, syscall.ESRCH) {
		return os.ErrProcessDone
	}
	return err
}

// newGroup makes cmd's process the leader of a new process group when it
// starts, whose id is then its pid.
func newGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pgid = 0
}

// killGroup kills what is left of the group cmd's process led, if it led
// one. The group's id is the leader's pid, which the system does not give
// to a new process while the group has a member; with no member left, the
// kill finds no group (ESRCH), unless in the meantime a new process got
// that pid and made a group of its own: a window this ignores.
func killGroup(cmd *exec.Cmd) {
	if leadsGroup(cmd) {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

func leadsGroup(cmd *exec.Cmd) bool {
	return cmd.Process != nil && cmd.SysProcAttr != nil && cmd.SysProcAttr.Setpgid && cmd.SysProcAttr.Pgid == 0
}

func signalGroup(cmd *exec.Cmd, sig syscall.Signal) error {
	if leadsGroup(cmd) {
		return syscall.Kill(-cmd.Process.Pid, sig)
	}
	return cmd.Process.Signal(sig)
}
