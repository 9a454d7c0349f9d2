package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// walk visits everything under a folder once, a folder before what it
// holds, follows no link, and does not enter a folder fn refuses or
// skips.
func TestWalk(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	for _, p := range []string{"a/b/c.md", "a/d.md", "e.md", "f/g/h/i.md", "skip/j.md", "pass/k.md"} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, nil, 0o644)
	}
	os.WriteFile(filepath.Join(outside, "secret.md"), nil, 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "a", "link")); err != nil {
		t.Fatal(err)
	}
	refused := errors.New("refused")
	var mu sync.Mutex
	var seen []string
	err := walk(dir, func(rel string, d fs.DirEntry) error {
		mu.Lock()
		defer mu.Unlock()
		if parent := filepath.ToSlash(filepath.Dir(rel)); parent != "." && !slices.Contains(seen, parent) {
			t.Errorf("%s visited before its folder", rel)
		}
		seen = append(seen, rel)
		switch rel {
		case "skip":
			return refused
		case "pass":
			return fs.SkipDir
		}
		return nil
	})
	if !errors.Is(err, refused) || errors.Is(err, fs.SkipDir) {
		t.Errorf("walk returned %v, want fn's error (and not SkipDir)", err)
	}
	slices.Sort(seen)
	want := []string{"a", "a/b", "a/b/c.md", "a/d.md", "a/link", "e.md", "f", "f/g", "f/g/h", "f/g/h/i.md", "pass", "skip"}
	if !slices.Equal(seen, want) {
		t.Errorf("visited %v, want %v", seen, want)
	}
	if err := walk(filepath.Join(dir, "none"), func(string, fs.DirEntry) error { return nil }); err != nil {
		t.Errorf("a folder that does not exist: %v", err)
	}
}
