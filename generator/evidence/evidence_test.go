package evidence

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

func TestFind(t *testing.T) {
	text := "CIA Director William Burns said his agency is “sharply focused” on Russia’s expanding footprint — in Mexico. … So they’re looking"
	tests := []struct {
		quote string
		want  string // the original text found; "" when not found
	}{
		{"William Burns said", "William Burns said"},
		{`is "sharply focused" on Russia's`, "is “sharply focused” on Russia’s"},
		{"WILLIAM   BURNS\n said", "William Burns said"},
		{"footprint - in Mexico", "footprint — in Mexico"},
		{"Mexico. ... So they're", "Mexico. … So they’re"},
		{"deeply focused", ""},
		{"", ""},
		{"   ", ""},
	}
	n := Normalize(text)
	for _, tt := range tests {
		sp, ok := n.Find(tt.quote)
		got := ""
		if ok {
			got = text[sp.Start:sp.End]
		}
		if got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.quote, got, tt.want)
		}
	}
}

func TestFindAccents(t *testing.T) {
	text := "President Andrés Manuel López Obrador said"
	sp, ok := Normalize(text).Find("Andres Manuel Lopez Obrador")
	if !ok || text[sp.Start:sp.End] != "Andrés Manuel López Obrador" {
		t.Fatalf("accent-insensitive find failed: %v %q", ok, text[sp.Start:sp.End])
	}
}

func TestClosest(t *testing.T) {
	paras := []string{
		"Mexico’s response",
		"CIA Director William Burns said earlier this month that his agency and the U.S. government are “sharply focused” on Russia’s expanding footprint in Mexico.",
	}
	p, ok := Closest("the U.S. government are deeply focused on Russia's growing footprint", paras)
	if !ok || p.Index != 1 {
		t.Fatalf("Closest found %+v, want paragraph 1", p)
	}
	want := "the U.S. government are “sharply focused” on Russia’s expanding footprint"
	if p.Text != want {
		t.Errorf("Closest text = %q, want %q", p.Text, want)
	}
	if p.Score <= 0.5 || p.Score >= 1 {
		t.Errorf("score = %v, want between 0.5 and 1", p.Score)
	}
	if _, ok := Closest("", paras); ok {
		t.Error("Closest of an empty quote found something")
	}
}

// A quote longer than MaxClosestWords is placed by its first words: the
// suggestion is the passage those words match.
func TestClosestLongQuote(t *testing.T) {
	var head []string
	for i := range MaxClosestWords {
		head = append(head, fmt.Sprintf("w%d", i))
	}
	quote := strings.Join(head, " ") + strings.Repeat(" tail words the source never had", 100)
	texts := []string{"an unrelated paragraph", "before " + strings.Join(head, " ") + " after"}
	p, ok := Closest(quote, texts)
	if !ok || p.Index != 1 || p.Text != strings.Join(head, " ") || p.Score != 1 {
		t.Errorf("Closest = %+v, %v; want the %d matching words of paragraph 1, score 1", p, ok, MaxClosestWords)
	}
}

// slowNormalize is Normalize without its ASCII fast path: every rune goes
// through the general mapping. The fast path must give the same result.
func slowNormalize(s string) string {
	var b strings.Builder
	space := true
	for _, r := range s {
		if r == utf8.RuneError {
			continue
		}
		var out string
		if m, ok := runeMap[r]; ok {
			out = m
		} else if unicode.IsSpace(r) {
			out = " "
		} else {
			out = strings.ToLower(meta.Fold(string(r)))
		}
		if out == "" {
			continue
		}
		if out == " " {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteString(out)
	}
	return strings.TrimSuffix(b.String(), " ")
}

func TestNormalizeASCIIFastPath(t *testing.T) {
	const alphabet = "aZ m\t\n\r\v\f`'\".,-:;!?0Q“’é—…"
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		rs := []rune(alphabet)
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteRune(rs[r.IntN(len(rs))])
		}
		s := b.String()
		got := Normalize(s)
		if want := slowNormalize(s); got.Norm != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got.Norm, want)
		}
		if len(got.Orig) != len(got.Norm)+1 {
			t.Fatalf("Normalize(%q): %d offsets for %d bytes", s, len(got.Orig), len(got.Norm))
		}
	}
}
