package evidence

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var seedPairs = [][2]string{
	{"“I would point out that the largest portion of GRU members in the world is in Mexico right now,” VanHerck said.", `"i would point out that the largest portion`},
	{"Kicked out of Europe. … So they’re looking", "Europe. ... So they're"},
	{"Andrés Manuel López Obrador", "andres manuel LOPEZ obrador"},
	{"a — b – c ‑ d", "a - b - c - d"},
	{"x\u00a0y\tz\n w", "x y z w"},
	{"", ""}, {"…", "."}, {"ǅ ß İ ﬁ", "i"}, {"\xff\xfe", "\xff"},
}

// FuzzFind checks that a found span lies within the text, on rune
// boundaries, and that the text found contains the quote once normalised.
func FuzzFind(f *testing.F) {
	for _, p := range seedPairs {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, text, quote string) {
		n := Normalize(text)
		if len(n.Orig) != len(n.Norm)+1 {
			t.Fatalf("offset map has %d entries for %d bytes", len(n.Orig), len(n.Norm))
		}
		sp, ok := n.Find(quote)
		if !ok {
			return
		}
		if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
			t.Fatalf("span %+v outside text of %d bytes", sp, len(text))
		}
		// Sources are valid UTF-8 (invalid files are refused before matching).
		if utf8.ValidString(text) && (!utf8.RuneStart(text[sp.Start]) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End]))) {
			t.Fatalf("span %+v splits a character", sp)
		}
		if got, want := Normalize(text[sp.Start:sp.End]).Norm, Normalize(quote).Norm; !strings.Contains(got, want) {
			t.Fatalf("found %q (normalised %q) for quote %q (normalised %q)", text[sp.Start:sp.End], got, quote, want)
		}
	})
}

// FuzzClosest checks that the closest passage is a piece of the text it
// names, with a score of at most 1.
func FuzzClosest(f *testing.F) {
	for _, p := range seedPairs {
		f.Add(p[1], p[0])
	}
	f.Fuzz(func(t *testing.T, quote, text string) {
		texts := strings.Split(text, "\n")
		p, ok := Closest(quote, texts)
		if !ok {
			return
		}
		if p.Index < 0 || p.Index >= len(texts) || !strings.Contains(texts[p.Index], p.Text) {
			t.Fatalf("passage %q is not in text %d", p.Text, p.Index)
		}
		if p.Score > 1 {
			t.Fatalf("score %v above 1", p.Score)
		}
	})
}
