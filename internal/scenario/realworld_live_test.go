package scenario

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

// playLive runs a live story on the real clock and returns its transcript
// and its events, both without their time stamps, which vary.
func playLive(t *testing.T, story func(context.Context, *slog.Logger) error) (lines, events string) {
	t.Helper()
	var out strings.Builder
	tw := transcript.NewWriter(&out)
	if err := story(t.Context(), Logger(tw)); err != nil {
		t.Fatalf("story: %v", err)
	}
	return unstamp(out.String()), unstamp(event.Format(tw.Events()))
}

// unstamp drops the "[  35ms] " stamp of each line.
func unstamp(text string) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		_, rest, _ := strings.Cut(line, "] ")
		b.WriteString(rest)
	}
	return b.String()
}

// matchLines checks that text has as many lines as patterns, each matching
// its pattern in full.
func matchLines(t *testing.T, what, text string, patterns ...string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != len(patterns) {
		t.Errorf("%s: %d lines, want %d:\n%s", what, len(lines), len(patterns), text)
		return
	}
	for i, p := range patterns {
		if !regexp.MustCompile("^(?:" + p + ")$").MatchString(lines[i]) {
			t.Errorf("%s, line %d: %q, want it to match %s", what, i+1, lines[i], p)
		}
	}
}

// tcpConn matches the addresses of a loopback connection in an error.
const tcpConn = `127\.0\.0\.1:\d+->127\.0\.0\.1:\d+`

// TestBlockingReadLive: over real TCP, the same story as on the pipe.
// The real clock only moves the stamps, which are dropped.
func TestBlockingReadLive(t *testing.T) {
	lines, events := playLive(t, BlockingReadLive)
	matchLines(t, "transcript", lines,
		`reader: waiting for the peer, giving up after 35ms`,
		`reader: read interrupted: context deadline exceeded \(read tcp `+tcpConn+`: i/o timeout\)`,
		`reader: deadline reset, reading again`,
		`reader: got "hello"`,
		`reader: waiting again; this time the end of the context closes the connection`,
		`reader: read tcp `+tcpConn+`: use of closed network connection \(the context: context deadline exceeded\)`,
		`writer: write tcp `+tcpConn+`: use of closed network connection: the connection is over`,
	)
	matchLines(t, "events", events,
		`begin "read 1"`, `end "read 1" cut`, `begin "read 2"`, `end "read 2" done`, `begin "read 3"`, `end "read 3" cut`)
}

// TestServerShutdownLive: over real TCP, only what the real clock cannot
// change is checked: nothing lost, the slow request cut, the late client
// refused. (Whether the quick request makes its grace depends on the
// machine's load: it needs 50ms, and has 65ms.)
func TestServerShutdownLive(t *testing.T) {
	lines, _ := playLive(t, ServerShutdownLive)
	for _, want := range []string{
		`(?m)^server: listening on 127\.0\.0\.1:\d+$`,
		`(?m)^server: Serve returned <nil>: accepted=3 answered=[12] cut=[12] lost=0$`,
		`(?m)^handler: GET /slow: cancelled at step \d+: shutdown grace period over$`,
		`(?m)^client: GET /slow: no answer: the connection was cut$`,
		`(?m)^client: GET /quick, sent after the stop: refused: nobody accepts connections any more$`,
	} {
		if !regexp.MustCompile(want).MatchString(lines) {
			t.Errorf("transcript does not match %s:\n%s", want, lines)
		}
	}
}
