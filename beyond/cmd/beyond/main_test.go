package main

import (
	"context"
	"example.com/cancellation/beyond/services"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestRun checks the exit codes and what the command prints: a story
// played to its end exits 0, one stopped by an interrupt 130, and a bad
// command line 2 with one line on stderr.
func TestRun(t *testing.T) {
	cases := []struct {
		args      []string
		interrupt time.Duration // 0: never
		code      int
		stdout    string // a regexp
		stderr    string // a regexp
	}{
		{[]string{"run", "grpc-chain"}, 0, 0, `(?s)^grpc-chain: [^\n]*\n\[ *\d+ms\] client: calls gateway.*\] stock: ← RST_STREAM.*\] stock: stopped its work: context canceled\n`, `^$`},
		{[]string{"run", "http-chain"}, 50 * time.Millisecond, 130, `client: calls gateway`, `^beyond: interrupted\n$`},
		{[]string{"run", "all"}, 0, 0, `(?s)^grpc-chain: .*\n\nconnect-chain: .*\n\nhttp-chain: .*\n\nbudget: .*\n$`, `^$`},
		{[]string{"list"}, 0, 0, `(?m)^budget .*\n^connect-chain .*\n^grpc-chain .*\n^http-chain .*\n$`, `^$`},
		{nil, 0, 2, `^$`, `^beyond: no command \(usage: .*\)\n$`},
		{[]string{"run"}, 0, 2, `^$`, `^beyond: run takes one story \(usage: .*\)\n$`},
		{[]string{"run", "nope"}, 0, 2, `^$`, `^beyond: unknown story "nope" \(want all, or one of budget, connect-chain, grpc-chain, http-chain\) \(usage: .*\)\n$`},
		{[]string{"walk", "grpc-chain"}, 0, 2, `^$`, `^beyond: unknown command "walk" \(usage: .*\)\n$`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if c.interrupt > 0 {
				time.AfterFunc(c.interrupt, cancel)
			}
			var stdout, stderr strings.Builder
			code := run(ctx, c.args, &stdout, &stderr)
			if code != c.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, &stdout, &stderr)
			}
			if !regexp.MustCompile(c.stdout).MatchString(stdout.String()) {
				t.Errorf("stdout does not match %s:\n%s", c.stdout, &stdout)
			}
			if !regexp.MustCompile(c.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr does not match %s:\n%s", c.stderr, &stderr)
			}
		})
	}
}

// "run all" plays every story, each once, in the lesson's order.
func TestRunAllPlaysEveryStory(t *testing.T) {
	got := slices.Sorted(slices.Values(storyOrder))
	want := slices.Sorted(maps.Keys(services.Stories))
	if !slices.Equal(got, want) {
		t.Errorf("run all plays %q; the stories are %q", storyOrder, want)
	}
}
