package scenario

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/std"
)

// Params are the numbers of a story that a learner may change to try what
// the lesson asks ("what if the cancel came at 30ms?"): "lessons run 3
// -cancel-after 30ms", or the controls of a run panel in the browser.
type Params struct {
	CancelAfter time.Duration // when main cancels the first task
	Steps       int           // how many steps the first task has
	Step        time.Duration // how long each step takes
	Items       int           // how many items the sum adds
	Every       int           // how many items the sum adds between two checks
}

// DefaultParams are the lessons' own numbers: the source's main cancels a
// 10-step task of 10ms steps at 35ms; the sum adds a million items,
// checking every std.CheckInterval.
var DefaultParams = Params{
	CancelAfter: CancelAfter,
	Steps:       10,
	Step:        std.StepDuration,
	Items:       1_000_000,
	Every:       std.CheckInterval,
}

// Limits a learner's Params must keep within: a story stays short enough
// to watch, and a sum small enough to allocate.
const (
	maxDuration = 10 * time.Second
	maxSteps    = 1000
	maxItems    = 100_000_000
)

// ErrBadParam is wrapped by every error of Params.Validate.
var ErrBadParam = errors.New("bad parameter")

// Validate says what is wrong with p, if anything: each number must be
// possible (no negative time, at least one item between checks) and small
// enough to watch.
func (p Params) Validate() error {
	switch {
	case p.CancelAfter < 0 || p.CancelAfter > maxDuration:
		return fmt.Errorf("%w: -cancel-after must be from 0s to %v, not %v", ErrBadParam, maxDuration, p.CancelAfter)
	case p.Steps < 0 || p.Steps > maxSteps:
		return fmt.Errorf("%w: -steps must be from 0 to %d, not %d", ErrBadParam, maxSteps, p.Steps)
	case p.Step <= 0 || p.Step > time.Second:
		return fmt.Errorf("%w: -step must be more than 0s and at most 1s, not %v", ErrBadParam, p.Step)
	case time.Duration(p.Steps)*p.Step > maxDuration:
		return fmt.Errorf("%w: %d steps of %v take %v, more than %v: take fewer or shorter steps", ErrBadParam, p.Steps, p.Step, time.Duration(p.Steps)*p.Step, maxDuration)
	case p.Items < 0 || p.Items > maxItems:
		return fmt.Errorf("%w: -items must be from 0 to %d, not %d", ErrBadParam, maxItems, p.Items)
	case p.Every < 1:
		return fmt.Errorf("%w: -every must be at least 1, not %d", ErrBadParam, p.Every)
	}
	return nil
}

// String writes p's values that differ from the lessons' own, as flags:
// "-cancel-after 30ms -steps 5"; "" when none does.
func (p Params) String() string {
	var b []string
	d := DefaultParams
	if p.CancelAfter != d.CancelAfter {
		b = append(b, "-cancel-after "+p.CancelAfter.String())
	}
	if p.Steps != d.Steps {
		b = append(b, "-steps "+strconv.Itoa(p.Steps))
	}
	if p.Step != d.Step {
		b = append(b, "-step "+p.Step.String())
	}
	if p.Items != d.Items {
		b = append(b, "-items "+strconv.Itoa(p.Items))
	}
	if p.Every != d.Every {
		b = append(b, "-every "+strconv.Itoa(p.Every))
	}
	return strings.Join(b, " ")
}

// StdMainWith is StdMain with the learner's numbers: a task of p.Steps
// steps of p.Step, on its own goroutine, cancelled after p.CancelAfter,
// then a 3-step task nobody cancels. With DefaultParams it tells exactly
// StdMain's story (TestTryTellsTheLessonsStory).
func StdMainWith(log *slog.Logger, p Params) {
	token := std.NewToken()
	var (
		msg string
		err error
		wg  sync.WaitGroup
	)
	first, second := log.With("lane", "task 1"), log.With("lane", "task 2")
	wg.Go(func() { msg, err = std.LongTaskSteps(token, p.Steps, p.Step, stepWriter(first)) })
	time.Sleep(p.CancelAfter)
	log.Info("Cancelling...", "event", "cancel")
	token.Cancel()
	wg.Wait()
	report(first, msg, err)

	token2 := std.NewToken()
	wg.Go(func() { msg, err = std.LongTaskSteps(token2, 3, p.Step, stepWriter(second)) })
	wg.Wait()
	second.Info("Result: "+result(msg, err), "event", "end", "err", err)
}

// CtxMainWith is CtxMain with the learner's numbers, as StdMainWith is
// StdMain's.
func CtxMainWith(log *slog.Logger, p Params) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		msg string
		err error
		wg  sync.WaitGroup
	)
	first, second := log.With("lane", "task 1"), log.With("lane", "task 2")
	wg.Go(func() { msg, err = ctxversion.LongTaskSteps(ctx, p.Steps, p.Step, stepWriter(first)) })
	time.Sleep(p.CancelAfter)
	log.Info("Cancelling...", "event", "cancel")
	cancel()
	wg.Wait()
	report(first, msg, err)

	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	wg.Go(func() { msg, err = ctxversion.LongTaskSteps(ctx2, 3, p.Step, stepWriter(second)) })
	wg.Wait()
	second.Info("Result: "+result(msg, err), "event", "end", "err", err)
}

