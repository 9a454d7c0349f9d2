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
	// The re-rating below is about history, not evidence: the rules of the
	// methodology are warnings here.
	editConfig(t, dir, "enforce = true => enforce = false")
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
public/claims/agency-focused/index.html contains <time datetime="2026-01-01">January 1, 2026</time>
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

// write replaces old with new in a file of the site, once, and fails when
// old is not there.
func write(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s: %q not found (%v)", file, old, err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCorrectionsInSite commits corrections of a claim's analysis, a
// person's role and a source's text, each with a Correction: or Update:
// line, and finds each on its page, in /corrections/ and its feed, with
// the word diff; the claim's ClaimReview says when it was modified, and
// the sitemap's lastmod of each page is its last commit's day.
func TestCorrectionsInSite(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := newSite(t, base, false)
	r := historytest.New(t, dir)
	r.Commit("Publish the site")
	write(t, dir, "claims/base-claim.md", "Analysis.", "The minister's words are quoted by one outlet only.")
	r.Commit("Fix the analysis\n\nCorrection: the analysis named the wrong outlet count.")
	write(t, dir, "people/the-minister.md", "role: Minister", "role: Former minister")
	r.Commit("The minister's role\n\nUpdate: the minister left office.")
	write(t, dir, "corpus/base-source.txt", "something else.", "something other.")
	r.Commit("Recapture the source\n\nCorrection: the second paragraph was mistyped.")

	sum, _, err := Build(context.Background(), Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sum.History, ", 3 corrections and updates") {
		t.Errorf("summary history: %q", sum.History)
	}
	runAsserts(t, dir, `
# The claim page: the correction and its word diff.
public/claims/base-claim/index.html contains <h2 id="corrections">Corrections and updates</h2>
public/claims/base-claim/index.html contains <strong>Correction</strong> · <time datetime="2026-01-02">January 2, 2026</time>
public/claims/base-claim/index.html contains <dt>Analysis</dt>
public/claims/base-claim/index.html contains <dd class="text-diff"><del>Analysis.</del> <ins>The minister&#39;s words are quoted by one outlet only.</ins></dd>
public/claims/base-claim/index.html contains Reason: the analysis named the wrong outlet count.
# ClaimReview's dateModified: the claim file's last commit.
public/claims/base-claim/index.html contains "dateModified":"2026-01-02"
# The person and source pages.
public/people/the-minister/index.html contains <strong>Update</strong> · <time datetime="2026-01-03">January 3, 2026</time>
public/people/the-minister/index.html contains <dt>Role</dt>
public/people/the-minister/index.html contains <dd class="text-diff"><del>Minister</del> <ins>Former minister</ins></dd>
public/sources/base-source/index.html contains <strong>Correction</strong> · <time datetime="2026-01-04">January 4, 2026</time>
public/sources/base-source/index.html contains <dt>Article text</dt>
public/sources/base-source/index.html contains <dd class="text-diff"><span class="elided">…</span> on the problem. A second paragraph about something <del>else.</del> <ins>other.</ins></dd>
# The corrections log, newest first, naming each page and its kind.
public/corrections/index.html contains <a href="/sources/base-source/">Base source</a> <span class="page-kind">Source</span>
public/corrections/index.html contains <a href="/people/the-minister/">The Minister</a> <span class="page-kind">Person</span>
public/corrections/index.html contains <a href="/claims/base-claim/">The agency is sharply focused.</a> <span class="page-kind">Fact check</span>
public/corrections/index.html contains <del>Analysis.</del> <ins>The minister&#39;s words are quoted by one outlet only.</ins>
# Its feed: one item each, the diff in the description, escaped.
public/corrections/index.xml contains <title>Correction: The agency is sharply focused.</title>
public/corrections/index.xml contains <title>Update: The Minister</title>
public/corrections/index.xml contains <title>Correction: Base source</title>
public/corrections/index.xml contains &lt;del&gt;Analysis.&lt;/del&gt; &lt;ins&gt;The minister&amp;#39;s words are quoted by one outlet only.&lt;/ins&gt;
public/corrections/index.xml contains &lt;span class=&#34;elided&#34;&gt;…&lt;/span&gt; on the problem. A second paragraph about something &lt;del&gt;else.&lt;/del&gt; &lt;ins&gt;other.&lt;/ins&gt;
`)
	// The English pages' sitemap (public/sitemap.xml indexes each language's).
	sitemap, _ := os.ReadFile(filepath.Join(dir, "public", "en", "sitemap.xml"))
	for _, want := range []string{
		"<loc>https://fuente-factcheck.netlify.app/claims/base-claim/</loc>\n    <lastmod>2026-01-02T00:00:00+00:00</lastmod>",
		"<loc>https://fuente-factcheck.netlify.app/people/the-minister/</loc>\n    <lastmod>2026-01-03T00:00:00+00:00</lastmod>",
		"<loc>https://fuente-factcheck.netlify.app/sources/base-source/</loc>\n    <lastmod>2026-01-04T00:00:00+00:00</lastmod>",
	} {
		if !strings.Contains(string(sitemap), want) {
			t.Errorf("sitemap.xml lacks %q:\n%s", want, sitemap)
		}
	}

	// Published as excerpts, the source's second paragraph is withheld,
	// and so is the change of its words: the correction says a change was
	// made, not what it was.
	editConfig(t, dir, `  [params.repository] => [params.sources]\n    publish = "excerpts"\n  [params.repository]`)
	if _, _, err := Build(context.Background(), Options{Root: dir}); err != nil {
		t.Fatal(err)
	}
	runAsserts(t, dir, `
public/sources/base-source/index.html !contains A second paragraph about something
public/sources/base-source/index.html contains <dt>Article text</dt>
public/sources/base-source/index.html contains <dd class="text-diff">The text was changed; this site republishes only excerpts of it
public/corrections/index.html !contains A second paragraph about something
public/corrections/index.xml !contains A second paragraph about something
`)
}

// unrelatedClaim is a different fact check of the base site: same
// claimant, source and front-matter keys, another statement.
const unrelatedClaim = `---
claim: "A second matter deserves attention."
claimant: the-minister
date: 2025
sources: [base-source]
rating: unsupported
summary: "The source mentions a second matter but says nothing of its importance."
evidence:
  - source: base-source
    quote: "A second paragraph about something else."
    stance: context
reviewer: Desk
published: 2025-02-01
---
The article turns to another subject in its last paragraph, without naming who raised it or why it would matter.
`

// TestRenamesInSite: a commit that withdraws a claim and publishes an
// unrelated one in its folder leaves no redirect from the old address and
// no alias on the new page; a claim moved and edited keeps its old address.
func TestRenamesInSite(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("unrelated", func(t *testing.T) {
		dir := newSite(t, base, false)
		editConfig(t, dir, "enforce = true => enforce = false") // the unrelated claim quotes no statement
		r := historytest.New(t, dir)
		r.Commit("Publish the site")
		r.Remove("claims/base-claim.md")
		r.Write("claims/second-matter.md", unrelatedClaim)
		r.Commit("Withdraw the agency claim; publish the second matter")
		if _, _, err := Build(context.Background(), Options{Root: dir}); err != nil {
			t.Fatal(err)
		}
		runAsserts(t, dir, `
public/claims/base-claim/index.html missing
public/claims/second-matter/index.html contains 1 revision
content/claims/second-matter/index.md !contains "aliases"
`)
	})
	t.Run("moved and edited", func(t *testing.T) {
		dir := newSite(t, base, false)
		r := historytest.New(t, dir)
		r.Commit("Publish the site")
		r.Rename("claims/base-claim.md", "claims/agency-focused.md")
		write(t, dir, "claims/agency-focused.md", "claim:", `title: "The minister says the agency is sharply focused"`+"\nclaim:")
		write(t, dir, "claims/agency-focused.md", `summary: "Said, not shown."`, `summary: "The minister said it; nothing in the corpus shows the agency's focus."`)
		write(t, dir, "claims/agency-focused.md", "    stance: statement\n", "    stance: statement\n  - source: base-source\n    quote: \"A second paragraph about something else.\"\n    stance: context\n")
		r.Commit("Move and edit the agency claim")
		if _, _, err := Build(context.Background(), Options{Root: dir}); err != nil {
			t.Fatal(err)
		}
		runAsserts(t, dir, `
public/claims/base-claim/index.html contains <meta http-equiv="refresh" content="0; url=https://fuente-factcheck.netlify.app/claims/agency-focused/">
public/claims/agency-focused/index.html contains 2 revisions
content/claims/agency-focused/index.md contains "aliases": [
content/claims/agency-focused/index.md contains "/claims/base-claim/"
`)
	})
}

// TestNoHistoryNoLastmod: without a repository, no page has a lastmod
// (neither in its front matter nor in the sitemap), and ClaimReview no
// dateModified.
func TestNoHistoryNoLastmod(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := newSite(t, base, false)
	if _, _, err := Build(context.Background(), Options{Root: dir}); err != nil {
		t.Fatal(err)
	}
	runAsserts(t, dir, `
public/en/sitemap.xml contains <loc>https://fuente-factcheck.netlify.app/sources/base-source/</loc>
public/en/sitemap.xml !contains <lastmod>
public/claims/base-claim/index.html contains "datePublished":"2024-06-01"
public/claims/base-claim/index.html !contains dateModified
content/claims/base-claim/index.md !contains "lastmod"
`)
}
