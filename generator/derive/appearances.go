package derive

import (
	"cmp"
	"slices"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/provenance"
	"github.com/factcheck-mx/factcheck/generator/quotes"
	"github.com/factcheck-mx/factcheck/generator/sets"
)

// How an appearance was found. One place may be found several ways.
const (
	FoundCited      = "cited"      // the claim's statement evidence quotes it
	FoundListed     = "listed"     // a source the claim lists under sources:, with no passage located
	FoundVariant    = "variant"    // another wording of the statement's quotation (its variant group)
	FoundShared     = "shared"     // the statement's sentence, shared by another source (provenance)
	FoundAttributed = "attributed" // a quotation the corpus attributes to the claimant, in words like the statement's
)

// Appearance is a place in the corpus where a claim's statement appears.
type Appearance struct {
	Source    string
	Para      int    // paragraph number; 0 for a listed source with no passage located
	Anchor    string // the paragraph's anchor; "" when Para is 0
	Text      string // the matched words: the passage, the quotation or the sentence
	Found     []string
	Cited     bool   // the claim's own evidence or sources: cite it
	Published string // the source's date: YYYY-MM-DD, YYYY-MM, YYYY or "unknown"
	Outlet    string // the source's outlet, or "unknown"
}

// Known reports whether the appearance's date is known.
func (a Appearance) Known() bool { return a.Published != "" && a.Published != "unknown" }

// MinSharedSimilarity is how alike a sentence of a source sharing the
// statement's paragraph must be to the statement (Dice coefficient of their
// words) to be the statement: the paragraph pair says the paragraphs share
// a sentence, not which.
const MinSharedSimilarity = 0.5

// appearances finds where claim c's statement appears: its statement
// evidence (located), the other wordings of the quotations it lies in,
// sentences of other sources sharing its paragraph's text, and quotations
// attributed to the claimant in words like the statement's or the claim's.
// The work is bounded by the variant groups, the source's relations and
// the claimant's quotations: nothing is compared with the whole corpus.
// Earliest published first, unknown dates last, then by source and
// paragraph.
func (r *Corpus) appearances(c *claims.Claim, located []Located) []Appearance {
	var out []Appearance
	type place struct {
		source string
		para   int
	}
	at := map[place]int{} // index in out
	add := func(source string, para int, text, how string, cited bool) {
		key := place{source, para}
		if i, ok := at[key]; ok {
			a := &out[i]
			if !slices.Contains(a.Found, how) {
				a.Found = append(a.Found, how)
			}
			// The text shown is the most telling: the cited passage, then
			// the shared sentence, then the quotation.
			if rank(how) < rank(a.Found[0]) {
				a.Found[0], a.Found[len(a.Found)-1] = a.Found[len(a.Found)-1], a.Found[0]
				a.Text = text
			}
			a.Cited = a.Cited || cited
			return
		}
		s := r.Source[source]
		a := Appearance{Source: source, Para: para, Text: text, Found: []string{how}, Cited: cited, Published: s.Published, Outlet: s.Outlet}
		if para > 0 {
			a.Anchor = s.Paras[para-1].Anchor
		}
		at[key] = len(out)
		out = append(out, a)
	}
	// The words the claimant's quotations are compared with: each
	// statement's quotation (or passage, when it is none) and the claim.
	var texts [][]string
	if w := quotes.Words(c.Text); len(w) > 0 {
		texts = append(texts, sortedWords(w))
	}
	for _, l := range located {
		if l.Stance != "statement" || l.N == 0 {
			continue
		}
		s := r.Source[l.Source]
		if s == nil || l.N > len(s.Paras) {
			continue
		}
		para := s.Paras[l.N-1].Text
		passage := para[l.Span.Start:l.Span.End]
		add(l.Source, l.N, passage, FoundCited, true)
		words := sortedWords(quotes.Words(passage))
		texts = append(texts, words)
		if qi, ok := r.quoteAt(l); ok {
			if q := r.Quotes[qi].Text; q != passage {
				texts = append(texts, sortedWords(quotes.Words(q)))
			}
			if gi, ok := r.GroupOf[qi]; ok {
				for _, o := range r.Groups[gi] {
					if o != qi {
						q := r.Quotes[o]
						add(q.Source, q.Para, q.Text, FoundVariant, false)
					}
				}
			}
		}
		for _, ri := range r.SharedOf[l.Source] {
			rel := r.Shared[ri]
			for _, pp := range rel.Paras {
				here, other, there := pp.A, rel.B, pp.B
				if rel.B == l.Source {
					here, other, there = pp.B, rel.A, pp.A
				}
				if here != l.N {
					continue
				}
				o := r.Source[other]
				if o == nil || there < 1 || there > len(o.Paras) {
					continue
				}
				best, score := "", 0.0
				for _, sentence := range provenance.Sentences(o.Paras[there-1].Text) {
					if d := sets.Dice(words, sortedWords(quotes.Words(sentence))); d > score {
						best, score = strings.TrimSpace(sentence), d
					}
				}
				if score >= MinSharedSimilarity {
					add(other, there, best, FoundShared, false)
				}
			}
		}
	}
	if _, ok := r.Person[c.Claimant]; ok && len(texts) > 0 {
		for _, qi := range r.PersonQuote[c.Claimant] {
			q := r.Quotes[qi]
			w := r.quoteWords(qi)
			for _, t := range texts {
				if sets.Dice(w, t) >= quotes.MinSimilarity {
					add(q.Source, q.Para, q.Text, FoundAttributed, false)
					break
				}
			}
		}
	}
	for _, id := range c.Sources {
		if _, ok := r.Source[id]; !ok || slices.ContainsFunc(out, func(a Appearance) bool { return a.Source == id }) {
			continue
		}
		add(id, 0, "", FoundListed, true)
	}
	SortAppearances(out)
	return out
}

// rank orders the ways of finding a place by how well their text shows it.
func rank(how string) int {
	return slices.Index([]string{FoundCited, FoundShared, FoundVariant, FoundAttributed, FoundListed}, how)
}

// SortAppearances orders appearances earliest published first (a date
// given to the month or year before the days within it), unknown dates
// last, ties by source id then paragraph.
func SortAppearances(as []Appearance) {
	date := func(a Appearance) string {
		if !a.Known() {
			return "~" // after every digit
		}
		return a.Published
	}
	slices.SortStableFunc(as, func(a, b Appearance) int {
		return cmp.Or(strings.Compare(date(a), date(b)), strings.Compare(a.Source, b.Source), cmp.Compare(a.Para, b.Para))
	})
}

// quoteAt is the quotation a located evidence entry lies in, if any.
func (r *Corpus) quoteAt(l Located) (int, bool) {
	for _, qi := range r.SourceQuote[l.Source] {
		q := r.Quotes[qi]
		if q.Para == l.N && q.Span.Start < l.Span.End && l.Span.Start < q.Span.End {
			return qi, true
		}
	}
	return 0, false
}

// quoteWords is quotation qi's words, sorted, computed once per quotation
// however many claims of its speaker compare it.
func (r *Corpus) quoteWords(qi int) []string {
	r.wordsMu.Lock()
	defer r.wordsMu.Unlock()
	if w, ok := r.words[qi]; ok {
		return w
	}
	if r.words == nil {
		r.words = map[int][]string{}
	}
	w := sortedWords(quotes.Words(r.Quotes[qi].Text))
	r.words[qi] = w
	return w
}

// sortedWords sorts words in place, for dice.
func sortedWords(w []string) []string {
	slices.Sort(w)
	return w
}
