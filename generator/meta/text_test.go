package meta

import (
	"strings"
	"testing"
	"time"
)

// Raw control characters (which a txtar archive cannot hold cleanly) are
// refused at their own line, in front matter and body, naming them.
func TestRawControlCharacters(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"form feed in a yaml value", "---\ntitle: a\fb\nrating: r\n---\n",
			[]string{"x.md:2: U+000C FORM FEED is not allowed in the front matter"}},
		{"escape in a key", "---\ntitle: a\nra\x1bting: r\n---\n",
			[]string{"x.md:3: U+001B ESCAPE is not allowed in the front matter"}},
		{"C1 and DEL in toml", "+++\ntitle = \"a\"\nrating = \"r\u0090\x7f\"\n+++\n",
			[]string{"x.md:3: U+0090 C1 CONTROL is not allowed", "x.md:3: U+007F DELETE is not allowed"}},
		{"body, each line", "---\ntitle: a\nrating: r\n---\nfine\nbell\a\n\nvt\v and nul-like \x01\n",
			[]string{"x.md:6: U+0007 BELL is not allowed in the text", "x.md:8: U+000B LINE TABULATION is not allowed in the text", "x.md:8: U+0001 START OF HEADING is not allowed in the text"}},
		{"tabs are text", "---\ntitle: \"a\tb\"\nrating: r\n---\nbody\twith tab\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := read(t, tt.src)
			if len(probs) != len(tt.want) {
				t.Fatalf("problems %v, want %d", probs, len(tt.want))
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), tt.want[i]) {
					t.Errorf("problem %q, want it to start %q", p, tt.want[i])
				}
			}
		})
	}
}

func TestFrontMatterEnds(t *testing.T) {
	doc, err := Parse("x.md", []byte("---\ntitle: a\nnotes: |\n  one\n  ---\n  two\nrating: r\n---\nbody\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Front.Fields) != 3 || doc.Front.Fields[1].Value.Value != "one\n---\ntwo\n" || doc.BodyLine != 9 || doc.Body != "body\n" {
		t.Errorf("front %+v, body %q at %d", doc.Front.Fields, doc.Body, doc.BodyLine)
	}
	for src, want := range map[string]string{
		"---\ntitle: a\nnotes: |\n  one\n---\n  two\n---\n": `x.md:5: a "---" line inside the block of text of "notes" (line 3)`,
		"---\ntitle: a\n...\n---\n":                         `x.md:3: a line starting with "..." ends`,
		"---\ntitle: a\n  ---\nbody\n":                      `x.md:1: front matter opened with "---" is never closed: add a line with only "---" after the last field, at the start of the line (the "---" on line 3 is indented`,
		"+++\ntitle = \"\"\"\n+++\n":                        `x.md:2: the multi-line string opened on this line with """ is never closed`,
		"---\ntitle: !!int \"abc\"\n---\n":                  `x.md:2: the value of "title" has the YAML tag !!int: tags are not accepted (each field's type is fixed); remove the tag and write the value alone, in quotes if it is text (title: "abc")`,
		"---\ntitle: \"\\u202Eabc\"\n---\n":                 `x.md:2: field "title" contains U+202E RIGHT-TO-LEFT OVERRIDE`,
		"+++\ntitle = \"\\uFFFE\"\n+++\n":                   `x.md:2: field "title" contains U+FFFE NONCHARACTER`,
		"---\ntitle: \"a\u200fb\"\n---\nbody \u200f kept\n": `x.md:2: U+200F RIGHT-TO-LEFT MARK is not allowed in the front matter`,
	} {
		_, err := Parse("x.md", []byte(src), true)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %s...", src, err, want)
		}
	}
	toml, err := Parse("x.md", []byte("+++\nnotes = '''\n+++\n'''\ntitle = \"\"\"a\"\"\"\"\"\n+++\nbody\n"), true)
	if err != nil || toml.Front.Fields[0].Value.Value != "+++\n" || toml.Front.Fields[1].Value.Value != `a""` || toml.Body != "body\n" {
		t.Errorf("toml: %v %+v", err, toml)
	}
	if doc, err := Parse("x.md", []byte("no front matter \u200f here\n"), false); err != nil || doc.Body == "" {
		t.Errorf("a direction mark in text: %v", err)
	}
}

func TestDates(t *testing.T) {
	today := time.Date(2026, 5, 1, 23, 0, 0, 0, time.FixedZone("MX", -6*3600)) // 2026-05-02 in UTC
	for v, want := range map[string]string{
		"2026-05-02": "", "2026-05": "", "2026": "", "unknown": "",
		"2026-05-03": "2026-05-03 is in the future (today is 2026-05-02 in UTC)",
		"2026-06":    "2026-06 is in the future (today is 2026-05-02 in UTC)",
		"2062-01-01": "2062-01-01 is in the future (did you mean 2026-01-01?)",
		"2999":       "2999 is in the future",
	} {
		if got, _ := Future(v, today); got != want {
			t.Errorf("Future(%q) = %q, want %q", v, got, want)
		}
	}
	if _, f := Future("2999", time.Time{}); f {
		t.Error("a zero today is never")
	}
	_, probs := read(t, "---\ntitle: a\nrating: r\ndate: 0000-05-01\n---\n")
	if len(probs) != 1 || probs[0].String() != `x.md:4: field "date": 0000-05-01 is before the year 1900, which no date here can be: check the year, or write "unknown" if it is not known` {
		t.Errorf("year 0: %v", probs)
	}
}

func TestIDAdvice(t *testing.T) {
	for id, want := range map[string]string{
		"vаnherck": `it contains "а" (U+0430 CYRILLIC SMALL LETTER A), which looks like the Latin "a": use only lower-case Latin letters a-z, digits and hyphens (e.g. vanherck.md)`,
		"Glen_V":   `use lower-case letters, digits and hyphens (e.g. glen-v.md)`,
		"a\u200bb": `it contains U+200B ZERO WIDTH SPACE: use only lower-case Latin letters a-z, digits and hyphens (e.g. ab.md)`,
		"καλη":     `it contains "κ" (U+03BA GREEK SMALL LETTER KAPPA), which looks like the Latin "k"`,
	} {
		if got := IDAdvice(id, ".md"); !strings.HasPrefix(got, want) {
			t.Errorf("IDAdvice(%q) = %q, want %q", id, got, want)
		}
	}
	seen := map[rune]bool{}
	for r := range lookalikes {
		if seen[r] {
			t.Errorf("%U twice", r)
		}
		seen[r] = true
	}
}

func TestClean(t *testing.T) {
	if got := Clean("Fix\fthe \u202etxet\u202c\u200e rating\x00\ttab\n"); got != "Fix the txet rating \ttab\n" {
		t.Errorf("Clean = %q", got)
	}
}
