package state

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/site"
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
	if err := Write(file, "k1", want, nil); err != nil {
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

// many is a Snapshot with n claims' worth of every part.
func many(n int) *Snapshot {
	s := &Snapshot{
		Derived: &derive.Saved{Inputs: []string{"corpus/s.txt\x00def"}, Checks: map[string]derive.Check{},
			Relations: derive.Relations{SourcePeople: map[string][]string{"s": {"p"}}}},
		Pages:   map[string]*site.Saved{"en": {Base: "b1", Pages: map[string]site.SavedPage{}}, "es": {Base: "b2", Pages: map[string]site.SavedPage{}}},
		Content: map[string]FileStat{},
	}
	for i := range n {
		p := fmt.Sprintf("claims/c%04d.md", i)
		s.Parsed = append(s.Parsed, meta.Parsed{Kind: "claim k", Path: p, Hash: fmt.Sprint(i),
			Value: &claims.Claim{ID: fmt.Sprintf("c%04d", i), Path: p, Text: "A claim"}})
		s.Derived.Checks[p+"\x00h"] = derive.Check{Probs: diag.List{{Path: p, Line: 1, Msg: "m"}}}
		for _, code := range []string{"en", "es"} {
			s.Pages[code].Pages[p] = site.SavedPage{Reads: site.Reads{Claims: []string{p}}, Digest: fmt.Sprint(i)}
		}
		s.Content[p] = FileStat{Size: int64(i), ModTime: 1, Ino: uint64(i)}
		s.Files = append(s.Files, meta.Known{Path: p, Hash: fmt.Sprint(i), Size: 1, ModTime: 2, Ino: uint64(i)})
	}
	return s
}

// Write takes the chunks that did not change from the Snapshot read, and
// encodes the others: what is read back is the new Snapshot, whole.
func TestWriteReuses(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.state")
	for _, tc := range []struct {
		name    string
		edit    func(*Snapshot)
		changed int // chunks written again
	}{
		{"nothing", func(*Snapshot) {}, 0},
		{"one claim", func(s *Snapshot) {
			p := "claims/c0007.md"
			s.Parsed[7] = meta.Parsed{Kind: "claim k", Path: p, Hash: "new", Value: &claims.Claim{ID: "c0007", Path: p, Text: "Edited"}}
			s.Derived.Checks[p+"\x00h"] = derive.Check{}
			s.Pages["es"].Pages[p] = site.SavedPage{Reads: site.Reads{Claims: []string{p}}, Digest: "new"}
			s.Content[p] = FileStat{Size: 1, ModTime: 2, Ino: 3}
			s.Files[7].Hash = "new"
		}, 5},
		{"a value changed in place, not its hash", func(s *Snapshot) {
			s.Parsed[3].Value = &claims.Claim{ID: "c0003", Path: s.Parsed[3].Path, Text: "Other"}
		}, 1},
		{"a page removed", func(s *Snapshot) { delete(s.Pages["en"].Pages, "claims/c0010.md") }, 1},
		{"the relations", func(s *Snapshot) { s.Derived.Relations.SourcePeople = map[string][]string{"s": {"q"}} }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Write(file, "k", many(1000), nil); err != nil {
				t.Fatal(err)
			}
			from, why := Read(file, "k")
			if why != "" {
				t.Fatal(why)
			}
			want := many(1000)
			tc.edit(want)
			reused, err := write(file, "k", want, from)
			if err != nil {
				t.Fatal(err)
			}
			if total := len(want.chunks()); reused != total-tc.changed {
				t.Errorf("%d of %d chunks taken as read, want all but %d", reused, total, tc.changed)
			}
			got, why := Read(file, "k")
			if why != "" {
				t.Fatal(why)
			}
			got.read = nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back another snapshot than written")
			}
		})
	}
}

// A file cut at the end of a chunk is as damaged as one cut in the
// middle of one.
func TestReadCutAtChunk(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.state")
	if err := Write(file, "k", many(10), nil); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	s, _ := Read(file, "k")
	last := slices.Max(slices.Collect(maps.Keys(s.read)))
	end := len(data) - len(s.read[last].body) - len(last) - 16
	os.WriteFile(file, data[:end], 0o644)
	if s, why := Read(file, "k"); s != nil || !strings.Contains(why, "cut short") {
		t.Errorf("got %v, %q; want nothing, cut short", s != nil, why)
	}
}

// fill gives v (settable, zero) one value of each slice, map and pointer
// it holds, down to depth levels, and every leaf (string, number, bool,
// interface) its zero but the one counted target (from 0, in *n), which
// gets another value: two values filled with different targets have the
// same shape and differ in one leaf only.
func fill(v reflect.Value, target int, n *int, depth int) {
	if depth == 0 {
		return
	}
	leaf := func(set func()) {
		if *n == target {
			set()
		}
		*n++
	}
	switch v.Kind() {
	case reflect.String:
		leaf(func() { v.SetString("x") })
	case reflect.Bool:
		leaf(func() { v.SetBool(true) })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		leaf(func() { v.SetInt(1) })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		leaf(func() { v.SetUint(1) })
	case reflect.Float32, reflect.Float64:
		leaf(func() { v.SetFloat(1) })
	case reflect.Interface:
		leaf(func() { v.Set(reflect.ValueOf(&claims.Claim{ID: "x"})) })
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), target, n, depth-1)
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), target, n, depth-1)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), target, n, depth-1)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), target, n, depth-1)
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e, target, n, depth-1)
		v.SetMapIndex(reflect.New(v.Type().Key()).Elem(), e)
	}
}

