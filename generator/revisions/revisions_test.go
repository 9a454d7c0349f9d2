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
	"github.com/factcheck-mx/factcheck/generator/wordiff"
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
	l, err := history.Read(context.Background(), history.Options{Root: r.Dir, Folders: []string{"claims", "people", "corpus"}})
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

// A "Correction:" line with nothing after it marks a correction; its
// reason is the subject, not the line after it.
func TestEmptyCorrectionLine(t *testing.T) {
	r := historytest.New(t, "")
	r.Write("claims/c.md", claim("unsupported", "a", "First."))
	r.Commit("Publish")
	r.Write("claims/c.md", claim("unsupported", "a", "Second."))
	r.Commit("Fix the analysis\n\nCorrection:\nSigned-off-by: Ana")
	c := derive(t, r, "claims/c.md").Pages["claims/c.md"].Corrections
	if len(c) != 1 || c[0].Kind != "correction" || c[0].Reason != "Fix the analysis" {
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

// diffText shows a field's diff as the page marks it up.
func diffText(ops []wordiff.Op) string {
	var b strings.Builder
	for i, op := range ops {
		if i > 0 {
			b.WriteString(" ")
		}
		switch op.Kind {
		case wordiff.Removed:
			b.WriteString("[-" + op.Text + "-]")
		case wordiff.Added:
			b.WriteString("{+" + op.Text + "+}")
		case wordiff.Elided:
			b.WriteString("…")
		default:
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// fields lists a correction's changed fields as "field: diff".
func fields(c Correction) string {
	var out []string
	for _, f := range c.Changes {
		out = append(out, f.Field+": "+diffText(f.Diff))
	}
	return strings.Join(out, "\n")
}

func TestEveryCorrectionVisible(t *testing.T) {
	r := historytest.New(t, "")
	long := "The report cites one official. Nothing in the corpus names a second one, and the embassy did not answer questions about the list."
	r.Write("claims/c.md", claim("unsupported", "No source shows it.", long))
	r.Write("people/p.md", "---\nname: Ana Ruiz\nrole: analyst\n---\nAna Ruiz studied in Lima.\n")
	r.Write("corpus/s.txt", "---\ntitle: A report\noutlet: The Daily\nurl: https://example.org/a\npublished: 2024-01-01\nlanguage: en\nauthor: unknown\n---\nFirst paragraph of the report.\n\nThe minister said 37 diplomats arrived.\n")
	r.Write("claims/typo.md", "---\nclaim: [unclosed\n")
	// A Correction: line in the commit that adds a file is no correction.
	r.Commit("Publish\n\nCorrection: not one, the files are new.")
	// Edits without a Correction: or Update: line, and no change of
	// verdict: not logged.
	r.Write("claims/c.md", claim("unsupported", "No source shows it.", long+" More."))
	r.Write("people/p.md", "---\nname: Ana Ruiz\nrole: senior analyst\n---\nAna Ruiz studied in Lima.\n")
	r.Commit("Polish")
	r.Write("claims/c.md", claim("unsupported", "No source shows it.", strings.Replace(long, "one official", "two officials", 1)+" More."))
	r.Write("claims/typo.md", claim("unsupported", "a", "b"))
	r.Commit("Fix the count of officials\n\nCorrection: the report cites two officials, not one.")
	r.Write("people/p.md", "---\nname: Ana Ruiz\nrole: senior analyst\n---\nAna Ruiz studied in Lima and Quito.\n")
	r.Write("corpus/s.txt", "---\ntitle: A report\noutlet: The Daily\nurl: https://example.org/a\npublished: 2024-01-02\nlanguage: en\nauthor: unknown\n---\nFirst paragraph of the report.\n\nThe minister said 73 diplomats arrived.\n")
	r.Commit("Recapture s\n\nUpdate: the outlet corrected its figure and date.")
	// Spacing only, with a Correction: line: nothing a reader would see.
	r.Write("claims/c.md", claim("unsupported", "No source shows it.", strings.Replace(strings.Replace(long, "one official", "two officials", 1)+" More.", " Nothing", "\nNothing", 1)))
	r.Commit("Rewrap\n\nCorrection: none.")

	res := derive(t, r, "claims/c.md", "people/p.md", "corpus/s.txt", "claims/typo.md")
	var got []string
	for _, c := range res.Corrections {
		got = append(got, c.Date+" "+c.Kind+" "+c.Section+"/"+c.ID+" ("+c.Reason+")\n"+fields(c))
	}
	want := []string{
		"2026-01-04 update sources/s (the outlet corrected its figure and date.)\npublished: [-2024-01-01-] {+2024-01-02+}\ntext: First paragraph of the report. The minister said [-37-] {+73+} diplomats arrived.",
		"2026-01-04 update people/p (the outlet corrected its figure and date.)\nbio: Ana Ruiz studied in [-Lima.-] {+Lima and Quito.+}",
		"2026-01-03 correction claims/c (the report cites two officials, not one.)\nanalysis: The report cites [-one official.-] {+two officials.+} Nothing in the corpus names a second one, …",
	}
	if strings.Join(got, "\n\n") != strings.Join(want, "\n\n") {
		t.Errorf("corrections:\n%s\nwant:\n%s", strings.Join(got, "\n\n"), strings.Join(want, "\n\n"))
	}
	if c := res.Pages["claims/c.md"].Corrections; len(c) != 1 || c[0].Path != "claims/c.md" || c[0].OldRating != c[0].NewRating {
		t.Errorf("the claim's own corrections: %+v", c)
	}
	if n := len(res.Pages["people/p.md"].Corrections); n != 1 {
		t.Errorf("the person's page has %d corrections, want 1", n)
	}
}

func TestEvidenceCorrection(t *testing.T) {
	r := historytest.New(t, "")
	r.Write("claims/c.md", claim("unsupported", "a", "b"))
	r.Commit("Publish")
	r.Write("claims/c.md", strings.Replace(claim("unsupported", "a", "b"), "    quote: q\n", "    quote: q\n    stance: contradicts\n    note: \"it denies it\"\n", 1))
	r.Commit("Mark the stance\n\nUpdate: the quote contradicts the claim.")
	c := derive(t, r, "claims/c.md").Pages["claims/c.md"].Corrections
	if len(c) != 1 || fields(c[0]) != "evidence: • s [-(context):-] {+(contradicts):+} q {+— it denies it+}" {
		t.Errorf("corrections: %+v", c)
	}
}
