package build

import (
	"bytes"
	"context"
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

	for _, kind := range []struct{ dir, section string }{{"claims", "claims"}, {"people", "people"}, {"corpus", "sources"}} {
		entries, _ := os.ReadDir(filepath.Join(dir, kind.dir))
		for _, e := range entries {
			id := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".md"), ".txt")
			if _, err := os.Stat(filepath.Join(dir, "public", kind.section, id, "index.html")); err != nil {
				t.Errorf("%s/%s has no page: %v", kind.dir, e.Name(), err)
			}
		}
	}

	links, pages := checkLinks(t, filepath.Join(dir, "public"))
	t.Logf("%d pages, %d internal links and anchors checked", pages, links)
	if links < 500 {
		t.Errorf("only %d internal links found; the link checker is not seeing the site", links)
	}

	checkExport(t, filepath.Join(dir, "public"))

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