// equal tells two chunks apart by any leaf of what they hold, however
// deep (a page's reads, a claim's check, the corpus's relations): a field
// added later and not compared would make a build reuse a stale chunk.
func TestEqualSeesEveryField(t *testing.T) {
	var zero chunk
	leaves := 0
	fill(reflect.ValueOf(&zero).Elem(), -1, &leaves, 8)
	if leaves < 50 {
		t.Fatalf("only %d leaves found", leaves)
	}
	for target := range leaves {
		var a, b chunk
		n := 0
		fill(reflect.ValueOf(&a).Elem(), -1, &n, 8)
		n = 0
		fill(reflect.ValueOf(&b).Elem(), target, &n, 8)
		if equal(&a, &b) || equal(&b, &a) {
			t.Errorf("chunks that differ in leaf %d are equal: %+v", target, b)
		}
	}
	if !equal(&zero, &zero) {
		t.Error("a chunk differs from itself")
	}
}

// Read refuses a file whose chunks are not what Write makes: a name of no
// kind or bucket, a key in another chunk's bucket, values of another kind,
// a key twice.
func TestReadRefusesOddChunks(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.state")
	in := func(b int, prefix string) string {
		for i := 0; ; i++ {
			if k := fmt.Sprintf("%s%d", prefix, i); bucket(k) == b {
				return k
			}
		}
	}
	p3, p4 := in(3, "claims/"), in(4, "claims/")
	parsed := func(paths ...string) *chunk {
		c := &chunk{}
		for _, p := range paths {
			c.Parsed = append(c.Parsed, meta.Parsed{Kind: "k", Path: p, Hash: "h", Value: &claims.Claim{ID: "x"}})
		}
		return c
	}
	type named struct {
		name string
		c    *chunk
	}
	for _, tc := range []struct {
		name   string
		chunks []named
		why    string // "" for a file Read takes
	}{
		{"sound", []named{{"parsed/3", parsed(p3)}, {"derived", &chunk{}}, {"pages/en/0", &chunk{Base: "b"}}}, ""},
		{"no bucket", []named{{"parsed/x", parsed(p3)}}, "no bucket"},
		{"bucket out of range", []named{{"parsed/32", parsed(p3)}}, "no bucket"},
		{"bucket written oddly", []named{{"parsed/03", parsed(p3)}}, "no bucket"},
		{"pages of no language", []named{{"pages//0", &chunk{Base: "b"}}}, "no language"},
		{"pages without a bucket", []named{{"pages/en", &chunk{Base: "b"}}}, "no bucket"},
		{"derived with a bucket", []named{{"derived/1", &chunk{}}}, "another kind"},
		{"no kind", []named{{"other/1", parsed(p3)}}, "no kind"},
		{"key in another bucket", []named{{"parsed/4", parsed(p3)}}, "another bucket"},
		{"values of another kind", []named{{"parsed/3", &chunk{Parsed: parsed(p3).Parsed, Base: "b"}}}, "another kind"},
		{"empty", []named{{"content/1", &chunk{}}}, "empty"},
		{"a value twice", []named{{"parsed/3", parsed(p3, p3)}}, "two values"},
		{"checks without relations", []named{{"checks/4", &chunk{Checks: map[string]derive.Check{p4: {}}}}}, "without the corpus"},
	} {
		var names []string
		var out []stored
		for _, n := range tc.chunks {
			st, err := encode(n.name, n.c)
			if err != nil {
				t.Fatal(err)
			}
			names, out = append(names, n.name), append(out, st)
		}
		if err := writeFile(file, "k", names, out); err != nil {
			t.Fatal(err)
		}
		s, why := Read(file, "k")
		if tc.why == "" && (s == nil || why != "") || tc.why != "" && (s != nil || !strings.Contains(why, tc.why)) {
			t.Errorf("%s: got %v, %q; want a reason with %q", tc.name, s != nil, why, tc.why)
		}
	}
}

// BenchmarkWrite saves a state of 10,000 claims after one claim changed:
// with the state read before (its other chunks written as read), and
// without (every chunk encoded), the baseline of the same run. As in a
// build, the values not changed are those read.
func BenchmarkWrite(b *testing.B) {
	file := filepath.Join(b.TempDir(), "s.state")
	if err := Write(file, "k", many(10000), nil); err != nil {
		b.Fatal(err)
	}
	from, _ := Read(file, "k")
	// What a build saves after one edit: the values read, but one.
	edited := &Snapshot{Parsed: slices.Clone(from.Parsed), Files: from.Files, Content: from.Content, Pages: from.Pages,
		Derived: &derive.Saved{Inputs: from.Derived.Inputs, Relations: from.Derived.Relations, Checks: from.Derived.Checks}}
	edited.Parsed[7].Hash = "new"
	for _, bc := range []struct {
		name string
		from *Snapshot
	}{{"whole", nil}, {"changed-chunks", from}} {
		b.Run(bc.name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out.state")
			for b.Loop() {
				if err := Write(out, "k", edited, bc.from); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRead reads a state of 10,000 claims.
func BenchmarkRead(b *testing.B) {
	file := filepath.Join(b.TempDir(), "s.state")
	if err := Write(file, "k", many(10000), nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, why := Read(file, "k"); why != "" {
			b.Fatal(why)
		}
	}
}
