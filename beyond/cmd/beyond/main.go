// Command beyond plays the stories of the course's lessons that reach
// beyond one process, live, on the real clock.
//
// Usage:
//
//	beyond run <story>   play a story on 127.0.0.1, each line stamped
//	beyond list          the stories, one a line
//
// The stories of lesson 23, "Across services", are grpc-chain,
// connect-chain, http-chain and budget. A run exits 0 when the story has
// played, 130 when Ctrl-C stopped it, and 2, with one line, when the
// arguments are wrong.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"

	"example.com/cancellation/beyond/services"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

const (
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130 // as a shell reports a process that SIGINT ended
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run runs the command with args, and returns its exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := command(ctx, args, stdout)
	var usage usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "beyond: %s (usage: beyond run <story>|all | beyond list)\n", usage.msg)
		return exitUsage
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintln(stderr, "beyond: interrupted")
		return exitInterrupted
	default:
		fmt.Fprintf(stderr, "beyond: %v\n", err)
		return exitFailed
	}
}

func command(ctx context.Context, args []string, stdout io.Writer) error {
	names := slices.Sorted(maps.Keys(services.Stories))
	switch {
	case len(args) == 1 && args[0] == "list":
		for _, name := range names {
			fmt.Fprintf(stdout, "%-14s %s\n", name, services.Stories[name].Title)
		}
		return nil
	case len(args) == 0:
		return usageError{"no command"}
	case args[0] != "run":
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	case len(args) != 2:
		return usageError{"run takes one story"}
	}
	play := []string{args[1]}
	if args[1] == "all" {
		play = storyOrder // the lesson's order
	} else if _, ok := services.Stories[args[1]]; !ok {
		return usageError{fmt.Sprintf("unknown story %q (want all, or one of %s)", args[1], strings.Join(names, ", "))}
	}
	for i, name := range play {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s: %s (real time, on 127.0.0.1)\n", name, services.Stories[name].Title)
		w := transcript.NewWriter(stdout)
		if err := services.PlayLive(ctx, name, slog.New(event.NewHandler(w))); err != nil {
			return err
		}
	}
	return nil
}

// storyOrder is the order lesson 23 tells the stories in, which "run all"
// plays.
var storyOrder = []string{"grpc-chain", "connect-chain", "http-chain", "budget"}
