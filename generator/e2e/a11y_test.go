package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type axeResult struct {
	Mode, Path string
	Status     int
	Passes     int
	Violations []struct {
		ID, Impact, Help string
		Nodes            []string
		Count            int
	}
	Problems []string
}

// TestAccessibility runs axe-core (WCAG 2.x A and AA, and best practices)
// in headless Chromium on every page of the built site at a desktop width
// in the light scheme, and on one page of each type (home, claim, person,
// source, each list, rating, tag, search with results, a hand-written page,
// 404) on a phone in light and on a desktop in dark: zero violations, no
// console error, no Content-Security-Policy violation. SCREENSHOTS=DIR saves
// a full-page screenshot of each.
func TestAccessibility(t *testing.T) {
	public, url := publishedSite(t)

	pages := pagePaths(t, public)
	// Search with results (in each language), and 404.
	extra := []string{"/search/?q=embassy", "/es/search/?q=embajada", "/no-such-page/", "/es/no-such-page/"}
	all := append(pages, extra...)
	each := extra
	seen := map[string]bool{"search": true, "es search": true}
	for _, p := range pages {
		// The first page of each type, but the richest claim, person and
		// source (the most bytes) stand for theirs.
		typ := pageType(p)
		if seen[typ] || strings.TrimPrefix(typ, "es ") == "claim" || strings.TrimPrefix(typ, "es ") == "person" || strings.TrimPrefix(typ, "es ") == "source" {
			continue
		}
		seen[typ] = true
		each = append(each, p)
	}
	for _, section := range []string{"claims", "people", "sources", "es/claims", "es/people", "es/sources"} {
		each = append(each, largest(t, public, section))
	}
	modes := []axeMode{
		{"wide", 1280, 900, "light", all},
		{"narrow", 390, 844, "light", each},
		{"dark", 1280, 900, "dark", each},
	}
	got := runAxe(t, url, modes)
	passes := checkAxe(t, got, func(path string) int {
		if path == "/no-such-page/" || path == "/es/no-such-page/" {
			return 404
		}
		return 200
	})
	t.Logf("axe: %d page loads (%d pages wide/light, %d page types narrow/light and wide/dark), %d rule passes, 0 violations allowed", len(got), len(all), len(each), passes)
}

// axeMode is one way testtools/axe.mjs loads pages: a viewport, a colour
// scheme and the paths to load so.
type axeMode struct {
	Name   string   `json:"name"`
	Width  int      `json:"width"`
	Height int      `json:"height"`
	Scheme string   `json:"scheme"`
	Paths  []string `json:"paths"`
}

// runAxe runs axe-core in Chromium on the paths of modes under url (saving
// screenshots in $SCREENSHOTS if set) and returns a result per page load.
func runAxe(t *testing.T, url string, modes []axeMode) []axeResult {
	t.Helper()
	script := filepath.Join(repoRoot(t), "testtools", "axe.mjs")
	nodePackage(t, "playwright-core")
	nodePackage(t, "axe-core")
	chrome := chromium(t)
	js, _ := json.Marshal(modes)
	args := []string{script, url, string(js)}
	if shots := os.Getenv("SCREENSHOTS"); shots != "" {
		args = append(args, shots)
	}
	out := run(t, repoRoot(t), []string{"CHROMIUM=" + chrome}, "node", args...)
	var got []axeResult
	if err := json.Unmarshal([]byte(out[strings.Index(out, "["):]), &got); err != nil {
		t.Fatalf("axe.mjs: %v\n%s", err, out)
	}
	want := 0
	for _, m := range modes {
		want += len(m.Paths)
	}
	if len(got) != want {
		t.Fatalf("%d pages checked, want %d", len(got), want)
	}
	return got
}

// checkAxe reports every violation, console or policy problem and unexpected
// status (status gives the one each path must answer with) as a test
// error, and returns the number of rules passed.
func checkAxe(t *testing.T, got []axeResult, status func(path string) int) int {
	t.Helper()
	passes := 0
	for _, r := range got {
		if want := status(r.Path); r.Status != want {
			t.Errorf("%s %s: status %d, want %d", r.Mode, r.Path, r.Status, want)
		}
		for _, v := range r.Violations {
			t.Errorf("%s %s: %s (%s, %d elements): %s\n\t%s", r.Mode, r.Path, v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Nodes, "\n\t"))
		}
		for _, p := range r.Problems {
			t.Errorf("%s %s: %s", r.Mode, r.Path, p)
		}
		if r.Passes < 20 {
			t.Errorf("%s %s: axe passed only %d rules: did it run on the page?", r.Mode, r.Path, r.Passes)
		}
		passes += r.Passes
	}
	return passes
}

// largest returns the path of the biggest page in a section.
func largest(t *testing.T, public, section string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(public, section))
	if err != nil {
		t.Fatal(err)
	}
	best, size := "", int64(-1)
	for _, e := range entries {
		st, err := os.Stat(filepath.Join(public, section, e.Name(), "index.html"))
		if err == nil && st.Size() > size {
			best, size = e.Name(), st.Size()
		}
	}
	if best == "" {
		t.Fatalf("no pages in %s", section)
	}
	return "/" + section + "/" + best + "/"
}
