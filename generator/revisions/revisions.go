// Package revisions turns the repository's history into what readers see:
// each page's revisions, when it was first published and last updated, the
// corrections and updates of claims, people and sources (with a word diff
// of what changed), the old addresses of renamed files, and changes not yet
// committed. It reads history through package history and knows claims,
// people and sources, not git objects.
package revisions

import (
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/history"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/wordiff"
)

// Revision is one commit that changed a page's file.
type Revision struct {
	Hash    string
	Short   string
	Date    string // YYYY-MM-DD, in UTC
	Author  string
	Subject string
	URL     string // the commit on the repository host; "" when none is configured
}

// Correction is a change of a published page that readers are told of:
// a change of a claim's rating or summary, or any change of a claim,
// person or source whose commit message has a Correction: or Update: line.
type Correction struct {
	Path       string // the page's input file as it is now, e.g. claims/x.md
	Section    string // "claims", "people" or "sources"
	ID         string
	Kind       string // "correction" or "update"
	Date       string
	OldRating  string // claims only
	NewRating  string
	OldSummary string
	NewSummary string
	Changes    []FieldChange // the other fields that changed, in the page's order
	Reason     string
	Commit     Revision
}

// FieldChange is one changed field of a page, as a word diff from the old
// text to the new, with unchanged runs elided around the changes.
type FieldChange struct {
	Field string // claims: analysis, evidence; people: name, aliases, role, description, bio; sources: title, outlet, url, published, language, author, relays, notes, text
	Diff  []wordiff.Op
}

// ContextWords is how many unchanged words a field's diff keeps on each
// side of a change.
const ContextWords = 8

// Page is the history of one input file.
type Page struct {
	Revisions   []Revision // newest first
	Published   string     // date of the first revision; "" when unknown
	Updated     string     // date of the latest revision
	Truncated   bool       // history starts at a shallow clone's boundary
	Unpublished bool       // the file differs from the committed version
	Aliases     []string   // ids the file had before renames
	Corrections []Correction
}

// File is an input file as the loaders read it.
type File struct {
	Path string // e.g. claims/x.md
	Hash string // git object id of its bytes on disk
}

// Result is the history of every page.
type Result struct {
	Known       bool
	Notes       []string // what history could not be known, in words
	Pages       map[string]*Page
	Corrections []Correction // all, newest first
	Head        string
}

// Options configure Derive.
type Options struct {
	CommitURL string       // prefix of commit links, e.g. https://github.com/o/r/commit/
	Scale     claims.Scale // to read old versions of claims
}

// Derive computes the history of files from l.
func Derive(l *history.Log, files []File, opt Options) *Result {
	r := &Result{Pages: map[string]*Page{}, Known: l.Known}
	tracked := map[string]string{} // path in the commit being read -> current path
	for _, f := range files {
		r.Pages[f.Path] = &Page{}
		tracked[f.Path] = f.Path
	}
	if !l.Known {
		r.Notes = append(r.Notes, "no history: "+l.Why+"; pages show no revisions")
		return r
	}
	r.Head = history.Short(l.Head)
	if l.Branch == "" {
		r.Notes = append(r.Notes, "HEAD is detached at "+r.Head)
	}
	if l.Shallow {
		r.Notes = append(r.Notes, "shallow clone: history before the oldest fetched commit is unknown, so first-published dates of older pages are unknown")
	}
	blobs := map[string][]history.Change{} // current path -> its changes, newest first
	for _, ch := range l.Changes {
		cur, ok := tracked[ch.Path]
		if !ok {
			continue
		}
		blobs[cur] = append(blobs[cur], ch)
		p := r.Pages[cur]
		c := l.Commits[ch.Commit]
		switch ch.Op {
		case history.Present:
			p.Truncated = true
			delete(tracked, ch.Path)
			continue
		case history.Renamed:
			delete(tracked, ch.Path)
			tracked[ch.From] = cur
			if id := idOf(ch.From); meta.ValidID(id) && id != idOf(cur) && !slices.Contains(p.Aliases, id) {
				p.Aliases = append(p.Aliases, id)
			}
		case history.Added:
			delete(tracked, ch.Path)
		}
		p.Revisions = append(p.Revisions, revision(c, opt.CommitURL))
	}
	for _, f := range files {
		p := r.Pages[f.Path]
		if head, ok := l.HeadBlob[f.Path]; !ok || hex.EncodeToString(head[:]) != f.Hash {
			p.Unpublished = true
		}
		if n := len(p.Revisions); n > 0 {
			p.Updated = p.Revisions[0].Date
			if !p.Truncated {
				p.Published = p.Revisions[n-1].Date
			}
		}
		sort.Strings(p.Aliases)
		p.Corrections = corrections(l, f.Path, blobs[f.Path], opt)
		r.Corrections = append(r.Corrections, p.Corrections...)
	}
	sort.SliceStable(r.Corrections, func(i, j int) bool {
		a, b := r.Corrections[i], r.Corrections[j]
		if a.Date != b.Date {
			return a.Date > b.Date
		}
		return a.Path < b.Path
	})
	return r
}

func revision(c history.Commit, commitURL string) Revision {
	subject, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	rev := Revision{
		Hash: c.Hash.String(), Short: history.Short(c.Hash), Date: c.When.UTC().Format("2006-01-02"),
		Author: c.Author, Subject: subject,
	}
	if commitURL != "" {
		rev.URL = commitURL + c.Hash.String()
	}
	return rev
}

// trailer matches the commit-message convention for giving a reason:
// a line "Correction: why" or "Update: why".
// The reason is the rest of that line: a "Correction:" line with nothing
// after it still marks a correction, and its reason is the subject.
var trailer = regexp.MustCompile(`(?mi)^(correction|update):[ \t]*(.*)$`)

