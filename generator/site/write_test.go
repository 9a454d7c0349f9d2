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

// A file is linked only when it holds the bytes and is the very file
// whose bytes were compared: one put in its place meanwhile (another build
// swapping its content in), even with the same bytes or the freed inode
// number of the file compared, is not, and the link is taken back.
func TestLinkSame(t *testing.T) {
	var dir, old string // each case's own folder, where no other file freed an inode
	put := func(data string) func() {
		return func() {
			swapped := filepath.Join(dir, "swapped")
			if err := os.WriteFile(swapped, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(swapped, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name    string
		before  func() // makes old
		between func() // after the comparison, before the link
		want    bool
	}{
		{"the file compared", put("bytes"), nil, true},
		{"other bytes", put("other"), nil, false},
		{"a link to the bytes", func() {
			put("bytes")()
			os.Rename(old, old+".target")
			if err := os.Symlink(old+".target", old); err != nil {
				t.Fatal(err)
			}
		}, nil, false},
		{"another file with the same bytes put there", put("bytes"), put("bytes"), false},
		{"another file with other bytes put there", put("bytes"), put("other"), false},
		{"the file compared removed, a new one made", put("bytes"), func() {
			os.Remove(old)
			if err := os.WriteFile(old, []byte("bytes"), 0o644); err != nil { // may take the inode number freed
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir = t.TempDir()
			old = filepath.Join(dir, "old")
			tc.before()
			dst := filepath.Join(dir, "new")
			os.Remove(dst)
			want, _ := os.Lstat(old)
			after, err := linkSame(old, dst, []byte("bytes"), tc.between)
			if err != nil {
				t.Fatal(err)
			}
			got, statErr := os.Lstat(dst)
			if (after != nil) != tc.want || (statErr == nil) != tc.want {
				t.Fatalf("linked: %v, file there: %v; want %v", after != nil, statErr == nil, tc.want)
			}
			if tc.want && (!os.SameFile(after, want) || !os.SameFile(got, want)) {
				t.Error("linked another file than the one compared")
			}
		})
	}
}

// SameBytes compares the bytes of a regular file only, all of them.
func TestSameBytes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	os.WriteFile(file, []byte("abc"), 0o644)
	type test struct {
		path string
		data string
		want bool
	}
	tests := []test{
		{file, "abc", true},
		{file, "abd", false},
		{file, "ab", false},
		{dir, "", false},
		{filepath.Join(dir, "none"), "", false},
	}
	if link := filepath.Join(dir, "link"); os.Symlink(file, link) == nil {
		tests = append(tests, test{link, "abc", false}) // followed, it would hold the bytes
	}
	for _, tc := range tests {
		if _, got := SameBytes(tc.path, []byte(tc.data)); got != tc.want {
			t.Errorf("SameBytes(%s, %q) = %v, want %v", filepath.Base(tc.path), tc.data, got, tc.want)
		}
	}
}
