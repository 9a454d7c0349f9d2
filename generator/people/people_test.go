package people

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestMatcherFind(t *testing.T) {
	m := NewMatcher([]*Person{
		{ID: "glen-vanherck", Name: "Glen VanHerck", Aliases: []string{"VanHerck"}},
		{ID: "amlo", Name: "Andrés Manuel López Obrador", Aliases: []string{"Lopez Obrador"}},
		{ID: "lee", Name: "Andrew Daulton Lee", Aliases: []string{"Lee"}},
		{ID: "douglas-london", Name: "Douglas London"},
	})
	tests := []struct {
		text string
		want []string
	}{
		{"“I would point out,” VanHerck said.", []string{"glen-vanherck"}},
		{"Since VanHerck’s comments", []string{"glen-vanherck"}},
		{"then-President Andres Manuel Lopez Obrador rejected", []string{"amlo"}},
		{"López Obrador said", []string{"amlo"}},
		{"Burns said in London this month", []string{}},
		{"said Douglas London, a retired officer", []string{"douglas-london"}},
		{"his friend Andrew Daulton Lee were convicted. Lee traveled", []string{"lee"}},
		{"Leeward and vanherck and VanHercks", []string{}},
	}
	for _, tt := range tests {
		got := m.Find(tt.text)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// slowSpans is Spans as it was written first: every name searched for in
// the whole text, longest first. The word index must find the same spans.
func slowSpans(m *Matcher, text string) []Span {
	folded, orig := foldOffsets(text)
	taken := make([]bool, len(folded))
	var out []Span
	for _, e := range m.names {
		if e.folded == "" {
			continue
		}
		for off := 0; ; {
			i := strings.Index(folded[off:], e.folded)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(e.folded)
			off = start + 1
			if !boundary(folded, start, end) || taken[start] || taken[end-1] {
				continue
			}
			for k := start; k < end; k++ {
				taken[k] = true
			}
			out = append(out, Span{Start: orig[start], End: orig[end], ID: e.id})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func TestSpansEqualSearchingEveryName(t *testing.T) {
	words := []string{"Ana", "Ruiz", "Lee", "Leeds", "Andrew", "Daulton", "O'Brien", "López", "Lopez", "the", "said", "(AMLO)", "AMLO", "a", "-", "\"Ruiz\"", "1999", "Ana-Ruiz"}
	ps := []*Person{
		{ID: "ana", Name: "Ana Ruiz", Aliases: []string{"Ruiz", "Ana"}},
		{ID: "lee", Name: "Andrew Daulton Lee", Aliases: []string{"Lee", "Daulton Lee"}},
		{ID: "obrien", Name: "Pat O'Brien", Aliases: []string{"O'Brien"}},
		{ID: "amlo", Name: "Andrés Manuel López Obrador", Aliases: []string{"López", "AMLO", "(AMLO)", "\"Ruiz\""}},
		{ID: "ana2", Name: "Ana Leeds"},
	}
	m := NewMatcher(ps)
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(20) {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString([]string{" ", " ", ", ", ". ", "", "\n"}[r.IntN(6)])
		}
		text := b.String()
		if got, want := m.Spans(text), slowSpans(m, text); !slices.Equal(got, want) {
			t.Fatalf("Spans(%q)\n got %v\nwant %v", text, got, want)
		}
	}
}

// Names and text typed with decomposed accents (NFD) find each other as
// precomposed (NFC) ones do; spans cover the accents.
func TestMatcherNFD(t *testing.T) {
	nfd := norm.NFD.String
	ps := []*Person{
		{ID: "amlo", Name: nfd("Andrés Manuel López Obrador"), Aliases: []string{nfd("López Obrador")}},
		{ID: "walesa", Name: "Lech Wałęsa"},
		{ID: "pena", Name: nfd("Enrique Peña Nieto")},
	}
	m := NewMatcher(ps)
	for _, tt := range []struct {
		text string
		want []string // the names found, as in text
	}{
		{"President Andrés Manuel López Obrador said", []string{"Andrés Manuel López Obrador"}},
		{nfd("President Andrés Manuel López Obrador said"), []string{nfd("Andrés Manuel López Obrador")}},
		{"Lopez Obrador and Lech Walesa", []string{"Lopez Obrador", "Lech Walesa"}},
		{nfd("Lech Wałęsa met Enrique Peña Nieto"), []string{nfd("Lech Wałęsa"), nfd("Enrique Peña Nieto")}},
		{"Enrique Pena Nietos", nil}, // not a whole word
	} {
		var got []string
		for _, sp := range m.Spans(tt.text) {
			got = append(got, tt.text[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Spans(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if id, ok := m.Surname(nfd("Wałęsa")); !ok || id != "walesa" {
		t.Errorf("Surname(NFD Wałęsa) = %q, %v", id, ok)
	}
}
