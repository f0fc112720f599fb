package proofread

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/std"
)

// A Definition is a number that prose may state although no recording
// shows it, because the text introduces it: a parameter of a scenario, a
// test or a benchmark ("steps of 10ms", "a cancel at 35ms"), never a
// result. Each says where the code sets it, so that changing the code
// cannot leave the prose behind: Equals is the constant it must equal, or,
// where no constant can be named from here, In is the file that sets it
// and Says the text there that does, which must hold the number.
type Definition struct {
	Number string // as the prose writes it: "10ms", "1000 items"
	Reason string // what it is the parameter of
	// Equals is printed with %v and must be the number: a duration whole
	// ("35ms"), a count without the unit ("1000" for "1000 items").
	Equals   any
	In, Says string // a file, relative to the module root, and its text
}

// Definitions are the numbers that prose states as parameters. Keep the
// list short: a result belongs in a transcript the file shows.
var Definitions = []Definition{
	{Number: "10ms", Reason: "the length of one step of LongTask, which the lessons' tasks are made of", Equals: std.StepDuration},
	{Number: "35ms", Reason: "when the scenarios cancel their task, or stop needing it", Equals: scenario.CancelAfter},
	{Number: "45ms", Reason: "when the graceful-shutdown scenario's SIGTERM comes", Equals: scenario.StopAfter},
	{Number: "1000 items", Reason: "how often CancellableSum checks its token", Equals: std.CheckInterval},
	{Number: "5,000 times", Reason: "how often TestStoppedPoolAcceptsNothing repeats a stopped pool's run (lesson 10)", In: "ctxversion/shutdown_test.go", Says: "for i := range 5000 {"},
	{Number: "3 minutes", Reason: "how long .ci/stress fuzzes each target by default (README)", In: ".ci/stress", Says: "fuzztime=${1:-3m}"},
}

// CheckNumbers finds the numbers in the course's prose that nothing keeps
// true. A number with a unit ("5ms", "2.5×", "40%", "5,000 times") in a
// source file's own words (Sources; not in code, code spans or generated
// blocks), in a lesson's summary or in a figure's title must be
//
//   - shown: the same number, as a whole ("5ms" is not in "35ms"), is in
//     what the file shows: the output of its transcript directives, the
//     transcripts of the runs its figures draw and the labels the figures
//     draw from their events, its benchmark tables and charts, or a
//     duration its generated code sets ("300 * time.Millisecond" shows
//     "300ms");
//   - or a definition (Definitions);
//   - or in a section headed "Question", which asks about what might
//     happen.
//
// An answer (lessons/answers) may also say what its lesson shows and what
// its lesson's Question says (the premises it answers), and its section
// "The question" is exempt. A timings or plan block counts as shown: it
// is generated from the lessons and the constants of workshop.go.
//
// Each definition must also still agree with its code. CheckNumbers
// returns one message per problem, naming the file and line.
func CheckNumbers(root string) ([]string, error) {
	return checkNumbers(root, Definitions)
}

func checkNumbers(root string, defs []Definition) ([]string, error) {
	problems, defined, err := checkDefinitions(root, defs)
	if err != nil {
		return nil, err
	}
	docs, byFile, err := sources(root)
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		file := doc.File
		shown, err := shownNumbers(root, doc)
		if err != nil {
			return nil, err
		}
		if lesson := lessonOf(doc, byFile); lesson != nil {
			more, err := shownNumbers(root, lesson)
			if err != nil {
				return nil, err
			}
			maps.Copy(shown, more)
			question := questionText(lesson)
			for _, n := range numbers(question) {
				shown[n.norm()] = true
			}
			for _, m := range goDuration.FindAllStringSubmatch(question, -1) {
				shown[cmp.Or(m[1], "1")+goUnits[m[2]]] = true // "500*time.Millisecond" is 500ms
			}
		}
		check := func(line int, text string) {
			for _, n := range numbers(text) {
				if !shown[n.norm()] && !defined[n.norm()] {
					problems = append(problems, fmt.Sprintf("%s:%d: says %q, which no transcript, figure, benchmark table or generated code of this file shows: show the transcript that says it, generate it, or add it to the definitions (proofread.Definitions) with its reason", file, line, n.text))
				}
			}
		}
		for _, h := range doc.Headers {
			if h.Key == "summary" { // the course index shows it
				check(h.Line, h.Value)
			}
		}
		for _, d := range doc.Directives {
			if f, ok := d.Elem.(course.Figure); ok {
				for _, p := range f.Panels {
					check(d.Line, p.Title) // a title, typed by hand
				}
			}
		}
		for _, sec := range doc.Sections {
			if asks(sec.Heading) {
				continue
			}
			for _, w := range sec.Words {
				check(w.Line, w.Text)
			}
		}
	}
	return problems, nil
}

// checkDefinitions checks each definition against its code, and returns
// the numbers of those that agree.
func checkDefinitions(root string, defs []Definition) (problems []string, defined map[string]bool, err error) {
	defined = map[string]bool{}
	for _, d := range defs {
		ns := numbers(d.Number)
		if len(ns) != 1 || ns[0].text != d.Number {
			problems = append(problems, fmt.Sprintf("definition %q: not a number with a unit, as prose writes it", d.Number))
			continue
		}
		n := ns[0]
		switch {
		case d.Equals != nil:
			if got := fmt.Sprint(d.Equals); !n.is(got) {
				problems = append(problems, fmt.Sprintf("definition %q (%s): its constant is now %s: correct the prose that says %q, then the definition", d.Number, d.Reason, got, d.Number))
				continue
			}
		case d.In != "":
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(d.In)))
			if err != nil {
				return nil, nil, err
			}
			if !strings.Contains(d.Says, n.value) || !strings.Contains(string(data), d.Says) {
				problems = append(problems, fmt.Sprintf("definition %q (%s): %s no longer says %q: correct the prose that says %q, then the definition", d.Number, d.Reason, d.In, d.Says, d.Number))
				continue
			}
		default:
			problems = append(problems, fmt.Sprintf("definition %q (%s): says neither the constant it equals nor the file that sets it", d.Number, d.Reason))
			continue
		}
		defined[n.norm()] = true
	}
	return problems, defined, nil
}

