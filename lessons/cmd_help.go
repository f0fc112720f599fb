package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

var cmdHelp = &command{
	UsageLine: "help [<command>]",
	Short:     "this usage, or a command's, with its flags",
	Run:       runHelp,
}

func runHelp(ctx context.Context, s stdio, args []string) error {
	switch {
	case len(args) > 1:
		return badUsageIn("help", "takes one command, got %q", args)
	case len(args) == 0:
		return &helpRequest{}
	}
	if find(args[0]) == nil {
		return badUsageIn("help", "unknown command %q", args[0])
	}
	return &helpRequest{args[0]}
}

// usageLine is how "lessons help" begins.
const usageLine = "lessons <command> [arguments]"

// helpFooter ends "lessons help", after the list of commands.
const helpFooter = `<lesson> is a lesson's number (3) or name (checking-between-steps), in
any case; flags may come before or after it (show 3 -color=never).
'lessons' alone is 'lessons list'.
Run 'lessons help <command>' for a command's usage and flags.
`

// flagsHeading comes before a command's flags in its usage.
const flagsHeading = "Flags, before or after the other arguments:"

// printHelp writes the usage of cmd, or of every command if cmd is "".
func printHelp(w io.Writer, cmd string) {
	if c := find(cmd); c != nil {
		fmt.Fprintf(w, "usage: lessons %s\n\n%s\n", c.UsageLine, c.long())
		if defaults := c.flagDefaults(); defaults != "" {
			fmt.Fprintf(w, "\n%s\n%s", flagsHeading, defaults)
		}
		return
	}
	fmt.Fprintf(w, "usage: %s\n\nThe commands are:\n\n", usageLine)
	fmt.Fprint(w, commandList("  "))
	fmt.Fprintf(w, "\n%s", helpFooter)
}

// commandList lists the commands, one a line after indent: each name, and
// its Short in a column after the longest name.
func commandList(indent string) string {
	width := 0
	for _, c := range commands {
		width = max(width, len(c.Name())+1)
	}
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "%s%-*s %s\n", indent, width, c.Name(), c.Short)
	}
	return b.String()
}

// long is what c does, at length: Long, or else Short as a sentence.
func (c *command) long() string {
	if c.Long != "" {
		return c.Long
	}
	return c.title() + "."
}

// title is Short with a capital letter.
func (c *command) title() string {
	return strings.ToUpper(c.Short[:1]) + c.Short[1:]
}

// flagDefaults lists c's flags, as package flag prints them, or is "" if
// it has none.
func (c *command) flagDefaults() string {
	fs, _ := c.bind()
	var hasFlags bool
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if !hasFlags {
		return ""
	}
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	return b.String()
}
