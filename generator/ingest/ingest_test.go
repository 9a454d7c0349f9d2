package ingest

import (
	"os"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

func read(t *testing.T, name string) Article {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Read(b)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return a
}

func TestRead(t *testing.T) {
	tests := []struct {
		file                                            string
		title, outlet, url, published, language, author string
		paras                                           int
		firstText, lastText                             string
		absent                                          []string
	}{
		{
			// JSON-LD in an @graph wins over Open Graph and <meta>; the
			// page's furniture is left out.
			file:  "jsonld-news.html",
			title: "Russia is expanding its spy network in Mexico, officials say", outlet: "Example News",
			url: "https://www.example-news.com/world/russia-spies-mexico-embassy-n1234567", published: "2023-03-27",
			language: "en", author: "Dan De Luce, Ken Dilanian", paras: 9,
			firstText: "Russia is expanding its spy network in Mexico, officials say",
			lastText:  "Mexico has had extensive trade ties with the United States for decades but also maintains friendly relations with Russia and Cuba, a balance its government has defended in public many times over the years.",
			absent:    []string{"Newsletters", "Advertisement", "You may also like", "Sign up for our newsletter", "All rights reserved", "tracking", "dataLayer"},
		},
		{
			// Open Graph and <meta> only; article:author is an address, not a name.
			file:  "og-only.html",
			title: "México rechazó expulsar a espías rusos", outlet: "Diario Ejemplo",
			url: "https://diario.example.mx/internacional/espias-rusos", published: "2024-09-01",
			language: "es", author: "Ana Pérez", paras: 5,
			firstText: "México rechazó expulsar a espías rusos",
			lastText:  "Expertos consultados señalaron que la cercanía con Estados Unidos convierte al país en un punto atractivo para los servicios de inteligencia extranjeros desde hace décadas.",
			absent:    []string{"Portada", "Diario Ejemplo ©"},
		},
		{
			// Plain text: blank lines separate paragraphs, wrapped lines join.
			file:  "plain.txt",
			title: "Mexico refused to expel Russian spies", paras: 3,
			firstText: "Mexico refused to expel Russian spies",
			lastText:  "This is reported by The New York Times, reports UNN.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := read(t, tt.file)
			got := []string{a.Title, a.Outlet, a.URL, a.Published, a.Language, a.Author}
			want := []string{tt.title, tt.outlet, tt.url, tt.published, tt.language, tt.author}
			for i, f := range []string{"title", "outlet", "url", "published", "language", "author"} {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", f, got[i], want[i])
				}
			}
			if len(a.Paras) != tt.paras || a.Paras[0] != tt.firstText || a.Paras[len(a.Paras)-1] != tt.lastText {
				t.Errorf("%d paragraphs, first %q, last %q; want %d, %q, %q", len(a.Paras), a.Paras[0], a.Paras[len(a.Paras)-1], tt.paras, tt.firstText, tt.lastText)
			}
			text := strings.Join(a.Paras, "\n")
			for _, s := range tt.absent {
				if strings.Contains(text, s) {
					t.Errorf("the text keeps page furniture %q", s)
				}
			}
		})
	}
}

// A hostile page cannot smuggle front matter, markup or addresses through.
func TestReadHostile(t *testing.T) {
	a := read(t, "hostile.html")
	if a.URL != "" {
		t.Errorf("url %q: only http(s) addresses are kept", a.URL)
	}
	if a.Published != "" {
		t.Errorf("published %q from a date that is not one", a.Published)
	}
	for _, s := range append([]string{a.Title, a.Outlet, a.Author}, a.Paras...) {
		if strings.ContainsAny(s, "\n\r\x07") || strings.Contains(s, "alert(\"inline\")") || strings.Contains(s, "onerror") {
			t.Errorf("unsafe text kept: %q", s)
		}
	}
	src, err := Source(a, "hostile.original.html")
	if err != nil {
		t.Fatal(err)
	}
	// The corpus reads back exactly what the page said, as plain values.
	var probs diag.List
	s := corpus.Parse(meta.File{Path: "corpus/hostile.txt", ID: "hostile", Data: src}, &probs)
	for _, p := range probs {
		if p.Severity == diag.Error {
			t.Errorf("%v", p)
		}
	}
	if s == nil || s.Title != a.Title || s.Outlet != "<script>alert(1)</script>" || s.Original != "hostile.original.html" {
		t.Errorf("read back %+v", s)
	}
}

// Every imported file is a valid source as it stands.
func TestSourceRoundTrip(t *testing.T) {
	for _, f := range []string{"jsonld-news.html", "og-only.html", "plain.txt"} {
		a := read(t, f)
		src, err := Source(a, "")
		if err != nil {
			t.Fatal(err)
		}
		var probs diag.List
		s := corpus.Parse(meta.File{Path: "corpus/x.txt", ID: "x", Data: src}, &probs)
		if n, _ := probs.Counts(); n > 0 || s == nil {
			t.Fatalf("%s: %v", f, probs)
		}
		or := func(v string) string {
			if v == "" {
				return "unknown"
			}
			return v
		}
		if s.Title != a.Title || s.Outlet != or(a.Outlet) || s.URL != or(a.URL) || s.Published != or(a.Published) || s.Author != or(a.Author) || len(s.Paras) != len(a.Paras) {
			t.Errorf("%s: read back %+v", f, s)
		}
	}
}