// number is a number with a unit, as written ("5,000 times"), and its
// value and unit as every writing of it shares ("5000", "times").
type number struct{ text, value, unit string }

// norm is the number as every writing of it shares: "5000times".
func (n number) norm() string { return n.value + n.unit }

// is reports whether a constant, printed, is n: the whole of it ("35ms"
// for 35 * time.Millisecond), or its value alone ("1000" for "1000 items").
func (n number) is(constant string) bool {
	if c := numbers(constant); len(c) == 1 && c[0].text == constant {
		return c[0].norm() == n.norm()
	}
	return constant == n.value
}

// unit is a number followed by a unit, the longer units first.
var unit = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?)( ?)(seconds?|minutes?|hours?|times|items|allocs/op|B/op|[KMG]i?B|ns|µs|us|ms|s|m|h|x|×|%)`)

// numbers returns the numbers with units in text. A number inside a
// longer word or number ("p99", "v1.5ms", the "5ms" of "35ms") is not one,
// nor is a unit followed by more letters ("3 minutes" is one, "2 sets" is
// not), nor a unit of one letter after a space ("2 m").
func numbers(text string) []number {
	var out []number
	for _, m := range unit.FindAllStringSubmatchIndex(text, -1) {
		if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); m[0] > 0 && (isWordRune(r) || r == '.' || r == ',') {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[m[1]:]); m[1] < len(text) && isWordRune(r) {
			continue
		}
		u := text[m[6]:m[7]]
		if m[5] > m[4] && strings.Contains("smhx", u) {
			continue
		}
		switch u {
		case "us":
			u = "µs"
		case "x":
			u = "×"
		case "second", "minute", "hour":
			u += "s"
		}
		out = append(out, number{text: text[m[0]:m[1]], value: strings.ReplaceAll(text[m[2]:m[3]], ",", ""), unit: u})
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// goDuration is a duration as Go code writes it: "300 * time.Millisecond",
// or a unit alone, "time.Second", which is one of it.
var goDuration = regexp.MustCompile(`(?:\b(\d+) ?\* ?)?\btime\.(Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)\b`)

var goUnits = map[string]string{"Nanosecond": "ns", "Microsecond": "µs", "Millisecond": "ms", "Second": "s", "Minute": "m", "Hour": "h"}

// shownNumbers returns the numbers with units in what a file shows: its
// transcript blocks and benchmark tables as generated, the durations its
// generated code sets, the transcripts of the runs its figures draw, and
// the labels its figures and charts draw from their data (not their
// titles, which the file's author typed, nor their axes' ticks, which
// show no result).
func shownNumbers(root string, doc *course.Doc) (map[string]bool, error) {
	shown := map[string]bool{}
	add := func(text string) {
		for _, n := range numbers(text) {
			shown[n.norm()] = true
		}
	}
	// The figures as drawn: TestGeneratedFilesAreUpToDate keeps them so.
	svg := func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(root, "docs", "figures", name+".svg"))
	}
	for _, d := range doc.Directives {
		block := doc.Text[d.Start:d.End]
		switch x := d.Elem.(type) {
		case course.Transcript, course.Timings, course.Plan:
			add(block)
		case course.Bench:
			if !x.Chart {
				add(block)
				break
			}
			data, err := svg("bench-" + x.Group)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: benchchart: %v", doc.File, d.Line, err)
			}
			labels, err := svgLabels(data)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: benchchart %s: %v", doc.File, d.Line, x.Group, err)
			}
			for _, l := range labels {
				add(l)
			}
		case course.Figure:
			var titles []string
			for _, p := range x.Panels {
				_, data, err := course.ArchivePart(filepath.Join(root, p.Archive), p.Golden())
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %v", doc.File, d.Line, err)
				}
				add(data)
				titles = append(titles, p.Title)
			}
			data, err := svg(x.Name)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: figure: %v", doc.File, d.Line, err)
			}
			labels, err := svgLabels(data)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: figure %s: %v", doc.File, d.Line, x.Name, err)
			}
			for _, l := range labels {
				if !slices.Contains(titles, l) {
					add(l)
				}
			}
		}
		switch d.Elem.(type) {
		case course.Code, course.Span, course.Transcript:
			for _, m := range goDuration.FindAllStringSubmatch(block, -1) {
				shown[cmp.Or(m[1], "1")+goUnits[m[2]]] = true
			}
		}
	}
	return shown, nil
}

// svgLabels returns the text of an SVG's <text> elements, in order, but
// for those that are a bare number with a unit: an axis's ticks.
func svgLabels(svg []byte) ([]string, error) {
	var labels []string
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	var in *strings.Builder // the text of the <text> element we are in
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return labels, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "text" {
				in = new(strings.Builder)
			}
		case xml.CharData:
			if in != nil {
				in.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "text" && in != nil {
				l := strings.TrimSpace(in.String())
				if n := numbers(l); len(n) != 1 || n[0].text != l {
					labels = append(labels, l)
				}
				in = nil
			}
		}
	}
}
