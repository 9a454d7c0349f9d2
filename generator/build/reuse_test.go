package build

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/history/historytest"
	"github.com/factcheck-mx/factcheck/generator/site"
	"github.com/factcheck-mx/factcheck/generator/state"
	"github.com/factcheck-mx/factcheck/generator/synth"
)

// TestBuilderReusesPages makes random edits to a synthetic site under git,
// one at a time, and checks after each that a Builder, which builds again
// only the pages whose inputs changed, makes the same content as a fresh
// load; and that after an edit to claims alone it did build few pages.
func TestBuilderReusesPages(t *testing.T) {
	const claims, steps = 200, 80
	dir := newSite(t, nil, false)
	stats, err := synth.Write(dir, claims, 7)
	if err != nil {
		t.Fatal(err)
	}
	repo := historytest.New(t, dir)
	repo.Commit("Publish the synthetic site")
	// Files are dated in the past, each edited one a second later than the
	// last: a meta.Cache trusts only files not just written, and tells
	// files apart by time.
	when := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, when, when)
		}
		return err
	})
	rnd := rand.New(rand.NewPCG(7, 11))
	pick := func(format string, n int) string { return fmt.Sprintf(format, rnd.IntN(n)) }
	claimFile := func() string {
		names, _ := filepath.Glob(filepath.Join(dir, "claims", "*.md"))
		return names[rnd.IntN(len(names))]
	}
	write := func(p, text string) {
		when = when.Add(time.Second)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, when, when)
	}
	// replace replaces what re matches in the file at p.
	replace := func(p string, re, repl string) string {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		write(p, regexp.MustCompile(re).ReplaceAllString(string(data), repl))
		return filepath.Base(p)
	}
	commit := func(msg string) string {
		if st, err := repo.Work.Status(); err != nil || st.IsClean() {
			return "(nothing to commit)"
		}
		repo.Commit(msg)
		return ""
	}
	n := 0
	edits := []struct {
		name       string
		claimsOnly bool
		do         func() string
	}{
		{"rating", true, func() string {
			return replace(claimFile(), `(?m)^rating: .*$`, "rating: "+synth.Ratings[rnd.IntN(len(synth.Ratings))])
		}},
		{"title", true, func() string {
			return replace(claimFile(), `(?m)^title: .*$`, fmt.Sprintf("title: \"Edited title %d\"", n))
		}},
		{"summary", true, func() string {
			return replace(claimFile(), `(?m)^summary: .*$`, fmt.Sprintf("summary: \"Edited summary %d.\"", n))
		}},
		{"claimant", true, func() string {
			return replace(claimFile(), `(?m)^claimant: .*$`, "claimant: "+pick("person-%d", stats.People))
		}},
		{"tags", true, func() string {
			return replace(claimFile(), `(?m)^tags: .*$`, "tags: [synthetic, "+pick("topic-%d", 8)+"]")
		}},
		{"another source", true, func() string {
			return replace(claimFile(), `(?m)^sources: \[(.*)\]$`, "sources: [$1, "+pick("s%06d", stats.Sources)+"]")
		}},
		{"analysis", true, func() string {
			return replace(claimFile(), `(?s)^(---\n.*?\n---\n)`, fmt.Sprintf("${1}Edited analysis %d.\n\n", n))
		}},
		{"evidence shortened", true, func() string {
			return replace(claimFile(), `(?m)^(    quote: ".*) [^ ]+"$`, `$1"`)
		}},
		{"evidence from a quotation", true, func() string {
			// A quotation of the evidence's source, so that its speaker's
			// page lists the claim as quoting them.
			p := claimFile()
			data, _ := os.ReadFile(p)
			m := regexp.MustCompile(`(?m)^  - source: (\S+)$`).FindStringSubmatch(string(data))
			text, _ := os.ReadFile(filepath.Join(dir, "corpus", m[1]+".txt"))
			qs := regexp.MustCompile(`“([^”]{20,}?)[,.]?”`).FindAllStringSubmatch(string(text), -1)
			if len(qs) == 0 {
				return filepath.Base(p) + " (no quotation in " + m[1] + ")"
			}
			return replace(p, `(?m)^    quote: .*$`, fmt.Sprintf("    quote: %q", qs[rnd.IntN(len(qs))][1]))
		}},
		{"draft", true, func() string {
			return replace(claimFile(), `(?m)^(draft: true\n)?reviewer: `, "draft: true\nreviewer: ")
		}},
		{"claim added", true, func() string {
			data, _ := os.ReadFile(claimFile())
			name := fmt.Sprintf("added-%d.md", n)
			write(filepath.Join(dir, "claims", name), string(data))
			return name
		}},
		{"claim removed", true, func() string {
			p := claimFile()
			os.Remove(p)
			return filepath.Base(p)
		}},
		{"commit", true, func() string { return commit("Edit claims") }},
		{"commit correction", true, func() string { return commit("Fix a verdict\n\nCorrection: the rating was wrong") }},
		{"person role", false, func() string {
			return replace(filepath.Join(dir, "people", pick("person-%d.md", stats.People)), `(?m)^role: .*$`, fmt.Sprintf("role: \"Edited role %d\"", n))
		}},
		{"source text", false, func() string {
			return replace(filepath.Join(dir, "corpus", pick("s%06d.txt", stats.Sources)), `\n*$`, fmt.Sprintf("\n\nAn added paragraph %d.\n", n))
		}},
	}
	load := func(bl *Builder) (*Loaded, map[string][]byte) { return loadContent(t, bl, dir) }
	b := NewBuilder(dir, false)
	first, _ := load(b)
	if err := first.Probs.Err(); err != nil {
		t.Fatalf("the synthetic site has errors: %v", problemsText(first))
	}
	stateFile := filepath.Join(t.TempDir(), "state")
	if err := (kept{file: stateFile, key: "test"}).save(first, nil); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for ; n < steps; n++ {
		e := edits[rnd.IntN(len(edits))]
		what := e.name + " " + e.do()
		got, files := load(b)
		if got.Probs.Err() != nil {
			t.Fatalf("step %d (%s) broke the site: %s", n, what, problemsText(got))
		}
		// A Builder with no caches loads from scratch, as Load does.
		fresh, wantFiles := load(&Builder{root: dir})
		if d := diffTrees(files, wantFiles); d != "" {
			t.Fatalf("step %d (%s): the builder's content differs from a fresh load's:\n%s", n, what, d)
		}
		// A build in a new process starts from the state the last one
		// saved (to a file and back), and from the content folder it
		// wrote, and must make the same content and find the same
		// problems.
		kept := kept{file: stateFile, key: "test"}
		kept.snap, kept.why = state.Read(stateFile, kept.key)
		if kept.why != "" {
			t.Fatalf("step %d: the saved state %s", n, kept.why)
		}
		rb := kept.builder(dir, false, kept.unchanged(filepath.Join(dir, "content"), ""))
		restored, restoredFiles := load(rb)
		reusedPages := 0
		for _, c := range rb.pages {
			reusedPages += c.Reused()
		}
		content := filepath.Join(dir, "content")
		withBytes := maps.Clone(restoredFiles)
		for p, b := range withBytes {
			if b == nil { // reused: the file the last build wrote
				if withBytes[p], err = os.ReadFile(filepath.Join(content, filepath.FromSlash(p))); err != nil {
					t.Fatalf("step %d: a reused page's file: %v", n, err)
				}
			}
		}
		if d := diffTrees(withBytes, wantFiles); d != "" {
			t.Fatalf("step %d (%s): the content of a build from saved state differs from a fresh load's:\n%s", n, what, d)
		}
		if got, want := problemsText(restored), problemsText(fresh); got != want {
			t.Fatalf("step %d (%s): a build from saved state finds other problems:\n%s\nwant\n%s", n, what, got, want)
		}
		if corpus, checked := restored.Result.Fresh(); e.claimsOnly && (corpus || checked > 1) {
			t.Errorf("step %d (%s): the build from saved state derived the corpus again (%v) and checked %d claims; want only the edited claim", n, what, corpus, checked)
		}
		if e.claimsOnly && !strings.HasPrefix(e.name, "commit") && n > 0 && reusedPages < len(files)*8/10 {
			t.Errorf("step %d (%s): the build from saved state reused %d of %d pages", n, what, reusedPages, len(files))
		}
		// The content folder as a build leaves it: staged, linking what
		// did not change, files dated in the past (a file just written is
		// not trusted to be unchanged by its description).
		stage := t.TempDir()
		if _, err := site.WriteNew(stage, restoredFiles, content, nil); err != nil {
			t.Fatal(err)
		}
		for p := range restoredFiles {
			f := filepath.Join(stage, filepath.FromSlash(p))
			if info, err := os.Stat(f); err == nil && time.Since(info.ModTime()) < racy {
				os.Chtimes(f, when, when)
			}
		}
		desc := described(stage, slices.Collect(maps.Keys(restoredFiles)))
		for _, sec := range site.Sections {
			os.RemoveAll(filepath.Join(content, sec))
			if err := os.Rename(filepath.Join(stage, sec), filepath.Join(content, sec)); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
		if err := kept.save(restored, desc); err != nil {
			t.Fatal(err)
		}
		if err := kept.snap.Intact(); err != nil {
			t.Fatalf("step %d (%s): %v", n, what, err)
		}
		built := 0 // in every language
		for _, c := range b.pages {
			built += c.Built()
		}
		if e.claimsOnly && !strings.HasPrefix(e.name, "commit") && built > len(files)/10 {
			t.Errorf("step %d (%s): %d of %d pages built again", n, what, built, len(files))
		}
		if !e.claimsOnly && built != len(files) {
			t.Errorf("step %d (%s): %d of %d pages built again, want all", n, what, built, len(files))
		}
		counts[e.name]++
		t.Logf("step %d (%s): %d of %d pages built; from saved state, %d reused", n, what, built, len(files), reusedPages)
	}
	if len(counts) != len(edits) {
		t.Errorf("only these edits were made to a sound site: %v", counts)
	}
}

