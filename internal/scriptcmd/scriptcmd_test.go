package scriptcmd

import "testing"

func TestFits(t *testing.T) {
	tests := []struct {
		usage string
		neg   bool
		n     int
		want  bool
	}{
		{"waitfor NAME REGEXP", false, 2, true},
		{"waitfor NAME REGEXP", false, 1, false},
		{"waitfor NAME REGEXP", false, 3, false},
		{"waitfor NAME REGEXP", true, 2, false},
		{"sourcemain", false, 0, true},
		{"sourcemain", false, 1, false},
		{"start NAME PROG [ARGS...]", false, 2, true},
		{"start NAME PROG [ARGS...]", false, 7, true},
		{"start NAME PROG [ARGS...]", false, 1, false},
		{"stepcheck [CANCELLED-LINE]", false, 0, true},
		{"stepcheck [CANCELLED-LINE]", false, 1, true},
		{"stepcheck [CANCELLED-LINE]", false, 2, false},
		{"[!] lessons [ARGS...]", true, 0, true},
		{"[!] lessons [ARGS...]", false, 3, true},
		{"behaviour stdout|events GOLDEN", false, 2, true},
	}
	for _, tt := range tests {
		c := Command{Usage: tt.usage}
		if got := c.fits(tt.neg, tt.n); got != tt.want {
			t.Errorf("%q with neg=%v and %d arguments: fits = %v, want %v", tt.usage, tt.neg, tt.n, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	for usage, want := range map[string]string{"waitfor NAME REGEXP": "waitfor", "[!] lessons [ARGS...]": "lessons", "sourcemain": "sourcemain"} {
		if got := (Command{Usage: usage}).Name(); got != want {
			t.Errorf("Name of %q = %q, want %q", usage, got, want)
		}
	}
}

func TestList(t *testing.T) {
	got := List([]Command{{Usage: "a X", Doc: "does a."}, {Usage: "b", Doc: "does b."}})
	if want := "- `a X`: does a.\n- `b`: does b.\n"; got != want {
		t.Errorf("List = %q, want %q", got, want)
	}
}
