package main

import (
	"context"
	"flag"
	"os"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestRemindSaysWhereToSendTheSignal: a run waiting for a signal says
// every interval which pid to send it to, and stops saying it once a
// signal has come.
func TestRemindSaysWhereToSendTheSignal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out output
		signals := make(chan os.Signal, 1)
		done := make(chan struct{})
		go func() {
			defer close(done)
			remind(t.Context(), signals, &out, 42, 5*time.Second)
		}()
		time.Sleep(11 * time.Second)
		synctest.Wait()
		line := "still waiting for SIGTERM to pid 42 (from another shell: kill -TERM 42)\n"
		if got, want := out.String(), strings.Repeat(line, 2); got != want {
			t.Errorf("after 11s: got %q, want %q", got, want)
		}
		signals <- syscall.SIGTERM
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatalf("remind still runs a minute after the signal; it wrote:\n%s", out.String())
		}
		if got := strings.Count(out.String(), "\n"); got != 2 {
			t.Errorf("after the signal: %d lines, want still 2", got)
		}
	})
}

func TestRemindEndsWithItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() {
			defer close(done)
			remind(ctx, nil, &output{}, 42, time.Second)
		}()
		cancel()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatal("remind still runs a minute after its context ended")
		}
	})
}

func TestBuiltByGo(t *testing.T) {
	for exe, want := range map[string]bool{
		"/tmp/go-build3648450332/b001/exe/lessons":                            true, // go run's first build
		"/root/.cache/go-build/75/75ae2109d52f84b7f174f77819e871b5-d/lessons": true, // go run's cached build
		"/home/me/bin/lessons":                                                false,
		"/usr/local/bin/lessons":                                              false,
		"lessons":                                                             false,
	} {
		if got := builtByGo(exe); got != want {
			t.Errorf("builtByGo(%q) = %v, want %v", exe, got, want)
		}
	}
}

// TestParseArgs: flags before, between and after the other arguments, and
// "--" ending them.
func TestParseArgs(t *testing.T) {
	tests := []struct {
		args       []string
		positional []string
		color      string
		width      int
	}{
		{[]string{"3"}, []string{"3"}, "auto", 0},
		{[]string{"-color=never", "3"}, []string{"3"}, "never", 0},
		{[]string{"3", "-color=never"}, []string{"3"}, "never", 0},
		{[]string{"3", "-width", "60", "-color", "always"}, []string{"3"}, "always", 60},
		{[]string{"-width=60", "3", "4"}, []string{"3", "4"}, "auto", 60},
		{[]string{"--", "-3"}, []string{"-3"}, "auto", 0},
		{[]string{"3", "--", "-color=never"}, []string{"3", "-color=never"}, "auto", 0},
	}
	for _, tt := range tests {
		fs, v := showFlags()
		got, err := parseArgs(fs, tt.args)
		if err != nil {
			t.Errorf("parseArgs(%q): %v", tt.args, err)
			continue
		}
		if diff := cmp.Diff(tt.positional, got); diff != "" || v.color != tt.color || v.width != tt.width {
			t.Errorf("parseArgs(%q) = %q, -color=%s -width=%d; want %q, -color=%s -width=%d", tt.args, got, v.color, v.width, tt.positional, tt.color, tt.width)
		}
	}
}

func TestParseArgsErrors(t *testing.T) {
	for args, want := range map[string]string{
		"-x 3":          "show: unknown flag -x",
		"3 -x":          "show: unknown flag -x",
		"3 -width":      "show: flag needs an argument: -width",
		"3 -width=wide": `show: invalid value "wide" for flag -width: parse error`,
	} {
		fs, _ := showFlags()
		_, err := parseArgs(fs, strings.Fields(args))
		if err == nil || err.Error() != want {
			t.Errorf("parseArgs(%q): got error %v, want %q", args, err, want)
		}
	}
	fs, _ := showFlags()
	_, err := parseArgs(fs, []string{"3", "-h"})
	if h, ok := err.(*helpRequest); !ok || h.cmd != "show" {
		t.Errorf("parseArgs(3 -h): got %v, want a help request for show", err)
	}
}

// showFlags are the flags of show, and the values they set.
func showFlags() (*flag.FlagSet, *viewFlags) {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	var v viewFlags
	v.define(fs)
	return fs, &v
}
