// Package ingest turns an article saved from the web into a source: from a
// page as a browser's "save page" writes it, the main text is extracted
// with readability (codeberg.org/readeck/go-readability) and the metadata
// is read from the page's JSON-LD, Open Graph and <meta> tags; from plain
// text, the first line is the title and nothing else is known.
//
// Everything read here is untrusted: values become plain strings for the
// source's front matter, which is written by a YAML encoder, never spliced.
package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// MaxSize is the largest file Read accepts: saved pages with their inline
// scripts and styles run to a few megabytes.
const MaxSize = 32 << 20

// Article is what a saved page says about itself. A field the page does
// not give is "".
type Article struct {
	Title     string
	Outlet    string
	URL       string // the canonical address, http(s) only
	Published string // YYYY-MM-DD
	Language  string // primary language subtag: "en"
	Author    string
	Paras     []string // the article text, one paragraph each, headline first
	HTML      bool     // read from HTML (else plain text)
}

// ErrNoText is returned when a file holds no article text.
var ErrNoText = errors.New("no article text found")

// Read extracts the article from a saved page, HTML or plain text.
func Read(data []byte) (Article, error) {
	if len(data) > MaxSize {
		return Article{}, fmt.Errorf("file is %d bytes, over the limit of %d", len(data), MaxSize)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return Article{}, errors.New("binary file (contains NUL bytes): save the page as HTML or as text")
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	var a Article
	var err error
	if isHTML(data) {
		a, err = fromHTML(data)
	} else {
		a = fromText(string(data))
	}
	if err != nil {
		return a, err
	}
	if len(a.Paras) == 0 {
		return a, ErrNoText
	}
	if a.Title == "" {
		a.Title = a.Paras[0]
	} else if a.Paras[0] != a.Title {
		a.Paras = append([]string{a.Title}, a.Paras...)
	}
	// These go in the front matter, which refuses the direction marks
	// that article text may keep.
	for _, f := range []*string{&a.Title, &a.Outlet, &a.Author} {
		*f = clean(meta.Clean(*f))
	}
	return a, nil
}

func isHTML(data []byte) bool {
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	return strings.Contains(head, "<!doctype html") || strings.Contains(head, "<html") || strings.Contains(head, "<head") || strings.Contains(head, "<!-- saved from url=")
}

// fromText reads plain text: paragraphs are separated by blank lines (the
// lines of one paragraph are joined) or, in text without blank lines, are
// the lines themselves.
func fromText(t string) Article {
	t = strings.ReplaceAll(strings.ReplaceAll(t, "\r\n", "\n"), "\r", "\n")
	var a Article
	blocks := strings.Split(t, "\n\n")
	if len(blocks) == 1 {
		blocks = strings.Split(t, "\n")
	}
	for _, b := range blocks {
		if p := clean(b); p != "" {
			a.Paras = append(a.Paras, p)
		}
	}
	if len(a.Paras) > 0 {
		a.Title = a.Paras[0]
	}
	return a
}

// savedFrom is the comment browsers put in saved pages.
var savedFrom = regexp.MustCompile(`<!-- saved from url=\(\d+\)(\S+?) -->`)

func fromHTML(data []byte) (Article, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Article{}, fmt.Errorf("cannot parse the HTML: %w", err)
	}
	m := readMeta(doc)
	if s := savedFrom.FindSubmatch(data); s != nil && m.url == "" {
		m.url = string(s[1])
	}
	var base *url.URL
	if u, err := url.Parse(m.url); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		base = u
	}
	art, err := readability.FromDocument(doc, base)
	if err != nil {
		return Article{}, fmt.Errorf("cannot find the article text: %w", err)
	}
	a := Article{HTML: true}
	a.Title = first(m.ld.headline, m.og["og:title"], art.Title(), m.title)
	a.Outlet = first(m.ld.publisher, m.og["og:site_name"], art.SiteName())
	a.Author = first(m.ld.author, m.named["author"], m.og["article:author"], art.Byline())
	if strings.HasPrefix(a.Author, "http") {
		a.Author = "" // article:author is often a profile address
	}
	a.Published = date(first(m.ld.published, m.og["article:published_time"], m.named["date"], m.named["pubdate"], m.named["dc.date"]))
	if a.Published == "" {
		if t, err := art.PublishedTime(); err == nil {
			a.Published = t.Format("2006-01-02")
		}
	}
	a.Language = lang(m.ld.language, m.lang, m.og["og:locale"], art.Language())
	a.URL = httpURL(first(m.canonical, m.og["og:url"], m.ld.url, m.url))
	if art.Node != nil {
		a.Paras = blocks(art.Node)
	}
	for _, f := range []*string{&a.Title, &a.Outlet, &a.Author} {
		*f = clean(*f)
	}
	return a, nil
}

