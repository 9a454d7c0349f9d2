// Package corpus holds the sources: news articles kept verbatim as evidence,
// with their metadata and their paragraphs (one per non-blank line, with a
// stable anchor p1, p2, ... in file order).
package corpus

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Dir is the folder of sources, relative to the site root.
const Dir = "corpus"

// Source is one article.
type Source struct {
	ID, Path  string
	Hash      string // git object id of the file as on disk
	Title     string
	Outlet    string // "unknown" when researched and not known
	URL       string // http(s) URL, or "unknown"
	Published string // YYYY-MM-DD, YYYY-MM, YYYY or "unknown"
	Language  string
	Author    string
	Relays    []string // outlets whose reporting this article retells
	Notes     string   // how the metadata was established
	Original  string   // file name of the page as captured, kept beside this one; "" if none
	OrigLine  int      // line of the original field
	Archived  string   // a web archive's copy of the article (http(s)); "" if none
	// Publish is how much of the text the site republishes: Full, Excerpts,
	// or "" for the site's default (config.toml, params.sources.publish).
	Publish string
	Paras   []Para
}

// How much of a source's text the site republishes.
const (
	Full     = "full"     // every paragraph
	Excerpts = "excerpts" // only the paragraphs quoted as evidence, each whole (its context)
)

// PublishModes are the values of a source's publish field.
var PublishModes = []string{Full, Excerpts}

// Para is one paragraph of the article text.
type Para struct {
	N           int    // 1-based position among paragraphs
	Anchor      string // "p" + N
	Text        string
	Line        int    // line in the file
	Boilerplate string // why the line is not part of the article; "" when it is
}

// Load reads every source in root/corpus, taking unchanged files from c
// (which may be nil). The sources returned are shared with c: do not change them.
func Load(root string, c *meta.Cache, probs *diag.List) []*Source {
	return LoadAt(root, time.Now(), c, probs)
}

// LoadAt is Load on the day of today: publication dates after it are errors.
func LoadAt(root string, today time.Time, c *meta.Cache, probs *diag.List) []*Source {
	var out []*Source
	used := map[string]bool{}
	files := meta.ReadDir(root, Dir, []string{".txt", ".md"}, c, probs)
	// A source is parsed again when the day changes.
	kind := "source " + today.UTC().Format(time.DateOnly)
	parse := func(f meta.File, probs *diag.List) *Source { return ParseAt(f, today, probs) }
	for i, s := range meta.ParseAll(c, kind, files, probs, parse) {
		f := files[i]
		if s != nil {
			if s.Original != "" {
				used[s.Original] = true
				fi, err := os.Lstat(filepath.Join(root, Dir, s.Original))
				switch {
				case err != nil:
					probs.Errorf(f.Path, s.OrigLine, "original %s is missing: add the page as captured beside this file, or remove the original line", s.Original)
					s = s.withoutOriginal()
				case !fi.Mode().IsRegular():
					probs.Errorf(f.Path, s.OrigLine, "original %s is not a regular file (symbolic links are not accepted): put the file itself there", s.Original)
					s = s.withoutOriginal()
				}
			}
			out = append(out, s)
		}
	}
	orphans(root, used, probs)
	return out
}

// withoutOriginal returns a copy of s without its original (s may be shared
// with a cache).
func (s *Source) withoutOriginal() *Source {
	c := *s
	c.Original = ""
	return &c
}

// Parse reads one source. A file with no front matter is accepted: its first
// line is the title, and warnings say which metadata is missing.
func Parse(f meta.File, probs *diag.List) *Source {
	return ParseAt(f, time.Now(), probs)
}

