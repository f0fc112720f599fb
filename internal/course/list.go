package course

import (
	"fmt"
	"io"
)

// WriteList writes the course index that "lessons list" prints: each
// lesson's number, title and name, and its summary, then how to read, run
// and walk one. The README shows it, generated from the same lessons.
func WriteList(w io.Writer, lessons []Lesson) error {
	fmt.Fprintln(w, "Cooperative cancellation in Go: the lessons")
	fmt.Fprintln(w)
	for _, l := range lessons {
		fmt.Fprintf(w, "%2d  %s (%s)\n    %s\n", l.Number, l.Title, l.Slug, l.Summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Read one:         go run ./lessons show <number or name>")
	fmt.Fprintln(w, "Run its scenario: go run ./lessons run <number or name>")
	fmt.Fprintln(w, "Walk through it:  go run ./lessons walk <number or name>")
	fmt.Fprintln(w, "In your browser:  go run ./lessons serve")
	_, err := fmt.Fprintln(w, "Practise:         go run ./lessons check   (the exercises, lessons 2 to 22)")
	return err
}
