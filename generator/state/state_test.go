package state

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

func sample() *Snapshot {
	return &Snapshot{
		Parsed: []meta.Parsed{{Kind: "claim", Path: "claims/x.md", Hash: "abc",
			Value: &claims.Claim{ID: "x", Path: "claims/x.md", Text: "A claim", Sources: []string{"s"}, Lines: map[string]int{"claim": 2}},
			Probs: diag.List{{Path: "claims/x.md", Line: 3, Severity: diag.Warning, Msg: "a warning"}}}},
		Derived: &derive.Saved{Inputs: []string{"corpus/s.txt\x00def"}, Checks: map[string]derive.Check{}},
	}
}

// What is written is read back as it was, under the same key only; a file
// that is missing, cut short, damaged or of another key is refused with
// the reason.
func TestReadWrite(t *testing.T) {
	dir := t.TempDir()
	file := File(dir, "/some/site")
	if s, why := Read(file, "k1"); s != nil || why != "" {
		t.Fatalf("no file: got %v, %q; want nothing and no reason", s, why)
	}
	want := sample()
	if err := Write(file, "k1", want); err != nil {
		t.Fatal(err)
	}
	got, why := Read(file, "k1")
	if why != "" || !reflect.DeepEqual(got.Parsed, want.Parsed) || !reflect.DeepEqual(got.Derived.Inputs, want.Derived.Inputs) {
		t.Fatalf("read back: %+v (%q)\nwant %+v", got, why, want)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	data, _ := os.ReadFile(file)
	for _, tc := range []struct {
		name string
		data []byte
		key  string
		why  string
	}{
		{"another key", data, "k2", "another version of the generator"},
		{"not a state file", []byte("hello"), "k1", "not a state file"},
		{"cut short", data[:len(data)-10], "k1", "damaged"},
		{"a byte changed", flip(data, len(data)-5), "k1", "damaged (its checksum"},
		{"header only", data[:len(magic)+3], "k1", "damaged (cut short)"},
	} {
		os.WriteFile(file, tc.data, 0o644)
		if s, why := Read(file, tc.key); s != nil || !strings.Contains(why, tc.why) {
			t.Errorf("%s: got %v, %q; want nothing and a reason with %q", tc.name, s != nil, why, tc.why)
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0xff
	return c
}

// Each site has a file of its own; the key changes with every part.
func TestFileAndKey(t *testing.T) {
	if File("d", "/a") == File("d", "/b") {
		t.Error("two sites share a state file")
	}
	k1, err := Key([]byte("config"), []byte("false"))
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := Key([]byte("config"), []byte("true"))
	k3, _ := Key([]byte("configfalse"))
	k4, _ := Key([]byte("config"), []byte("false"))
	if k1 == k2 || k1 == k3 || k1 != k4 {
		t.Errorf("keys: %s %s %s %s: want the first and last alone equal", k1, k2, k3, k4)
	}
}

// Prune removes the state files unused for the given time, and leftover
// temporary files, and nothing else.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-48 * time.Hour)
	for name, stale := range map[string]bool{"a.state": true, "b.state": false, ".tmp-1": true, "notes.txt": true} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o644)
		if stale {
			os.Chtimes(p, old, old)
		}
	}
	Prune(dir, 24*time.Hour)
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if want := []string{"b.state", "notes.txt"}; !reflect.DeepEqual(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}