// A Builder (serve) that loads the real site again after a translation is
// edited builds again only that claim's Spanish pages and what lists it in
// Spanish, never an English page, and gives the bytes a fresh load gives.
func TestBuilderTranslations(t *testing.T) {
	ctx := context.Background()
	dir := newSite(t, nil, true)
	when := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, when, when)
		}
		return err
	})
	load := func(bl *Builder) map[string][]byte {
		l, err := bl.Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if l.Probs.Err() != nil {
			t.Fatalf("the site has errors: %s", problemsText(l))
		}
		files, err := l.Content("")
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	b := NewBuilder(dir, false)
	before := load(b)
	const id = "kolbe-russia-willing-to-take-higher-risks"
	p := filepath.Join(dir, "claims", id+".es.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "title: \"Kolbe:", "title: \"Kolbe (editado):", 1)
	if edited == string(data) {
		t.Fatal("the translation's title was not found: update the test")
	}
	os.WriteFile(p, []byte(edited), 0o644)
	os.Chtimes(p, when.Add(time.Second), when.Add(time.Second))
	after := load(b)
	if d := diffTrees(after, load(&Builder{root: dir})); d != "" {
		t.Fatalf("the builder's content differs from a fresh load's:\n%s", d)
	}
	var changed []string
	for name, data := range after {
		if !bytes.Equal(before[name], data) {
			changed = append(changed, name)
		}
	}
	if !slices.Contains(changed, "claims/"+id+"/index.es.md") {
		t.Errorf("the claim's Spanish page did not change: %v", changed)
	}
	for _, name := range changed {
		if !strings.Contains(name, ".es.") {
			t.Errorf("%s (not a Spanish file) changed after an edit of the Spanish translation", name)
		}
	}
	if en, es := b.pages["en"].Built(), b.pages["es"].Built(); en != 0 || es == 0 || es > len(after)/10 {
		t.Errorf("built again: %d English and %d Spanish pages of %d files; want no English page and a few Spanish ones", en, es, len(after))
	}
}

// loadContent loads the site at dir with b, reads its history and makes
// its content.
func loadContent(t *testing.T, b *Builder, dir string) (*Loaded, map[string][]byte) {
	t.Helper()
	ctx := context.Background()
	l, err := b.Load(ctx)
	if err == nil {
		err = l.ReadHistory(ctx, dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	files, err := l.Content("")
	if err != nil {
		t.Fatal(err)
	}
	return l, files
}
