package derive

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// src makes a source of the given paragraphs.
func src(id, outlet, published string, paras ...string) *corpus.Source {
	s := &corpus.Source{ID: id, Path: "corpus/" + id + ".txt", Title: id, Outlet: outlet, Published: published}
	for i, p := range paras {
		n := i + 1
		s.Paras = append(s.Paras, corpus.Para{N: n, Anchor: "p" + strconv.Itoa(n), Text: p, Line: n})
	}
	return s
}

var ruiz = &people.Person{ID: "ana-ruiz", Path: "people/ana-ruiz.md", Name: "Ana Ruiz", Aliases: []string{"Ruiz"}}

// statementClaim is a claim by Ana Ruiz whose statement is quote in source.
func statementClaim(text, source, quote string, sources ...string) *claims.Claim {
	return &claims.Claim{
		ID: "c", Path: "claims/c.md", Text: text, Claimant: ruiz.ID, Sources: sources,
		Evidence: []claims.Evidence{{Source: source, Quote: quote, Stance: "statement"}},
	}
}

// where is an appearance as the tests compare them.
type where struct {
	Source string
	Para   int
	Found  []string
	Cited  bool
}

func appearancesOf(t *testing.T, srcs []*corpus.Source, c *claims.Claim) []where {
	t.Helper()
	var probs diag.List
	r := Derive(Input{Sources: srcs, People: []*people.Person{ruiz}, Claims: []*claims.Claim{c}}, &probs)
	if err := probs.Err(); err != nil {
		t.Fatal(probs)
	}
	var out []where
	for _, a := range r.Appearances[c.ID] {
		out = append(out, where{a.Source, a.Para, a.Found, a.Cited})
	}
	return out
}

// TestAppearanceVariant: an unattributed quotation in the same words is a
// variant of the statement's quotation, and so an appearance; its sentence
// is too short for shared text, and it names nobody.
func TestAppearanceVariant(t *testing.T) {
	srcs := []*corpus.Source{
		src("wire", "Wire", "2024-05-01", `Ruiz said: "Agents are everywhere here now."`),
		src("daily", "Daily", "2024-05-02", `"Agents are everywhere here now," a general told reporters on the tarmac.`),
		src("weekly", "Weekly", "unknown", "Nothing to see here."),
	}
	got := appearancesOf(t, srcs, statementClaim("Agents are everywhere here now.", "wire", "Agents are everywhere here now", "wire", "weekly"))
	want := []where{
		{"wire", 1, []string{FoundCited, FoundAttributed}, true},
		{"daily", 1, []string{FoundVariant}, false},
		{"weekly", 0, []string{FoundListed}, true}, // listed under sources:, unknown date last
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("appearances\n%+v\nwant\n%+v", got, want)
	}
}