// version is what readers are told of when a page's file changes: a
// claim's rating and summary, and the page's other fields as text.
type version struct {
	rating, summary string
	fields          []field
}

type field struct{ name, text string }

// readVersion parses a committed version of a page's file. It returns
// false for a deletion, an unreadable blob or a file that does not parse:
// such a version is skipped, not fatal.
func readVersion(l *history.Log, folder string, ch history.Change, opt Options) (version, bool) {
	if ch.Op == history.Deleted {
		return version{}, false
	}
	data, err := l.Blob(ch.Blob)
	if err != nil {
		return version{}, false
	}
	var probs diag.List // an old version's problems are not the build's
	f := meta.File{Path: ch.Path, ID: idOf(ch.Path), Data: meta.Normalize(data)}
	switch folder {
	case claims.Dir:
		c := claims.ParseAt(f, opt.Scale, time.Time{}, &probs)
		if c == nil {
			return version{}, false
		}
		var ev []string
		for _, e := range c.Evidence {
			// A bullet starts each entry: the diff is of words, and shows
			// no line breaks.
			line := "• " + e.Source + " (" + e.Stance + "): " + e.Quote
			if e.Note != "" {
				line += " — " + e.Note
			}
			ev = append(ev, line)
		}
		who := c.Claimant
		if c.Unnamed != "" {
			who = c.Unnamed + " (" + c.Reporter + ")"
		}
		return version{c.Rating, c.Summary, []field{{"title", c.Title}, {"claim", c.Text}, {"claimant", who}, {"date", c.Date}, {"setting", c.Setting}, {"sources", strings.Join(c.Sources, ", ")}, {"analysis", c.Body}, {"evidence", strings.Join(ev, "\n")}}}, true
	case people.Dir:
		p := people.Parse(f, &probs)
		if p == nil {
			return version{}, false
		}
		return version{fields: []field{{"name", p.Name}, {"aliases", strings.Join(p.Aliases, ", ")}, {"role", p.Role},
			{"description", p.Description}, {"bio", p.Bio}}}, true
	case corpus.Dir:
		s := corpus.ParseAt(f, time.Time{}, &probs)
		if s == nil {
			return version{}, false
		}
		paras := make([]string, len(s.Paras))
		for i, p := range s.Paras {
			paras[i] = p.Text
		}
		return version{fields: []field{{"title", s.Title}, {"outlet", s.Outlet}, {"url", s.URL}, {"published", s.Published},
			{"language", s.Language}, {"author", s.Author}, {"relays", strings.Join(s.Relays, ", ")}, {"notes", s.Notes},
			{"text", strings.Join(paras, "\n")}}}, true
	}
	return version{}, false
}

// corrections compares consecutive committed versions of a page's file
// (changes newest first). A change whose commit message has a Correction:
// or Update: line is reported with every field it changed; a change of a
// claim's rating or summary is reported without one too, as an update whose
// reason is the commit's subject. The version a file was added with is
// compared with nothing: only changes of a published page are corrections.
func corrections(l *history.Log, cur string, changes []history.Change, opt Options) []Correction {
	folder, _, _ := strings.Cut(cur, "/")
	section := folder
	if folder == corpus.Dir {
		section = "sources" // the site's section of the corpus's pages
	}
	var out []Correction
	for i := 0; i+1 < len(changes); i++ {
		c := l.Commits[changes[i].Commit]
		m := trailer.FindStringSubmatch(c.Message)
		if m == nil && folder != claims.Dir {
			continue // only claims' verdicts are logged without a reason given
		}
		newer, ok := readVersion(l, folder, changes[i], opt)
		if !ok {
			continue
		}
		older, ok := readVersion(l, folder, changes[i+1], opt)
		if !ok {
			continue
		}
		verdict := newer.rating != older.rating || newer.summary != older.summary
		if m == nil && !verdict {
			continue
		}
		var fields []FieldChange
		for k, nf := range newer.fields {
			if of := older.fields[k]; of.text != nf.text {
				if d := wordiff.Exact(of.text, nf.text); wordiff.Changed(d) {
					fields = append(fields, FieldChange{Field: nf.name, Diff: wordiff.Context(d, ContextWords)})
				}
			}
		}
		if !verdict && len(fields) == 0 {
			continue // nothing a reader would see changed (spacing only)
		}
		rev := revision(c, opt.CommitURL)
		corr := Correction{
			Path: cur, Section: section, ID: idOf(cur), Kind: "update", Date: rev.Date, Commit: rev,
			OldRating: older.rating, NewRating: newer.rating,
			OldSummary: older.summary, NewSummary: newer.summary, Changes: fields, Reason: rev.Subject,
		}
		if m != nil {
			corr.Kind = strings.ToLower(m[1])
			if r := strings.TrimSpace(m[2]); r != "" {
				corr.Reason = r
			}
		}
		out = append(out, corr)
	}
	return out
}

func idOf(p string) string {
	base := path.Base(p)
	return strings.TrimSuffix(base, path.Ext(base))
}

// Describe says in one line what history the build knew.
func (r *Result) Describe() string {
	if r == nil {
		return "not read"
	}
	var revs, unpublished int
	for _, p := range r.Pages {
		revs += len(p.Revisions)
		if p.Unpublished {
			unpublished++
		}
	}
	parts := []string{}
	if r.Known {
		parts = append(parts, fmt.Sprintf("HEAD %s, %d page revisions, %d corrections and updates", r.Head, revs, len(r.Corrections)))
		if unpublished > 0 {
			parts = append(parts, fmt.Sprintf("%d pages with uncommitted changes (shown as unpublished)", unpublished))
		}
	}
	parts = append(parts, r.Notes...)
	return strings.Join(parts, "; ")
}
