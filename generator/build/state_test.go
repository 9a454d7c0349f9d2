package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/site"
	"github.com/factcheck-mx/factcheck/generator/state"
)

// A page reused without its bytes must have been linked from the file the
// state describes; a file swapped in meanwhile (another build of the same
// folder) stops the build.
func TestLinkedFromTheDescribedFile(t *testing.T) {
	was := state.FileStat{Size: 10, ModTime: 1, Ino: 7}
	k := kept{snap: &state.Snapshot{Content: map[string]state.FileStat{"claims/x/index.md": was}}}
	files := map[string][]byte{"claims/x/index.md": nil, "claims/y/index.md": []byte("{}\n")}
	for _, tc := range []struct {
		name string
		desc map[string]state.FileStat
		err  string
	}{
		{"the same file", map[string]state.FileStat{"claims/x/index.md": was}, ""},
		{"another file", map[string]state.FileStat{"claims/x/index.md": {Size: 10, ModTime: 1, Ino: 8}}, "content/claims/x/index.md changed while this build ran"},
		{"not described", map[string]state.FileStat{}, "changed while this build ran"},
	} {
		err := k.linked(files, tc.desc)
		if (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.err)
		}
	}
}

// A build saves its state; LoadSaved then parses and derives nothing
// anew, and a second build takes every page from it.
func TestStateReused(t *testing.T) {
	ctx := context.Background()
	dir := newSite(t, nil, true)
	states := t.TempDir()
	if _, _, err := Build(ctx, Options{Root: dir, StateDir: states}); err != nil {
		t.Fatal(err)
	}
	l, err := LoadSaved(ctx, dir, true, states)
	if err != nil {
		t.Fatal(err)
	}
	parsed, unused := l.builder.cache.Fresh()
	corpus, checked := l.Result.Fresh()
	if parsed != 0 || unused != 0 || corpus || checked != 0 {
		t.Errorf("loading from the saved state parsed %d files (%d saved values unused), derived the corpus again: %v, checked %d claims; want none", parsed, unused, corpus, checked)
	}
	// The files a build wrote are too new to be trusted (racy): age
	// them, as time does. The others keep their time, and the state's
	// description of them holds.
	age := func() {
		old := time.Now().Add(-time.Hour)
		filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
			if info, err := os.Lstat(p); err == nil && d.Type().IsRegular() && time.Since(info.ModTime()) < time.Minute {
				os.Chtimes(p, old, old)
			}
			return nil
		})
	}
	age()
	if _, _, err := Build(ctx, Options{Root: dir, StateDir: states}); err != nil { // describes the aged files
		t.Fatal(err)
	}
	s, _, err := Build(ctx, Options{Root: dir, StateDir: states})
	if err != nil {
		t.Fatal(err)
	}
	if s.Changes.Written != 0 || s.Made != 0 || s.Reused != s.ContentFiles {
		t.Errorf("a build with nothing changed wrote %d content files, made %d and took %d of %d from the saved state; want 0, 0 and all\n%s", s.Changes.Written, s.Made, s.Reused, s.ContentFiles, s)
	}
	// The generation is the builds' own: a link in it is not the
	// contributor's to answer for (check does not walk it).
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, generation, "claims", "link")); err != nil {
		t.Fatal(err)
	}
	// Each build now brings up to date the content folder of the build
	// before last: after each edit, content/ must be what a build from
	// scratch makes, file for file.
	var claimFiles []string // the originals, not the translations
	all, _ := filepath.Glob(filepath.Join(dir, "claims", "*.md"))
	for _, f := range all {
		if !strings.HasSuffix(f, ".es.md") {
			claimFiles = append(claimFiles, f)
		}
	}
	page := func(i int) string { return strings.TrimSuffix(filepath.Base(claimFiles[i]), ".md") }
	gen := func(i int) string { return filepath.Join(dir, generation, "claims", page(i)) }
	// A folder where a page is expected: removed with what it holds.
	plantFolder := func() {
		if err := os.Remove(filepath.Join(gen(3), "index.md")); err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(gen(3), "index.md", "inside"), 0o755)
	}
	// A page's folder in the generation replaced by a link to its folder
	// in content/: a stat through the link finds the very file the state
	// describes, but the walk removes the link, and the page must still
	// be published.
	linkFolder := func() {
		os.RemoveAll(gen(4))
		if err := os.Symlink(filepath.Join(dir, "content", "claims", page(4)), gen(4)); err != nil {
			t.Fatal(err)
		}
	}
	// The same through a folder holding the described file (a hard link
	// to it), while content/'s is replaced by a copy: the page reused
	// from the generation is in neither, refresh fails, and the build
	// drops the generation and makes every page again.
	dropGeneration := func() {
		elsewhere := t.TempDir()
		described := filepath.Join(dir, "content", "claims", page(5), "index.md")
		if err := os.Link(described, filepath.Join(elsewhere, "index.md")); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(gen(5))
		if err := os.Symlink(elsewhere, gen(5)); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(described)
		os.Remove(described)
		os.WriteFile(described, data, 0o644)
	}
	edits := []func(){
		func() { edit(t, claimFiles[0], "\nsummary: ", "\nsummary: Edited. ") },
		plantFolder,
		linkFolder,
		dropGeneration,
		func() { os.Remove(claimFiles[1]); os.Remove(strings.TrimSuffix(claimFiles[1], ".md") + ".es.md") },
		func() { edit(t, claimFiles[2], "\nsummary: ", "\nsummary: Edited again. ") },
		func() {},
	}
	for i, e := range edits {
		e()
		age()
		s, _, err := Build(ctx, Options{Root: dir, StateDir: states})
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		if dropped := i == 3; s.Refreshed == dropped {
			t.Errorf("edit %d: the build brought the build before last's content folder up to date: %v, want %v:\n%s", i, s.Refreshed, !dropped, s)
		}
		if i != 3 && i != 4 && s.Reused < s.ContentFiles*3/4 {
			t.Errorf("edit %d: %d of %d content files taken from the saved state; want most", i, s.Reused, s.ContentFiles)
		}
		_, want := loadContent(t, &Builder{root: dir}, dir) // from scratch, as Load does
		got := map[string][]byte{}
		for _, sec := range site.Sections {
			filepath.WalkDir(filepath.Join(dir, "content", sec), func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(filepath.Join(dir, "content"), p)
					got[filepath.ToSlash(rel)], _ = os.ReadFile(p)
				}
				if entries, _ := os.ReadDir(p); err == nil && d.IsDir() && len(entries) == 0 {
					t.Errorf("edit %d: an empty folder is left in content/: %s", i, p)
				}
				return nil
			})
		}
		if d := diffTrees(got, want); d != "" {
			t.Fatalf("edit %d: content/ differs from a build from scratch:\n%s", i, d)
		}
	}
}

