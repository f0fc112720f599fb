package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// exercise is one folder of exercises/: NN-name, NN the lesson's number.
type exercise struct {
	Number int
	Name   string // "03-check-the-token"
	Dir    string
}

var exerciseDir = regexp.MustCompile(`^(\d\d)-[a-z0-9-]+$`)

// findExercises returns the exercises in order. They live in the folder
// named by $LESSONS_EXERCISES, or else in exercises/ at the root of the
// course (found from the current folder up).
func findExercises() ([]exercise, error) {
	dir := os.Getenv("LESSONS_EXERCISES")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		for d := wd; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "exercises", "go.mod")); err == nil {
				dir = filepath.Join(d, "exercises")
				break
			}
			if filepath.Dir(d) == d {
				return nil, errors.New("no exercises/ folder here or above: run this from inside the course's repository")
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var list []exercise
	for _, e := range entries {
		if m := exerciseDir.FindStringSubmatch(e.Name()); m != nil && e.IsDir() {
			n, _ := strconv.Atoi(m[1])
			list = append(list, exercise{Number: n, Name: e.Name(), Dir: filepath.Join(dir, e.Name())})
		}
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("no exercises in %s", dir)
	}
	return list, nil
}

func findExercise(list []exercise, arg string) (exercise, error) {
	for _, e := range list {
		if n, err := strconv.Atoi(arg); err == nil && n == e.Number || arg == e.Name || arg == e.Name[3:] {
			return e, nil
		}
	}
	return exercise{}, badUsage("unknown exercise %q (they are numbered like the lessons, 2 to %d)", arg, list[len(list)-1].Number)
}

// hint prints an exercise's hint and where to work.
func hint(args []string, w io.Writer) error {
	if len(args) != 1 {
		return badUsage("hint takes one exercise, got %d arguments", len(args))
	}
	list, err := findExercises()
	if err != nil {
		return err
	}
	e, err := findExercise(list, args[0])
	if err != nil {
		return err
	}
	text, err := os.ReadFile(filepath.Join(e.Dir, "HINT.md"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Exercise %d (exercises/%s): the hint\n\n%s", e.Number, e.Name, text)
	fmt.Fprintf(w, "\nEdit exercises/%s/exercise.go; the task is in its doc.go.\n", e.Name)
	return nil
}

// errNotAllPass makes check exit 1 without a message of its own: its
// report has said everything.
var errNotAllPass = errors.New("not every exercise passes yet")

// testEvent is one line of go test -json.
type testEvent struct {
	Action     string
	Package    string
	ImportPath string // build output
	Test       string
	Output     string
}

// check runs the exercises' tests (with the race detector where it works)
// and reports progress, then the first failing exercise with what its
// tests said and how to get a hint.
func check(w io.Writer) error {
	list, err := findExercises()
	if err != nil {
		return err
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return errors.New("the go command is not on PATH")
	}
	args := []string{"test", "-json"}
	if raceSupported() {
		args = append(args, "-race")
	}
	cmd := exec.Command(goCmd, append(args, "./...")...)
	cmd.Dir = filepath.Dir(list[0].Dir)
	out, _ := cmd.Output() // failing tests make it exit 1; the events say why

	passed := map[string]bool{}
	said := map[string][]string{} // package -> what its tests printed
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev testEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		pkg := path.Base(ev.Package + ev.ImportPath)
		switch {
		case ev.Action == "pass" && ev.Test == "" && ev.Package != "":
			passed[pkg] = true
		case ev.Action == "output" || ev.Action == "build-output":
			said[pkg] = append(said[pkg], ev.Output)
		}
	}
	n := 0
	for _, e := range list {
		if passed[e.Name] {
			n++
		}
	}
	fmt.Fprintf(w, "%d/%d exercises pass\n\n", n, len(list))
	for _, e := range list {
		mark := "[ ]"
		if passed[e.Name] {
			mark = "[x]"
		}
		fmt.Fprintf(w, "  %s %s\n", mark, e.Name)
	}
	if n == len(list) {
		fmt.Fprintln(w, "\nAll done. Compare yours with the reference solutions: go test -tags solution ./... in exercises/.")
		return nil
	}
	first := list[slices.IndexFunc(list, func(e exercise) bool { return !passed[e.Name] })]
	fmt.Fprintf(w, "\nNext: exercise %d, in exercises/%s/exercise.go\n", first.Number, first.Name)
	for _, line := range explain(said[first.Name]) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	fmt.Fprintf(w, "Stuck? go run ./lessons hint %d\n", first.Number)
	return errNotAllPass
}

var testFileLine = regexp.MustCompile(`^\s+\w+_test\.go:\d+: `)

// explain turns a failing package's test output into the few lines a
// learner needs: the failure messages, without file names, stacks or
// bookkeeping; a data race or a build error said in plain words.
func explain(output []string) []string {
	text := strings.Join(output, "")
	if strings.Contains(text, "WARNING: DATA RACE") {
		return []string{"The race detector found a data race: two goroutines use the same memory",
			"at once without synchronisation. Share it through sync/atomic or a channel."}
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "Hint: go run ./lessons hint") {
			continue // said once, below
		}
		if m := testFileLine.FindString(l); m != "" {
			lines = append(lines, strings.TrimPrefix(l, m))
			continue
		}
		if strings.HasPrefix(l, "        ") && len(lines) > 0 { // a message's continuation
			lines = append(lines, strings.TrimPrefix(l, "        "))
			continue
		}
		if strings.HasPrefix(l, "# ") || strings.HasPrefix(l, "./") { // build errors
			lines = append(lines, l)
			continue
		}
	}
	if len(lines) == 0 {
		lines = []string{"(the tests failed without a message; run go test -race in the exercise's folder)"}
	}
	return lines
}

// raceSupported reports whether go test -race works on this platform.
func raceSupported() bool {
	switch runtime.GOOS + "/" + runtime.GOARCH {
	case "linux/amd64", "linux/arm64", "linux/ppc64le", "linux/s390x", "linux/loong64",
		"darwin/amd64", "darwin/arm64", "freebsd/amd64", "netbsd/amd64", "windows/amd64":
		return true
	}
	return false
}
