package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"github.com/factcheck-mx/factcheck/generator/export"
	"github.com/factcheck-mx/factcheck/generator/site"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/site-content.txtar from the real site")

const golden = "testdata/golden/site-content.txtar"

// TestRealSite builds this repository's own site: it must have no errors,
// a page for every claim, person and source, no broken internal link or
// anchor, the same bytes on a second build, and generated content equal to
// the golden archive (go test ./generator/build -run TestRealSite -update
// rewrites it; review the diff before committing).
func TestRealSite(t *testing.T) {
	dir := newSite(t, nil, true)
	ctx := context.Background()
	sum, probs, err := Build(ctx, Options{Root: dir})
	for _, p := range probs {
		t.Log(p)
	}
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if n, _ := probs.Counts(); n > 0 {
		t.Fatalf("%d errors", n)
	}
	if sum.Claims < 15 || sum.People < 15 || sum.Sources < 5 {
		t.Errorf("summary %v: want at least 15 claims, 15 people and 5 sources", sum)
	}
	// The files Hugo was seen writing are the files public/ holds.
	if n := len(filesIn(filepath.Join(dir, "public"))); sum.PublicFiles != n {
		t.Errorf("the summary counts %d files in public/, which holds %d", sum.PublicFiles, n)
	}

	for _, kind := range []struct{ dir, section string }{{"claims", "claims"}, {"people", "people"}, {"corpus", "sources"}} {
		entries, _ := os.ReadDir(filepath.Join(dir, kind.dir))
		for _, e := range entries {
			id := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".md"), ".txt")
			if base, ok := strings.CutSuffix(id, ".es"); ok {
				// A translation: the Spanish page shows it, not the
				// untranslated original.
				page, err := os.ReadFile(filepath.Join(dir, "public", "es", kind.section, base, "index.html"))
				if err != nil || bytes.Contains(page, []byte("untranslated-note")) {
					t.Errorf("%s/%s: the Spanish page does not show the translation (%v)", kind.dir, e.Name(), err)
				}
				continue
			}
			// Every page is published in each language.
			for _, lang := range []string{"", "es"} {
				if _, err := os.Stat(filepath.Join(dir, "public", lang, kind.section, id, "index.html")); err != nil {
					t.Errorf("%s/%s has no page: %v", kind.dir, e.Name(), err)
				}
			}
		}
	}

	links, pages := checkLinks(t, filepath.Join(dir, "public"))
	t.Logf("%d pages, %d internal links and anchors checked", pages, links)
	if links < 500 {
		t.Errorf("only %d internal links found; the link checker is not seeing the site", links)
	}

	checkExport(t, filepath.Join(dir, "public"))
	checkClaimReview(t, filepath.Join(dir, "public"), sum.Claims)
	checkShareCards(t, filepath.Join(dir, "public"), sum.Claims, sum.People)

	first := treeBytes(t, filepath.Join(dir, "public"))
	if _, _, err := Build(ctx, Options{Root: dir}); err != nil {
		t.Fatal(err)
	}
	second := treeBytes(t, filepath.Join(dir, "public"))
	if diff := diffTrees(first, second); diff != "" {
		t.Errorf("second build differs: %s", diff)
	}

	content := &txtar.Archive{Comment: []byte("Generated content of the real site. Rewrite with: go test ./generator/build -run TestRealSite -update\n")}
	for _, s := range site.Sections {
		for p, b := range treeBytes(t, filepath.Join(dir, "content", s)) {
			if strings.HasSuffix(p, ".png") {
				// A card's pixels are pinned by their hash and size.
				b = fmt.Appendf(nil, "PNG, %d bytes, sha256 %x\n", len(b), sha256.Sum256(b))
			}
			content.Files = append(content.Files, txtar.File{Name: "content/" + s + "/" + p, Data: b})
		}
	}
	for p, b := range treeBytes(t, filepath.Join(dir, "public", export.Dir)) {
		content.Files = append(content.Files, txtar.File{Name: "public/" + export.Dir + "/" + p, Data: b})
	}
	sort.Slice(content.Files, func(i, j int) bool { return content.Files[i].Name < content.Files[j].Name })
	got := txtar.Format(content)
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		wa := txtar.Parse(want)
		t.Errorf("generated content differs from %s: %s\nIf the change is intended, run with -update and review the diff.", golden, diffArchives(wa, content))
	}
}

