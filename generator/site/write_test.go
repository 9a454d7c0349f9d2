package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Update writes only what changed, removes what is gone, names both, and
// leaves no temporary file behind.
func TestUpdate(t *testing.T) {
	dir := t.TempDir()
	first := map[string][]byte{"claims/a/index.md": []byte("a"), "claims/b/index.md": []byte("b"), "people/p/index.md": []byte("p")}
	ch, err := Update(dir, first, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Written != 3 || len(ch.Paths) != 3 {
		t.Errorf("first update: %+v", ch)
	}
	second := map[string][]byte{"claims/a/index.md": []byte("a"), "claims/b/index.md": []byte("b2"), "sources/s/index.md": []byte("s")}
	ch, err = Update(dir, second, first)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"claims/b/index.md", "people/p/index.md", "sources/s/index.md"}
	if ch.Written != 2 || ch.Same != 1 || ch.Removed != 1 || !slices.Equal(ch.Paths, want) {
		t.Errorf("second update: %+v, want paths %v", ch, want)
	}
	var found []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			found = append(found, filepath.ToSlash(rel))
		}
		return err
	})
	if want := []string{"claims/a/index.md", "claims/b/index.md", "sources/s/index.md"}; !slices.Equal(found, want) {
		t.Errorf("folder holds %v, want %v", found, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "claims/b/index.md")); string(b) != "b2" {
		t.Errorf("claims/b holds %q", b)
	}
}
