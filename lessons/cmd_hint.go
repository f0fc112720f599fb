package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

var cmdHint = &command{
	UsageLine: "hint <exercise>",
	Short:     "a hint for an exercise (numbered like the lessons)",
	Run:       hint,
}

// hint prints an exercise's hint and where to work.
func hint(ctx context.Context, s stdio, args []string) error {
	w := s.out
	switch {
	case len(args) == 0:
		return badUsageIn("hint", "needs an exercise: its number or its name")
	case len(args) > 1:
		return badUsageIn("hint", "takes one exercise, got %q", args)
	}
	ex, err := findExercises(s)
	if err != nil {
		return err
	}
	e, err := ex.find("hint", args[0])
	if err != nil {
		return err
	}
	text, err := os.ReadFile(filepath.Join(e.Dir, "HINT.md"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Exercise %d (%s): the hint\n\n%s", e.Number, ex.folder(e), text)
	fmt.Fprintf(w, "\nEdit %s; the task is in its doc.go.\n", ex.file(e))
	return nil
}
