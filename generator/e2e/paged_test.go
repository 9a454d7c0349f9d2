package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
	statement = regexp.MustCompile(`<section class="statement" id="([^"]+)"`)
	quoteLink = regexp.MustCompile(`href="(/quotes/(?:page/[0-9]+/)?)#([^"]+)"`)
)

// TestPagedLists builds a synthetic archive of 600 fact checks (120
// sources, 30 people) with the site's own configuration and templates, and
// reads every paged list (fact checks, people, sources, each rating and
// tag, and the statements worded differently) from its first page along
// its rel="next" links: each item of the list exactly once, fact checks
// newest first, every statement of data/quotes.json, and every link to a
// statement from any page leading to the page that has it; every page
// within the weight budget and valid HTML (vnu); axe finds nothing on the
// first, a middle and the last page of the fact checks and the last quotes
// page, wide and on a phone.
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

	// A page of a list is shared as itself: its own title and address.
	second := readPage(t, public, "/claims/page/2/")
	for _, want := range []string{
		`<meta property="og:title" content="Fact checks · page 2 of `,
		`<meta property="og:url" content="https://fuente-factcheck.netlify.app/claims/page/2/">`,
		`<link rel="canonical" href="https://fuente-factcheck.netlify.app/claims/page/2/">`,
	} {
		if !strings.Contains(second, want) {
			t.Errorf("/claims/page/2/ lacks %s", want)
		}
	}

	lists := []string{"/claims/", "/people/", "/sources/", "/quotes/"}
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
	var quotesChain []string
	longest, ratedClaims := 0, 0
	for _, list := range lists {
		chain, items := readList(t, public, list)
		if list == "/quotes/" {
			statementLinks(t, public, chain)
		}
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
		case "quotes":
			// Every statement of the export, in its order.
			var data struct{ Groups []struct{ ID string } }
			b, err := os.ReadFile(filepath.Join(public, "data", "quotes.json"))
			if err == nil {
				err = json.Unmarshal(b, &data)
			}
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, g := range data.Groups {
				want = append(want, g.ID)
			}
			if !slices.Equal(items, want) {
				t.Errorf("the quotes pages show %d statements, data/quotes.json has %d (or in another order)", len(items), len(want))
			}
			if len(chain) < 2 {
				t.Errorf("the %d statements fit on %d quotes page: too few to test paging", len(want), len(chain))
			}
			quotesChain = chain
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
	sample := []string{"/claims/", middle, last, quotesChain[len(quotesChain)-1]}
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
func readList(t *testing.T, public, first string) (pages, list []string) {
	t.Helper()
	var lastDate string
	for p := first; p != ""; {
		if len(pages) > 1000 {
			t.Fatalf("%s: more than 1,000 pages: the next links loop", first)
		}
		pages = append(pages, p)
		html := readPage(t, public, p)
		items := cardLink
		if first == "/quotes/" {
			items = statement
		}
		found := items.FindAllStringSubmatch(html, -1)
		if len(found) == 0 {
			t.Errorf("%s lists nothing", p)
		}
		for _, m := range found {
			list = append(list, m[1])
		}
		if !strings.HasPrefix(first, "/people/") && !strings.HasPrefix(first, "/sources/") && first != "/quotes/" {
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
	return pages, list
}

// statementLinks checks that every link to a statement, on any page of the
// site, names the quotes page that shows it (chain: the quotes pages).
func statementLinks(t *testing.T, public string, chain []string) {
	t.Helper()
	on := map[string]string{} // statement id: its page
	for _, p := range chain {
		for _, m := range statement.FindAllStringSubmatch(readPage(t, public, p), -1) {
			on[m[1]] = p
		}
	}
	links := 0
	err := filepath.WalkDir(public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range quoteLink.FindAllStringSubmatch(string(b), -1) {
			links++
			if on[m[2]] != m[1] {
				rel, _ := filepath.Rel(public, path)
				t.Errorf("%s links %s#%s, but that statement is on %q", rel, m[1], m[2], on[m[2]])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if links == 0 {
		t.Error("no page links to a statement")
	}
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
