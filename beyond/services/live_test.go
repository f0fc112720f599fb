package services

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

// TestLiveStories plays each story on 127.0.0.1, on the real clock, and
// checks its structure against its golden transcript: the same calls, the
// same frames, the same deadlines or none, numbers aside (the times and
// the deadlines depend on how busy the machine is) and in any order, but
// for RST_STREAM frames; as
// many ends for each service; and at each call with a deadline, less time
// left at each hop than at the one before. How each call ends is not
// checked: on a busy machine timers fire late, and a service's own
// deadline and its caller's cancel, a few milliseconds apart on the
// virtual clock, may come in either order.
func TestLiveStories(t *testing.T) {
	if testing.Short() {
		t.Skip("real time: about 2s")
	}
	number := regexp.MustCompile(`\d+[HMSmun]?`) // a grpc-timeout's unit depends on its value
	calls := regexp.MustCompile(`: called by |: calls |: ← |^client: calls `)
	deadline := regexp.MustCompile(`called by .*deadline in (\d+)ms`)
	structure := func(text string) (shapes []string, ends map[string]int, shrinks bool) {
		lines, err := transcript.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		ends, shrinks = map[string]int{}, true
		last := -1
		for _, l := range lines {
			svc, _, _ := strings.Cut(l.Text, ":")
			switch {
			case strings.Contains(l.Text, "RST_STREAM"):
				continue // sent also when a caller's deadline passes before the answer comes
			case strings.HasPrefix(l.Text, "client: calls "):
				last = -1
			case calls.MatchString(l.Text):
			default:
				ends[svc]++
				continue
			}
			shapes = append(shapes, number.ReplaceAllString(l.Text, "#"))
			if m := deadline.FindStringSubmatch(l.Text); m != nil {
				n, _ := strconv.Atoi(m[1])
				shrinks = shrinks && (last < 0 || n < last)
				last = n
			}
		}
		slices.Sort(shapes)
		return shapes, ends, shrinks
	}
	for name := range Stories {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			file := "../../testdata/beyond/" + strings.ReplaceAll(name, "-", "_") + ".txtar"
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want string
			for _, f := range txtar.Parse(data).Files {
				if strings.HasSuffix(f.Name, ".golden") {
					want = string(f.Data)
				}
			}
			wantShapes, wantEnds, _ := structure(want)
			// A machine busy enough to be late by more than a story's
			// slack (the 50ms before a cancel must see the call reach
			// stock) changes the story: three tries.
			var problems []string
			for try := 0; try < 3; try++ {
				var out strings.Builder
				w := transcript.NewWriter(&out)
				if err := PlayLive(context.Background(), name, slog.New(event.NewHandler(w))); err != nil {
					t.Fatal(err)
				}
				shapes, ends, shrinks := structure(out.String())
				problems = nil
				if diff := cmp.Diff(wantShapes, shapes); diff != "" {
					problems = append(problems, fmt.Sprintf("other calls than %s, numbers aside (-want +got):\n%s", file, diff))
				}
				if diff := cmp.Diff(wantEnds, ends); diff != "" {
					problems = append(problems, fmt.Sprintf("the lines after the calls, by service (-want +got):\n%s", diff))
				}
				if !shrinks {
					problems = append(problems, "a service had as much time left as the one before it")
				}
				if problems == nil {
					return
				}
				t.Logf("try %d: %s\nlive run:\n%s", try+1, strings.Join(problems, "\n"), &out)
			}
			t.Errorf("live, %s, three times over: %s", name, strings.Join(problems, "\n"))
		})
	}
}
