package corpus

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// FuzzParse checks that any source file parses without panicking into
// numbered, non-empty paragraphs whose lines lie within the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../corpus/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Only a title"))
	f.Add([]byte("---\ntitle: x\nurl: \"http://[::1\"\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var probs diag.List
		data = meta.Normalize(data)
		s := Parse(meta.File{Path: "corpus/x.txt", ID: "x", Data: data}, &probs)
		if s == nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for i, p := range s.Paras {
			if p.N != i+1 || p.Anchor != "p"+strconv.Itoa(i+1) || strings.TrimSpace(p.Text) == "" || p.Line < 1 || p.Line > lines {
				t.Fatalf("paragraph %d: %+v (file of %d lines)", i, p, lines)
			}
		}
		if s.URL != "" && s.URL != "unknown" && !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") {
			t.Fatalf("accepted url %q", s.URL)
		}
	})
}
