package synth

import (
	"context"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
)

// A synthetic site passes check with no errors: every claim's evidence is
// found in its source, every claimant and source exists. The same seed
// writes the same bytes.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	// The site's configuration and interface strings (which name the
	// share cards' words), templates and the rest.
	if err := Skeleton(filepath.Join("..", ".."), dir); err != nil {
		t.Fatal(err)
	}
	st, err := Write(dir, 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Claims: 200, Sources: 40, People: 10}) {
		t.Errorf("stats %+v", st)
	}
	l, err := build.Load(context.Background(), dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := l.Probs.Counts(); n > 0 {
		for _, p := range l.Probs {
			t.Log(p)
		}
		t.Fatalf("%d errors in a synthetic site", n)
	}
	if len(l.Result.Claims) != 200 || len(l.Result.Sources) != 40 || len(l.Result.People) != 10 {
		t.Errorf("loaded %d claims, %d sources, %d people", len(l.Result.Claims), len(l.Result.Sources), len(l.Result.People))
	}
	again := t.TempDir()
	Write(again, 200, 1)
	for _, f := range []string{"claims/c0000199.md", "corpus/s000039.txt", "people/person-9.md"} {
		a, _ := os.ReadFile(filepath.Join(dir, f))
		b, _ := os.ReadFile(filepath.Join(again, f))
		if string(a) != string(b) || len(a) == 0 {
			t.Errorf("%s differs between two writes with the same seed", f)
		}
	}
}

// Edit changes what it says it changes: a summary edit shows on the
// claim's, its claimant's and its source's pages (and on those of claims
// that list it as related), an analysis edit on the claim's page only;
// editing again replaces the earlier mark.
func TestEdit(t *testing.T) {
	dir := t.TempDir()
	if err := Skeleton(filepath.Join("..", ".."), dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, 100, 1); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		field, id string
		pages     []string // content files the edit changes
		more      bool     // and others may
	}{
		{Summary, "c0000050", []string{"claims/c0000050/index.md", "people/person-0/index.md", "sources/s000010/index.md"}, true},
		// The analysis shows on the claim's page in each language (the
		// Spanish page, untranslated, shows the original's).
		{Analysis, "c0000051", []string{"claims/c0000051/index.es.md", "claims/c0000051/index.md"}, false},
	} {
		before, after, err := editedContent(dir, tc.id, tc.field)
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Sorted(maps.Keys(after))
		missing := slices.DeleteFunc(slices.Clone(tc.pages), func(p string) bool { return slices.Contains(got, p) })
		if len(missing) > 0 || !tc.more && len(got) != len(tc.pages) {
			t.Errorf("%s edit of %s changed %v, want %v", tc.field, tc.id, got, tc.pages)
		}
		for name, data := range after {
			if strings.Contains(string(before[name]), "Edited") || !strings.Contains(string(data), "Edited") {
				t.Errorf("%s edit: %s does not show the mark only after the edit", tc.field, name)
			}
		}
		if err := Edit(dir, tc.id, tc.field, "Again"); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(dir, "claims", tc.id+".md"))
		if strings.Contains(string(b), "Edited") || strings.Count(string(b), "Again ") != 1 {
			t.Errorf("%s edited twice:\n%s", tc.field, b)
		}
	}
	if err := Edit(dir, "c0000050", "rating", "X"); err == nil {
		t.Error("an unknown field was edited")
	}
}

// A monolingual skeleton keeps the first language of the project's
// config.toml and its pages, and nothing of the others: its configuration
// loads without a problem.
func TestMonolingual(t *testing.T) {
	dir := t.TempDir()
	if err := Skeleton(filepath.Join("..", ".."), dir); err != nil {
		t.Fatal(err)
	}
	if err := Monolingual(dir); err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	cfg := config.Load(dir, &probs)
	if len(probs) > 0 {
		t.Fatalf("config.toml: %v", probs)
	}
	if codes := cfg.Codes(); len(codes) != 1 || codes[0] != "en" {
		t.Errorf("languages %v, want en alone", codes)
	}
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".es.md") {
			t.Errorf("%s left", p)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dir, "content", "about.md")); err != nil {
		t.Error("the default language's page is gone:", err)
	}
}

// A claim's quote is a sentence the evidence check takes: one of only
// common words (which a large synthetic corpus happens to have) is drawn
// again, and a source with none to quote is an error, not a site that
// fails its own check.
func TestQuotable(t *testing.T) {
	common := corpus.Para{N: 2, Text: "This of with not in from of this has a. And more."}
	good := corpus.Para{N: 3, Text: "Zokigi met the consul in Veracruz on Monday. And more."}
	r := rand.New(rand.NewPCG(1, 2))
	s := &corpus.Source{ID: "s", Paras: []corpus.Para{{N: 1, Text: "Title."}, common, common, good}}
	for range 20 {
		q, err := quotable(r, s)
		if err != nil || q != "Zokigi met the consul in Veracruz on Monday" {
			t.Fatalf("quotable = %q, %v; want the one sentence with substance", q, err)
		}
	}
	s.Paras = []corpus.Para{{N: 1, Text: "Title."}, common}
	if q, err := quotable(r, s); err == nil {
		t.Errorf("quotable = %q, want an error: no paragraph can be quoted", q)
	}
}
