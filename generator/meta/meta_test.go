package meta

import (
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

// read parses src and reads the fields title, rating, date and tags, as a
// claim-like file would, returning the problems.
func read(t *testing.T, src string) (string, diag.List) {
	t.Helper()
	var probs diag.List
	doc, err := Parse("x.md", Normalize([]byte(src)), true)
	if err != nil {
		Report(&probs, "x.md", err)
		return "", probs
	}
	f := NewFields("x.md", doc.Front, doc.FrontLine, &probs)
	title, _ := f.String("title", true, "add a title")
	f.String("rating", true, "add a rating")
	f.Date("date", false, true, true)
	f.Strings("tags", false, "")
	f.Finish()
	return title, probs
}

func TestFieldsProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // problems, in order
	}{
		{"valid yaml", "---\ntitle: A\nrating: r\n---\nbody\n", nil},
		{"valid toml", "+++\ntitle = \"A\"\nrating = \"r\"\ntags = [\"a\"]\n+++\nbody\n", nil},
		{"typo is named with the intended field", "---\ntitle: A\nratng: r\n---\n",
			[]string{`x.md:1: missing required field "rating": add a rating`, `x.md:3: unknown field "ratng": did you mean "rating"?`}},
		{"typo in toml", "+++\ntitle = \"A\"\n\nratin = \"r\"\n+++\n",
			[]string{`x.md:1: missing required field "rating": add a rating`, `x.md:4: unknown field "ratin": did you mean "rating"?`}},
		{"unrelated unknown field lists the known ones", "---\ntitle: A\nrating: r\ncolour: red\n---\n",
			[]string{`x.md:4: unknown field "colour": the known fields are date, rating, tags, title`}},
		{"wrong type", "---\ntitle: [a, b]\nrating: r\n---\n",
			[]string{`x.md:2: field "title" must be a single value, not a list`}},
		{"impossible date", "---\ntitle: A\nrating: r\ndate: 2023-02-30\n---\n",
			[]string{`x.md:4: field "date": 2023-02-30 is not a real date (month 01-12, day within the month)`}},
		{"not a date", "---\ntitle: A\nrating: r\ndate: last march\n---\n",
			[]string{`x.md:4: field "date": "last march" is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY, or "unknown"`}},
		{"partial date and unknown are dates", "---\ntitle: A\nrating: r\ndate: 2022-03\n---\n", nil},
		{"yaml syntax error has its file line", "---\ntitle: A\nrating: r\n  bad: indent\n---\n",
			[]string{`x.md:4: front matter is not valid YAML: mapping values are not allowed in this context (check indentation, and quote values that contain ': ' or start with a quote mark)`}},
		{"duplicate key", "---\ntitle: A\nrating: r\ntitle: B\n---\n",
			[]string{`x.md:4: field "title" is given twice (first on line 2): keep one`}},
		{"unclosed front matter", "---\ntitle: A\n",
			[]string{`x.md:1: front matter opened with "---" is never closed: add a line with only "---" after the last field`}},
		{"no front matter", "just text\n",
			[]string{`x.md:1: no front matter: start the file with a line '---', the fields, and another '---' (see README, Formats)`}},
		{"invalid utf-8 names its line", "---\ntitle: A\nrating: \xff\n---\n",
			[]string{`x.md:3: the file is not valid UTF-8 text: save it as UTF-8`}},
		{"blank lines before front matter shift lines", "\n\n---\ntitle: A\nratng: r\n---\n",
			[]string{`x.md:3: missing required field "rating": add a rating`, `x.md:5: unknown field "ratng": did you mean "rating"?`}},
		{"yaml alias refused", "---\ntitle: &a A\nrating: *a\n---\n",
			[]string{`x.md:3: YAML aliases (*name) are not supported: write the value out`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := read(t, tt.src)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestBOMAndCRLFAccepted(t *testing.T) {
	src := "\xef\xbb\xbf---\r\ntitle: Tëst\r\nrating: r\r\n---\r\nbody line\r\nsecond\r\n"
	title, probs := read(t, src)
	if len(probs) != 0 {
		t.Fatalf("unexpected problems: %v", probs)
	}
	if title != "Tëst" {
		t.Errorf("title = %q, want %q", title, "Tëst")
	}
	doc, err := Parse("x.md", Normalize([]byte(src)), true)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Body != "body line\nsecond\n" || doc.BodyLine != 5 {
		t.Errorf("body = %q at line %d, want %q at line 5", doc.Body, doc.BodyLine, "body line\nsecond\n")
	}
}

func TestNestedLines(t *testing.T) {
	src := "---\ntitle: A\nevidence:\n  - source: s1\n    quote: q1\n  - source: s2\n    quote: q2\n---\n"
	doc, err := Parse("x.md", []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	f := NewFields("x.md", doc.Front, doc.FrontLine, &probs)
	var lines []int
	for _, e := range f.Maps("evidence", true, "") {
		_, l := e.String("quote", true, "")
		lines = append(lines, l)
	}
	if len(lines) != 2 || lines[0] != 5 || lines[1] != 7 {
		t.Errorf("quote lines = %v, want [5 7]", lines)
	}
}

func TestClosest(t *testing.T) {
	known := []string{"claim", "claimant", "rating", "sources", "evidence"}
	for in, want := range map[string]string{"ratng": "rating", "claimnt": "claimant", "evidense": "evidence", "zzz": "", "sorces": "sources"} {
		if got := Closest(in, known); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlugAndValidID(t *testing.T) {
	for in, want := range map[string]string{"Glen VanHerck": "glen-vanherck", "Andrés Manuel López Obrador": "andres-manuel-lopez-obrador", "../../etc/passwd": "etc-passwd", "": "untitled"} {
		got := Slug(in)
		if got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if !ValidID(got) {
			t.Errorf("Slug(%q) = %q is not a valid id", in, got)
		}
	}
	for _, bad := range []string{"", "A", "a_b", "a--b", "-a", "a-", "../x", "a/b", strings.Repeat("a", 81)} {
		if ValidID(bad) {
			t.Errorf("ValidID(%q) = true", bad)
		}
	}
}

// yaml.v3 also breaks lines at NEL, LS and PS; the file's lines (and the
// line a contributor's editor shows) break only at LF.
func TestYAMLLinesAreFileLines(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
	}{
		{"unclosed quote after PS and LS", "---\n\"\u2029\u2028\n---", 3},
		{"NEL is refused at its line", "---\ntitle: a\nrating: \"b\u0085c\"\n---\n", 3},
		{"unclosed quote", "---\ntitle: a\nrating: \"b\n---\n", 3},
		{"field after LS in a value", "---\ntitle: \"a\u2028b\"\nrating: r\nx: 1\n---\n", 4},
		{"PS breaks a plain value", "---\ntitle: a\u2029b\nrating: r\n---\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := read(t, tt.src)
			if len(probs) != 1 || probs[0].Line != tt.line {
				t.Fatalf("problems %v, want one on line %d", probs, tt.line)
			}
		})
	}
}
