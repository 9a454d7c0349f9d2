package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/history/historytest"
)

// TestBuilderMatchesFreshLoad edits a site step by step (a claim, a source,
// a person; a claim added, broken, mended and removed; a commit) and checks
// after each step that a Builder, which reuses what it read and derived
// before, produces the same content and the same problems as loading the
// site from scratch; and that it did reuse what had not changed.
func TestBuilderMatchesFreshLoad(t *testing.T) {
	ctx := context.Background()
	dir := newSite(t, nil, true)
	repo := historytest.New(t, dir)
	repo.Commit("Publish the site")
	age(t, dir)
	b := NewBuilder(dir, false)
	claim := "claims/kolbe-russia-willing-to-take-higher-risks.md"
	edit := func(path, old, new string) func() {
		return func() {
			p := filepath.Join(dir, path)
			data, err := os.ReadFile(p)
			if err != nil || !strings.Contains(string(data), old) {
				t.Fatalf("%s does not contain %q (%v)", path, old, err)
			}
			os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
		}
	}
	var prev *Loaded
	for _, step := range []struct {
		name         string
		do           func()
		sameSources  bool // the sources' derived relations are reused
		wantProblems bool
	}{
		{"first load", func() {}, false, false},
		{"nothing changed", func() {}, true, false},
		{"claim summary", edit(claim, `summary: "A veteran`, `summary: "Edited. A veteran`), true, false},
		{"source text", edit("corpus/unn-mexico-refused-to-expel-russian-spies.txt", "Mexico refused", "Mexico declined"), false, false},
		{"person role", edit("people/john-feeley.md", "Retired U.S. ambassador", "Former U.S. ambassador"), false, false},
		{"claim added", func() {
			data, _ := os.ReadFile(filepath.Join(dir, claim))
			os.WriteFile(filepath.Join(dir, "claims", "added-claim.md"), data, 0o644)
		}, true, false},
		{"claim broken", edit("claims/added-claim.md", "claimant: paul-kolbe", "claimant: nobody-at-all"), true, true},
		{"claim mended", edit("claims/added-claim.md", "claimant: nobody-at-all", "claimant: paul-kolbe"), true, false},
		{"claim removed", func() { os.Remove(filepath.Join(dir, "claims", "added-claim.md")) }, true, false},
		{"commit", func() { repo.Commit("Edit the site") }, true, false},
	} {
		step.do()
		got, err := b.Load(ctx)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		want, err := Load(ctx, dir, false)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := problemsText(got), problemsText(want); g != w {
			t.Fatalf("%s: problems\n%s\nwant\n%s", step.name, g, w)
		}
		if (want.Probs.Err() != nil) != step.wantProblems {
			t.Fatalf("%s: problems %q", step.name, problemsText(want))
		}
		if prev != nil {
			reused := got.Result.Sources[0] == prev.Result.Sources[0] && got.Result.Quotes[0].Source == prev.Result.Quotes[0].Source &&
				&got.Result.Quotes[0] == &prev.Result.Quotes[0]
			if reused != step.sameSources {
				t.Errorf("%s: sources' relations reused %v, want %v", step.name, reused, step.sameSources)
			}
		}
		prev = got
		if step.wantProblems {
			continue
		}
		for _, l := range []*Loaded{got, want} {
			if err := l.ReadHistory(ctx, dir); err != nil {
				t.Fatal(err)
			}
		}
		gf, err := got.Content("")
		if err != nil {
			t.Fatal(err)
		}
		wf, err := want.Content("")
		if err != nil {
			t.Fatal(err)
		}
		if d := diffTrees(gf, wf); d != "" {
			t.Errorf("%s: the builder's content differs from a fresh load's:\n%s", step.name, d)
		}
	}
}

// age dates every file under dir an hour back, as files are that were not
// just written: the cache trusts only those (see meta.Cache).
func age(t *testing.T, dir string) {
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return err
	})
}

// TestRebuildWritesOnlyChanges builds, edits one claim's summary and builds
// again: exactly the content files whose bytes differ are written, and
// every other file is the same file as before (same inode), not a copy.
func TestRebuildWritesOnlyChanges(t *testing.T) {
	ctx := context.Background()
	dir := newSite(t, nil, true)
	first, _, err := Build(ctx, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if first.Changes.Written != first.ContentFiles || first.Changes.Same != 0 {
		t.Errorf("first build: %+v of %d files", first.Changes, first.ContentFiles)
	}
	content := filepath.Join(dir, "content")
	before := treeBytes(t, content)
	infos := map[string]os.FileInfo{}
	for p := range before {
		fi, err := os.Stat(filepath.Join(content, p))
		if err != nil {
			t.Fatal(err)
		}
		infos[p] = fi
	}
	firstOld, _ := filepath.Glob(filepath.Join(dir, ".old-*"))
	p := filepath.Join(dir, "claims", "kolbe-russia-willing-to-take-higher-risks.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), `summary: "A veteran`, `summary: "Edited. A veteran`, 1)), 0o644)
	second, _, err := Build(ctx, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	// The previous output is set aside for the next build to delete.
	old, _ := filepath.Glob(filepath.Join(dir, ".old-*"))
	staging, _ := filepath.Glob(filepath.Join(dir, ".build-*"))
	if len(firstOld) != 1 || len(old) != 1 || old[0] == firstOld[0] || len(staging) != 0 {
		t.Errorf("set aside after the first build %v, after the second %v (want one each, not the same); staging folders left %v", firstOld, old, staging)
	}
	after := treeBytes(t, content)
	changed := 0
	for p, b := range after {
		fi, err := os.Stat(filepath.Join(content, p))
		if err != nil {
			t.Fatal(err)
		}
		sameFile := infos[p] != nil && os.SameFile(fi, infos[p])
		if string(b) != string(before[p]) {
			changed++
			if sameFile {
				t.Errorf("%s changed but kept its inode", p)
			}
		} else if !sameFile {
			t.Errorf("%s did not change but was written again", p)
		}
	}
	if changed == 0 || second.Changes.Written != changed || second.Changes.Removed != 0 || second.Changes.Same != second.ContentFiles-changed {
		t.Errorf("second build: %+v of %d files; %d files differ", second.Changes, second.ContentFiles, changed)
	}
	t.Logf("one edited claim: %d of %d content files rewritten", changed, second.ContentFiles)
}