func TestReadRejects(t *testing.T) {
	for name, data := range map[string]string{
		"empty":      "",
		"blank":      "\n\n  \n",
		"binary":     "abc\x00def",
		"empty page": "<!DOCTYPE html><html><head><title></title></head><body></body></html>",
	} {
		if _, err := Read([]byte(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"jsonld-news.html", "og-only.html", "plain.txt", "hostile.html"} {
		b, _ := os.ReadFile("testdata/" + name)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(data)
		if err != nil {
			return
		}
		src, err := Source(a, "")
		if err != nil {
			t.Fatal(err)
		}
		var probs diag.List
		if s := corpus.Parse(meta.File{Path: "corpus/x.txt", ID: "x", Data: meta.Normalize(src)}, &probs); s == nil {
			t.Fatalf("imported file does not parse: %v\n%s", probs, src)
		}
	})
}

// A Spanish page's language comes from whichever of JSON-LD inLanguage,
// <html lang> and og:locale it gives, as a primary subtag: "es" for es_MX,
// es-MX or es; the source made from it reads with the Spanish rules (its
// "Lee también" and "Con información de" lines are not article text).
func TestReadSpanish(t *testing.T) {
	a := read(t, "es-locale.html")
	if a.Language != "es" || a.Title != "La embajada rusa niega operar una red de espionaje" || a.Author != "Luis Herrera" || a.Published != "2024-10-03" {
		t.Errorf("read %q, %q, %q, %q", a.Language, a.Title, a.Author, a.Published)
	}
	src, err := Source(a, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "\nlanguage: es\n") {
		t.Errorf("front matter without language: es:\n%s", src)
	}
	var probs diag.List
	s := corpus.Parse(meta.File{Path: "corpus/x.txt", ID: "x", Data: src}, &probs)
	if s == nil {
		t.Fatal(probs)
	}
	var article []string
	for _, p := range s.Article() {
		article = append(article, p.Text)
	}
	text := strings.Join(article, "\n")
	for _, furniture := range []string{"Lee también", "Con información de EFE"} {
		if strings.Contains(text, furniture) {
			t.Errorf("article text keeps %q", furniture)
		}
	}
	if !strings.Contains(text, "campaña mediática") {
		t.Errorf("article text lost the quotation: %s", text)
	}
}

func TestLang(t *testing.T) {
	tests := []struct {
		tags []string
		want string
	}{
		{[]string{"es_MX"}, "es"},
		{[]string{"es-MX"}, "es"},
		{[]string{"es"}, "es"},
		{[]string{"es-419"}, "es"},
		{[]string{"ES_mx"}, "es"},
		{[]string{"en-US"}, "en"},
		{[]string{"", "es_MX"}, "es"},
		{[]string{"Spanish", "es_MX"}, "es"}, // not a tag: passed over
		{[]string{"und", "es"}, "es"},
		{[]string{"spa"}, "es"},
		{[]string{"", "  "}, ""},
	}
	for _, tt := range tests {
		if got := lang(tt.tags...); got != tt.want {
			t.Errorf("lang(%q) = %q, want %q", tt.tags, got, tt.want)
		}
	}
}

// What a source file refuses never reaches one: direction marks leave the
// title, outlet and author (front matter), bidirectional controls and
// control characters leave the text too, and the imported file parses.
func TestReadInvisibles(t *testing.T) {
	for name, page := range map[string]string{
		"text": "Embajada\u061c rusa\u200f\n\nEl texto \u202bdice\u202c algo\u0007 y\u200e sigue.",
		"html": `<html><head><title>Embajada` + "\u200e" + ` rusa</title><meta property="og:site_name" content="Diario` + "\u061c" + `"></head>` +
			`<body><article><p>El texto ` + "\u2067" + `dice` + "\u2069" + ` algo` + "\u200f" + ` y sigue.</p></article></body></html>`,
	} {
		a, err := Read([]byte(page))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range []string{a.Title, a.Outlet, a.Author} {
			if strings.ContainsAny(f, "\u200e\u200f\u061c\u202b\u202c\u2067\u2069\u0007") {
				t.Errorf("%s: %q keeps an invisible character", name, f)
			}
		}
		for _, p := range a.Paras {
			if strings.ContainsAny(p, "\u202b\u202c\u2067\u2069\u0007") {
				t.Errorf("%s: paragraph %q keeps a bidirectional control", name, p)
			}
		}
		src, err := Source(a, "")
		if err != nil {
			t.Fatal(err)
		}
		var probs diag.List
		if s := corpus.Parse(meta.File{Path: "corpus/x.txt", ID: "x", Data: meta.Normalize(src)}, &probs); s == nil || probs.Err() != nil {
			t.Errorf("%s: the imported file does not parse: %v\n%s", name, probs, src)
		}
	}
}
