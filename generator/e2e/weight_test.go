package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Budget is the most a page may weigh, transferred: its HTML, stylesheets
// and fonts, compressed as the host sends them.
const Budget = 50 * 1024

var (
	stylesheet = regexp.MustCompile(`<link rel="?stylesheet"? href="?([^" >]+)"?`)
	script     = regexp.MustCompile(`<script [^>]*src="?([^" >]+)"?`)
	fontURL    = regexp.MustCompile(`url\(["']?([^"')]+\.(?:woff2?|ttf|otf))["']?\)`)
)

// weight is what one page costs a reader.
type weight struct {
	path                 string
	html, css, fonts, js int // gzip-compressed bytes
	cssFiles, fontFiles  int
	scriptFiles          int
}

func (w weight) total() int { return w.html + w.css + w.fonts }

// TestWeight measures every page of the built site: HTML plus stylesheets
// plus fonts, gzip-compressed (Netlify sends gzip or Brotli, which is
// smaller), against the 50 KB budget. It prints the heaviest page of each
// type (scripts/page-weight shows the table); scripts are listed apart, as
// only the search page has any.
func TestWeight(t *testing.T) {
	public, _ := publishedSite(t)
	heaviest := map[string]weight{}
	count := map[string]int{}
	paths := append(pagePaths(t, public), "/404.html")
	for _, p := range paths {
		w := pageWeight(t, public, p)
		typ := pageType(p)
		if p == "/404.html" {
			typ = "404"
		}
		count[typ]++
		if w.total() > Budget {
			t.Errorf("%s weighs %.1f KB (HTML %.1f, CSS %.1f, fonts %.1f), over the %d KB budget", p, kb(w.total()), kb(w.html), kb(w.css), kb(w.fonts), Budget/1024)
		}
		if h, ok := heaviest[typ]; !ok || w.total() > h.total() {
			heaviest[typ] = w
		}
	}
	types := make([]string, 0, len(heaviest))
	for typ := range heaviest {
		types = append(types, typ)
	}
	sort.Strings(types)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-13s %5s  %-54s %8s %8s %8s %9s %8s\n", "page type", "pages", "heaviest page", "HTML", "CSS", "fonts", "total", "scripts")
	for _, typ := range types {
		w := heaviest[typ]
		js := "-"
		if w.scriptFiles > 0 {
			js = fmt.Sprintf("%.1f KB", kb(w.js))
		}
		fmt.Fprintf(&b, "%-13s %5d  %-54s %5.1f KB %5.1f KB %5.1f KB %6.1f KB %8s\n", typ, count[typ], w.path, kb(w.html), kb(w.css), kb(w.fonts), kb(w.total()), js)
	}
	fmt.Fprintf(&b, "budget %d KB per page (HTML + CSS + fonts, gzip -9); %d pages measured", Budget/1024, len(paths))
	t.Log(b.String())
	if len(paths) < 70 {
		t.Errorf("only %d pages measured", len(paths))
	}
}

func pageWeight(t *testing.T, public, path string) weight {
	t.Helper()
	file := filepath.Join(public, filepath.FromSlash(path))
	if strings.HasSuffix(path, "/") {
		file = filepath.Join(file, "index.html")
	}
	html, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	w := weight{path: path, html: gz(html)}
	for _, m := range stylesheet.FindAllSubmatch(html, -1) {
		css := asset(t, public, string(m[1]))
		w.css += gz(css)
		w.cssFiles++
		for _, f := range fontURL.FindAllSubmatch(css, -1) {
			w.fonts += len(asset(t, public, string(f[1]))) // fonts are compressed already
			w.fontFiles++
		}
	}
	if w.cssFiles == 0 {
		t.Errorf("%s links no stylesheet", path)
	}
	for _, m := range script.FindAllSubmatch(html, -1) {
		w.js += gz(asset(t, public, string(m[1])))
		w.scriptFiles++
	}
	return w
}

// asset reads a file the site links to by its root-relative address.
func asset(t *testing.T, public, href string) []byte {
	t.Helper()
	if !strings.HasPrefix(href, "/") {
		t.Fatalf("asset %q is not a root-relative address", href)
	}
	b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(href)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gz(b []byte) int {
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	z.Write(b)
	z.Close()
	return buf.Len()
}

func kb(n int) float64 { return float64(n) / 1024 }