// checkLinks parses every HTML page under public and checks that every
// internal href (and its #fragment) resolves to a file and an id in it.
func checkLinks(t *testing.T, public string) (links, pages int) {
	t.Helper()
	ids := map[string]map[string]bool{} // page path -> ids
	hrefs := map[string][]string{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		pages++
		ids[rel] = map[string]bool{}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key == "id" {
						ids[rel][a.Val] = true
					}
					if a.Key == "href" || a.Key == "src" {
						hrefs[rel] = append(hrefs[rel], a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for page, list := range hrefs {
		for _, h := range list {
			u, err := url.Parse(h)
			if err != nil {
				t.Errorf("%s: bad link %q", page, h)
				continue
			}
			if u.Scheme != "" || u.Host != "" || strings.HasPrefix(h, "//") {
				if u.Scheme != "http" && u.Scheme != "https" {
					t.Errorf("%s: link with scheme %q: %q", page, u.Scheme, h)
				}
				continue // external
			}
			links++
			target := page
			if u.Path != "" {
				if strings.HasPrefix(u.Path, "/") {
					target = strings.TrimPrefix(u.Path, "/")
				} else {
					target = path.Join(path.Dir(page), u.Path)
				}
				if target == "" || strings.HasSuffix(u.Path, "/") {
					target = path.Join(target, "index.html")
				}
			}
			if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: broken link %q", page, h)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: no id %q in %s", page, h, u.Fragment, target)
			}
		}
	}
	return links, pages
}

func treeBytes(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	return out
}

func diffTrees(a, b map[string][]byte) string {
	var d []string
	for p, x := range a {
		y, ok := b[p]
		if !ok {
			d = append(d, "removed "+p)
		} else if !bytes.Equal(x, y) {
			d = append(d, "changed "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			d = append(d, "added "+p)
		}
	}
	sort.Strings(d)
	return strings.Join(d, ", ")
}

func diffArchives(a, b *txtar.Archive) string {
	am, bm := map[string][]byte{}, map[string][]byte{}
	for _, f := range a.Files {
		am[f.Name] = f.Data
	}
	for _, f := range b.Files {
		bm[f.Name] = f.Data
	}
	return diffTrees(am, bm)
}

// checkExport reads the exported quotations and checks each against the
// published source page: the paragraph it names exists and holds the quoted
// words; its speaker has a page; its group lists it.
func checkExport(t *testing.T, public string) {
	t.Helper()
	var q export.Quotes
	b, err := os.ReadFile(filepath.Join(public, export.Dir, "quotes.json"))
	if err == nil {
		err = json.Unmarshal(b, &q)
	}
	if err != nil {
		t.Fatalf("quotes.json: %v", err)
	}
	if len(q.Quotes) < 20 || len(q.Groups) < 3 {
		t.Errorf("quotes.json has %d quotes and %d groups; the seed corpus has more", len(q.Quotes), len(q.Groups))
	}
	paras := map[string]map[string]string{} // source -> anchor -> text
	inGroup := map[string]string{}
	for _, g := range q.Groups {
		for _, id := range g.Quotes {
			inGroup[id] = g.ID
		}
	}
	for _, x := range q.Quotes {
		if paras[x.Source] == nil {
			paras[x.Source] = paragraphTexts(t, filepath.Join(public, "sources", x.Source, "index.html"))
		}
		if text, ok := paras[x.Source][x.Anchor]; !ok || !strings.Contains(text, x.Text) {
			t.Errorf("quote %s: paragraph %s of the source page does not hold %q", x.ID, x.Anchor, x.Text)
		}
		if x.Speaker != nil {
			if _, err := os.Stat(filepath.Join(public, "people", *x.Speaker, "index.html")); err != nil {
				t.Errorf("quote %s: speaker %s has no page", x.ID, *x.Speaker)
			}
		}
		if g := inGroup[x.ID]; (x.Group == nil) != (g == "") || x.Group != nil && *x.Group != g {
			t.Errorf("quote %s: group %v, but the groups list it in %q", x.ID, x.Group, g)
		}
	}
	var s export.Sources
	b, err = os.ReadFile(filepath.Join(public, export.Dir, "sources.json"))
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	if err != nil {
		t.Fatalf("sources.json: %v", err)
	}
	if len(s.Sources) < 5 || len(s.Relations) < 1 {
		t.Errorf("sources.json has %d sources and %d relations", len(s.Sources), len(s.Relations))
	}
	// Claims: every evidence quote is in the paragraph it names.
	var c export.Claims
	b, err = os.ReadFile(filepath.Join(public, export.Dir, "claims.json"))
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || len(c.Claims) < 15 {
		t.Fatalf("claims.json: %v, %d claims", err, len(c.Claims))
	}
	claimIDs := map[string]bool{}
	for _, cl := range c.Claims {
		claimIDs[cl.ID] = true
		if len(cl.Evidence) == 0 || cl.Label == "" {
			t.Errorf("claims.json: %s has no evidence or no rating label", cl.ID)
		}
		for _, e := range cl.Evidence {
			if paras[e.Source] == nil {
				paras[e.Source] = paragraphTexts(t, filepath.Join(public, "sources", e.Source, "index.html"))
			}
			if !strings.Contains(paras[e.Source]["p"+fmt.Sprint(e.Paragraph)], e.Quote) {
				t.Errorf("claims.json: %s: paragraph %d of %s does not hold %q", cl.ID, e.Paragraph, e.Source, e.Quote)
			}
		}
	}
	// People: their claims and quotations are the exported ones.
	var p export.People
	b, err = os.ReadFile(filepath.Join(public, export.Dir, "people.json"))
	if err == nil {
		err = json.Unmarshal(b, &p)
	}
	if err != nil || len(p.People) < 15 {
		t.Fatalf("people.json: %v, %d people", err, len(p.People))
	}
	quoteIDs := map[string]bool{}
	for _, x := range q.Quotes {
		quoteIDs[x.ID] = true
	}
	for _, per := range p.People {
		for _, id := range per.Claims {
			if !claimIDs[id] {
				t.Errorf("people.json: %s lists claim %s, not in claims.json", per.ID, id)
			}
		}
		for _, id := range per.Quotes {
			if !quoteIDs[id] {
				t.Errorf("people.json: %s lists quotation %s, not in quotes.json", per.ID, id)
			}
		}
	}
}

// paragraphTexts maps each element id of a page to its text.
func paragraphTexts(t *testing.T, page string) map[string]string {
	t.Helper()
	f, err := os.Open(page)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var text func(n *html.Node, b *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" {
				var b strings.Builder
				text(n, &b)
				out[a.Val] = b.String()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// checkClaimReview validates the ClaimReview JSON-LD of every claim page
// against the fields Google's fact-check markup requires (claimReviewed,
// reviewRating.alternateName, url, author.name) and recommends
// (datePublished; itemReviewed as a Claim with its author, date and
// appearance), the review's language and each appearance's, and a rating
// given by name and reason with no number (the scale is not a truth scale:
// methodology, "The ratings in data"), and checks that the
// feed /claims/claimreview.json carries the same objects.
func checkClaimReview(t *testing.T, public string, claims int) {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(public, "claims", "*", "index.html"))
	if len(pages) != claims {
		t.Fatalf("%d claim pages, want %d", len(pages), claims)
	}
	byURL := map[string]string{}
	for _, page := range pages {
		b, _ := os.ReadFile(page)
		const open = `<script type="application/ld+json">`
		i := bytes.Index(b, []byte(open))
		j := bytes.Index(b[max(i, 0):], []byte("</script>"))
		if i < 0 || j < 0 {
			t.Errorf("%s: no ClaimReview JSON-LD", page)
			continue
		}
		raw := b[i+len(open) : i+j]
		var cr struct {
			Context, Type, URL, ClaimReviewed, DatePublished, InLanguage string
			Author                                                       struct{ Type, Name, URL string }
			ReviewRating                                                 map[string]any
			ItemReviewed                                                 struct {
				Type          string
				Author        struct{ Type, Name string }
				DatePublished string
				Appearance    []struct{ Type, URL, Headline, InLanguage string }
			}
		}
		// encoding/json matches keys without regard to case, and the
		// JSON-LD keys with "@" are read separately.
		var at map[string]any
		if err := json.Unmarshal(raw, &cr); err != nil || json.Unmarshal(raw, &at) != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", page, err)
			continue
		}
		rel, _ := filepath.Rel(public, filepath.Dir(page))
		want := "https://fuente-factcheck.netlify.app/" + filepath.ToSlash(rel) + "/"
		problems := []struct {
			bad  bool
			what string
		}{
			{at["@context"] != "https://schema.org" || at["@type"] != "ClaimReview", "@context/@type"},
			{cr.URL != want, "url " + cr.URL + " is not the page's address " + want},
			{strings.TrimSpace(cr.ClaimReviewed) == "", "claimReviewed empty"},
			{cr.Author.Name == "" || cr.Author.URL == "", "author (the publisher) without name or url"},
			{cr.InLanguage != "en", "inLanguage " + cr.InLanguage + ", want en"},
			{cr.ReviewRating["@type"] != "Rating", "reviewRating is not a Rating"},
			{cr.ReviewRating["alternateName"] == nil || cr.ReviewRating["alternateName"] == "", "reviewRating.alternateName empty"},
			{cr.ReviewRating["ratingExplanation"] == nil || cr.ReviewRating["ratingExplanation"] == "", "reviewRating.ratingExplanation empty"},
			{cr.ReviewRating["ratingValue"] != nil || cr.ReviewRating["bestRating"] != nil || cr.ReviewRating["worstRating"] != nil, "reviewRating has a number, read by aggregators as a truth scale"},
			{!isDate(cr.DatePublished), "datePublished " + cr.DatePublished + " is not a date"},
			{cr.ItemReviewed.Author.Name == "", "itemReviewed.author.name empty"},
			{len(cr.ItemReviewed.Appearance) == 0 || cr.ItemReviewed.Appearance[0].URL == "", "itemReviewed.appearance without url"},
			{len(cr.ItemReviewed.Appearance) > 0 && cr.ItemReviewed.Appearance[0].InLanguage != "en", "itemReviewed.appearance without its source's language (every source of the corpus is in English)"},
			{cr.ItemReviewed.DatePublished != "" && !isDate(cr.ItemReviewed.DatePublished), "itemReviewed.datePublished " + cr.ItemReviewed.DatePublished + " is not a date"},
		}
		for _, p := range problems {
			if p.bad {
				t.Errorf("%s: ClaimReview %s", rel, p.what)
			}
		}
		var compact bytes.Buffer
		json.Compact(&compact, raw)
		byURL[cr.URL] = compact.String()
	}
	var feed struct {
		Type     string            `json:"@type"`
		Elements []json.RawMessage `json:"dataFeedElement"`
	}
	b, err := os.ReadFile(filepath.Join(public, "claims", "claimreview.json"))
	if err == nil {
		err = json.Unmarshal(b, &feed)
	}
	if err != nil || feed.Type != "DataFeed" || len(feed.Elements) != claims {
		t.Fatalf("claimreview.json: %v, type %q, %d elements, want %d", err, feed.Type, len(feed.Elements), claims)
	}
	for _, e := range feed.Elements {
		var x struct{ URL string }
		json.Unmarshal(e, &x)
		var compact bytes.Buffer
		json.Compact(&compact, e)
		if byURL[x.URL] != compact.String() {
			t.Errorf("claimreview.json: the element for %s differs from the page's JSON-LD", x.URL)
		}
	}
}

// isDate accepts YYYY, YYYY-MM or YYYY-MM-DD, as schema.org Date allows.
func isDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
