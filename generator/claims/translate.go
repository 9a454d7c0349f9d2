package claims

import (
	"fmt"
	"slices"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Translations.
//
// A claim's translation into another of the site's languages is a copy of
// the claim file, named ID.CODE.md (claims/x.es.md beside claims/x.md),
// with its words translated: title, claim, unnamed, setting, summary,
// reviewer, each evidence entry's note, and the analysis. Everything that
// is a fact of the check is the original's and must be copied unchanged:
// claimant, reported-by, date, sources, rating, published, tags, draft,
// and each evidence entry's source, quote (verbatim, in its source's
// language), stance and paraphrase, in the same order. Translate refuses
// a difference at its line, so a translation can never rate, attribute or
// evidence a claim otherwise than the original does.

// Translate checks tr, a translation of orig, and returns the claim as the
// translation's language shows it: orig with tr's words. Differences are
// reported in tr's file (and the claim returned keeps the original's
// facts whatever tr says).
func Translate(orig, tr *Claim, probs *diag.List) *Claim {
	differ := func(line int, field, got, want string) {
		probs.Errorf(tr.Path, line, "%s %s differs from the original's (%s, %s:%d): a translation translates words only; copy %s from the original unchanged",
			field, meta.Clip(got), meta.Clip(want), orig.Path, orig.Lines[field], field)
	}
	same := func(field, got, want string) {
		if got != want {
			differ(tr.Lines[field], field, got, want)
		}
	}
	same("claimant", tr.Claimant, orig.Claimant)
	same("reported-by", tr.Reporter, orig.Reporter)
	same("date", tr.Date, orig.Date)
	same("rating", tr.Rating, orig.Rating)
	same("sources", strings.Join(tr.Sources, ", "), strings.Join(orig.Sources, ", "))
	same("published", tr.Published, orig.Published)
	same("tags", strings.Join(tr.Tags, ", "), strings.Join(orig.Tags, ", "))
	if tr.Draft != orig.Draft {
		differ(tr.Lines["published"], "draft", fmt.Sprint(tr.Draft), fmt.Sprint(orig.Draft))
	}
	if (tr.Unnamed == "") != (orig.Unnamed == "") {
		line := max(tr.Lines["unnamed"], tr.Lines["claimant"])
		probs.Errorf(tr.Path, line, "the original (%s) says who made the claim with %s: the translation must too, with the same person or organisation", orig.Path, map[bool]string{true: "claimant:", false: "unnamed: and reported-by:"}[orig.Unnamed == ""])
	}
	for i, e := range tr.Evidence {
		if i >= len(orig.Evidence) {
			probs.Errorf(tr.Path, e.Line, "evidence entry %d is not in the original (%s has %d): a translation has the original's evidence, entry for entry; remove it, or add it to the original first", i+1, orig.Path, len(orig.Evidence))
			break
		}
		o := orig.Evidence[i]
		if e.Source != o.Source || e.Quote != o.Quote || e.Stance != o.Stance || e.Paraphrase != o.Paraphrase {
			what, got, want, line := "source", e.Source, o.Source, e.Line
			switch {
			case e.Quote != o.Quote:
				what, got, want, line = "quote", e.Quote, o.Quote, e.QLine
			case e.Stance != o.Stance:
				what, got, want = "stance", e.Stance, o.Stance
			case e.Paraphrase != o.Paraphrase:
				what, got, want = "paraphrase", fmt.Sprint(e.Paraphrase), fmt.Sprint(o.Paraphrase)
			}
			probs.Errorf(tr.Path, line, "evidence entry %d: %s %s differs from the original's (%s, %s:%d): evidence quotes stay verbatim in their source's language, and source, stance and order are the original's; translate only its note",
				i+1, what, meta.Clip(got), meta.Clip(want), orig.Path, o.Line)
		}
	}
	if len(tr.Evidence) < len(orig.Evidence) {
		line := 0
		if n := len(tr.Evidence); n > 0 {
			line = tr.Evidence[n-1].Line
		}
		probs.Errorf(tr.Path, line, "the translation has %d evidence entries, the original (%s) %d: copy the original's evidence, entry for entry, translating only the notes", len(tr.Evidence), orig.Path, len(orig.Evidence))
	}
	out := *orig
	out.Lang, out.Path, out.Hash = tr.Lang, tr.Path, tr.Hash
	out.Title, out.Text, out.Setting, out.Summary, out.Reviewer = tr.Title, tr.Text, tr.Setting, tr.Summary, tr.Reviewer
	if orig.Unnamed != "" && tr.Unnamed != "" {
		out.Unnamed = tr.Unnamed
	}
	out.Body, out.BodyLine, out.Lines = tr.Body, tr.BodyLine, tr.Lines
	out.Evidence = slices.Clone(orig.Evidence)
	for i := range out.Evidence {
		if i < len(tr.Evidence) {
			out.Evidence[i].Note = tr.Evidence[i].Note
		}
	}
	out.Original = orig
	return &out
}
