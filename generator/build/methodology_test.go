package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/diag"
)

// TestMethodologyListsNeeds keeps the methodology page's table of what each
// rating needs in step with config.toml, which check enforces: the page is
// written by hand, and a reader must see the rules that are applied.
func TestMethodologyListsNeeds(t *testing.T) {
	var probs diag.List
	cfg := config.Load(repoRoot, &probs)
	if len(cfg.Scale) == 0 {
		t.Fatalf("no scale in config.toml: %v", probs)
	}
	page, err := os.ReadFile(filepath.Join(repoRoot, "content", "methodology.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cfg.Scale {
		row := fmt.Sprintf("| **%s** | %s |", r.Label, needsText(r))
		if !strings.Contains(string(page), row) {
			t.Errorf("content/methodology.md lacks the row\n%s\n(what config.toml says %q needs)", row, r.ID)
		}
	}
}

// needsText says what a rating needs as the methodology page words it.
func needsText(r claims.Rating) string {
	var parts []string
	if n := r.Needs.Statement; n == 1 {
		parts = append(parts, "the claim's statement")
	} else {
		parts = append(parts, fmt.Sprintf("the claim's statement from at least %d origins", n))
	}
	words := map[string]string{"supports": "supporting evidence", "contradicts": "contradicting evidence"}
	for _, st := range []string{"supports", "contradicts"} {
		if n := r.Needs.Get(st); n > 0 {
			// Only support must be independent of the statement.
			independent := map[string]string{"supports": "independent "}[st]
			parts = append(parts, fmt.Sprintf("%s from at least %d %s%s", words[st], n, independent, plural(n, "origin", "origins")))
		}
		switch m := r.Limit(st); {
		case m == 0:
			parts = append(parts, "no "+words[st])
		case m > 0:
			parts = append(parts, fmt.Sprintf("%s from at most %d %s", words[st], m, plural(m, "origin", "origins")))
		}
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
