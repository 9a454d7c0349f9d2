package revisions

import (
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/history"
	"github.com/factcheck-mx/factcheck/generator/history/historytest"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

var scale = claims.Scale{{ID: "corroborated", Order: 1}, {ID: "unsupported", Order: 2}}

func claim(rating, summary, analysis string) string {
	return "---\nclaim: x\nclaimant: p\ndate: 2024\nsources: [s]\nrating: " + rating +
		"\nsummary: \"" + summary + "\"\nevidence:\n  - source: s\n    quote: q\nreviewer: r\npublished: 2024-01-01\n---\n" + analysis + "\n"
}

// derive reads the repository's history and derives revisions for the
// files as they are in its work tree.
func derive(t *testing.T, r *historytest.Repo, paths ...string) *Result {
	t.Helper()
	l, err := history.Read(context.Background(), history.Options{Root: r.Dir, Folders: []string{"claims", "people"}})
	if err != nil {
		t.Fatal(err)
	}
	var files []File
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(r.Dir, p))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: p, Hash: meta.GitHash(data)})
	}
	return Derive(l, files, Options{CommitURL: "https://host/repo/commit/", Scale: scale})
}

func TestCorrectionsAndUpdates(t *testing.T) {
	r := historytest.New(t, "")
	r.Write("claims/c.md", claim("unsupported", "No source shows it.", "First analysis."))
	r.Commit("Publish c")
	r.Write("claims/c.md", claim("unsupported", "No source shows it.", "Better analysis."))
	r.Commit("Polish the analysis of c")
	r.Write("claims/c.md", claim("corroborated", "Two sources show it.", "Better analysis."))
	r.Commit("Re-rate c\n\nCorrection: we missed the second source's paragraph 4.\n")
	r.Write("claims/c.md", claim("corroborated", "Three sources show it.", "Better analysis."))
	r.Commit("Add a source to c\n\nUpdate: a new report confirms it.")

	res := derive(t, r, "claims/c.md")
	p := res.Pages["claims/c.md"]
	if len(p.Revisions) != 4 || p.Published != "2026-01-01" || p.Updated != "2026-01-04" || p.Unpublished {
		t.Fatalf("page: %d revisions, published %q, updated %q, unpublished %v", len(p.Revisions), p.Published, p.Updated, p.Unpublished)
	}
	if rev := p.Revisions[0]; rev.Subject != "Add a source to c" || rev.URL != "https://host/repo/commit/"+rev.Hash || rev.Author != "Ana" || len(rev.Short) != 7 {
		t.Errorf("newest revision: %+v", rev)
	}
	if len(p.Corrections) != 2 {
		t.Fatalf("corrections: %+v", p.Corrections)
	}
	up, corr := p.Corrections[0], p.Corrections[1]
	if up.Kind != "update" || up.Reason != "a new report confirms it." || up.OldRating != up.NewRating ||
		up.OldSummary != "Two sources show it." || up.NewSummary != "Three sources show it." || up.Date != "2026-01-04" {
		t.Errorf("update: %+v", up)
	}
	if corr.Kind != "correction" || corr.Reason != "we missed the second source's paragraph 4." ||
		corr.OldRating != "unsupported" || corr.NewRating != "corroborated" || corr.Date != "2026-01-03" {
		t.Errorf("correction: %+v", corr)
	}
	if len(res.Corrections) != 2 || res.Corrections[0].Date != "2026-01-04" {
		t.Errorf("site log: %+v", res.Corrections)
	}
}

func TestReasonDefaultsToSubject(t *testing.T) {
	r := historytest.New(t, "")
	r.Write("claims/c.md", claim("unsupported", "a", ""))
	r.Commit("Publish")
	r.Write("claims/c.md", claim("corroborated", "a", ""))
	r.Commit("Re-rate after review")
	c := derive(t, r, "claims/c.md").Pages["claims/c.md"].Corrections
	if len(c) != 1 || c[0].Kind != "update" || c[0].Reason != "Re-rate after review" {
		t.Errorf("corrections: %+v", c)
	}
}

func TestRenamesBecomeAliases(t *testing.T) {
	r := historytest.New(t, "")
	r.Write("claims/first-name.md", claim("unsupported", "a", "one"))
	r.Commit("Publish")
	r.Rename("claims/first-name.md", "claims/second-name.md")
	r.Commit("Rename")
	r.Remove("claims/second-name.md")
	r.Write("claims/third-name.md", claim("unsupported", "a", "one, edited while renamed"))
	r.Commit("Rename again, with an edit")
	p := derive(t, r, "claims/third-name.md").Pages["claims/third-name.md"]
	if strings.Join(p.Aliases, ",") != "first-name,second-name" || len(p.Revisions) != 3 || p.Published != "2026-01-01" {
		t.Errorf("aliases %v, %d revisions, published %q", p.Aliases, len(p.Revisions), p.Published)
	}
}

func TestUnpublishedChanges(t *testing.T) {
	r := historytest.New(t, "")
	r.Write("claims/a.md", claim("unsupported", "a", ""))
	r.Write("claims/b.md", claim("unsupported", "b", ""))
	r.Commit("Publish")
	r.Write("claims/b.md", claim("corroborated", "b", "edited, not committed"))
	r.Write("people/new.md", "---\nname: New\n---\n")
	res := derive(t, r, "claims/a.md", "claims/b.md", "people/new.md")
	if res.Pages["claims/a.md"].Unpublished || !res.Pages["claims/b.md"].Unpublished || !res.Pages["people/new.md"].Unpublished {
		t.Errorf("unpublished: a %v, b %v, new %v", res.Pages["claims/a.md"].Unpublished, res.Pages["claims/b.md"].Unpublished, res.Pages["people/new.md"].Unpublished)
	}
	if n := res.Pages["people/new.md"]; n.Published != "" || len(n.Revisions) != 0 {
		t.Errorf("a new file has history: %+v", n)
	}
	if !strings.Contains(res.Describe(), "2 pages with uncommitted changes") {
		t.Errorf("Describe() = %q", res.Describe())
	}
}

func TestNoRepository(t *testing.T) {
	l, err := history.Read(context.Background(), history.Options{Root: t.TempDir(), Folders: []string{"claims"}})
	if err != nil {
		t.Fatal(err)
	}
	res := Derive(l, []File{{Path: "claims/a.md", Hash: hex.EncodeToString(make([]byte, 20))}}, Options{Scale: scale})
	if res.Known || res.Pages["claims/a.md"].Unpublished || !strings.Contains(res.Describe(), "no history: not a git repository") {
		t.Errorf("without a repository: %+v, %q", res, res.Describe())
	}
}
