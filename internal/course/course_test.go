package course

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func lesson(title, summary, run string) *fstest.MapFile {
	text := "<!-- summary: " + summary + " -->\n"
	if run != "" {
		text += "<!-- run: " + run + " -->\n"
	}
	return &fstest.MapFile{Data: []byte(text + "# " + title + "\n\nBody.\n")}
}

func TestLoadReadsLessonsInOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"10-last.md":       lesson("Last", "The end.", ""),
		"02-second.md":     lesson("Second", "Two.", "ctx-main std-main"),
		"01-first.md":      lesson("First", "One.", "std-main"),
		"README.md":        {Data: []byte("# Not a lesson\n")},
		"notes.txt":        {Data: []byte("ignored")},
		"1-badly-named.md": lesson("Ignored", "x", ""),
	}
	got, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := []Lesson{
		{Number: 1, Slug: "first", File: "01-first.md", Title: "First", Summary: "One.", Scenarios: []string{"std-main"}},
		{Number: 2, Slug: "second", File: "02-second.md", Title: "Second", Summary: "Two.", Scenarios: []string{"ctx-main", "std-main"}},
		{Number: 10, Slug: "last", File: "10-last.md", Title: "Last", Summary: "The end."},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Lesson{}, "Text")); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

func TestLoadRejectsBrokenLessons(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no title", fstest.MapFS{"01-a.md": {Data: []byte("<!-- summary: s -->\n")}}, "01-a.md: no \"# \" title"},
		{"no summary", fstest.MapFS{"01-a.md": {Data: []byte("# A\n")}}, "01-a.md: no <!-- summary"},
		{"same number", fstest.MapFS{"01-a.md": lesson("A", "a", ""), "01-b.md": lesson("B", "b", "")}, "same number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	lessons := []Lesson{{Number: 3, Slug: "checking-between-steps"}, {Number: 6, Slug: "waking-sleepers"}}
	for _, arg := range []string{"3", "03", "checking-between-steps"} {
		if l, err := Find(lessons, arg); err != nil || l.Number != 3 {
			t.Errorf("Find(%q) = %d, %v; want lesson 3", arg, l.Number, err)
		}
	}
	for _, arg := range []string{"4", "", "-3", "checking"} {
		if _, err := Find(lessons, arg); err == nil {
			t.Errorf("Find(%q) succeeded, want an error", arg)
		}
	}
}
