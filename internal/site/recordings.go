package site

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

// recording is a scenario's run on the virtual clock, as its script in
// testdata/scenarios pinned it: what it printed, and what that meant.
type recording struct {
	file   string // "testdata/scenarios/std_cancel_at_35ms_seen_at_40ms.txtar"
	lines  []transcript.Line
	events []event.Event
}

// loadRecordings reads every testdata/scenarios script: its "scenario
// NAME" line names the run, its "cmp stdout F" and "cmp events F" lines
// the archive's files that hold it.
func loadRecordings(files fs.FS) (map[string]recording, error) {
	scripts, err := fs.Glob(files, "testdata/scenarios/*.txtar")
	if err != nil {
		return nil, err
	}
	recs := map[string]recording{}
	for _, f := range scripts {
		data, err := fs.ReadFile(files, f)
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
				if _, dup := recs[name]; !dup {
					recs[name] = recording{file: f}
				}
			case name != "" && len(fields) == 3 && fields[0] == "cmp":
				text, err := part(fields[2])
				if err != nil {
					return nil, err
				}
				r := recs[name]
				switch fields[1] {
				case "stdout":
					if r.lines, err = transcript.Parse(text); err != nil {
						return nil, fmt.Errorf("%s %s: %w", f, fields[2], err)
					}
				case "events":
					if r.events, err = event.Parse(text); err != nil {
						return nil, fmt.Errorf("%s %s: %w", f, fields[2], err)
					}
				}
				recs[name] = r
			}
		}
	}
	for name, r := range recs {
		if r.lines == nil {
			delete(recs, name) // nothing to replay
		}
	}
	return recs, nil
}
