package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvidenceLinks follows every evidence link of every claim page in
// Chromium, on a phone-sized screen: it must land on its paragraph (the
// :target, outlined and in view) with the quoted words highlighted and a link
// back to the claim, and Back must return to the claim.
func TestEvidenceLinks(t *testing.T) {
	script := filepath.Join(repoRoot(t), "testtools", "evidence.mjs")
	nodePackage(t, "playwright-core")
	chrome := chromium(t)
	public, url := publishedSite(t)
	var claims []string
	for _, p := range pagePaths(t, public) {
		if pageType(p) == "claim" {
			claims = append(claims, p)
		}
	}
	js, _ := json.Marshal(claims)
	out := run(t, repoRoot(t), []string{"CHROMIUM=" + chrome}, "node", script, url, string(js))
	var got []struct {
		Claim, Link, Target, Outline, Returned string
		Marked                                 int
		Back, InView                           bool
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "["):]), &got); err != nil {
		t.Fatalf("evidence.mjs: %v\n%s", err, out)
	}
	for _, g := range got {
		want := g.Link[strings.Index(g.Link, "#")+1:]
		switch {
		case g.Target != want:
			t.Errorf("%s: %s landed on %q, not its paragraph", g.Claim, g.Link, g.Target)
		case g.Outline == "none" || g.Marked == 0 || !g.InView:
			t.Errorf("%s: %s: paragraph outline %q, %d highlights, in view %v: the reader cannot see where the quote is", g.Claim, g.Link, g.Outline, g.Marked, g.InView)
		case !g.Back:
			t.Errorf("%s: %s: the paragraph has no link back to the claim", g.Claim, g.Link)
		}
		if g.Returned != g.Claim {
			t.Errorf("%s: Back from %s went to %s", g.Claim, g.Link, g.Returned)
		}
	}
	if len(got) < 2*len(claims) {
		t.Errorf("only %d evidence links followed on %d claims", len(got), len(claims))
	}
	t.Logf("%d evidence links on %d claim pages followed there and back", len(got), len(claims))
}
