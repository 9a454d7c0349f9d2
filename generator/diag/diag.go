// Package diag holds problems found in input files. A problem has a position
// and prints the way editors and CI annotators parse it: path:line: message.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	// Error problems fail check and build.
	Error Severity = iota
	// Warning problems are printed but do not fail anything.
	Warning
)

// Problem is one thing wrong with one place in one file.
type Problem struct {
	Path     string // slash-separated, relative to the site root
	Line     int    // 1-based; 0 means the file as a whole
	Severity Severity
	Msg      string
}

// String formats the problem as path:line: message (warnings say so). The
// path and message are printed with Printable: a file name or quoted text
// holding a line break or a terminal's escape sequence cannot start a line
// of its own (forging an annotation) or reach the terminal.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(Printable(p.Path))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(Printable(p.Msg))
	return b.String()
}

// Printable returns s with every character that is not printable text (C0
// and C1 controls, DEL, bidirectional overrides and isolates, invalid
// UTF-8) written as a Go escape (\n, \x1b, \u202e), so that it shows as
// what it is.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if !printable(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case printable(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

// PrintableLines is Printable for each line of s: its line breaks kept,
// a carriage return, an escape sequence or a bidirectional control escaped.
func PrintableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Printable(l)
	}
	return strings.Join(lines, "\n")
}

// PrintableWriter writes what is written to it through PrintableLines,
// for text from elsewhere (Hugo's log) on a terminal or in CI's log.
type PrintableWriter struct{ W io.Writer }

func (w PrintableWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.W, PrintableLines(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func printable(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return false
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return false
	}
	return true
}

// List collects problems; the zero value is ready to use.
type List []Problem

// Errorf adds an error at path:line.
func (l *List) Errorf(path string, line int, format string, args ...any) {
	*l = append(*l, Problem{Path: path, Line: line, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at path:line.
func (l *List) Warnf(path string, line int, format string, args ...any) {
	*l = append(*l, Problem{Path: path, Line: line, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders problems by path, then line, then message, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
}

// Counts returns the number of errors and warnings.
func (l List) Counts() (errors, warnings int) {
	for _, p := range l {
		if p.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Err returns the list as an error if it holds at least one error, else nil.
func (l List) Err() error {
	if n, _ := l.Counts(); n == 0 {
		return nil
	}
	return l
}

// Error prints every problem on its own line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Annotation formats the problem as a GitHub Actions workflow command, so
// that it shows on the file and line in a pull request:
// ::error file=path,line=N,title=check::message.
func (p Problem) Annotation() string {
	kind := "error"
	if p.Severity == Warning {
		kind = "warning"
	}
	props := "file=" + Printable(escapeProperty(p.Path))
	if p.Line > 0 {
		props += fmt.Sprintf(",line=%d", p.Line)
	}
	return "::" + kind + " " + props + ",title=check::" + Printable(escapeData(p.Msg))
}

// escapeData and escapeProperty escape as GitHub's own toolkit does
// (@actions/core, command.ts), so that a message cannot end the command
// early or start another.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
