package provenance

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
)

// seedDocs loads the project's own corpus.
func seedDocs(t testing.TB) ([]Doc, []*corpus.Source) {
	var probs diag.List
	srcs := corpus.Load("../..", nil, &probs)
	if len(srcs) == 0 {
		t.Fatalf("no sources in ../../corpus")
	}
	var docs []Doc
	for _, s := range srcs {
		d := Doc{ID: s.ID}
		for _, p := range s.Article() {
			d.Paras = append(d.Paras, Para{N: p.N, Text: p.Text})
		}
		docs = append(docs, d)
	}
	return docs, srcs
}

// The seed corpus: Militarnyi and the unsigned "hub" article both retell
// NBC News's report, largely in the same sentences; NDTV and UNN both
// relay The New York Times in their own words, sharing one sentence.
// Nothing else shares text.
func TestSeedShared(t *testing.T) {
	docs, _ := seedDocs(t)
	rels, st := Shared(docs)
	var got []string
	for _, r := range rels {
		got = append(got, fmt.Sprintf("%s ~ %s: %d sentences, paragraphs %v", r.A, r.B, r.Sentences, r.Paras))
		t.Logf("%s ~ %s: %.0f%% / %.0f%%", r.A, r.B, 100*r.SharedA, 100*r.SharedB)
	}
	want := []string{
		"militarnyi-russian-intelligence-network-mexico ~ russia-uses-mexico-as-espionage-hub: 9 sentences, paragraphs [{2 2} {5 3} {7 11} {8 4} {9 6} {10 7} {11 12} {14 15} {16 18}]",
		"ndtv-us-accuses-mexico-sheltering-russian-spies ~ unn-mexico-refused-to-expel-russian-spies: 1 sentences, paragraphs [{11 11}]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("relations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Militarnyi is short and mostly the hub article's sentences; the hub
	// article is three times as long.
	if len(rels) > 0 && !(rels[0].SharedA > 0.5 && rels[0].SharedB > 0.15 && rels[0].SharedB < 0.3) {
		t.Errorf("shares %.2f / %.2f, want above 0.5 / between 0.15 and 0.3", rels[0].SharedA, rels[0].SharedB)
	}
	t.Logf("%+v", st)
}

func TestSeedCites(t *testing.T) {
	docs, srcs := seedDocs(t)
	var names []string
	for _, s := range srcs {
		names = append(names, s.Outlet)
		names = append(names, s.Relays...)
	}
	o := NewOutlets(names)
	var got []string
	for i, d := range docs {
		for _, c := range o.Cites(d, srcs[i].Outlet) {
			got = append(got, fmt.Sprintf("%s ¶%d %s: %s", d.ID, c.Para, c.Outlet, c.Text))
		}
	}
	want := []string{
		"militarnyi-russian-intelligence-network-mexico ¶3 NBC News: NBC News sources",
		"militarnyi-russian-intelligence-network-mexico ¶8 NBC News: told NBC News",
		"ndtv-us-accuses-mexico-sheltering-russian-spies ¶8 The New York Times: according to a report in The New York Times",
		"ndtv-us-accuses-mexico-sheltering-russian-spies ¶10 The New York Times: told NYT",
		"ndtv-us-accuses-mexico-sheltering-russian-spies ¶16 The New York Times: stated the NYT",
		"russia-uses-mexico-as-espionage-hub ¶4 NBC News: told NBC News",
		"unn-mexico-refused-to-expel-russian-spies ¶2 The New York Times: reported by The New York Times",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("citations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
