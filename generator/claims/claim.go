package claims

import (
	"fmt"
	"slices"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Claim is one fact check.
type Claim struct {
	ID, Path  string
	Hash      string // git object id of the file as on disk
	Title     string // optional short headline; the claim text otherwise
	Text      string // the claim as made
	Claimant  string // person id
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
}

// Stances say what a piece of evidence does for the claim.
var Stances = []string{"statement", "supports", "contradicts", "context"}

// Evidence is a verbatim passage of a source.
type Evidence struct {
	Source string
	Quote  string
	Note   string
	Stance string
	Line   int // line of the entry
	QLine  int // line of the quote
}

// Load reads every claim in root/claims, checking ratings against scale and
// taking unchanged files from c (which may be nil). The claims returned are
// shared with c: do not change them.
func Load(root string, scale Scale, c *meta.Cache, probs *diag.List) []*Claim {
	var out []*Claim
	// A claim is parsed again when the scale changes.
	kind := fmt.Sprintf("claim %#v", scale)
	parse := func(f meta.File, probs *diag.List) *Claim { return Parse(f, scale, probs) }
	files := meta.ReadDir(root, Dir, []string{".md"}, c, probs)
	for _, c := range meta.ParseAll(c, kind, files, probs, parse) {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

// Parse reads one claim file.
func Parse(f meta.File, scale Scale, probs *diag.List) *Claim {
	doc, err := meta.Parse(f.Path, f.Data, true)
	if err != nil {
		meta.Report(probs, f.Path, err)
		return nil
	}
	fs := meta.NewFields(f.Path, doc.Front, doc.FrontLine, probs)
	c := &Claim{ID: f.ID, Path: f.Path, Hash: f.Hash, Body: doc.Body, BodyLine: doc.BodyLine, Lines: map[string]int{}}
	var line int
	c.Title, _ = fs.String("title", false, "")
	c.Text, c.Lines["claim"] = fs.String("claim", true, "the claim as it was made, in the claimant's words")
	c.Claimant, c.Lines["claimant"] = fs.String("claimant", true, "the id of a person file in people/ (its file name without .md)")
	c.Date, c.Lines["date"] = fs.Date("date", true, true, true)
	c.Setting, _ = fs.String("setting", false, "")
	c.Sources, c.Lines["sources"] = fs.Strings("sources", true, "the ids of the sources (files in corpus/) that report the claim")
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
		ev.Source, _ = e.String("source", true, "the id of the source the quote is from")
		ev.Quote, ev.QLine = e.String("quote", true, "the passage, copied verbatim from the source")
		ev.Note, _ = e.String("note", false, "")
		if e.Has("stance") {
			ev.Stance, line = e.String("stance", true, "")
			if !slices.Contains(Stances, ev.Stance) {
				e.Errorf(line, "stance %q is not one of %s", ev.Stance, meta.Describe(Stances))
			}
		}
		e.Finish()
		c.Evidence = append(c.Evidence, ev)
	}
	c.Reviewer, _ = fs.String("reviewer", true, "who reviewed the fact check")
	c.Published, _ = fs.Date("published", true, false, false)
	c.Tags, line = fs.Strings("tags", false, "")
	for _, t := range c.Tags {
		if !meta.ValidID(t) {
			fs.Errorf(line, "tag %q: use lower-case letters, digits and hyphens (e.g. %q)", t, meta.Slug(t))
		}
	}
	c.Draft = fs.Bool("draft")
	fs.Finish()
	return c
}
