package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	// The files the first build wrote are too new to be trusted (racy):
	// age them, as time does.
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			os.Chtimes(p, old, old)
		}
		return nil
	})
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
