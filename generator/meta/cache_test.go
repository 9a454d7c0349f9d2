package meta

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

// A file a Cache restored as known (RestoreKnown) is taken by its hash
// while it is as it was, and read only when a parser needs its bytes; a
// file changed since is read again; one whose bytes do not have the hash
// known is refused.
func TestKnownFiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "in")
	os.Mkdir(dir, 0o755)
	past := time.Now().Add(-time.Hour)
	for i := range 3 {
		p := filepath.Join(dir, fmt.Sprintf("f%d.md", i))
		os.WriteFile(p, []byte(fmt.Sprintf("text %d\r\n", i)), 0o644)
		os.Chtimes(p, past, past)
	}
	parse := func(f File, _ *diag.List) *string { s := string(f.Data); return &s }
	load := func(c *Cache) ([]File, []*string, diag.List) {
		var probs diag.List
		files := ReadDir(root, "in", []string{".md"}, c, &probs)
		return files, ParseAll(c, "text", files, &probs, parse), probs
	}
	first := NewCache()
	files, values, _ := load(first)
	known, saved := first.Known(), first.Saved()
	if len(known) != 3 || known[0].Path != "in/f0.md" || known[0].Hash != files[0].Hash {
		t.Fatalf("known: %+v", known)
	}

	// Values and hashes known: nothing read, nothing parsed.
	c := NewCache()
	c.Restore(saved)
	c.RestoreKnown(known)
	got, vals, probs := load(c)
	for i, f := range got {
		if f.Data != nil || f.Hash != files[i].Hash || f.ID != files[i].ID || *vals[i] != *values[i] {
			t.Errorf("%s: data %q, hash %s, id %s, value %q; want no data, the hash, id and value of a read", f.Path, f.Data, f.Hash, f.ID, *vals[i])
		}
	}
	if parsed, _ := c.Fresh(); parsed != 0 || len(probs) > 0 {
		t.Errorf("%d files parsed, problems %v; want none", parsed, probs)
	}

	// Hashes known, values not: read when parsed, as a fresh read does.
	c = NewCache()
	c.RestoreKnown(known)
	if _, vals, probs = load(c); len(probs) > 0 || *vals[2] != "text 2\n" {
		t.Errorf("parsed from a known file: %q, %v", *vals[2], probs)
	}

	// A file changed since (its time) is read again.
	p := filepath.Join(dir, "f1.md")
	os.WriteFile(p, []byte("edited\n"), 0o644)
	os.Chtimes(p, past.Add(time.Minute), past.Add(time.Minute))
	c = NewCache()
	c.Restore(saved)
	c.RestoreKnown(known)
	got, vals, _ = load(c)
	if got[1].Data == nil || *vals[1] != "edited\n" || got[1].Hash == files[1].Hash {
		t.Errorf("a changed file: data %q, value %q", got[1].Data, *vals[1])
	}
	if parsed, _ := c.Fresh(); parsed != 1 {
		t.Errorf("%d files parsed, want the one changed", parsed)
	}

	// A file rewritten in place with bytes of the same size, its time set
	// back (cp -p, touch -r): its inode change time tells it.
	p2 := filepath.Join(dir, "f2.md")
	os.WriteFile(p2, []byte("TEXT 2\r\n"), 0o644)
	os.Chtimes(p2, past, past)
	c = NewCache()
	c.Restore(saved)
	c.RestoreKnown(known)
	if got, vals, _ = load(c); got[2].Data == nil || *vals[2] != "TEXT 2\n" {
		t.Errorf("a file rewritten with its time set back: data %q, value %q", got[2].Data, *vals[2])
	}

	// A known hash its file does not have (the file changed between its
	// look and its read): its bytes are parsed, with their hash, and it
	// is no longer known.
	info, _ := os.Lstat(p)
	known[1].Size, known[1].ModTime, known[1].Ino, known[1].Ctime = info.Size(), info.ModTime().UnixNano(), Inode(info), Ctime(info)
	known[1].Hash = files[0].Hash
	c = NewCache()
	c.RestoreKnown(known)
	_, vals, probs = load(c)
	if *vals[1] != "edited\n" || len(probs) > 0 {
		t.Errorf("value %q, problems %v; want the bytes read", *vals[1], probs)
	}
	for _, k := range c.Known() {
		if k.Path == "in/f1.md" {
			t.Errorf("still known with hash %s", k.Hash)
		}
	}

	// A known file replaced by a link: refused when read, never followed.
	os.Remove(p)
	os.Symlink(filepath.Join(dir, "f0.md"), p)
	f := File{Path: "in/f1.md", Hash: known[1].Hash, full: p}
	if err := f.load(); err == nil || f.Data != nil {
		t.Errorf("a link read as a known file: %v, %q", err, f.Data)
	}
}
