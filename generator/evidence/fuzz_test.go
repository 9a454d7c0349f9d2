package evidence

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var seedPairs = [][2]string{
	{"“I would point out that the largest portion of GRU members in the world is in Mexico right now,” VanHerck said.", `"i would point out that the largest portion`},
	{"Kicked out of Europe. … So they’re looking", "Europe. ... So they're"},
	{"Andrés Manuel López Obrador", "andres manuel LOPEZ obrador"},
	{"a — b – c ‑ d", "a - b - c - d"},
	{"x\u00a0y\tz\n w", "x y z w"},
	{"", ""}, {"…", "."}, {"ǅ ß İ ﬁ", "i"}, {"\xff\xfe", "\xff"},
	// Decomposed (NFD) and precomposed (NFC) accents, letters that fold to
	// two (ß -> ss), fragments of words.
	{"Lech Wałęsa and Andrés López", "Lech Wal\u0142e\u0328sa and Andre\u0301s"},
	{"Lech Wal\u0142e\u0328sa and Andre\u0301s Lo\u0301pez", "Wałęsa and Andrés López"},
	{"Straße Iğdır Ștefan Dvořák", "strasse igdir"},
	{"this unusual move", "usual move"},
	{"They’re ready: 1,500 agents", "re ready"},
	{"e\u0301\u0301 \u0301x", "é x"},
	{"co-opted by the U.S. then-President", "opted by"},
	{"0 0-0 0!0", "0 0"},
}

// FuzzFind checks that a found span lies within the text, on rune
// boundaries, and that the text found contains the quote once normalised;
// that a Source locates quotes as Find does; and that any run of the
// text's words, typed in NFD, is found, at a span that normalises equal.
func FuzzFind(f *testing.F) {
	for _, p := range seedPairs {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, text, quote string) {
		n := Normalize(text)
		if len(n.Orig) != len(n.Norm)+1 {
			t.Fatalf("offset map has %d entries for %d bytes", len(n.Orig), len(n.Norm))
		}
		if utf8.ValidString(text) && !strings.Contains(text, "\n") {
			// A run of whole words of the text, chosen by the quote's length.
			var ws [][2]int
			words(n.Norm, func(i, j int) { ws = append(ws, [2]int{i, j}) })
			if len(ws) > 0 {
				a := len(quote) % len(ws)
				b := a + len(quote)/len(ws)%(len(ws)-a)
				// Whole words as a quote must take them: through a hyphen
				// or an abbreviation's points ("co-opted", "U.S.").
				sp := n.span(n.whole(ws[a][0], ws[b][1]))
				run := norm.NFD.String(text[sp.Start:sp.End])
				got, ok := n.Find(run)
				if !ok {
					t.Fatalf("words %q (NFD %q) of %q not found", text[sp.Start:sp.End], run, text)
				}
				if g, w := Normalize(text[got.Start:got.End]).Norm, Normalize(run).Norm; g != w {
					t.Fatalf("words %q found as %q: normalised %q, want %q", run, text[got.Start:got.End], g, w)
				}
			}
		}
		sp, ok := n.Find(quote)
		if l := NewSource([]string{text}).Locate(Normalize(quote).Norm); (l.Para == 0) != ok || ok && l.Span != sp {
			t.Fatalf("Locate = %+v, Find = %+v, %v", l, sp, ok)
		}
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
		// A passage that reads as the quote does is where the quote is.
		if q := Normalize(quote).Norm; Normalize(p.Text).Norm == q && Substance(q) == "" {
			// (or found cut inside a hyphenated word, which check reports
			// as such, naming the whole word, not a closest passage).
			if _, ok := Normalize(texts[p.Index]).FindNorm(q); !ok && NewSource(texts[p.Index:p.Index+1]).Locate(q).Cut == 0 {
				t.Fatalf("passage %q reads as quote %q but the quote is not found", p.Text, quote)
			}
		}
	})
}
