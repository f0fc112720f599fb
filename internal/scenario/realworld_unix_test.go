//go:build unix

package scenario

import "testing"

// TestChildProcessLive: what WaitCommand says for each child does not
// depend on the clock: the one that cleans up needs a few milliseconds of
// its 250ms grace.
func TestChildProcessLive(t *testing.T) {
	lines, events := playLive(t, ChildProcessLive)
	matchLines(t, "transcript", lines,
		`child that cleans up: started \(pid \d+\); sending SIGTERM`,
		`child that cleans up says: cleaning up`,
		`child that cleans up: process interrupted: context canceled`,
		`child that dies of it: started \(pid \d+\); sending SIGTERM`,
		`child that dies of it: process interrupted: context canceled \(signal: terminated\)`,
		`child that ignores it: started \(pid \d+\); sending SIGTERM`,
		`child that ignores it: process interrupted: context canceled \(signal: killed\)`,
	)
	matchLines(t, "events", events,
		`begin "cleans up"`, `end "cleans up" cut`,
		`begin "dies of it"`, `end "dies of it" cut`,
		`begin "ignores it"`, `end "ignores it" cut`)
}

func TestProcessGroupLive(t *testing.T) {
	lines, _ := playLive(t, ProcessGroupLive)
	matchLines(t, "transcript", lines,
		`Command: sh \(pid \d+\) started sleep \(pid \d+\); sending SIGTERM`,
		`Command: sh: process interrupted: context canceled \(signal: terminated\)`,
		`Command: sleep still runs, orphaned; killing it by hand`,
		`Command: sleep is gone: nothing holds the output pipe`,
		`GroupCommand: sh \(pid \d+\) started sleep \(pid \d+\); sending SIGTERM`,
		`GroupCommand: sh: process interrupted: context canceled \(signal: terminated\)`,
		`GroupCommand: sleep is gone: nothing holds the output pipe`,
	)
}

func TestSignalsLive(t *testing.T) {
	lines, events := playLive(t, SignalsLive)
	matchLines(t, "transcript", lines,
		`NotifyContext\(SIGUSR1\); sending SIGUSR1 to myself \(pid \d+\)`,
		`NotifyContext: done; its cause: user defined signal 1 signal received`,
		`NotifyTwice\(SIGUSR1\); sending SIGUSR1`,
		`stop: user defined signal 1 signal received`,
		`sending SIGUSR1 again`,
		`hurry: told to hurry: second signal: user defined signal 1 signal received`,
		`a third SIGUSR1 would now end the process, as a third Ctrl-C would: not sent`,
	)
	matchLines(t, "events", events, `stop`, `cancel`)
}
