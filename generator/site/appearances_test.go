package site

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// claimFront builds the site of srcs and one claim by Ana Ruiz quoting
// source wire, and returns the claim page's data and its ClaimReview.
func claimFront(t *testing.T, srcs []*corpus.Source, listed ...string) (Claim, map[string]any) {
	t.Helper()
	scale := claims.Scale{{ID: "attributed", Label: "Attributed only", Order: 1}}
	ruiz := &people.Person{ID: "ana-ruiz", Path: "people/ana-ruiz.md", Name: "Ana Ruiz", Aliases: []string{"Ruiz"}}
	c := &claims.Claim{ID: "c", Path: "claims/c.md", Text: "Agents are everywhere here now.", Claimant: ruiz.ID, Sources: listed,
		Rating: "attributed", Summary: "S.", Reviewer: "Desk", Published: "2024-06-01",
		Evidence: []claims.Evidence{{Source: "wire", Quote: "Agents are everywhere here now", Stance: "statement"}}}
	var probs diag.List
	r := derive.Derive(derive.Input{Scale: scale, Sources: srcs, People: []*people.Person{ruiz}, Claims: []*claims.Claim{c}}, &probs)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	files, err := Files(r, Options{Title: "Fuente", BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	var page Page
	if err := json.Unmarshal(files["claims/c/index.md"], &page); err != nil {
		t.Fatal(err)
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(page.Claim.JSONLD), &ld); err != nil {
		t.Fatal(err)
	}
	return *page.Claim, ld["itemReviewed"].(map[string]any)
}

func para(id, outlet, url, published, text string) *corpus.Source {
	return &corpus.Source{ID: id, Path: "corpus/" + id + ".txt", Title: "Title of " + id, Outlet: outlet, URL: url, Published: published,
		Paras: []corpus.Para{{N: 1, Anchor: "p1", Text: text, Line: 1}}}
}

// TestClaimAppearances: ClaimReview lists every article where the
// statement appears, earliest first, and firstAppearance is the earliest
// with a date, not the first listed; the page shows the ones the claim does
// not cite.
func TestClaimAppearances(t *testing.T) {
	srcs := []*corpus.Source{
		para("wire", "Wire", "unknown", "unknown", `Ruiz said: "Agents are everywhere here now."`),
		para("daily", "Daily", "https://daily.example/a", "2024-05-02", `"Agents are everywhere here now," a general told reporters on the tarmac.`),
		para("post", "unknown", "unknown", "2024-05", "Nothing to see here."),
	}
	page, item := claimFront(t, srcs, "wire", "post")
	want := []any{
		map[string]any{"@type": "CreativeWork", "url": "https://example.org/sources/post/", "headline": "Title of post", "datePublished": "2024-05"},
		map[string]any{"@type": "CreativeWork", "url": "https://daily.example/a", "headline": "Title of daily", "datePublished": "2024-05-02",
			"publisher": map[string]any{"@type": "Organization", "name": "Daily"}},
		map[string]any{"@type": "CreativeWork", "url": "https://example.org/sources/wire/", "headline": "Title of wire",
			"publisher": map[string]any{"@type": "Organization", "name": "Wire"}},
	}
	if !reflect.DeepEqual(item["appearance"], want) {
		t.Errorf("appearance %v\nwant %v", item["appearance"], want)
	}
	if !reflect.DeepEqual(item["firstAppearance"], want[0]) {
		t.Errorf("firstAppearance %v, want %v", item["firstAppearance"], want[0])
	}
	elsewhere := []AppearanceItem{{Source: SourceRef{Link: Link{Title: "Title of daily", URL: "sources/daily/"}, Outlet: "Daily", Published: "2024-05-02"},
		Para: 1, URL: "sources/daily/#p1", Text: "Agents are everywhere here now", Found: []string{derive.FoundVariant}}}
	if !reflect.DeepEqual(page.Elsewhere, elsewhere) {
		t.Errorf("elsewhere %+v\nwant %+v", page.Elsewhere, elsewhere)
	}

	// With no date known, there is no first appearance to name.
	srcs[1].Published, srcs[2].Published = "unknown", "unknown"
	_, item = claimFront(t, srcs, "wire")
	if _, ok := item["firstAppearance"]; ok || len(item["appearance"].([]any)) != 2 {
		t.Errorf("no date known: %v", item)
	}
}
