package meta

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

// addSeeds adds every committed input file (real corpus, people, claims and
// the bad-input suite's archives) as a fuzz seed.
func addSeeds(f *testing.F, root string) {
	for _, pat := range []string{"corpus/*", "people/*.md", "claims/*.md", "generator/build/testdata/*/*.txtar", "config.toml"} {
		files, _ := filepath.Glob(filepath.Join(root, pat))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"", "---", "---\n---\n", "+++\n+++\n", "\n\n---\na: [\n---\n", "---\na: &x [*x]\n---\n",
		"---\r\na: b\r\n---\r\n", "\xef\xbb\xbf+++\na = 1979-05-27T07:32:00Z\n[[b]]\nc = 1\n+++\n",
		"+++\na.b.c = 1\n[a]\nd = 2\n+++\n", "---\n? [a]\n: b\n---\n", "---\na: \xff\n---\n",
		// A "---" inside a block of text, indented and not; "..." and "--- x".
		"---\ntitle: a\nnotes: |\n  one\n  ---\n  two\nrating: r\n---\nbody\n",
		"---\ntitle: a\nnotes: |\n  one\n---\n  two\nrating: r\n---\nbody\n",
		"---\ntitle: a\nnotes: >\n  one\n---\nrating: r\n---\n", "---\ntitle: a\n...\nrating: r\n---\n",
		"---\ntitle: a\n--- !!map\nrating: r\n---\n", "---\ntitle: \"a\n  ---\n  b\"\n---\n", "---\n  ---\n",
		// "+++" inside TOML's multi-line strings, closed or not.
		"+++\nnotes = \"\"\"\none\n+++\ntwo\"\"\"\ntitle = \"a\"\n+++\nbody\n", "+++\nnotes = '''\n+++\n'''\n+++\n",
		"+++\nnotes = \"\"\"\none\n+++\nbody\n", "+++\na = \"\\\"\"\"\" # \"\"\"\n+++\n", "+++\na = \"\"\"x\"\"\"\"\"\n+++\n",
		// Tags, explicit and in lists, maps and keys.
		"---\ntitle: !!int \"abc\"\n---\n", "---\ntitle: !!binary aGVsbG8=\ndate: !!timestamp 2024-01-01\n---\n",
		"---\ntags: [!custom a, !!str b]\n!!str rating: r\nx: !!map {a: 1}\ny: ! z\n---\n",
		// Control, invisible and bidirectional characters, raw and escaped.
		"---\ntitle: \"\\f\"\n---\n", "---\ntitle: \"a\\u202Eb\"\nx: \"\\x85\\N\\0\"\n---\n", "---\ntitle: a\x07b\n---\n",
		"---\nti\u202etle: a\n---\nbody \u2066x\u2069 \x1b[31m\n", "+++\ntitle = \"\\u0007\\uFDD0\\U0010FFFF\"\n+++\n",
		"+++\ntitle = \"a\x0cb\"\n+++\n", "plain \u200f text \x01 \ufffe\n", "---\nname: \u200eA\n---\nبيت \u200f x\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks that no input panics the front matter decoder or the
// field reader, and that every problem points at a line of the file.
func FuzzParse(f *testing.F) {
	addSeeds(f, "../..")
	f.Fuzz(func(t *testing.T, data []byte) {
		data = Normalize(data)
		lines := bytes.Count(data, []byte("\n")) + 1
		var probs diag.List
		doc, err := Parse("x.md", data, false)
		if err != nil {
			var all Errors
			switch e := err.(type) {
			case *Error:
				all = Errors{e}
			case Errors:
				all = e
			default:
				t.Fatalf("error without position: %v", err)
			}
			for _, me := range all {
				if me.Line < 0 || me.Line > lines {
					t.Fatalf("error at line %d of a %d-line file: %v", me.Line, lines, me)
				}
			}
			return
		}
		if doc.BodyLine < 1 || doc.BodyLine > lines+1 {
			t.Fatalf("body at line %d of %d", doc.BodyLine, lines)
		}
		if doc.Front == nil {
			return
		}
		fs := NewFields("x.md", doc.Front, doc.FrontLine, &probs)
		fs.String("title", true, "")
		fs.Strings("tags", false, "")
		fs.Date("date", false, true, true)
		fs.Int("order", false, "")
		fs.Bool("draft")
		for _, e := range fs.Maps("evidence", false, "") {
			e.String("quote", true, "")
			e.Finish()
		}
		fs.Finish()
		for _, p := range probs {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("problem at line %d of a %d-line file: %v", p.Line, lines, p)
			}
		}
	})
}

// FuzzDecodeTOMLFile checks the configuration decoder.
func FuzzDecodeTOMLFile(f *testing.F) {
	addSeeds(f, "../..")
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := DecodeTOMLFile("config.toml", data)
		if err == nil && (n == nil || n.Kind != Map) {
			t.Fatalf("decoded to %+v without error", n)
		}
	})
}
