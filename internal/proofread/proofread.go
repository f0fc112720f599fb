// Package proofread checks the course's prose against what it shows, as a
// careful reviewer would, and reports each problem vet-style,
// "file:line: message":
//
//   - a quote of a program's output must be in a transcript the same
//     page shows (CheckQuotes);
//   - a number with a unit must be one a recording, figure, benchmark or
//     the shown code says, or a definition that agrees with its constant
//     (CheckNumbers);
//   - every lesson has an answer for instructors that quotes its Question
//     word for word (CheckAnswers);
//   - the Go a page shows is plain Go a learner could paste (CheckPlainGo).
//
// It reads the course model (package course) and the recordings (package
// recording), never the generator: the generated blocks it reads are kept
// current by package literate's TestGeneratedFilesAreUpToDate.
package proofread

import (
	"slices"

	"example.com/cancellation/internal/course"
)

// sources parses the course's markdown (course.LoadSources) and indexes it
// by file, for the checks that read an answer with its lesson.
func sources(root string) ([]*course.Doc, map[string]*course.Doc, error) {
	docs, err := course.LoadSources(root)
	if err != nil {
		return nil, nil, err
	}
	byFile := map[string]*course.Doc{}
	for _, doc := range docs {
		byFile[doc.File] = doc
	}
	return docs, byFile, nil
}

// Check runs every check on the course under root and returns the
// problems, sorted by file and line.
func Check(root string) ([]string, error) {
	var all []string
	for _, check := range []func(string) ([]string, error){CheckQuotes, CheckNumbers, CheckAnswers, CheckPlainGo} {
		problems, err := check(root)
		if err != nil {
			return nil, err
		}
		all = append(all, problems...)
	}
	slices.Sort(all)
	return all, nil
}
