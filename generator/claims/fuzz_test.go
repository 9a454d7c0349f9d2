package claims

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

var scale = Scale{{ID: "corroborated", Order: 1}, {ID: "attributed", Order: 2}}

// FuzzParse checks that no claim file panics the parser and that every
// problem names a line within the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../claims/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\nevidence:\n  - source: a\n    quote: b\n    stance: x\n---\n"))
	f.Add([]byte("+++\n[[evidence]]\nsource = 1\n+++\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var probs diag.List
		data = meta.Normalize(data)
		c := Parse(meta.File{Path: "claims/x.md", ID: "x", Data: data}, scale, &probs)
		if c == nil && len(probs) == 0 {
			t.Fatal("no claim and no problem")
		}
		checkLines(t, data, probs)
	})
}

// FuzzParseScale checks the rating scale reader on any configuration.
func FuzzParseScale(f *testing.F) {
	if b, err := os.ReadFile("../../config.toml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("[[params.ratings]]\nid = 1\norder = \"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := meta.DecodeTOMLFile("config.toml", data)
		if err != nil {
			return
		}
		var ratings *meta.Node
		for _, fl := range n.Fields {
			if fl.Key == "params" && fl.Value.Kind == meta.Map {
				for _, pf := range fl.Value.Fields {
					if pf.Key == "ratings" {
						ratings = pf.Value
					}
				}
			}
		}
		var probs diag.List
		s := ParseScale("config.toml", ratings, &probs)
		for i := 1; i < len(s); i++ {
			if s[i-1].Order > s[i].Order {
				t.Fatalf("scale not sorted by order: %+v", s)
			}
		}
		checkLines(t, data, probs)
	})
}

// checkLines fails if a problem points past the file's last line, counted
// as the parsers count them: a lone CR (old Mac files) breaks a line too.
func checkLines(t *testing.T, data []byte, probs diag.List) {
	t.Helper()
	lines := 1
	for _, b := range meta.Normalize(data) {
		if b == '\n' {
			lines++
		}
	}
	for _, p := range probs {
		if p.Line < 0 || p.Line > lines {
			t.Fatalf("problem at line %d of a %d-line file: %v", p.Line, lines, p)
		}
	}
}
