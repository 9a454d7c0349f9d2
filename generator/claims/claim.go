package claims

import (
	"fmt"
	"slices"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Claim is one fact check.
type Claim struct {
	ID, Path  string
	Lang      string // a translation's language code (claims/ID.CODE.md); "" for the claim itself
	Hash      string // git object id of the file as on disk
	Title     string // optional short headline; the claim text otherwise
	Text      string // the claim as made
	Claimant  string // id of a person or organisation of the registry; "" when Unnamed
	Unnamed   string // who made the claim when the corpus names nobody: "current and former U.S. officials"
	Reporter  string // with Unnamed: the organisation (an outlet) that reported it
	Date      string // when it was made: YYYY-MM-DD, YYYY-MM, YYYY or "unknown"
	Setting   string // where or how it was made, in words (optional)
	Sources   []string
	Rating    string
	Summary   string
	Evidence  []Evidence
	Reviewer  string
	Published string // YYYY-MM-DD
	Tags      []string
	Draft     bool
	Body      string // the analysis, Markdown
	BodyLine  int

	// Lines of fields, for problems found when checking against other files.
	Lines map[string]int
	// Original is, for a translation as Translate returns it, the claim it
	// translates; nil otherwise.
	Original *Claim
}

// Stances say what a piece of evidence does for the claim.
var Stances = []string{"statement", "supports", "contradicts", "context"}

// Evidence is a verbatim passage of a source.
type Evidence struct {
	Source string
	Quote  string
	Note   string
	Stance string
	// Paraphrase says the passage reports the claim in the source's own
	// words without attributing it: it is not checked as the claimant's.
	Paraphrase bool
	Line       int // line of the entry
	QLine      int // line of the quote
}

// Load reads every claim in root/claims, checking ratings against scale and
// dates against the current day, and taking unchanged files from c (which
// may be nil). The claims returned are shared with c: do not change them.
func Load(root string, scale Scale, c *meta.Cache, probs *diag.List) []*Claim {
	return LoadAt(root, scale, time.Now(), c, probs)
}

// LoadAt is Load on the day of today: dates after it are errors.
func LoadAt(root string, scale Scale, today time.Time, c *meta.Cache, probs *diag.List) []*Claim {
	out, _ := LoadIn(root, scale, nil, today, c, probs)
	return out
}

// LoadIn is LoadAt for a site in several languages: it returns the claims
// and, apart, their translations into langs (the site's other languages),
// files named ID.CODE.md, parsed as claims (see Translate).
func LoadIn(root string, scale Scale, langs []string, today time.Time, c *meta.Cache, probs *diag.List) (claims, translations []*Claim) {
	// A claim is parsed again when the scale or the day changes.
	kind := fmt.Sprintf("claim %s %#v", today.UTC().Format(time.DateOnly), scale)
	parse := func(f meta.File, probs *diag.List) *Claim {
		c := ParseAt(f, scale, today, probs)
		if c != nil {
			c.Lang = f.Lang
		}
		return c
	}
	files := meta.ReadDirIn(root, Dir, []string{".md"}, langs, c, probs)
	for _, c := range meta.ParseAll(c, kind, files, probs, parse) {
		switch {
		case c == nil:
		case c.Lang != "":
			translations = append(translations, c)
		default:
			claims = append(claims, c)
		}
	}
	return claims, translations
}

// Parse reads one claim file, checking its dates against the current day.
func Parse(f meta.File, scale Scale, probs *diag.List) *Claim {
	return ParseAt(f, scale, time.Now(), probs)
}

// ParseAt reads one claim file on the day of today: a claim made after it,
// or a fact check published after it, is an error (Hugo would not publish
// the page, and every link to it would break). A zero today checks no date
// against the calendar (old versions of claims, read for their history).
func ParseAt(f meta.File, scale Scale, today time.Time, probs *diag.List) *Claim {
	doc, err := meta.Parse(f.Path, f.Data, true)
	if err != nil {
		meta.Report(probs, f.Path, err)
		return nil
	}
	fs := meta.NewFields(f.Path, doc.Front, doc.FrontLine, probs)
	c := &Claim{ID: f.ID, Path: f.Path, Hash: f.Hash, Body: doc.Body, BodyLine: doc.BodyLine, Lines: map[string]int{}}
	var line int
	c.Title, c.Lines["title"] = fs.String("title", false, "")
	c.Text, c.Lines["claim"] = fs.String("claim", true, "the claim as it was made, in the claimant's words")
	parseClaimant(fs, c)
	c.Date, c.Lines["date"] = fs.Date("date", true, true, true)
	if msg, future := meta.Future(c.Date, today); future {
		fs.Errorf(c.Lines["date"], "field \"date\": %s: write when the claim was made (YYYY-MM-DD, YYYY-MM or YYYY), or \"unknown\"", msg)
	}
	c.Setting, _ = fs.String("setting", false, "")
	var lines []int
	c.Sources, lines, c.Lines["sources"] = fs.StringsAt("sources", true, "the ids of the sources (files in corpus/) that report the claim")
	kept := c.Sources[:0]
	for i, id := range c.Sources {
		if foreignID(fs, "source", id, lines[i]) != "" {
			kept = append(kept, id)
		}
	}
	c.Sources = kept
	c.Rating, line = fs.String("rating", true, "one of "+meta.Describe(scale.IDs()))
	c.Lines["rating"] = line
	if c.Rating != "" && len(scale) > 0 {
		if _, ok := scale.Get(c.Rating); !ok {
			hint := ""
			if s := meta.Closest(c.Rating, scale.IDs()); s != "" {
				hint = "; did you mean " + `"` + s + `"?`
			}
			fs.Errorf(line, "unknown rating %q: the scale in config.toml has %s%s", c.Rating, meta.Describe(scale.IDs()), hint)
		}
	}
	c.Summary, _ = fs.String("summary", true, "one sentence giving the verdict")
	for _, e := range fs.Maps("evidence", true, "at least one verbatim passage: - source: <id> / quote: \"...\"") {
		ev := Evidence{Line: e.Line(), Stance: "context"}
		ev.Source, line = e.String("source", true, "the id of the source the quote is from")
		ev.Source = foreignID(e, "evidence source", ev.Source, line)
		ev.Quote, ev.QLine = e.String("quote", true, "the passage, copied verbatim from the source")
		ev.Note, _ = e.String("note", false, "")
		ev.Paraphrase = e.Bool("paraphrase")
		if e.Has("stance") {
			ev.Stance, line = e.String("stance", true, "")
			if !slices.Contains(Stances, ev.Stance) {
				e.Errorf(line, "stance %q is not one of %s", ev.Stance, meta.Describe(Stances))
			}
		}
		if ev.Paraphrase && ev.Stance != "statement" {
			e.Errorf(line, "paraphrase: true is for the claim's statement: this entry's stance is %q; remove paraphrase, or make the entry stance: statement", ev.Stance)
		}
		e.Finish()
		c.Evidence = append(c.Evidence, ev)
	}
	c.Reviewer, _ = fs.String("reviewer", true, "who reviewed the fact check")
	c.Draft = fs.Bool("draft")
	c.Published, line = fs.Date("published", true, false, false)
	if msg, future := meta.Future(c.Published, today); future {
		if c.Draft {
			probs.Warnf(f.Path, line, "field \"published\": %s: this draft will not show in previews until then; write the day it is merged when it is", msg)
		} else {
			fs.Errorf(line, "field \"published\": %s: fact checks are published when merged, and a page dated later is not published at all; write today's date or earlier, or mark the claim draft: true", msg)
		}
	}
	var tagLines []int
	c.Tags, tagLines, _ = fs.StringsAt("tags", false, "")
	for i, t := range c.Tags {
		switch {
		case meta.ValidID(t):
		case meta.ForeignRune(t) != "":
			fs.Errorf(tagLines[i], "tag %q contains %s: use only lower-case Latin letters a-z, digits and hyphens (e.g. %q)", t, meta.ForeignRune(t), meta.SuggestID(t))
		default:
			fs.Errorf(tagLines[i], "tag %q: use lower-case letters, digits and hyphens (e.g. %q)", t, meta.Slug(t))
		}
	}
	fs.Finish()
	return c
}

// parseClaimant reads who made the claim: claimant (an id of the registry,
// a person or an organisation) or, when the corpus names nobody, unnamed
// (the corpus's own description) with reported-by (the outlet that
// reported it).
func parseClaimant(fs *meta.Fields, c *Claim) {
	if !fs.Has("unnamed") {
		c.Claimant, c.Lines["claimant"] = fs.String("claimant", true, "the id of a person or organisation file in people/ (its file name without .md); for a source the corpus does not name, write unnamed: and reported-by: instead")
		c.Claimant = foreignID(fs, "claimant", c.Claimant, c.Lines["claimant"])
		if fs.Has("reported-by") {
			_, line := fs.String("reported-by", false, "")
			fs.Errorf(line, "reported-by goes with unnamed: (a claim made by a source the corpus does not name); a named claimant's claim needs neither")
		}
		return
	}
	c.Unnamed, c.Lines["unnamed"] = fs.String("unnamed", true, "who made the claim, as the corpus describes them, e.g. \"current and former U.S. officials\"")
	if fs.Has("claimant") {
		_, line := fs.String("claimant", false, "")
		fs.Errorf(line, "a claim has either a claimant or unnamed: (line %d), not both: keep claimant: when the corpus names who made it", c.Lines["unnamed"])
	}
	c.Reporter, c.Lines["reported-by"] = fs.String("reported-by", true, "the id of the organisation (in people/, kind: organization) that reported what the unnamed source said")
	c.Reporter = foreignID(fs, "reported-by", c.Reporter, c.Lines["reported-by"])
}

// foreignID refuses an id written in a field (what, on line) that holds a
// letter of another script, such as a Cyrillic "а" among Latin letters:
// the id would look right and name nothing. It returns "" then (so that the
// reference is not reported again as missing), else id. Other invalid ids
// are left to the check of references, which names the nearest id.
func foreignID(fs *meta.Fields, what, id string, line int) string {
	if c := meta.ForeignRune(id); c != "" {
		fs.Errorf(line, "%s %q is not a valid id: it contains %s; ids use only lower-case Latin letters a-z, digits and hyphens (did you mean %q?)", what, id, c, meta.SuggestID(id))
		return ""
	}
	return id
}
