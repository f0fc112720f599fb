package main

import (
	"fmt"
	"go/scanner"
	"go/token"
	"io"
	"os"
	"regexp"
	"strings"
)

// ANSI styles, used only when colour is on.
const (
	reset     = "\x1b[0m"
	bold      = "\x1b[1m"
	heading   = "\x1b[1;4m"
	keyword   = "\x1b[35m"
	comment   = "\x1b[90m"
	literal   = "\x1b[32m"
	number    = "\x1b[36m"
	stamp     = "\x1b[36m"
	codeSpan  = "\x1b[33m"
	noticeDim = "\x1b[2m"
)

// colorMode is the value of the -color flag.
type colorMode string

// useColor decides whether to colour output written to w: "always",
// "never", or "auto" (a terminal, NO_COLOR unset, TERM not "dumb").
func useColor(mode colorMode, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

var (
	image      = regexp.MustCompile(`^!\[([^\]]*)\]\(([^)]*)\)$`)
	inlineCode = regexp.MustCompile("`([^`]+)`")
	stampRE    = regexp.MustCompile(`^\[ *\d+ms\]`)
)

// renderer turns a lesson's markdown into text for a terminal.
type renderer struct {
	color bool
}

func (r renderer) style(s, text string) string {
	if !r.color || text == "" {
		return text
	}
	return s + text + reset
}

// render returns markdown (without its invisible lines: course.Doc.Prose)
// rendered for a terminal: headings set off, code blocks indented (and highlighted with colour),
// figures named by their file.
func (r renderer) render(markdown string) string {
	var b strings.Builder
	lines := strings.Split(markdown, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, "```"):
			lang := strings.TrimPrefix(line, "```")
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
				code = append(code, lines[i])
			}
			b.WriteString(r.code(lang, strings.Join(code, "\n")))
		case strings.HasPrefix(line, "# "):
			title := strings.TrimPrefix(line, "# ")
			b.WriteString(r.style(heading, title) + "\n")
			if !r.color {
				b.WriteString(strings.Repeat("=", len(title)) + "\n")
			}
		case strings.HasPrefix(line, "## "):
			title := strings.TrimPrefix(line, "## ")
			b.WriteString(r.style(bold, title) + "\n")
			if !r.color {
				b.WriteString(strings.Repeat("-", len(title)) + "\n")
			}
		case image.MatchString(line):
			m := image.FindStringSubmatch(line)
			path := strings.TrimPrefix(m[2], "../")
			b.WriteString(r.style(noticeDim, fmt.Sprintf("[figure: %s; open %s]", m[1], path)) + "\n")
		default:
			if r.color {
				line = inlineCode.ReplaceAllString(line, codeSpan+"$1"+reset)
			}
			b.WriteString(line + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// code renders a fenced block, indented by four spaces.
func (r renderer) code(lang, src string) string {
	if r.color && lang == "go" {
		src = highlightGo(src)
	} else if r.color && lang == "text" {
		var out []string
		for _, l := range strings.Split(src, "\n") {
			out = append(out, stampRE.ReplaceAllStringFunc(l, func(s string) string { return stamp + s + reset }))
		}
		src = strings.Join(out, "\n")
	}
	var b strings.Builder
	for _, l := range strings.Split(src, "\n") {
		if l == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

// highlightGo colours Go source by token, keeping its layout byte for byte.
func highlightGo(src string) string {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, scanner.ScanComments)
	var b strings.Builder
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		if tok == token.SEMICOLON && lit == "\n" {
			continue // an inserted semicolon: nothing in the source
		}
		text := lit
		if text == "" {
			text = tok.String()
		}
		if off < last || off+len(text) > len(src) {
			continue
		}
		b.WriteString(src[last:off])
		color := ""
		switch {
		case tok.IsKeyword():
			color = keyword
		case tok == token.COMMENT:
			color = comment
		case tok == token.STRING || tok == token.CHAR:
			color = literal
		case tok == token.INT || tok == token.FLOAT:
			color = number
		}
		if color != "" {
			b.WriteString(color + text + reset)
		} else {
			b.WriteString(text)
		}
		last = off + len(text)
	}
	b.WriteString(src[last:])
	return b.String()
}
