package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"example.com/cancellation/internal/atomicfile"
)

var cmdReset = &command{
	UsageLine: "reset <exercise>",
	Short:     "put an exercise back as the course shipped it, keeping yours beside it",
	Long: `Reset puts an exercise's exercise.go back as the course shipped it, and
keeps yours beside it as exercise.go.mine (then exercise.go.mine.2, and
so on: it never overwrites one), where Go does not compile it.

The shipped file comes from git: the version of your clone's upstream
branch (origin/main), or else of your last commit. So reset needs the
course cloned with git, and git on the PATH.`,
	Run: resetExercise,
}

// resetExercise restores exercise.go of the exercise named in args from git,
// after saving the learner's copy beside it.
func resetExercise(ctx context.Context, s stdio, args []string) error {
	switch {
	case len(args) == 0:
		return badUsageIn("reset", "needs an exercise: its number or its name")
	case len(args) > 1:
		return badUsageIn("reset", "takes one exercise, got %q", args)
	}
	ex, err := findExercises(s)
	if err != nil {
		return err
	}
	e, err := ex.find("reset", args[0])
	if err != nil {
		return err
	}
	file := filepath.Join(e.Dir, "exercise.go")
	shipped, err := shippedFile(ctx, e.Dir, "exercise.go", ex.file(e))
	if err != nil {
		return err
	}
	mine, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err == nil && bytes.Equal(mine, shipped) {
		fmt.Fprintf(s.out, "%s is already as shipped: nothing to reset.\n", ex.file(e))
		return nil
	}
	if err == nil {
		kept, err := keep(file, mine)
		if err != nil {
			return err
		}
		fmt.Fprintf(s.out, "Yours is kept in %s/%s.\n", ex.folder(e), filepath.Base(kept))
	}
	if err := atomicfile.Write(file, shipped); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%s is as shipped again.\n", ex.file(e))
	return nil
}

// keep writes data to file.mine, or file.mine.2, .3 and so on: the first
// of those names that is free. It never replaces a file.
func keep(file string, data []byte) (string, error) {
	for n := 1; ; n++ {
		name := file + ".mine"
		if n > 1 {
			name = fmt.Sprintf("%s.%d", name, n)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
			return "", err
		}
		return name, nil
	}
}

// shippedFile returns file of folder dir as git has it: in the upstream
// branch if there is one, else in the last commit. Errors name it as
// display.
func shippedFile(ctx context.Context, dir, file, display string) ([]byte, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("reset needs git, to find the shipped exercise.go: git is not on the PATH")
	}
	var lastErr string
	for _, rev := range []string{"@{upstream}", "HEAD"} {
		cmd := exec.CommandContext(ctx, "git", "show", rev+":./"+file)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err == nil {
			return out, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		lastErr, _, _ = strings.Cut(strings.TrimSpace(stderr.String()), "\n")
	}
	return nil, &noShippedError{file: display, git: strings.TrimPrefix(lastErr, "fatal: ")}
}

// noShippedError says that git has no shipped copy of a file.
type noShippedError struct{ file, git string }

func (e *noShippedError) Error() string {
	return fmt.Sprintf("reset: git has no shipped copy of %s (git says: %s)", e.file, e.git)
}
