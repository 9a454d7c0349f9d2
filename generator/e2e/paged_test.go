package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/synth"
)

// pagedClaims is the size of the archive TestPagedLists builds: large
// enough that every kind of list runs to several pages at the site's own
// pager size (config.toml) and the fact checks' navigation has gaps on
// both sides of a middle page.
const pagedClaims = 600

var (
	nextLink  = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	cardLink  = regexp.MustCompile(`<h[23]><a href="(/(?:claims|people|sources)/[^"/]+/)">`)
	cardDate  = regexp.MustCompile(`<time datetime="([^"]+)">`)
	termCount = regexp.MustCompile(`<h2>([0-9,]+) fact checks?</h2>`)
	navNumber = regexp.MustCompile(`<span class="visually-hidden">Page </span>([0-9]+)</a>`)
)

// TestPagedLists builds a synthetic archive of 600 fact checks (120
// sources, 30 people) with the site's own configuration and templates, and
// reads every paged list (fact checks, people, sources, each rating and
// tag) from its first page along its rel="next" links: each item of the
// list exactly once, fact checks newest first; every page within the
// weight budget and valid HTML (vnu); axe finds nothing on the first, a
// middle and the last page of the fact checks, wide and on a phone.
func TestPagedLists(t *testing.T) {
	root := repoRoot(t)
	dir := t.TempDir()
	if err := synth.Skeleton(root, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Write(dir, pagedClaims, 1); err != nil {
		t.Fatal(err)
	}
	if _, probs, err := build.Build(context.Background(), build.Options{Root: dir}); err != nil {
		t.Fatalf("build: %v\n%v", err, probs)
	}
	public := filepath.Join(dir, "public")

	lists := []string{"/claims/", "/people/", "/sources/"}
	for _, taxonomy := range []string{"ratings", "tags"} {
		entries, err := os.ReadDir(filepath.Join(public, taxonomy))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				lists = append(lists, "/"+taxonomy+"/"+e.Name()+"/")
			}
		}
	}
	var pages []string // every page of every list
	longest, ratedClaims := 0, 0
	for _, list := range lists {
		chain, items := readList(t, public, list)
		pages = append(pages, chain...)
		longest = max(longest, len(chain))
		seen := map[string]bool{}
		for _, it := range items {
			if seen[it] {
				t.Errorf("%s: %s is listed twice", list, it)
			}
			seen[it] = true
		}
		switch section := strings.Split(list, "/")[1]; section {
		case "claims", "people", "sources":
			// Every page of the section, and nothing else.
			entries, err := os.ReadDir(filepath.Join(public, section))
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, e := range entries {
				if e.IsDir() && e.Name() != "page" {
					want++
					if !seen["/"+section+"/"+e.Name()+"/"] {
						t.Errorf("%s: /%s/%s/ is on no page of the list", list, section, e.Name())
					}
				}
			}
			if len(items) != want {
				t.Errorf("%s lists %d items, want %d", list, len(items), want)
			}
		default:
			// As many as the term's page says it has.
			first := readPage(t, public, list)
			m := termCount.FindStringSubmatch(first)
			if m == nil {
				t.Fatalf("%s: no count of fact checks", list)
			}
			n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
			if len(items) != n {
				t.Errorf("%s lists %d fact checks, its heading says %d", list, len(items), n)
			}
			if section == "ratings" {
				ratedClaims += n
			}
		}
		if len(chain) > 1 {
			for _, p := range chain {
				if w := pageWeight(t, public, p); w.total() > Budget {
					t.Errorf("%s weighs %.1f KB, over the %d KB budget", p, kb(w.total()), Budget/1024)
				}
			}
		}
	}
	if ratedClaims != pagedClaims {
		t.Errorf("the ratings list %d fact checks in all, want %d", ratedClaims, pagedClaims)
	}
	if longest < 5 {
		t.Fatalf("the longest list has %d pages: too few to test paging", longest)
	}

	files := make([]string, len(pages))
	for i, p := range pages {
		files[i] = filepath.Join(public, filepath.FromSlash(p), "index.html")
	}
	errs := checkHTML(t, public, files...)

	claimPages := 0
	for _, p := range pages {
		if strings.HasPrefix(p, "/claims/") {
			claimPages++
		}
	}
	middle := fmt.Sprintf("/claims/page/%d/", (claimPages+1)/2)
	last := fmt.Sprintf("/claims/page/%d/", claimPages)
	nav := navNumber.FindAllStringSubmatch(readPage(t, public, middle), -1)
	var numbers []string
	for _, m := range nav {
		numbers = append(numbers, m[1])
	}
	// The first, the last and two either side: not every page.
	if len(numbers) != 7 || numbers[0] != "1" || numbers[6] != strconv.Itoa(claimPages) {
		t.Errorf("%s links pages %v, want 1, two either side of %d, and %d", middle, numbers, (claimPages+1)/2, claimPages)
	}
	url := serve(t, public)
	sample := []string{"/claims/", middle, last}
	got := runAxe(t, url, []axeMode{
		{"wide", 1280, 900, "light", sample},
		{"narrow", 390, 844, "light", sample},
	})
	passes := checkAxe(t, got, func(string) int { return 200 })
	t.Logf("%d lists, %d pages (the longest %d), read along their next links: every item once; %d vnu errors; axe on %v: %d rule passes", len(lists), len(pages), longest, errs, sample, passes)
}

// readList follows a list's rel="next" links from its first page and
// returns the pages read and the items they list, in order. Fact checks
// must run newest first across the pages.
func readList(t *testing.T, public, first string) (pages, items []string) {
	t.Helper()
	var lastDate string
	for p := first; p != ""; {
		if len(pages) > 1000 {
			t.Fatalf("%s: more than 1,000 pages: the next links loop", first)
		}
		pages = append(pages, p)
		html := readPage(t, public, p)
		found := cardLink.FindAllStringSubmatch(html, -1)
		if len(found) == 0 {
			t.Errorf("%s lists nothing", p)
		}
		for _, m := range found {
			items = append(items, m[1])
		}
		if !strings.HasPrefix(first, "/people/") && !strings.HasPrefix(first, "/sources/") {
			for _, m := range cardDate.FindAllStringSubmatch(html, -1) {
				if lastDate != "" && m[1] > lastDate {
					t.Errorf("%s: a fact check of %s follows one of %s: not newest first", p, m[1], lastDate)
				}
				lastDate = m[1]
			}
		}
		p = ""
		if m := nextLink.FindStringSubmatch(html); m != nil {
			p = m[1]
		}
	}
	for _, p := range pages {
		if !strings.HasPrefix(p, first) {
			t.Errorf("%s: its next links lead out of the list, to %s", first, p)
		}
	}
	return pages, items
}

// readPage reads the HTML of the page at path.
func readPage(t *testing.T, public, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