// SumsWith adds 1 + 2 + ... + p.Items with std.CancellableSumEvery,
// checking every p.Every items, and counts the checks: with a live token,
// and with one cancelled before the sum, which the first check sees. (On
// the virtual clock adding takes no time; how long the items between two
// checks take is what a live run shows.)
func SumsWith(log *slog.Logger, p Params) {
	data := make([]int64, p.Items)
	for i := range data {
		data[i] = int64(i + 1)
	}
	checks := (p.Items + p.Every - 1) / p.Every
	live, cancelled := std.NewToken(), std.NewToken()
	cancelled.Cancel()
	start := time.Now()
	sum, ok := std.CancellableSumEvery(live, data, p.Every)
	took := time.Since(start)
	log.Info(fmt.Sprintf("1 + 2 + ... + %d = %d, %v: %d checks, one every %d items", p.Items, sum, ok, checks, p.Every), "lane", "sum")
	if took > 0 { // on the virtual clock, adding takes no time
		log.Info(fmt.Sprintf("the sum took %v, so about %v between two checks: the most a cancel waits", took.Round(time.Microsecond), (took/time.Duration(max(checks, 1))).Round(10*time.Nanosecond)), "lane", "sum")
	}
	sum, ok = std.CancellableSumEvery(cancelled, data, p.Every)
	log.Info(fmt.Sprintf("the same, token cancelled = %d, %v: stopped at the first check", sum, ok), "lane", "sum")
}

// Flags defines the flags that set p's fields on fs, each p's current
// value by default: -cancel-after, -steps, -step, -items and -every.
func (p *Params) Flags(fs *flag.FlagSet) {
	fs.DurationVar(&p.CancelAfter, "cancel-after", p.CancelAfter, "try it: when main cancels the first task (lessons 3, 6, 8)")
	fs.IntVar(&p.Steps, "steps", p.Steps, "try it: how many steps the first task has (lessons 3, 6, 8)")
	fs.DurationVar(&p.Step, "step", p.Step, "try it: how long each step takes (lessons 3, 6, 8)")
	fs.IntVar(&p.Items, "items", p.Items, "try it: how many items the sum adds (lessons 4, 22)")
	fs.IntVar(&p.Every, "every", p.Every, "try it: how many items the sum adds between two checks (lessons 4, 22)")
}

// ParseTry reads a story and its numbers written as a command line: "std-main
// -cancel-after 30ms -steps 5". Numbers left out keep DefaultParams.
func ParseTry(line string) (string, Params, error) {
	name, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	p := DefaultParams
	fs := flag.NewFlagSet("try", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	p.Flags(fs)
	if err := fs.Parse(strings.Fields(rest)); err != nil {
		return "", Params{}, fmt.Errorf("%w: %v", ErrBadParam, err)
	}
	if _, ok := TryOf(name); !ok {
		return "", Params{}, fmt.Errorf("scenario %q takes no parameters", name)
	}
	return name, p, p.Validate()
}

// TryEnv names the story and numbers that TestTry, in this package's
// tests, plays on the virtual clock ("std-main -cancel-after 30ms"), and
// TryOutEnv the file it writes the transcript to (and the events to the
// same name with ".events"): "lessons run 3 -cancel-after 30ms" sets both.
const (
	TryEnv    = "COURSE_TRY"
	TryOutEnv = "COURSE_TRY_OUT"
)

// Try is a story a learner can play with other numbers, and which of
// Params it takes.
type Try struct {
	Play  func(*slog.Logger, Params)
	Takes []string // the flags it reads: "cancel-after", "steps", "step", "items", "every"
}

// tries are the stories with numbers a learner can change, by scenario.
var tries = map[string]Try{
	"std-main": {StdMainWith, []string{"cancel-after", "steps", "step"}},
	"ctx-main": {CtxMainWith, []string{"cancel-after", "steps", "step"}},
	"sums":     {SumsWith, []string{"items", "every"}},
}

// TryOf returns the story of scenario name that takes a learner's
// numbers, if it has one.
func TryOf(name string) (Try, bool) {
	t, ok := tries[name]
	return t, ok
}

// PlayWith plays scenario name's story with p, writing whole lines to w.
func PlayWith(ctx context.Context, name string, p Params, w io.Writer) error {
	t, ok := TryOf(name)
	if !ok {
		return fmt.Errorf("scenario %s takes no parameters", name)
	}
	if err := p.Validate(); err != nil {
		return err
	}
	t.Play(Logger(w), p)
	return ctx.Err()
}
