// Package revisions turns the repository's history into what readers see:
// each page's revisions, when it was first published and last updated, the
// corrections and updates of claims' verdicts, the old addresses of renamed
// files, and changes not yet committed. It reads history through package
// history and knows claims, not git objects.
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
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/history"
	"github.com/factcheck-mx/factcheck/generator/meta"
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

// Correction is a change of a claim's rating or summary.
type Correction struct {
	Claim      string
	Kind       string // "correction" or "update"
	Date       string
	OldRating  string
	NewRating  string
	OldSummary string
	NewSummary string
	Reason     string
	Commit     Revision
}

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
		if strings.HasPrefix(f.Path, "claims/") {
			p.Corrections = corrections(l, idOf(f.Path), blobs[f.Path], opt)
			r.Corrections = append(r.Corrections, p.Corrections...)
		}
	}
	sort.SliceStable(r.Corrections, func(i, j int) bool {
		a, b := r.Corrections[i], r.Corrections[j]
		if a.Date != b.Date {
			return a.Date > b.Date
		}
		return a.Claim < b.Claim
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
var trailer = regexp.MustCompile(`(?mi)^(correction|update):\s*(.+)$`)

// corrections compares consecutive committed versions of a claim (changes
// newest first) and reports each change of rating or summary.
func corrections(l *history.Log, claim string, changes []history.Change, opt Options) []Correction {
	type version struct {
		rating, summary string
		ok              bool
	}
	read := func(ch history.Change) version {
		if ch.Op == history.Deleted {
			return version{}
		}
		data, err := l.Blob(ch.Blob)
		if err != nil {
			return version{}
		}
		var probs diag.List
		c := claims.ParseAt(meta.File{Path: ch.Path, ID: idOf(ch.Path), Data: meta.Normalize(data)}, opt.Scale, time.Time{}, &probs)
		if c == nil {
			return version{}
		}
		return version{c.Rating, c.Summary, true}
	}
	var out []Correction
	for i := 0; i+1 < len(changes); i++ {
		newer, older := read(changes[i]), read(changes[i+1])
		if !newer.ok || !older.ok || (newer.rating == older.rating && newer.summary == older.summary) {
			continue
		}
		c := l.Commits[changes[i].Commit]
		rev := revision(c, opt.CommitURL)
		corr := Correction{
			Claim: claim, Kind: "update", Date: rev.Date, Commit: rev,
			OldRating: older.rating, NewRating: newer.rating,
			OldSummary: older.summary, NewSummary: newer.summary, Reason: rev.Subject,
		}
		if m := trailer.FindStringSubmatch(c.Message); m != nil {
			corr.Kind = strings.ToLower(m[1])
			corr.Reason = strings.TrimSpace(m[2])
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
