package main

import "context"

var cmdCheck = &command{
	UsageLine: "check [<exercise>]",
	Short:     "run the exercises: k/N pass, and what the next one's tests say",
	Run:       check,
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
