package diag

import (
	"strings"
	"testing"
)

func TestAnnotation(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "claims/a.md", Line: 7, Msg: `unknown rating "tru": use one of corroborated, attributed`},
			`::error file=claims/a.md,line=7,title=check::unknown rating "tru": use one of corroborated, attributed`},
		{Problem{Path: "corpus/x.txt", Severity: Warning, Msg: "no metadata"},
			`::warning file=corpus/x.txt,title=check::no metadata`},
		// A message or a file name cannot end the command or start another.
		{Problem{Path: "people/a,b:c.md", Line: 1, Msg: "100% wrong\n::error::injected\r"},
			`::error file=people/a%2Cb%3Ac.md,line=1,title=check::100%25 wrong%0A::error::injected%0D`},
	}
	for _, tt := range tests {
		if got := tt.p.Annotation(); got != tt.want {
			t.Errorf("Annotation() =\n%s\nwant\n%s", got, tt.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"claims/a.md", "claims/a.md"},
		{"Wałęsa «dijo»", "Wałęsa «dijo»"},
		{"claims/x\n::error file=a.md::forged.md", `claims/x\n::error file=a.md::forged.md`},
		{"a\x1b[31mred", `a\x1b[31mred`},
		{"evil\u202etxt.md", `evil\u202etxt.md`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"c1\u0085", `c1\u0085`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	p := Problem{Path: "claims/x\n::error file=a.md::forged.md", Line: 3, Msg: "bad\r\nline"}
	for _, out := range []string{p.String(), p.Annotation()} {
		if strings.ContainsAny(out, "\r\n") {
			t.Errorf("%q holds a line break", out)
		}
	}
}
