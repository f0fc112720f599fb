package main

import "context"

var cmdCheck = &command{
	UsageLine: "check [<exercise>]",
	Short:     "run the exercises: k/N pass, and what the next one's tests say",
	Long: `Check runs the exercises' tests, with the race detector where the go
command can run it, and says how many pass, with a box for each. Then it
says why one does not pass yet: the exercise whose exercise.go you saved
last, if it fails, else the first that fails. It says it in plain words
(the compiler's errors, the tests' own messages, a data race at your
lines, a goroutine left blocked, a test that never ends), each failing
test's first message first, in as many lines as fit your terminal, then
how many more there are.

With an exercise named (check 4, check check-every-1000) it checks that
one alone. It exits 1 until every exercise it checks passes.

On a terminal, a check that takes more than two seconds says what it is
doing (the first one builds the race detector's runtime), then each
exercise as its tests end.`,
	Run: check,
}

// check runs every exercise's tests, or one's, and reports.
func check(ctx context.Context, s stdio, args []string) error {
	w := s.out
	if len(args) > 1 {
		return badUsageIn("check", "takes at most one exercise, got %q", args)
	}
	c, err := newChecker(ctx, s)
	if err != nil {
		return err
	}
	if len(args) == 1 {
		e, err := c.ex.find("check", args[0])
		if err != nil {
			return err
		}
		return c.one(ctx, w, e)
	}
	_, err = c.all(ctx, w)
	return err
}