// pageMeta is what a page's head says.
type pageMeta struct {
	title     string
	lang      string
	canonical string
	url       string            // from the "saved from" comment
	og        map[string]string // property -> content (og:*, article:*)
	named     map[string]string // <meta name> (lower case) -> content
	ld        ldArticle
}

func readMeta(doc *html.Node) pageMeta {
	m := pageMeta{og: map[string]string{}, named: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.lang = attr(n, "lang")
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = n.FirstChild.Data
				}
			case atom.Meta:
				content := attr(n, "content")
				if p := attr(n, "property"); p != "" && m.og[p] == "" {
					m.og[p] = content
				}
				if nm := strings.ToLower(attr(n, "name")); nm != "" && m.named[nm] == "" {
					m.named[nm] = content
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = attr(n, "href")
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil && m.ld.headline == "" {
					m.ld = parseLD(n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// block elements whose text is a paragraph of their own.
var block = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Figcaption: true, atom.Dd: true, atom.Dt: true,
	atom.Td: true, atom.Th: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Caption: true,
}

// blocks returns the text of each innermost block element under n, in
// order; text outside any block is a paragraph of its own.
func blocks(n *html.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if p := clean(cur.String()); p != "" {
			out = append(out, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				cur.WriteString(" ")
				return
			}
		}
		isBlock := n.Type == html.ElementNode && block[n.DataAtom]
		if isBlock {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isBlock {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}

// clean collapses white space and drops what a source's text may not hold
// (meta.CleanBody: control characters, noncharacters, bidirectional
// controls), which a page may well have.
func clean(s string) string {
	return strings.Join(strings.Fields(meta.CleanBody(s)), " ")
}

func first(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

var isoDate = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)

// date keeps the calendar date of an ISO 8601 timestamp, as the page wrote
// it (in its own time zone).
func date(s string) string {
	if m := isoDate.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		return m[1]
	}
	return ""
}

// lang is the primary subtag of the first of the page's language tags or
// locales that is one: "en" for "en-US", "es" for the Open Graph locale
// "es_MX". A value that is not a tag ("English", "und") is passed over.
func lang(tags ...string) string {
	for _, t := range tags {
		if base := meta.BaseLang(t); base != "" {
			return base
		}
	}
	return ""
}

func httpURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// Source returns the text of a corpus file for a: front matter (with
// "unknown" for what the page does not say) and one paragraph per line.
// original is the file name of the page kept beside it ("" for none).
func Source(a Article, original string) ([]byte, error) {
	or := func(s string) string {
		if s == "" {
			return "unknown"
		}
		return s
	}
	front := struct {
		Title     string   `yaml:"title"`
		Outlet    string   `yaml:"outlet"`
		URL       string   `yaml:"url"`
		Published string   `yaml:"published"`
		Language  string   `yaml:"language"`
		Author    string   `yaml:"author"`
		Relays    []string `yaml:"relays"`
		Original  string   `yaml:"original,omitempty"`
		Notes     string   `yaml:"notes"`
	}{
		Title: a.Title, Outlet: or(a.Outlet), URL: or(a.URL), Published: or(a.Published),
		Language: or(a.Language), Author: or(a.Author), Relays: []string{}, Original: original,
		Notes: "Imported with go run ./generator new source --from; check every field against the original, and list in relays the outlets whose reporting it retells.",
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(front); err != nil {
		return nil, err
	}
	enc.Close()
	b.WriteString("---\n")
	for _, p := range a.Paras {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