// ParseAt is Parse on the day of today: a publication date after it is an
// error. A zero today checks no date against the calendar.
func ParseAt(f meta.File, today time.Time, probs *diag.List) *Source {
	doc, err := meta.Parse(f.Path, f.Data, false)
	if err != nil {
		meta.Report(probs, f.Path, err)
		return nil
	}
	s := &Source{ID: f.ID, Path: f.Path, Hash: f.Hash}
	var overrides override
	body, bodyLine := doc.Body, doc.BodyLine
	if doc.Front == nil {
		// Plain text: first non-blank line is the title.
		lines := strings.Split(body, "\n")
		for i, l := range lines {
			if t := strings.TrimSpace(l); t != "" {
				s.Title = t
				body = strings.Join(lines[i+1:], "\n")
				bodyLine += i + 1
				break
			}
		}
		probs.Warnf(f.Path, 1, "no metadata: add front matter with title, outlet, url, published, language and author (write \"unknown\" for what the text does not say); see README, Formats")
	} else {
		fs := meta.NewFields(f.Path, doc.Front, doc.FrontLine, probs)
		var line int
		s.Title, _ = fs.String("title", true, "the article's headline as published")
		s.Outlet = optional(fs, "outlet", "the publication, or \"unknown\"")
		s.URL, line = fs.String("url", false, "")
		if s.URL == "" {
			fs.Warnf("no url: add the article's address, or url: unknown")
		} else if s.URL != "unknown" && !httpURL(s.URL) {
			fs.Errorf(line, "url %q must be a full http:// or https:// address (or \"unknown\")", s.URL)
			s.URL = ""
		}
		s.Published, line = fs.Date("published", false, true, true)
		if msg, future := meta.Future(s.Published, today); future {
			fs.Errorf(line, "field \"published\": %s: write the date the article was published (YYYY-MM-DD, YYYY-MM or YYYY), or \"unknown\"", msg)
		}
		if !fs.Has("published") {
			fs.Warnf("no published date: add published: YYYY-MM-DD (or \"unknown\" if the text does not say)")
		}
		s.Language = optional(fs, "language", "a language code such as en")
		s.Author = optional(fs, "author", "the byline, or \"unknown\"")
		s.Relays, _ = fs.Strings("relays", false, "")
		s.Notes, _ = fs.String("notes", false, "")
		var oline int
		s.Original, oline = fs.String("original", false, "")
		s.OrigLine = oline
		if s.Original != "" && !validOriginal(f.ID, s.Original) {
			fs.Errorf(oline, "original %q must name a file beside this one called %s%shtml (or .htm or .txt)", s.Original, f.ID, meta.OriginalMark)
			s.Original = ""
		}
		var aline int
		s.Archived, aline = fs.String("archived", false, "")
		if s.Archived != "" && !httpURL(s.Archived) {
			fs.Errorf(aline, "archived %q must be a full http:// or https:// address of a web archive's copy (e.g. https://web.archive.org/web/2024/https://example.org/a)", s.Archived)
			s.Archived = ""
		}
		if fs.Has("publish") {
			v, pline := fs.String("publish", true, "full or excerpts")
			if v != "" && !slices.Contains(PublishModes, v) {
				fs.Errorf(pline, "publish %q is not one of %s: full republishes the text, excerpts only the paragraphs quoted as evidence", v, meta.Describe(PublishModes))
			} else {
				s.Publish = v
			}
		}
		overrides.add, overrides.addLine = fs.Strings("boilerplate", false, "")
		overrides.keep, overrides.keepLine = fs.Strings("article", false, "")
		fs.Finish()
	}
	if s.Title == "" {
		s.Title = f.ID
	}
	n := 0
	for i, l := range strings.Split(body, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		n++
		s.Paras = append(s.Paras, Para{N: n, Anchor: "p" + strconv.Itoa(n), Text: t, Line: bodyLine + i})
	}
	if n == 0 {
		probs.Errorf(f.Path, bodyLine, "the source has no text: paste the article text below the front matter")
	}
	markBoilerplateIn(s.Paras, s.Language)
	overrides.apply(f.Path, s.Paras, probs)
	return s
}

// overrides are a source's corrections to boilerplate detection: the
// paragraphs listed under boilerplate are not article text, those under
// article are.
type override struct {
	add, keep         []string
	addLine, keepLine int
}

func (o override) apply(path string, paras []Para, probs *diag.List) {
	set := func(anchors []string, line int, reason string) {
		for _, a := range anchors {
			n, err := strconv.Atoi(strings.TrimPrefix(a, "p"))
			if err != nil || !strings.HasPrefix(a, "p") || n < 1 || n > len(paras) {
				probs.Errorf(path, line, "%q is not a paragraph of this source: write paragraph anchors p1 to p%d", a, len(paras))
				continue
			}
			paras[n-1].Boilerplate = reason
		}
	}
	set(o.add, o.addLine, Marked)
	set(o.keep, o.keepLine, "")
}

// validOriginal reports whether name is the file name an original of the
// source id must have.
func validOriginal(id, name string) bool {
	for _, ext := range []string{"html", "htm", "txt"} {
		if name == id+meta.OriginalMark+ext {
			return true
		}
	}
	return false
}

// orphans warns about originals that no source names.
func orphans(root string, used map[string]bool, probs *diag.List) {
	entries, _ := os.ReadDir(filepath.Join(root, Dir))
	for _, e := range entries {
		if n := e.Name(); meta.IsOriginal(n) && !used[n] {
			probs.Warnf(Dir+"/"+n, 0, "no source names this original: add original: %s to the front matter of the source made from it, or delete it", n)
		}
	}
}

// optional reads a recommended text field, warning when it is absent.
func optional(fs *meta.Fields, key, what string) string {
	if !fs.Has(key) {
		fs.Warnf("no %s: add %s: %s", key, key, what)
		return ""
	}
	v, _ := fs.String(key, false, "")
	return v
}

func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Text returns the paragraphs' texts in order.
func (s *Source) Text() []string {
	out := make([]string, len(s.Paras))
	for i, p := range s.Paras {
		out[i] = p.Text
	}
	return out
}
