// Package practice finds the course's exercises, runs their tests with the
// go command, and says in plain words why one fails: a compiler error with
// its file and line, a test's own message, a data race at the learner's
// lines, a goroutine left blocked, a test that never ends.
//
// The lessons command's check and watch are built on it, and so is the
// test that proves every committed wrong answer fails its exercise.
package practice

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"example.com/cancellation/internal/suggest"
)

// Exercise is one folder of the exercises module: NN-name, NN the number
// of the lesson it belongs to.
type Exercise struct {
	Number int
	Name   string // "03-check-the-token"
	Dir    string // its folder
}

// Short is the exercise's name without its number: "check-the-token".
func (e Exercise) Short() string { return e.Name[3:] }

var exerciseDir = regexp.MustCompile(`^(\d\d)-[a-z0-9-]+$`)

// ErrNoExercises is returned by Root when no exercises module is found.
var ErrNoExercises = errors.New("no exercises/ folder here or above: run this from inside the course's repository")

// Root returns the exercises module's folder: exercises/ in start or the
// nearest folder above it that has one with a go.mod.
func Root(start string) (string, error) {
	for d := start; ; d = filepath.Dir(d) {
		dir := filepath.Join(d, "exercises")
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		if filepath.Dir(d) == d {
			return "", ErrNoExercises
		}
	}
}

// List returns the exercises in dir, in the lessons' order.
func List(dir string) ([]Exercise, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var list []Exercise
	for _, e := range entries {
		if m := exerciseDir.FindStringSubmatch(e.Name()); m != nil && e.IsDir() {
			n, _ := strconv.Atoi(m[1])
			list = append(list, Exercise{Number: n, Name: e.Name(), Dir: filepath.Join(dir, e.Name())})
		}
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("no exercises in %s", dir)
	}
	slices.SortFunc(list, func(a, b Exercise) int { return a.Number - b.Number })
	return list, nil
}

// UnknownError says that no exercise has the name or number asked for.
type UnknownError struct {
	Arg         string
	First, Last int
	Like        []string // the names that look like Arg
}

func (e *UnknownError) Error() string {
	if len(e.Like) > 0 {
		return fmt.Sprintf("unknown exercise %q: did you mean %s? They are numbered like the lessons, %d to %d", e.Arg, strings.Join(e.Like, " or "), e.First, e.Last)
	}
	return fmt.Sprintf("unknown exercise %q (they are numbered like the lessons, %d to %d)", e.Arg, e.First, e.Last)
}

// Find returns the exercise of list named by arg: its number (3 or 03),
// its folder's name (03-check-the-token) or its short name
// (check-the-token), in any case. A number that several exercises share
// (a lesson with two) is an error that names them.
func Find(list []Exercise, arg string) (Exercise, error) {
	a := strings.ToLower(strings.TrimSpace(arg))
	var byNumber []Exercise
	for _, e := range list {
		if a == e.Name || a == e.Short() {
			return e, nil
		}
		if n, err := strconv.Atoi(a); err == nil && n == e.Number {
			byNumber = append(byNumber, e)
		}
	}
	switch len(byNumber) {
	case 0:
		var names []string
		for _, e := range list {
			names = append(names, e.Short())
		}
		return Exercise{}, &UnknownError{arg, list[0].Number, list[len(list)-1].Number, suggest.Like(arg, names)}
	case 1:
		return byNumber[0], nil
	}
	var names []string
	for _, e := range byNumber {
		names = append(names, e.Short())
	}
	return Exercise{}, fmt.Errorf("lesson %d has %d exercises, %s: name one", byNumber[0].Number, len(byNumber), strings.Join(names, " and "))
}

// Ref is how to name e on a command line: its number, or its short name
// when its lesson has more than one exercise.
func Ref(list []Exercise, e Exercise) string {
	n := 0
	for _, o := range list {
		if o.Number == e.Number {
			n++
		}
	}
	if n > 1 {
		return e.Short()
	}
	return strconv.Itoa(e.Number)
}

// WrongAnswer is a committed wrong answer to an exercise: a whole
// replacement for its exercise.go, in testdata/wrong/, whose first line
// says what is wrong with it.
type WrongAnswer struct {
	Name string // the file's name without .go: "check-after-the-step"
	Why  string // the first line, without "// Wrong: "
	File string
}

// WrongAnswers returns e's committed wrong answers, in name order. Each
// must begin with a line "// Wrong: <what is wrong>".
func (e Exercise) WrongAnswers() ([]WrongAnswer, error) {
	files, err := filepath.Glob(filepath.Join(e.Dir, "testdata", "wrong", "*.go"))
	if err != nil {
		return nil, err
	}
	var list []WrongAnswer
	for _, f := range files {
		first, err := firstLine(f)
		if err != nil {
			return nil, err
		}
		why, ok := strings.CutPrefix(first, "// Wrong: ")
		if !ok || strings.TrimSpace(why) == "" {
			return nil, fmt.Errorf("%s:1: a wrong answer must begin with \"// Wrong: <what is wrong>\", not %q", f, first)
		}
		list = append(list, WrongAnswer{Name: strings.TrimSuffix(filepath.Base(f), ".go"), Why: why, File: f})
	}
	return list, nil
}

func firstLine(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	return sc.Text(), sc.Err()
}
