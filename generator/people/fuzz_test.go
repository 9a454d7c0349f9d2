package people

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// FuzzParse checks person files, and finding the parsed names in text.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../people/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "Gen. Glen VanHerck said")
		}
	}
	f.Add([]byte("---\nname: \"\"\naliases: [\"\", x]\n---\n"), "x x")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		var probs diag.List
		p := Parse(meta.File{Path: "people/x.md", ID: "x", Data: meta.Normalize(data)}, &probs)
		if p == nil {
			return
		}
		ids := NewMatcher([]*Person{p}).Find(text)
		if len(ids) > 1 || (len(ids) == 1 && ids[0] != "x") {
			t.Fatalf("found %v", ids)
		}
	})
}
