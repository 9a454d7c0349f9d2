package build

import (
	"bytes"
	"image"
	_ "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/factcheck-mx/factcheck/generator/card"
)

// cardBudget is the most a share card may weigh. Networks take up to
// 5-8 MB; a card is fetched once per share, and the site's are flat colour
// and text, stored as paletted PNG: about 15-35 KB.
const cardBudget = 64 << 10

// checkShareCards checks every HTML page's Open Graph and Twitter card
// metadata: title, description, the canonical address as og:url, site
// name, locale, and an absolute og:image that is a file in public/ of
// card.Width×card.Height, under cardBudget, described by its alt text.
// Claim and person pages show their own card; every other page the
// site's.
func checkShareCards(t *testing.T, public string, claims, people int) {
	t.Helper()
	const base = "https://fuente-factcheck.netlify.app/"
	own := map[string]int{}
	weights := map[string]int{}
	pages := 0
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		if rel == "404.html" || rel == "es/404.html" || strings.HasPrefix(rel, "pagefind/") {
			return nil
		}
		// A Spanish page: under es/, its locale es_MX, its cards named as
		// Hugo names a translation's files (card.es.png).
		lang, locale, cardFile := "", "en_US", "card.png"
		if after, ok := strings.CutPrefix(rel, "es/"); ok {
			lang, locale, cardFile, rel = "es/", "es_MX", "card.es.png", after
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`http-equiv="refresh"`)) {
			return nil // an alias redirecting to a renamed page
		}
		pages++
		m, canonical := metaTags(t, b)
		for _, k := range []string{"og:title", "og:description", "og:url", "og:site_name", "og:locale", "og:type", "og:image", "og:image:alt", "twitter:card"} {
			if strings.TrimSpace(m[k]) == "" {
				t.Errorf("%s: no %s", rel, k)
			}
		}
		if m["og:url"] != canonical {
			t.Errorf("%s: og:url %q is not the canonical address %q", rel, m["og:url"], canonical)
		}
		if m["og:site_name"] != "Fuente" || m["og:locale"] != locale {
			t.Errorf("%s: og:site_name %q, og:locale %q", rel, m["og:site_name"], m["og:locale"])
		}
		if m["twitter:card"] != "summary_large_image" {
			t.Errorf("%s: twitter:card %q, want summary_large_image", rel, m["twitter:card"])
		}
		img := m["og:image"]
		dir := strings.TrimSuffix(rel, "index.html")
		want := base + lang + "share/" + cardFile
		switch {
		case strings.HasPrefix(rel, "claims/") && strings.Count(rel, "/") == 2 && !strings.HasPrefix(rel, "claims/page/"):
			want = base + lang + dir + cardFile
			own["claim"]++
			if m["og:type"] != "article" || m["article:published_time"] == "" {
				t.Errorf("%s: og:type %q, article:published_time %q: a fact check is an article with its date", rel, m["og:type"], m["article:published_time"])
			}
		case strings.HasPrefix(rel, "people/") && strings.Count(rel, "/") == 2 && !strings.HasPrefix(rel, "people/page/"):
			want = base + lang + dir + cardFile
			own["person"]++
		}
		if img != want {
			t.Errorf("%s: og:image %q, want %q", rel, img, want)
			return nil
		}
		file := filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(img, base)))
		data, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: og:image %s is not in public/: %v", rel, img, err)
			return nil
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "png" || cfg.Width != card.Width || cfg.Height != card.Height {
			t.Errorf("%s: og:image %s is %s %dx%d (%v), want a PNG of %dx%d", rel, img, format, cfg.Width, cfg.Height, err, card.Width, card.Height)
		}
		if m["og:image:width"] != "1200" || m["og:image:height"] != "630" || m["og:image:type"] != "image/png" {
			t.Errorf("%s: og:image:width %q, height %q, type %q", rel, m["og:image:width"], m["og:image:height"], m["og:image:type"])
		}
		if len(data) > cardBudget {
			t.Errorf("%s: its card weighs %d bytes, over the budget of %d", rel, len(data), cardBudget)
		}
		weights[img] = len(data)
		return nil
	})
	// Each claim and person has a page in English and one in Spanish.
	if own["claim"] != 2*claims || own["person"] != 2*people {
		t.Errorf("%d claim pages and %d person pages with their own card, want %d and %d", own["claim"], own["person"], 2*claims, 2*people)
	}
	if pages < claims+people+20 {
		t.Errorf("only %d pages checked", pages)
	}
	most, total := 0, 0
	for _, w := range weights {
		most = max(most, w)
		total += w
	}
	if len(weights) > 0 {
		t.Logf("share cards: %d pages checked, %d cards, %d bytes on average, %d at most (budget %d)", pages, len(weights), total/len(weights), most, cardBudget)
	}
}

// metaTags returns a page's <meta property|name content> pairs and its
// canonical address.
func metaTags(t *testing.T, page []byte) (map[string]string, string) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	canonical := ""
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			switch {
			case n.Data == "meta" && a["property"] != "":
				m[a["property"]] = a["content"]
			case n.Data == "meta" && a["name"] != "":
				m[a["name"]] = a["content"]
			case n.Data == "link" && a["rel"] == "canonical":
				canonical = a["href"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m, canonical
}
