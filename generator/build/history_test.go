package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/factcheck-mx/factcheck/generator/history/historytest"
)

// TestHistoryInSite builds a site kept in a git repository: a renamed claim
// keeps its old address, a re-rating shows as a correction on the claim and
// in the corrections log and feed, every page shows its revisions, and an
// uncommitted edit is marked as unpublished.
func TestHistoryInSite(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := newSite(t, base, false)
	r := historytest.New(t, dir)
	r.Commit("Publish the site")
	r.Rename("claims/base-claim.md", "claims/agency-focused.md")
	r.Commit("Rename the claim")
	claim := filepath.Join(dir, "claims", "agency-focused.md")
	b, _ := os.ReadFile(claim)
	os.WriteFile(claim, []byte(strings.Replace(string(b), "rating: attributed", "rating: corroborated", 1)), 0o644)
	r.Commit("Re-rate the claim\n\nCorrection: the minister's words are on the record.")
	person := filepath.Join(dir, "people", "the-minister.md")
	os.WriteFile(person, []byte("---\nname: The Minister\nrole: Former minister\n---\nEdited, not committed.\n"), 0o644)

	sum, _, err := Build(context.Background(), Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sum.History, ", 1 corrections and updates; 1 pages with uncommitted changes") {
		t.Errorf("summary history: %q", sum.History)
	}
	runAsserts(t, dir, `
public/claims/base-claim/index.html contains <meta http-equiv="refresh" content="0; url=https://fuente-factcheck.netlify.app/claims/agency-focused/">
public/claims/agency-focused/index.html contains <dt>First published</dt>
public/claims/agency-focused/index.html contains <time datetime="2026-01-01">2026-01-01</time>
public/claims/agency-focused/index.html contains 3 revisions
public/claims/agency-focused/index.html contains https://github.com/factcheck-mx/factcheck/commit/
public/claims/agency-focused/index.html contains <strong>Correction</strong>
public/claims/agency-focused/index.html contains Reason: the minister&#39;s words are on the record.
public/claims/agency-focused/index.html contains <span class="rating-label">Attributed only</span></span> → <span class="rating rating-corroborated">
public/claims/agency-focused/index.html !contains not yet published
public/corrections/index.html contains href="/claims/agency-focused/"
public/corrections/index.xml contains <title>Correction: The agency is sharply focused.</title>
public/people/the-minister/index.html contains This preview includes changes to this page that are not yet published.
public/sources/base-source/index.html contains 1 revision
public/sources/base-source/index.html !contains not yet published
`)
}

// A repository that is there but cannot be read is not "no history": a
// production build refuses to publish (the corrections log would vanish),
// a preview goes on with a counted warning, and output is left as it was.
func TestDamagedRepository(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string]func(t *testing.T, git string){
		"object": func(t *testing.T, git string) {
			// Every loose object of the last commits, truncated.
			filepath.WalkDir(filepath.Join(git, "objects"), func(p string, d os.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() && len(filepath.Base(filepath.Dir(p))) == 2 {
					os.Chmod(p, 0o644)
					os.WriteFile(p, []byte("x"), 0o644)
				}
				return nil
			})
		},
		"pack": func(t *testing.T, git string) {
			dir := filepath.Join(git, "objects", "pack")
			os.MkdirAll(dir, 0o755)
			name := "pack-" + strings.Repeat("ab", 20)
			os.WriteFile(filepath.Join(dir, name+".idx"), []byte("\377tOc\000\000\000\002garbage"), 0o644)
			os.WriteFile(filepath.Join(dir, name+".pack"), []byte("PACKgarbage"), 0o644)
		},
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			dir := newSite(t, base, false)
			r := historytest.New(t, dir)
			r.Commit("Publish the site")
			f(t, filepath.Join(dir, ".git"))
			os.MkdirAll(filepath.Join(dir, "public"), 0o755)
			os.WriteFile(filepath.Join(dir, "public", "old.html"), []byte("earlier build"), 0o644)

			_, probs, err := Build(context.Background(), Options{Root: dir})
			if err == nil || !strings.Contains(err.Error(), "the git repository cannot be read") {
				t.Fatalf("production build: %v, want a refusal", err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "public", "old.html")); string(b) != "earlier build" {
				t.Error("the refused build changed public/")
			}
			if !strings.Contains(probs.Error(), ".git: warning: the git repository cannot be read") {
				t.Errorf("problems: %v", probs)
			}
			sum, _, err := Build(context.Background(), Options{Root: dir, Drafts: true, BaseURL: "https://preview.example.org/"})
			if err != nil {
				t.Fatalf("preview build: %v", err)
			}
			if sum.Warnings != 1 || !strings.Contains(sum.History, "cannot be read") {
				t.Errorf("preview: %d warnings, history %q", sum.Warnings, sum.History)
			}
		})
	}
}
