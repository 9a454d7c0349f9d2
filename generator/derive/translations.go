package derive

import (
	"maps"
	"slices"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/markup"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// langTr is what the site has in one of its other languages.
type langTr struct {
	claim  map[string]*claims.Claim  // claim id -> the claim as translated
	person map[string]*people.Person // person id -> the person as translated
}

// trKey is a translation and its original, as loaded: the same pair is
// checked once (Again hands back the result while both files and the
// corpus are unchanged, so a view's claims keep their identity and pages
// built from them are reused).
type trKey struct{ orig, tr any }

type translated struct {
	claim  *claims.Claim
	person *people.Person
	probs  diag.List
}

// translations checks every translation against its original: a claim's
// (claims.Translate, and its analysis as Markdown) and a person's
// (people.Translate). all is every claim, published or draft.
func (r *Result) translations(prev *Result, in Input, all map[string]*claims.Claim, probs *diag.List) {
	r.tr = map[string]*langTr{}
	r.trDone = map[trKey]translated{}
	lang := func(code string) *langTr {
		if r.tr[code] == nil {
			r.tr[code] = &langTr{claim: map[string]*claims.Claim{}, person: map[string]*people.Person{}}
		}
		return r.tr[code]
	}
	// A check is reused while the pair and the corpus are unchanged (a
	// translation's unnamed source is checked against the registry).
	done := func(k trKey, check func(*diag.List) translated) translated {
		t, ok := translated{}, false
		if prev != nil && prev.Corpus == r.Corpus {
			t, ok = prev.trDone[k]
		}
		if !ok {
			t = check(&t.probs)
		}
		r.trDone[k] = t
		*probs = append(*probs, t.probs...)
		return t
	}
	for _, tr := range in.ClaimTr {
		orig, ok := all[tr.ID]
		if !ok {
			probs.Errorf(tr.Path, 0, "a translation of claims/%s.md, which does not exist: a translation sits beside its claim, named ID.%s.md; rename it, or remove it", tr.ID, tr.Lang)
			continue
		}
		t := done(trKey{orig, tr}, func(p *diag.List) translated {
			c := claims.Translate(orig, tr, p)
			markup.Report(p, tr.Path, tr.Body, tr.BodyLine)
			// An unnamed source stays unnamed in every language: the
			// translation may not name anyone of the registry the
			// original's words do not.
			if tr.Unnamed != "" {
				named := r.matcher.Find(orig.Unnamed)
				for _, id := range r.matcher.Find(tr.Unnamed) {
					if !slices.Contains(named, id) {
						p.Errorf(tr.Path, tr.Lines["unnamed"], "unnamed %q names %s of the registry, whom the original's %q does not name: translate the original's description of the source, naming no one it does not", tr.Unnamed, r.name(id), orig.Unnamed)
						break
					}
				}
			}
			return translated{claim: c, probs: *p}
		})
		if _, published := r.Claim[tr.ID]; published {
			lang(tr.Lang).claim[tr.ID] = t.claim
		}
	}
	for _, tr := range in.PeopleTr {
		orig, ok := r.Person[tr.ID]
		if !ok {
			probs.Errorf(tr.Path, 0, "a translation of people/%s.md, which does not exist: a translation sits beside its original, named ID.%s.md; rename it, or remove it", tr.ID, tr.Lang)
			continue
		}
		t := done(trKey{orig, tr}, func(p *diag.List) translated {
			per := people.Translate(orig, tr, p)
			markup.Report(p, tr.Path, tr.Bio, tr.BioLine)
			return translated{person: per, probs: *p}
		})
		lang(tr.Lang).person[tr.ID] = t.person
	}
}

// In is the site as its pages in language lang show it: each claim that
// has a translation into lang replaced by it (claims.Translate), the
// rating scale in lang's words, and each
// person's translation in PersonIn. Claims without one stay as they are
// (their Lang is ""): their pages say they are not translated. The view
// shares everything else with r; do not change it.
func (r *Result) In(lang string) *Result {
	t := r.tr[lang]
	v := *r
	v.Lang = lang
	v.Scale = make(claims.Scale, len(r.Scale))
	for i, rt := range r.Scale {
		v.Scale[i] = rt.In(lang)
	}
	if t == nil {
		v.PersonIn = nil
		return &v
	}
	v.Claim = maps.Clone(r.Claim)
	v.Claims = make([]*claims.Claim, len(r.Claims))
	for i, c := range r.Claims {
		if tc, ok := t.claim[c.ID]; ok {
			c = tc
			v.Claim[c.ID] = c
		}
		v.Claims[i] = c
	}
	v.PersonIn = t.person
	return &v
}
