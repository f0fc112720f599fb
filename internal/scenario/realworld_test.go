package scenario

import (
	"log/slog"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

// play runs a story in a synctest bubble and returns its transcript and
// its events.
func play(t *testing.T, story func(*slog.Logger)) (lines, events string) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder
		tw := transcript.NewWriter(&out)
		story(Logger(tw))
		lines, events = out.String(), event.Format(tw.Events())
	})
	return lines, events
}

// TestRealWorldStories plays each story of realworld.go on the virtual
// clock, 20 times, and wants the same transcript and events every time.
// (These stories are not in All() yet; when they are, their transcripts
// belong in testdata/scenarios, and this test can go.)
func TestRealWorldStories(t *testing.T) {
	tests := []struct {
		name          string
		story         func(*slog.Logger)
		lines, events string
	}{
		{"blocking-read", BlockingRead, `[   0ms] reader: waiting for the peer, giving up after 35ms
[  35ms] reader: read interrupted: context deadline exceeded (read pipe: i/o timeout)
[  35ms] reader: deadline reset, reading again
[  45ms] reader: got "hello"
[  45ms] reader: waiting again; this time the end of the context closes the connection
[  80ms] reader: io: read/write on closed pipe (the context: context deadline exceeded)
[  80ms] writer: io: read/write on closed pipe: the connection is over
`, `[   0ms] begin "read 1"
[  35ms] end "read 1" cut
[  35ms] begin "read 2"
[  45ms] end "read 2" done
[  45ms] begin "read 3"
[  80ms] end "read 3" cut
`},
		{"server-shutdown", ServerShutdown, `[   0ms] handler: GET /quick: started
[   0ms] handler: GET /slow: started
[   0ms] handler: GET /stream: started
[  45ms] server: stop (SIGTERM, simulated): no new connections; 20ms for the requests in flight
[  45ms] handler: GET /stream: the server drains: said bye after 4 lines
[  50ms] handler: GET /quick: done
[  65ms] handler: GET /slow: cancelled at step 6: shutdown grace period over
[  65ms] server: Serve returned <nil>: accepted=3 answered=2 cut=1 lost=0
[  65ms] client: GET /quick: 200 OK: completed all 5 steps
[  65ms] client: GET /slow: no answer: the connection was cut
[  65ms] client: GET /stream: 200 OK: line 1 | line 2 | line 3 | line 4 | bye
[  65ms] client: GET /quick, sent after the stop: refused: nobody accepts connections any more
`, `[   0ms] begin "GET /quick"
[   0ms] begin "GET /slow"
[   0ms] begin "GET /stream"
[  45ms] stop
[  45ms] end "GET /stream" done
[  50ms] end "GET /quick" done
[  65ms] end "GET /slow" cut
`},
		{"hard-deadline", HardDeadline, `[   0ms] polite worker: started, watching the stop
[   0ms] stubborn worker: started, ignoring the stop
[  45ms] SIGTERM (simulated): shutting down, with 30ms at most
[  45ms] polite worker: cancelled at step 4: SIGTERM
[  75ms] hard deadline: os.Exit(1), whatever still runs
[  75ms] stubborn worker: cancelled at step 7: the process exited
`, `[   0ms] begin "polite worker"
[   0ms] begin "stubborn worker"
[  45ms] stop
[  45ms] end "polite worker" cut
[  75ms] cancel
[  75ms] end "stubborn worker" cut
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for run := range 20 {
				lines, events := play(t, tt.story)
				if diff := cmp.Diff(tt.lines, lines); diff != "" {
					t.Fatalf("run %d: transcript (-want +got):\n%s", run, diff)
				}
				if diff := cmp.Diff(tt.events, events); diff != "" {
					t.Fatalf("run %d: events (-want +got):\n%s", run, diff)
				}
			}
		})
	}
}