// TestAppearanceShared: a sentence another source shares with the
// statement's paragraph, with no quotation in either.
func TestAppearanceShared(t *testing.T) {
	srcs := []*corpus.Source{
		src("wire", "Wire", "2024-05-01", "Ruiz has warned that the number of foreign agents in the capital doubled over the last two years of the war."),
		src("daily", "Daily", "2024-05-02", "Prices rose again in March. The general has warned that the number of foreign agents in the capital doubled over the last two years of the war, officials said."),
	}
	got := appearancesOf(t, srcs, statementClaim("The number of foreign agents in the capital doubled.", "wire", "Ruiz has warned that the number of foreign agents in the capital doubled over the last two years of the war."))
	want := []where{
		{"wire", 1, []string{FoundCited}, true},
		{"daily", 1, []string{FoundShared}, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("appearances\n%+v\nwant\n%+v", got, want)
	}
}

// TestAppearanceAttributed: a quotation the corpus attributes to the
// claimant in the claim's words, in a source that shares no text with the
// statement's and in no variant group.
func TestAppearanceAttributed(t *testing.T) {
	srcs := []*corpus.Source{
		src("wire", "Wire", "2024-05-01", "Ruiz said on Monday that the embassy staff had grown."),
		src("daily", "Daily", "2024", `"Most agents in the region work from the embassy," Ruiz told the committee.`),
		src("post", "Post", "2024-06", `"The harvest was good this year," Ruiz said.`), // hers, in other words
	}
	got := appearancesOf(t, srcs, statementClaim("Most agents in the region work from the embassy.", "wire", "Ruiz said on Monday that the embassy staff had grown"))
	want := []where{
		{"daily", 1, []string{FoundAttributed}, false}, // 2024 sorts before 2024-05-01
		{"wire", 1, []string{FoundCited}, true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("appearances\n%+v\nwant\n%+v", got, want)
	}
}

// TestAppearanceNothingElse: a claim with no statement evidence appears in
// its listed sources only, and a claimant not in the registry is compared
// with nothing.
func TestAppearanceNothingElse(t *testing.T) {
	srcs := []*corpus.Source{src("wire", "Wire", "2024-05-01", `"Most agents in the region work from the embassy," Ruiz said.`)}
	c := statementClaim("Most agents in the region work from the embassy.", "wire", "Most agents in the region work from the embassy", "wire")
	c.Evidence[0].Stance = "context"
	got := appearancesOf(t, srcs, c)
	want := []where{{"wire", 1, []string{FoundAttributed}, false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("appearances\n%+v\nwant\n%+v", got, want)
	}
	c.Claimant = "nobody"
	var probs diag.List
	r := Derive(Input{Sources: srcs, Claims: []*claims.Claim{c}}, &probs)
	if got := r.Appearances[c.ID]; len(got) != 1 || got[0].Found[0] != FoundListed {
		t.Errorf("unknown claimant: %+v, want the listed source alone", got)
	}
}

func TestSortAppearances(t *testing.T) {
	as := []Appearance{
		{Source: "b", Para: 1, Published: "2024-05-02"},
		{Source: "a", Para: 3, Published: "unknown"},
		{Source: "c", Para: 2, Published: "2024-05"},
		{Source: "a", Para: 5, Published: "2023"},
		{Source: "a", Para: 1, Published: ""},
		{Source: "b", Para: 0, Published: "2024-05-02"},
		{Source: "d", Para: 1, Published: "2022-12-31"},
	}
	SortAppearances(as)
	var got []string
	for _, a := range as {
		got = append(got, a.Source+strconv.Itoa(a.Para)+" "+a.Published)
	}
	want := []string{"d1 2022-12-31", "a5 2023", "c2 2024-05", "b0 2024-05-02", "b1 2024-05-02", "a1 ", "a3 unknown"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// TestAgainKeepsAppearances: a claim that did not change keeps its
// appearances when only claims change; an edited one gets new ones.
func TestAgainKeepsAppearances(t *testing.T) {
	srcs := []*corpus.Source{
		src("wire", "Wire", "2024-05-01", `Ruiz said: "Agents are everywhere here now."`),
		src("daily", "Daily", "2024-05-02", `"Agents are everywhere here now," a general told reporters on the tarmac.`),
	}
	c := statementClaim("Agents are everywhere here now.", "wire", "Agents are everywhere here now")
	in := Input{Sources: srcs, People: []*people.Person{ruiz}, Claims: []*claims.Claim{c}}
	var probs diag.List
	first := Derive(in, &probs)
	again := Again(first, in, &probs)
	if again.Corpus != first.Corpus || !reflect.DeepEqual(again.Appearances, first.Appearances) || len(again.Appearances["c"]) != 2 {
		t.Fatalf("Again changed the appearances: %+v, was %+v", again.Appearances, first.Appearances)
	}
	edited := *c
	edited.Text = "A general told reporters on the tarmac."
	edited.Evidence = []claims.Evidence{{Source: "daily", Quote: "a general told reporters", Stance: "statement"}}
	in.Claims = []*claims.Claim{&edited}
	third := Again(again, in, &probs)
	if got := third.Appearances["c"]; len(got) != 1 || got[0].Source != "daily" {
		t.Errorf("after the edit: %+v, want the daily's paragraph alone", got)
	}
}
