package derive

import (
	"slices"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/provenance"
	"github.com/factcheck-mx/factcheck/generator/quotes"
)

// Saved is what Again can reuse of a Result derived by another process: the
// relations of the corpus, with the files they were derived from, and each
// claim's check, by the claim file's path and hash. Package build keeps it
// on disk between builds (gob); Restore turns it back into a Result to
// give Again as prev.
type Saved struct {
	// Inputs are the source and person files the corpus was derived from,
	// in the order given (path and hash each).
	Inputs    []string
	Relations Relations
	Checks    map[string]Check
}

// Relations are a corpus's fields derived from its sources and people
// together (the rest is rebuilt from the inputs themselves).
type Relations struct {
	ParaPeople     map[string]map[int][]string
	SourcePeople   map[string][]string
	PersonMentions map[string][]Mention
	Quotes         []quotes.Quote
	QuoteID        []string
	Groups         [][]int
	GroupOf        map[int]int
	SourceQuote    map[string][]int
	PersonQuote    map[string][]int
	Shared         []provenance.Relation
	SharedOf       map[string][]int
	Cites          map[string][]provenance.Citation
	OriginOf       map[string][]string
}

// Check is what checking one claim found (see checked).
type Check struct {
	Located []Located
	Appear  []Appearance
	Probs   diag.List
	Method  diag.List
	Ind     Independence
}

// inputsOf names the files of sources and people, in order.
func inputsOf(sources []*corpus.Source, ppl []*people.Person) []string {
	out := make([]string, 0, len(sources)+len(ppl))
	for _, s := range sources {
		out = append(out, s.Path+"\x00"+s.Hash)
	}
	for _, p := range ppl {
		out = append(out, p.Path+"\x00"+p.Hash)
	}
	return out
}

func checkKey(c *claims.Claim) string { return c.Path + "\x00" + c.Hash }

// Save returns what of r another process can reuse.
func (r *Result) Save() *Saved {
	c := r.Corpus
	s := &Saved{
		Inputs: inputsOf(c.sources, c.people),
		Relations: Relations{
			ParaPeople: c.ParaPeople, SourcePeople: c.SourcePeople, PersonMentions: c.PersonMentions,
			Quotes: c.Quotes, QuoteID: c.QuoteID, Groups: c.Groups, GroupOf: c.GroupOf,
			SourceQuote: c.SourceQuote, PersonQuote: c.PersonQuote,
			Shared: c.Shared, SharedOf: c.SharedOf, Cites: c.Cites, OriginOf: c.OriginOf,
		},
		Checks: make(map[string]Check, len(r.checked)),
	}
	for cl, ck := range r.checked {
		s.Checks[checkKey(cl)] = Check{ck.located, ck.appear, ck.probs, ck.method, ck.ind}
	}
	return s
}

// Restore makes from s a Result for Again to reuse with in: its corpus
// when in has exactly the source and person files s was derived from (the
// same paths and hashes, in the same order), and the checks of in's claims
// whose files s knows (the same path and hash), when the corpus is reused.
// A nil s, or one derived from other inputs, restores nothing (nil).
func Restore(s *Saved, in Input) *Result {
	if s == nil || !slices.Equal(s.Inputs, inputsOf(in.Sources, in.People)) {
		return nil
	}
	c := newCorpus(in)
	rel := s.Relations
	c.ParaPeople, c.SourcePeople, c.PersonMentions = rel.ParaPeople, rel.SourcePeople, rel.PersonMentions
	c.Quotes, c.QuoteID, c.Groups, c.GroupOf = rel.Quotes, rel.QuoteID, rel.Groups, rel.GroupOf
	c.SourceQuote, c.PersonQuote = rel.SourceQuote, rel.PersonQuote
	c.Shared, c.SharedOf, c.Cites, c.OriginOf = rel.Shared, rel.SharedOf, rel.Cites, rel.OriginOf
	r := &Result{Corpus: c, checked: map[*claims.Claim]checked{}}
	for _, cl := range in.Claims {
		if ck, ok := s.Checks[checkKey(cl)]; ok {
			r.checked[cl] = checked{located: ck.Located, appear: ck.Appear, probs: ck.Probs, method: ck.Method, ind: ck.Ind}
		}
	}
	return r
}

// Inputs names the source and person files c was derived from, in the
// order given (path and hash each): two corpora with the same Inputs are
// the same.
func (c *Corpus) Inputs() []string { return inputsOf(c.sources, c.people) }