// The stage line counts the input files a build reads: translations, but
// not captured originals, READMEs or hidden files.
func TestCountInputs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"claims/a.md", "claims/a.es.md", "claims/README.md", "corpus/x.txt", "corpus/x.original.html", "people/.hidden", "people/p.md"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	if n := CountInputs(dir); n != 4 {
		t.Errorf("CountInputs = %d, want 4 (a.md, a.es.md, x.txt, p.md)", n)
	}
}

// edit replaces the first old in the file at p with new.
func edit(t *testing.T, p, old, new string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s: %q not found (%v)", p, old, err)
	}
	os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
}

// A cache folder is pruned at most once a day: pruneDue says when, and
// records it.
func TestPruneDue(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	mark := filepath.Join(dir, pruneMark)
	for _, tc := range []struct {
		name string
		last time.Time // the mark's time; zero: no mark
		due  bool
	}{
		{"never pruned", time.Time{}, true},
		{"pruned an hour ago", now.Add(-time.Hour), false},
		{"pruned a day and an hour ago", now.Add(-25 * time.Hour), true},
		{"a mark from the future (a clock set back)", now.Add(time.Hour), true},
	} {
		os.Remove(mark)
		if !tc.last.IsZero() {
			if err := os.WriteFile(mark, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(mark, tc.last, tc.last)
		}
		if got := pruneDue(dir, now); got != tc.due {
			t.Errorf("%s: due %v, want %v", tc.name, got, tc.due)
		}
		if info, err := os.Stat(mark); tc.due && (err != nil || !info.ModTime().Equal(now)) {
			t.Errorf("%s: pruning not recorded (%v)", tc.name, err)
		}
		if again := pruneDue(dir, now.Add(time.Minute)); again {
			t.Errorf("%s: due again a minute later", tc.name)
		}
	}
	if pruneDue("", now) {
		t.Error("no folder is due")
	}
}
