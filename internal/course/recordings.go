package course

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

// The recordings: which script of testdata/scenarios recorded which
// scenario, in which of its parts, and what it recorded.
//
// A script plays a scenario ("scenario NAME") and then pins what it
// printed and what that meant with "cmp stdout PART" and "cmp events
// PART", PART a file of the script's archive (by convention NAME.golden
// and NAME.events, the name's hyphens made underscores). Every reader of
// the recordings (the site's replays, the workshop's timings, the lessons'
// walk, the tests that keep lessons and scripts together) asks this index
// rather than reading scripts itself.

// RecordingsDir is the folder of the scenario scripts, relative to the module root.
const RecordingsDir = "testdata/scenarios"

// Recording is a scenario's run on the virtual clock, as a script pinned
// it: what it printed, and what that meant.
type Recording struct {
	Scenario string
	Script   string // its path from the module root: "testdata/scenarios/x.txtar"
	Golden   string // the part that holds the transcript ("std_main.golden")
	Events   string // the part that holds the events, or ""
	Lines    []transcript.Line
	Record   []event.Event
}

// Recordings is every recording, by scenario name: the one index of them.
type Recordings map[string]Recording

// LoadRecordings reads every script in RecordingsDir of root (the
// module's files).
func LoadRecordings(root fs.FS) (Recordings, error) {
	scripts, err := fs.Glob(root, RecordingsDir+"/*.txtar")
	if err != nil {
		return nil, err
	}
	idx := Recordings{}
	for _, f := range scripts {
		data, err := fs.ReadFile(root, f)
		if err != nil {
			return nil, err
		}
		a := txtar.Parse(data)
		part := func(name string) (string, error) {
			for _, af := range a.Files {
				if af.Name == name {
					return string(af.Data), nil
				}
			}
			return "", fmt.Errorf("%s: no file %s in the archive", f, name)
		}
		name := ""
		for _, line := range strings.Split(string(a.Comment), "\n") {
			fields := strings.Fields(line)
			switch {
			case len(fields) == 2 && fields[0] == "scenario":
				name = fields[1]
				if r, dup := idx[name]; dup {
					return nil, fmt.Errorf("%s: scenario %s is recorded in %s already", f, name, r.Script)
				}
				idx[name] = Recording{Scenario: name, Script: f}
			case name != "" && len(fields) == 3 && fields[0] == "cmp":
				text, err := part(fields[2])
				if err != nil {
					return nil, err
				}
				r := idx[name]
				switch fields[1] {
				case "stdout":
					r.Golden = fields[2]
					if r.Lines, err = transcript.Parse(text); err != nil {
						return nil, fmt.Errorf("%s %s: %w", f, fields[2], err)
					}
				case "events":
					r.Events = fields[2]
					if r.Record, err = event.Parse(text); err != nil {
						return nil, fmt.Errorf("%s %s: %w", f, fields[2], err)
					}
				}
				idx[name] = r
			}
		}
	}
	for name, r := range idx {
		if r.Golden == "" {
			return nil, fmt.Errorf("%s: scenario %s: no \"cmp stdout PART\" pins its transcript", r.Script, name)
		}
	}
	return idx, nil
}

// Of returns the scenario whose recording is part of script (its
// transcript or its events), or "" if none is.
func (idx Recordings) Of(script, part string) string {
	for _, name := range idx.Names() {
		r := idx[name]
		if path.Clean(r.Script) == path.Clean(script) && (r.Golden == part || r.Events != "" && r.Events == part) {
			return name
		}
	}
	return ""
}

// Names returns the scenarios recorded, sorted.
func (idx Recordings) Names() []string { return slices.Sorted(maps.Keys(idx)) }

// Last is the last stamp of the recorded transcript: how long the run took
// on the virtual clock.
func (r Recording) Last() (last time.Duration) {
	for _, l := range r.Lines {
		last = max(last, l.At)
	}
	return last
}

// ArchivePart returns a file of the txtar archive at path file: the one called
// part, or the only one when part is empty.
func ArchivePart(file, part string) (name, data string, err error) {
	a, err := txtar.ParseFile(file)
	if err != nil {
		return "", "", err
	}
	var names []string
	for _, f := range a.Files {
		if f.Name == part || (part == "" && len(a.Files) == 1) {
			return f.Name, string(f.Data), nil
		}
		names = append(names, f.Name)
	}
	if part == "" {
		return "", "", fmt.Errorf("%s holds %d files %q: name one", filepath.Base(file), len(names), names)
	}
	return "", "", fmt.Errorf("%s has no file %q (it has %q)", filepath.Base(file), part, names)
}
