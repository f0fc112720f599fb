// Package scriptcmd gives the course's testscript scripts their commands
// beyond testscript's own, from one table. Each Command has a usage line,
// a sentence or two saying what it does, and its function; the table
// gives testscript its Cmds (Map), which check each use against the usage
// line, and writes the list of commands that testdata/README.md shows
// (List).
//
// A usage line is the command's name, then its arguments: UPPER for one
// argument, [X] for an optional one, X... for one or more, [X...] for any
// number, and "a|b" for one of these words. "[!] " in front says that the
// command may be negated.
package scriptcmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// A Command is one script command.
type Command struct {
	Usage string // "waitfor NAME REGEXP": its name, then its arguments
	Doc   string // what it does, in markdown, for testdata/README.md
	Run   func(ts *testscript.TestScript, neg bool, args []string)
}

// Name is the command's name: the first word of its usage line.
func (c Command) Name() string {
	return strings.Fields(strings.TrimPrefix(c.Usage, "[!] "))[0]
}

// Map returns the table as testscript's Params.Cmds. Each command first
// checks its use, a "!" and the number of arguments, against its usage
// line, and fails with "usage: ..." if it does not fit.
func Map(table ...[]Command) map[string]func(*testscript.TestScript, bool, []string) {
	cmds := map[string]func(*testscript.TestScript, bool, []string){}
	for _, t := range table {
		for _, c := range t {
			if _, dup := cmds[c.Name()]; dup {
				panic("scriptcmd: two commands named " + c.Name())
			}
			cmds[c.Name()] = func(ts *testscript.TestScript, neg bool, args []string) {
				if !c.fits(neg, len(args)) {
					ts.Fatalf("usage: %s", c.Usage)
				}
				c.Run(ts, neg, args)
			}
		}
	}
	return cmds
}

// fits reports whether a use with neg and n arguments fits the usage line.
func (c Command) fits(neg bool, n int) bool {
	usage, negatable := strings.CutPrefix(c.Usage, "[!] ")
	if neg && !negatable {
		return false
	}
	least, most := 0, 0
	for _, arg := range strings.Fields(usage)[1:] {
		optional := strings.HasPrefix(arg, "[")
		if !optional {
			least++
		}
		if strings.Contains(arg, "...") {
			most = -1
		}
		if most >= 0 {
			most++
		}
	}
	return n >= least && (most < 0 || n <= most)
}

// List returns the table as a markdown list, one item per command, in
// the table's order: its usage line, then what it does.
func List(table []Command) string {
	var b strings.Builder
	for _, c := range table {
		fmt.Fprintf(&b, "- `%s`: %s\n", c.Usage, c.Doc)
	}
	return b.String()
}

// LookPath finds a program as testscript's exec does: a name with a slash
// is a path from the script's folder, any other is looked for in the
// script's $PATH.
func LookPath(ts *testscript.TestScript, name string) (string, error) {
	if strings.ContainsRune(name, filepath.Separator) {
		return ts.MkAbs(name), nil
	}
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
			return path, nil
		}
	}
	return "", errors.New(name + " is not in the script's $PATH")
}

// Names returns the names of the variables in vars, "KEY=VALUE" lines
// such as testscript's Env.Vars: a Setup keeps them, so that a command
// that starts a program itself can give it the script's environment, as
// ts.Getenv sees it then.
func Names(vars []string) []string {
	var names []string
	for _, kv := range vars {
		if k, _, ok := strings.Cut(kv, "="); ok {
			names = append(names, k)
		}
	}
	return names
}
