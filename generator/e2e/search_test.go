package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/diag"
)

// What the search page shows for one case (see testtools/search.mjs).
type searchCase struct {
	Name     string         `json:"name"`
	CSP      string         `json:"csp"`
	Status   string         `json:"status"`
	Address  string         `json:"address"`
	Results  []searchResult `json:"results"`
	Problems []string       `json:"problems"`
}

type searchResult struct {
	Title, URL, Kind, Rating, Excerpt string
	Marks, Elements                   []string
}

// The site's export, to know what each filter must find.
type exported struct {
	Claims []struct {
		ID, Title, Claimant, Rating, RatingLabel string
	}
	People []struct {
		ID, Name    string
		Claims      []string
		MentionedIn []string
	}
}

// hostileSummary is a claim summary a contributor might write to inject
// markup; the search page must show it as text.
const hostileSummary = `zqhostile <img src=x onerror="alert(1)"> <b>bold</b> &amp; <script>alert(2)</script>`

// TestSearch builds the real site with its Pagefind index, serves it with
// netlify.toml's headers and uses the search page in Chromium: words, each
// rating filter, a person filter, the form as a reader fills it in, no
// results, a hostile claim, and the page without JavaScript. Every filter
// must find exactly the pages the site's own data says it should.
func TestSearch(t *testing.T) {
	node := "node"
	script := filepath.Join(repoRoot(t), "testtools", "search.mjs")
	nodePackage(t, "playwright-core")
	chrome := chromium(t)

	dir := copyRepo(t)
	hostile := filepath.Join(dir, "claims", "abbasi-mexico-authorized-37-new-russian-diplomats.md")
	b, err := os.ReadFile(hostile)
	if err != nil {
		t.Fatal(err)
	}
	summary := "summary: \"Other reporting agrees Russia added dozens of embassy staff with Mexico's accreditation, but the figures 37, 49 and 46 appear only here, with no source given.\""
	hb := strings.Replace(string(b), summary, "summary: '"+hostileSummary+"'", 1)
	if hb == string(b) {
		t.Fatal("the hostile claim's summary line was not found: update the test")
	}
	os.WriteFile(hostile, []byte(hb), 0o644)

	sum, probs, err := build.Build(context.Background(), build.Options{Root: dir, Search: pagefind(t)})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, probs)
	}
	public := filepath.Join(dir, "public")
	for _, f := range []string{"pagefind/pagefind.js", "pagefind/pagefind-entry.json", "search/index.html"} {
		if _, err := os.Stat(filepath.Join(public, f)); err != nil {
			t.Fatalf("no %s in the built site", f)
		}
	}

	var data exported
	for _, f := range []string{"claims.json", "people.json"} {
		b, err := os.ReadFile(filepath.Join(public, "data", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &data); err != nil {
			t.Fatal(err)
		}
	}
	if len(data.Claims) != sum.Claims || len(data.People) != sum.People {
		t.Fatalf("export has %d claims and %d people, the build %d and %d", len(data.Claims), len(data.People), sum.Claims, sum.People)
	}

	type want struct {
		urls   []string // exactly these pages, when not nil
		rating string   // every result has this rating
		status string
	}
	type kase struct {
		Name   string            `json:"name"`
		Path   string            `json:"path"`
		Type   *string           `json:"type,omitempty"`
		Select map[string]string `json:"select,omitempty"`
		want   want
	}
	var cases []kase
	q := func(v url.Values) string { return "/search/?" + v.Encode() }
	count := func(n int, one, other string) string {
		if n == 1 {
			return strings.ReplaceAll(one, "{n}", "1")
		}
		return strings.ReplaceAll(other, "{n}", fmt.Sprint(n))
	}

	// Each rating: exactly the claims with it.
	ratings := map[string][]string{}
	for _, c := range data.Claims {
		ratings[c.RatingLabel] = append(ratings[c.RatingLabel], "/claims/"+c.ID+"/")
	}
	for label, urls := range ratings {
		cases = append(cases, kase{Name: "rating-" + strings.ReplaceAll(strings.ToLower(label), " ", "-"), Path: q(url.Values{"rating": {label}}),
			want: want{urls: urls, rating: label, status: count(len(urls), "{n} page matches the filters", "{n} pages match the filters")}})
	}
	// The person with the longest record: their claims, their page and
	// every source that mentions them.
	best := data.People[0]
	for _, p := range data.People {
		if len(p.Claims)+len(p.MentionedIn) > len(best.Claims)+len(best.MentionedIn) {
			best = p
		}
	}
	personURLs := []string{"/people/" + best.ID + "/"}
	for _, c := range best.Claims {
		personURLs = append(personURLs, "/claims/"+c+"/")
	}
	for _, s := range best.MentionedIn {
		personURLs = append(personURLs, "/sources/"+s+"/")
	}
	cases = append(cases, kase{Name: "person", Path: q(url.Values{"person": {best.Name}}),
		want: want{urls: personURLs, status: count(len(personURLs), "{n} page matches the filters", "{n} pages match the filters")}})
	// Words, then the reader's way: type words and choose a filter.
	cases = append(cases, kase{Name: "words", Path: q(url.Values{"q": {"embassy"}})})
	target := data.Claims[len(data.Claims)-1]
	word := longestWord(target.Title)
	cases = append(cases, kase{Name: "form", Path: "/search/", Type: &word, Select: map[string]string{"rating": target.RatingLabel},
		want: want{rating: target.RatingLabel}})
	cases = append(cases, kase{Name: "none", Path: q(url.Values{"q": {"xqzzyvw"}}),
		want: want{urls: []string{}, status: "Nothing matches. Try fewer words, or remove a filter."}})
	cases = append(cases, kase{Name: "hostile", Path: q(url.Values{"q": {"zqhostile"}}),
		want: want{urls: []string{"/claims/abbasi-mexico-authorized-37-new-russian-diplomats/"}, status: `1 result for “zqhostile”`}})
	// The Spanish edition searches its own index (Pagefind's, by the
	// page's language): a rating by its Spanish label finds exactly the
	// Spanish pages of the claims with it, and Spanish words find Spanish
	// pages.
	var cfgProbs diag.List
	cfg := config.Load(dir, &cfgProbs)
	for _, rt := range cfg.Scale {
		if rt.ID != "attributed" {
			continue
		}
		var urls []string
		for _, c := range data.Claims {
			if c.Rating == rt.ID {
				urls = append(urls, "/es/claims/"+c.ID+"/")
			}
		}
		label := rt.In("es").Label
		cases = append(cases, kase{Name: "es-rating", Path: "/es/search/?" + url.Values{"rating": {label}}.Encode(), want: want{urls: urls, rating: label}})
	}
	cases = append(cases, kase{Name: "es-words", Path: "/es/search/?" + url.Values{"q": {"embajada"}}.Encode()})

	js, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{script, serve(t, public), string(js)}
	if shots := os.Getenv("SCREENSHOTS"); shots != "" {
		args = append(args, shots)
	}
	out := run(t, repoRoot(t), []string{"CHROMIUM=" + chrome}, node, args...)
	var got []searchCase
	if err := json.Unmarshal([]byte(out[strings.Index(out, "["):]), &got); err != nil {
		t.Fatalf("search.mjs printed no results: %v\n%s", err, out)
	}
	if len(got) != len(cases)+1 {
		t.Fatalf("%d cases reported, want %d", len(got), len(cases)+1)
	}

	for i, c := range cases {
		g := got[i]
		t.Run(c.Name, func(t *testing.T) {
			for _, p := range g.Problems {
				t.Errorf("in the browser: %s", p)
			}
			if !strings.Contains(g.CSP, "default-src 'self'") {
				t.Errorf("the page was not served with the site's Content-Security-Policy: %q", g.CSP)
			}
			if c.want.status != "" && g.Status != c.want.status {
				t.Errorf("status %q, want %q", g.Status, c.want.status)
			}
			var urls []string
			for _, r := range g.Results {
				urls = append(urls, r.URL)
				if r.Title == "" || r.Kind == "" {
					t.Errorf("result without title or kind: %+v", r)
				}
				if c.want.rating != "" && r.Rating != c.want.rating {
					t.Errorf("%s: rating %q, want %q", r.URL, r.Rating, c.want.rating)
				}
				for _, e := range r.Elements {
					if e != "mark" {
						t.Errorf("%s: the excerpt holds a <%s> element: only highlights may be markup", r.URL, e)
					}
				}
				if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(r.URL), "index.html")); err != nil {
					t.Errorf("result %s is not a page of the site", r.URL)
				}
			}
			if c.want.urls != nil {
				slices.Sort(urls)
				w := slices.Clone(c.want.urls)
				slices.Sort(w)
				w = slices.Compact(w)
				if !slices.Equal(urls, w) {
					t.Errorf("found\n  %v\nwant\n  %v", urls, w)
				}
			}
			switch c.Name {
			case "words":
				if len(g.Results) < 3 {
					t.Errorf("%d results for embassy, want several", len(g.Results))
				}
				for _, r := range g.Results {
					if len(r.Marks) == 0 || !strings.HasPrefix(strings.ToLower(r.Marks[0]), "embass") {
						t.Errorf("%s: highlights %q, want the word searched for", r.URL, r.Marks)
					}
				}
				if g.Status != fmt.Sprintf("%d results for “embassy”", len(g.Results)) {
					t.Errorf("status %q", g.Status)
				}
			case "form":
				if !slices.Contains(urls, "/claims/"+target.ID+"/") {
					t.Errorf("typing %q with rating %q did not find %s: %v", word, target.RatingLabel, target.ID, urls)
				}
				if !strings.Contains(g.Address, "q="+url.QueryEscape(word)) || !strings.Contains(g.Address, "rating=") {
					t.Errorf("the address does not keep the search: %s", g.Address)
				}
			case "es-words":
				if len(g.Results) < 3 {
					t.Errorf("%d results for embajada, want several", len(g.Results))
				}
				for _, r := range g.Results {
					if !strings.HasPrefix(r.URL, "/es/") {
						t.Errorf("%s: a Spanish search found a page of another language", r.URL)
					}
				}
			case "hostile":
				if len(g.Results) == 1 && !strings.Contains(g.Results[0].Excerpt, `<img src=x onerror="alert(1)"> <b>bold</b> &amp; <script>`) {
					t.Errorf("the hostile summary is not shown as text: %q", g.Results[0].Excerpt)
				}
			}
		})
	}
	nojs := got[len(got)-1]
	if nojs.Name != "nojs" || !strings.Contains(nojs.Status, "needs JavaScript") {
		t.Errorf("without JavaScript the search page says %q, want the note that search needs JavaScript", nojs.Status)
	}
}

// longestWord returns the longest word of s (letters only), a word that
// finds s's page.
func longestWord(s string) string {
	best := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}
