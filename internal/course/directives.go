package course

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Elem is what a directive says, typed: a Code, Span, Transcript, Figure,
// Bench, Mistakes, Timings or Plan. The parser registered for the
// directive's kind makes it from the directive's words, once, when the
// document is parsed: no consumer splits a directive's words again.
type Elem interface {
	Kind() string
}

// Code shows Go declarations of File, cut with go/ast: a func, a type,
// Type.Method, or any name of a const or var block.
//
//	<!-- code: FILE DECL... -->
type Code struct {
	File  string   // relative to the module root
	Decls []string // at least one
}

// Span shows the lines of any file between "@begin NAME" and "@end NAME".
//
//	<!-- span: FILE NAME -->
type Span struct {
	File, Name string
}

// Transcript shows one file of a txtar archive: a golden transcript, or a
// program a script runs. Part is "" for an archive of one file.
//
//	<!-- transcript: FILE [PART] -->
type Transcript struct {
	Archive, Part string
}

// Figure draws, into docs/figures/NAME.svg, a timeline of one or more
// recordings of events, each a Panel.
//
//	<!-- figure: NAME FILE PART "TITLE" [FILE PART "TITLE"]... -->
type Figure struct {
	Name   string
	Panels []Panel
}

// Panel is one recording a Figure draws: the events part (X.events) of a
// scenario script, and its title.
type Panel struct {
	Archive, Events, Title string
}

// Golden is the transcript recorded beside the panel's events: X.golden
// for X.events.
func (p Panel) Golden() string { return strings.TrimSuffix(p.Events, ".events") + ".golden" }

// Bench shows a group of benchmark results (package bench) from a results
// file: as a table, or as a chart drawn into docs/figures/bench-GROUP.svg.
//
//	<!-- benchtable: GROUP FILE -->
//	<!-- benchchart: GROUP FILE -->
type Bench struct {
	Chart       bool
	Group, File string
}

// Mistakes lists every committed wrong answer of the exercises in Dir.
//
//	<!-- mistakes: DIR -->
type Mistakes struct {
	Dirs []string // the exercises modules' folders, in order
}

// Timings tabulates each lesson's time in a workshop.
//
//	<!-- timings: -->
type Timings struct{}

// Plan is a workshop plan of Budget minutes.
//
//	<!-- plan: BUDGET ITEM... -->
//
// An ITEM is a lesson's number (3), the number and x to do its exercises
// in the room (3x), or break=MINUTES.
type Plan struct {
	Budget int
	Items  []PlanItem
}

// PlanItem is one step of a Plan: a lesson (with its exercises or not), or
// a break of Break minutes (Lesson is then 0).
type PlanItem struct {
	Text      string // as written: "3x"
	Lesson    int
	Exercises bool
	Break     int
}

// Kind returns "code".
func (Code) Kind() string { return "code" }

// Kind returns "span".
func (Span) Kind() string { return "span" }

// Kind returns "transcript".
func (Transcript) Kind() string { return "transcript" }

// Kind returns "figure".
func (Figure) Kind() string { return "figure" }

// Kind returns "benchchart" or "benchtable".
func (b Bench) Kind() string {
	if b.Chart {
		return "benchchart"
	}
	return "benchtable"
}

// Kind returns "mistakes".
func (Mistakes) Kind() string { return "mistakes" }

// Kind returns "timings".
func (Timings) Kind() string { return "timings" }

// Kind returns "plan".
func (Plan) Kind() string { return "plan" }

// parsers is the table of directive kinds: each kind's parser makes its
// Elem from the directive's words, or says what it wanted.
var parsers = map[string]func(args []string) (Elem, error){
	"code": func(a []string) (Elem, error) {
		if len(a) < 2 {
			return nil, fmt.Errorf("want FILE DECL..., got %q", a)
		}
		return Code{File: a[0], Decls: a[1:]}, nil
	},
	"span": func(a []string) (Elem, error) {
		if len(a) != 2 {
			return nil, fmt.Errorf("want FILE NAME, got %q", a)
		}
		return Span{File: a[0], Name: a[1]}, nil
	},
	"transcript": func(a []string) (Elem, error) {
		if len(a) < 1 || len(a) > 2 {
			return nil, fmt.Errorf("want FILE [PART], got %q", a)
		}
		t := Transcript{Archive: a[0]}
		if len(a) == 2 {
			t.Part = a[1]
		}
		return t, nil
	},
	"figure": func(a []string) (Elem, error) {
		if len(a) < 4 || (len(a)-1)%3 != 0 {
			return nil, fmt.Errorf(`want NAME FILE PART "TITLE" [FILE PART "TITLE"]..., got %q`, a)
		}
		f := Figure{Name: a[0]}
		for k := 1; k < len(a); k += 3 {
			f.Panels = append(f.Panels, Panel{Archive: a[k], Events: a[k+1], Title: a[k+2]})
		}
		return f, nil
	},
	"benchtable": bench(false),
	"benchchart": bench(true),
	"mistakes": func(a []string) (Elem, error) {
		if len(a) < 1 {
			return nil, fmt.Errorf("want DIR..., got %q", a)
		}
		return Mistakes{Dirs: a}, nil
	},
	"timings": func(a []string) (Elem, error) {
		if len(a) != 0 {
			return nil, fmt.Errorf("takes no arguments, got %q", a)
		}
		return Timings{}, nil
	},
	"plan": parsePlan,
}

func bench(chart bool) func([]string) (Elem, error) {
	return func(a []string) (Elem, error) {
		if len(a) != 2 {
			return nil, fmt.Errorf("want GROUP FILE, got %q", a)
		}
		return Bench{Chart: chart, Group: a[0], File: a[1]}, nil
	}
}

func parsePlan(a []string) (Elem, error) {
	if len(a) < 2 {
		return nil, fmt.Errorf("want BUDGET ITEM..., got %q", a)
	}
	budget, err := strconv.Atoi(a[0])
	if err != nil || budget <= 0 {
		return nil, fmt.Errorf("the budget %q is not a whole number of minutes", a[0])
	}
	p := Plan{Budget: budget}
	for _, item := range a[1:] {
		if m, ok := strings.CutPrefix(item, "break="); ok {
			n, err := strconv.Atoi(m)
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("item %q: a break is break=MINUTES, a whole number over 0", item)
			}
			p.Items = append(p.Items, PlanItem{Text: item, Break: n})
			continue
		}
		num, x := strings.CutSuffix(item, "x")
		n, err := strconv.Atoi(num)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("item %q: want a lesson's number, the number and x, or break=MINUTES", item)
		}
		p.Items = append(p.Items, PlanItem{Text: item, Lesson: n, Exercises: x})
	}
	return p, nil
}

// Kinds are the directives a document may hold, sorted.
func Kinds() []string { return slices.Sorted(maps.Keys(parsers)) }
