package build

import (
	"bytes"
	"context"
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
