// Package derive checks the loaded inputs against each other and works out
// what the pages need: where each evidence quote sits in its source, who is
// mentioned where, which claims cite which source, related claims, every
// quotation and its speaker, the same statement worded differently, and
// which sources share text or cite the same outlets.
// It reads no files: everything comes from the loaders' values.
package derive

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/evidence"
	"github.com/factcheck-mx/factcheck/generator/markup"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/provenance"
	"github.com/factcheck-mx/factcheck/generator/quotes"
)

// Input is everything the loaders read.
type Input struct {
	Scale   claims.Scale
	Sources []*corpus.Source
	People  []*people.Person
	Claims  []*claims.Claim
	// Translations of claims and people into the site's other languages
	// (files named ID.CODE.md): checked against their originals by Again,
	// shown by In.
	ClaimTr  []*claims.Claim
	PeopleTr []*people.Person
	// Drafts includes draft claims in the published set; they are checked
	// either way.
	Drafts bool
	// Lenient reports breaches of the methodology (who said it, the
	// independence a rating needs) as warnings instead of errors.
	Lenient bool
	// Context, if set, stops the search for closest passages of quotes not
	// found when it is done (the quotes are reported without one).
	Context context.Context
}

// Located is one evidence entry found in its source.
type Located struct {
	claims.Evidence
	N    int           // paragraph number (1-based), 0 when not found
	Span evidence.Span // byte range within the paragraph text
}

// Mark is a highlighted range of a paragraph and the claims citing it.
type Mark struct {
	Span   evidence.Span
	Claims []string
}

// Mention is a person named in a source.
type Mention struct {
	Source string
	Paras  []int // paragraphs of the article naming them
	Other  []int // lines that are not the article (captions, ...) naming them
}

// Result is the checked, cross-referenced site: what the sources and
// people alone give (Corpus, which rebuilds that change only claims share)
// and what the claims add.
type Result struct {
	*Corpus

	Scale  claims.Scale
	Claims []*claims.Claim // published claims, sorted by id
	Claim  map[string]*claims.Claim

	Evidence     map[string][]Located      // claim id -> its evidence, in file order
	Marks        map[string]map[int][]Mark // source id -> paragraph -> marks, by start
	SourceClaims map[string][]string       // source id -> claim ids citing it (as evidence or where made)
	PersonClaims map[string][]string       // person id -> claim ids they made
	Related      map[string][]string       // claim id -> related claim ids, best first
	EvidenceQ    map[string]map[int]int    // claim id -> evidence index -> quote index it lies in
	Independent  map[string]Independence   // claim id -> its evidence gathered into origins
	Reported     map[string][]string       // organisation id -> claims of unnamed sources it reported
	Appearances  map[string][]Appearance   // claim id -> where its statement appears, earliest first

	// Lang is the language of a view made by In; "" for the site's default.
	Lang string
	// PersonIn is, in a view made by In, each person's translation into
	// its language, by id (people without one are not in it).
	PersonIn map[string]*people.Person

	tr      map[string]*langTr        // language -> the translations into it
	trDone  map[trKey]translated      // each translation checked, for Again
	checked map[*claims.Claim]checked // every claim's check, for Again
	budget  *evidence.Budget          // the work left for closest passages in this check
	// fresh counts the claims this Again checked rather than reused, and
	// corpusFresh whether it derived the corpus anew (Fresh).
	fresh       int
	corpusFresh bool
}

// Fresh says how much of r was derived anew rather than reused from the
// Result given to Again: whether the corpus was, and how many claims were
// checked.
func (r *Result) Fresh() (corpus bool, claims int) { return r.corpusFresh, r.fresh }

// checked is what checking one claim found.
type checked struct {
	located []Located
	appear  []Appearance // where the statement appears: the claim, its evidence and the corpus decide it
	probs   diag.List
	method  diag.List // breaches of the methodology, errors unless the input is lenient
	ind     Independence
}

// Corpus is the part of a Result derived from the sources and people alone.
// It is not changed once derived (the normalised paragraphs and the words
// of quotations only grow, and are the same for the same sources), so
// Results can share it.
type Corpus struct {
	Sources []*corpus.Source // sorted by id
	People  []*people.Person // sorted by id

	Source map[string]*corpus.Source
	Person map[string]*people.Person

	ParaPeople     map[string]map[int][]string
	SourcePeople   map[string][]string  // source id -> person ids mentioned
	PersonMentions map[string][]Mention // person id -> sources naming them

	Quotes      []quotes.Quote   // every direct quotation, by source then position
	QuoteID     []string         // stable id of each quotation: source-pN-qK
	Groups      [][]int          // variant groups: indices into Quotes
	GroupOf     map[int]int      // quote index -> group index
	SourceQuote map[string][]int // source id -> its quotes
	PersonQuote map[string][]int // person id -> quotes attributed to them

	matcher *people.Matcher // the registry's names

	Shared   []provenance.Relation            // pairs of sources sharing text, by source order
	SharedOf map[string][]int                 // source id -> its relations (indices into Shared)
	Cites    map[string][]provenance.Citation // source id -> outlets its text cites as origin
	OriginOf map[string][]string              // outlet -> sources relaying or citing it, in source order

	ambiguous map[string]bool             // source ids used by two files: quotes are not checked against either
	norm      map[string]*evidence.Source // normalised, indexed paragraphs per source, filled as claims are checked
	normMu    sync.Mutex
	words     map[int][]string // sorted words of quotations, filled as claims' appearances are found
	wordsMu   sync.Mutex
	sources   []*corpus.Source // as given, to tell whether a later input has the same
	people    []*people.Person // as given
	probs     diag.List        // problems found in the sources and people alone
}

// Derive checks in and computes the relations. Problems go to probs; the
// result is usable for whatever was not in error.
func Derive(in Input, probs *diag.List) *Result { return Again(nil, in, probs) }

// Again derives in as Derive does, reusing prev's work on the sources and
// people (names found, quotations, shared text) when in holds exactly the
// sources and people prev was derived from: the same values, as a
// meta.Cache hands back for files that did not change. Only the claims are
// then checked and related again. prev may be nil; it is not changed.
func Again(prev *Result, in Input, probs *diag.List) *Result {
	var c *Corpus
	fresh := false
	if prev != nil && slices.Equal(prev.sources, in.Sources) && slices.Equal(prev.people, in.People) {
		c = prev.Corpus
	} else {
		c, fresh = deriveCorpus(in), true
	}
	*probs = append(*probs, c.probs...)
	r := &Result{
		Corpus:       c,
		Scale:        in.Scale,
		Claim:        map[string]*claims.Claim{},
		Evidence:     map[string][]Located{},
		Marks:        map[string]map[int][]Mark{},
		SourceClaims: map[string][]string{},
		PersonClaims: map[string][]string{},
		Related:      map[string][]string{},
		EvidenceQ:    map[string]map[int]int{},
		Independent:  map[string]Independence{},
		Reported:     map[string][]string{},
		Appearances:  map[string][]Appearance{},
		checked:      map[*claims.Claim]checked{},
		budget:       evidence.NewBudget(in.Context, evidence.DefaultBudget),
		corpusFresh:  fresh,
	}
	all := make(map[string]*claims.Claim, len(in.Claims))
	for _, c := range in.Claims {
		all[c.ID] = c
		// A claim's check, and where its statement appears, depend on the
		// claim and the corpus alone.
		ck, ok := checked{}, false
		if prev != nil && prev.Corpus == r.Corpus {
			ck, ok = prev.checked[c]
		}
		if !ok {
			ck.located = r.check(c, &ck.probs)
			ck.ind = r.method(c, ck.located, &ck.method)
			ck.appear = r.appearances(c, ck.located)
			r.fresh++
		}
		r.checked[c] = ck
		r.Evidence[c.ID] = ck.located
		r.Independent[c.ID] = ck.ind
		*probs = append(*probs, ck.probs...)
		for _, p := range ck.method {
			if in.Lenient {
				p.Severity = diag.Warning
			}
			*probs = append(*probs, p)
		}
		if c.Draft && !in.Drafts {
			continue
		}
		r.Claim[c.ID] = c
		r.Claims = append(r.Claims, c)
		r.Appearances[c.ID] = ck.appear
	}
	sort.Slice(r.Claims, func(i, j int) bool { return r.Claims[i].ID < r.Claims[j].ID })
	for _, c := range r.Claims {
		r.link(c)
		r.evidenceQuotes(c)
	}
	r.related()
	r.translations(prev, in, all, probs)
	return r
}

// deriveCorpus checks the sources and people and derives what depends on
// them alone.
func deriveCorpus(in Input) *Corpus {
	r := newCorpus(in)
	// The three read the sources and people and write fields of their own:
	// they run side by side.
	var wg sync.WaitGroup
	for _, f := range []func(){r.mentions, r.quotations, r.provenance} {
		wg.Go(f)
	}
	wg.Wait()
	return r
}

// newCorpus indexes the sources and people by id, in order, with their
// problems (ids used twice, names given twice): the corpus before its
// relations are derived.
func newCorpus(in Input) *Corpus {
	r := &Corpus{
		sources:        in.Sources,
		people:         in.People,
		Source:         map[string]*corpus.Source{},
		Person:         map[string]*people.Person{},
		ParaPeople:     map[string]map[int][]string{},
		SourcePeople:   map[string][]string{},
		PersonMentions: map[string][]Mention{},
		ambiguous:      map[string]bool{},
		GroupOf:        map[int]int{},
		SourceQuote:    map[string][]int{},
		PersonQuote:    map[string][]int{},
		SharedOf:       map[string][]int{},
		Cites:          map[string][]provenance.Citation{},
		OriginOf:       map[string][]string{},
		norm:           map[string]*evidence.Source{},
	}
	probs := &r.probs
	for _, s := range in.Sources {
		if prev, dup := r.Source[s.ID]; dup {
			probs.Errorf(s.Path, 0, "source id %q is also used by %s: rename one of the files", s.ID, prev.Path)
			r.ambiguous[s.ID] = true
			continue
		}
		r.Source[s.ID] = s
		r.Sources = append(r.Sources, s)
	}
	names := map[string]string{}
	for _, p := range in.People {
		r.Person[p.ID] = p
		r.People = append(r.People, p)
		markup.Report(probs, p.Path, p.Bio, p.BioLine) // the biography is safe to render
		for _, n := range p.Names() {
			if other, dup := names[n]; dup && other != p.ID {
				probs.Warnf(p.Path, 0, "the name %q is also given for %s: mentions of it are counted for both", n, other)
			}
			names[n] = p.ID
		}
	}
	sort.Slice(r.Sources, func(i, j int) bool { return r.Sources[i].ID < r.Sources[j].ID })
	sort.Slice(r.People, func(i, j int) bool { return r.People[i].ID < r.People[j].ID })
	r.matcher = people.NewMatcher(r.People)
	return r
}

func (r *Corpus) mentions() {
	m := r.matcher
	for _, s := range r.Sources {
		article := map[string][]int{}
		other := map[string][]int{} // named only in lines that are not the article
		paras := map[int][]string{}
		for _, p := range s.Paras {
			ids := m.Find(p.Text)
			if p.Boilerplate != "" {
				for _, id := range ids {
					other[id] = append(other[id], p.N)
				}
				continue
			}
			if len(ids) > 0 {
				paras[p.N] = ids
			}
			for _, id := range ids {
				article[id] = append(article[id], p.N)
			}
		}
		r.ParaPeople[s.ID] = paras
		for _, id := range sortedKeys(article) {
			r.SourcePeople[s.ID] = append(r.SourcePeople[s.ID], id)
		}
		ids := sortedKeys(article)
		for _, id := range sortedKeys(other) {
			if _, ok := article[id]; !ok {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			r.PersonMentions[id] = append(r.PersonMentions[id], Mention{Source: s.ID, Paras: article[id], Other: other[id]})
		}
	}
}

// quotations extracts every source's quotations and groups their variants.
func (r *Corpus) quotations() {
	m := r.matcher
	ordinal := 0
	for _, s := range r.Sources {
		for _, q := range quotes.Extract(s, m) {
			i := len(r.Quotes)
			k := 1
			if i > 0 && r.Quotes[i-1].Source == q.Source && r.Quotes[i-1].Para == q.Para {
				k = ordinal + 1
			}
			ordinal = k
			r.Quotes = append(r.Quotes, q)
			r.QuoteID = append(r.QuoteID, q.Source+"-p"+strconv.Itoa(q.Para)+"-q"+strconv.Itoa(k))
			r.SourceQuote[s.ID] = append(r.SourceQuote[s.ID], i)
			if q.Speaker != "" {
				r.PersonQuote[q.Speaker] = append(r.PersonQuote[q.Speaker], i)
			}
		}
	}
	r.Groups = quotes.Group(r.Quotes)
	// Each group starts with the earliest published wording: the one the
	// others are compared with. Unknown dates sort last.
	date := func(i int) string {
		d := r.Source[r.Quotes[i].Source].Published
		if d == "" || d == "unknown" {
			return "~"
		}
		return d
	}
	for _, g := range r.Groups {
		sort.SliceStable(g, func(a, b int) bool { return date(g[a]) < date(g[b]) })
	}
	sort.SliceStable(r.Groups, func(a, b int) bool { return r.Groups[a][0] < r.Groups[b][0] })
	for g, members := range r.Groups {
		for _, i := range members {
			r.GroupOf[i] = g
		}
	}
}

// provenance finds the sources that share text and the outlets each cites
// as the origin of its reporting.
func (r *Corpus) provenance() {
	docs := make([]provenance.Doc, len(r.Sources))
	var outlets []string
	for i, s := range r.Sources {
		docs[i].ID = s.ID
		for _, p := range s.Article() {
			docs[i].Paras = append(docs[i].Paras, provenance.Para{N: p.N, Text: p.Text})
		}
		outlets = append(outlets, s.Relays...)
		if s.Outlet != "unknown" {
			outlets = append(outlets, s.Outlet)
		}
	}
	r.Shared, _ = provenance.Shared(docs)
	for i, rel := range r.Shared {
		r.SharedOf[rel.A] = append(r.SharedOf[rel.A], i)
		r.SharedOf[rel.B] = append(r.SharedOf[rel.B], i)
	}
	o := provenance.NewOutlets(outlets)
	for i, s := range r.Sources {
		cs := o.Cites(docs[i], s.Outlet)
		if len(cs) > 0 {
			r.Cites[s.ID] = cs
		}
		origins := append([]string{}, s.Relays...)
		for _, c := range cs {
			origins = append(origins, c.Outlet)
		}
		for _, name := range origins {
			if !slices.Contains(r.OriginOf[name], s.ID) {
				r.OriginOf[name] = append(r.OriginOf[name], s.ID)
			}
		}
	}
}

// evidenceQuotes records which quotation each piece of a claim's evidence
// lies in, so the claim can show how other sources word it.
func (r *Result) evidenceQuotes(c *claims.Claim) {
	for ei, l := range r.Evidence[c.ID] {
		if qi, ok := r.quoteAt(l); ok {
			if r.EvidenceQ[c.ID] == nil {
				r.EvidenceQ[c.ID] = map[int]int{}
			}
			r.EvidenceQ[c.ID][ei] = qi
		}
	}
}

// check validates one claim's references and locates its evidence.
func (r *Result) check(c *claims.Claim, probs *diag.List) []Located {
	markup.Report(probs, c.Path, c.Body, c.BodyLine) // the analysis is safe to render
	r.claimant(c, probs)
	for _, id := range c.Sources {
		if _, ok := r.Source[id]; !ok {
			probs.Errorf(c.Path, c.Lines["sources"], "source %q is not in corpus/%s", id, suggest(id, r.sourceIDs()))
		}
	}
	var located []Located
	for _, ev := range c.Evidence {
		l := Located{Evidence: ev}
		s, ok := r.Source[ev.Source]
		if !ok {
			if ev.Source != "" {
				probs.Errorf(c.Path, ev.Line, "evidence source %q is not in corpus/%s", ev.Source, suggest(ev.Source, r.sourceIDs()))
			}
			continue
		}
		if ev.Quote == "" || r.ambiguous[ev.Source] {
			continue
		}
		q := evidence.Normalize(ev.Quote).Norm
		if why := evidence.Substance(q); why != "" {
			probs.Errorf(c.Path, ev.QLine, "quote %s is too short to be evidence (%s): quote at least %d words, one of them more than a common word such as \"the\" or \"of\", copied from the source", meta.Clip(ev.Quote), why, evidence.MinWords)
			continue
		}
		loc := r.source(s).Locate(q)
		switch {
		case loc.Para >= 0:
			p := s.Paras[loc.Para]
			l.N, l.Span = p.N, loc.Span
			if p.Boilerplate != "" {
				probs.Warnf(c.Path, ev.QLine, "the quote is in paragraph %d of %s, which is not article text (%s): cite the article, or list p%d under article: in the source's metadata", p.N, s.Path, p.Boilerplate, p.N)
			}
		case loc.Across:
			probs.Errorf(c.Path, ev.QLine, "the quote runs across paragraphs %d to %d of %s: quote each paragraph as its own evidence entry", s.Paras[loc.First].N, s.Paras[loc.Last].N, s.Path)
			continue
		case loc.Cut != 0:
			where := "starts"
			switch loc.Cut {
			case evidence.CutEnd:
				where = "ends"
			case evidence.CutStart | evidence.CutEnd:
				where = "starts and ends"
			}
			p := s.Paras[loc.CutPara]
			probs.Errorf(c.Path, ev.QLine, "quote %s %s in the middle of a word in %s (paragraph %d, line %d: %s): quote whole words", meta.Clip(ev.Quote), where, s.Path, p.N, p.Line, meta.Clip(p.Text[loc.Words.Start:loc.Words.End]))
			continue
		default:
			msg := "quote not found in " + s.Path
			if best, ok := r.source(s).Closest(ev.Quote, 0.3, r.budget); ok {
				p := s.Paras[best.Index]
				msg += "; the closest passage, in paragraph " + strconv.Itoa(p.N) + " (line " + strconv.Itoa(p.Line) + "), reads: \"" + best.Text + "\""
			} else if r.budget.Spent() {
				msg += "; no closest passage was computed, as this check has spent its time on the quotes before"
			}
			probs.Errorf(c.Path, ev.QLine, "%s. Copy the words exactly as the source has them, one paragraph per quote; to leave words out, cite two quotes", msg)
			continue
		}
		located = append(located, l)
	}
	return located
}

// source returns s's paragraphs normalised and indexed, computed once per
// source however many claims quote it.
func (r *Corpus) source(s *corpus.Source) *evidence.Source {
	r.normMu.Lock()
	defer r.normMu.Unlock()
	if t, ok := r.norm[s.ID]; ok {
		return t
	}
	t := evidence.NewSource(s.Text())
	r.norm[s.ID] = t
	return t
}

// link records a published claim's relations.
func (r *Result) link(c *claims.Claim) {
	if _, ok := r.Person[c.Claimant]; ok {
		r.PersonClaims[c.Claimant] = append(r.PersonClaims[c.Claimant], c.ID)
	}
	if _, ok := r.Person[c.Reporter]; ok && c.Unnamed != "" {
		r.Reported[c.Reporter] = append(r.Reported[c.Reporter], c.ID)
	}
	cites := map[string]bool{}
	for _, id := range c.Sources {
		cites[id] = true
	}
	for _, l := range r.Evidence[c.ID] {
		cites[l.Source] = true
		marks := r.Marks[l.Source]
		if marks == nil {
			marks = map[int][]Mark{}
			r.Marks[l.Source] = marks
		}
		marks[l.N] = addMark(marks[l.N], l.Span, c.ID)
	}
	for id := range cites {
		if _, ok := r.Source[id]; ok {
			r.SourceClaims[id] = append(r.SourceClaims[id], c.ID)
		}
	}
	for id := range cites {
		sort.Strings(r.SourceClaims[id])
	}
}

// addMark merges span into marks (kept sorted, non-overlapping).
func addMark(marks []Mark, sp evidence.Span, claim string) []Mark {
	merged := Mark{Span: sp, Claims: []string{claim}}
	var out []Mark
	for _, m := range marks {
		if m.Span.End <= merged.Span.Start || m.Span.Start >= merged.Span.End {
			out = append(out, m)
			continue
		}
		merged.Span.Start = min(merged.Span.Start, m.Span.Start)
		merged.Span.End = max(merged.Span.End, m.Span.End)
		merged.Claims = union(merged.Claims, m.Claims)
	}
	out = append(out, merged)
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// related finds each claim's four most related claims: two points for each
// tag they share and for the same claimant, one for each source they both
// cite as evidence; ties in id order.
func (r *Result) related() {
	index := make(map[string]int, len(r.Claims))
	for i, c := range r.Claims {
		index[c.ID] = i
	}
	tags := map[string][]int{}
	srcs := map[string][]int{}
	for i, c := range r.Claims {
		for _, t := range c.Tags {
			tags[t] = appendLast(tags[t], i)
		}
		for _, l := range r.Evidence[c.ID] {
			srcs[l.Source] = appendLast(srcs[l.Source], i)
		}
	}
	made := map[string][]int{}
	for p, ids := range r.PersonClaims {
		for _, id := range ids {
			if i, ok := index[id]; ok {
				made[p] = append(made[p], i)
			}
		}
		slices.Sort(made[p])
	}
	// Scores live in one slice indexed like Claims, reset after each claim
	// through the list of the claims it touched.
	score := make([]int, len(r.Claims))
	var touched []int
	add := func(list []int, points int) {
		for _, o := range list {
			if score[o] == 0 {
				touched = append(touched, o)
			}
			score[o] += points
		}
	}
	for i, c := range r.Claims {
		for _, t := range c.Tags {
			add(window(tags[t], i), 2)
		}
		seen := map[string]bool{}
		for _, l := range r.Evidence[c.ID] {
			if !seen[l.Source] {
				seen[l.Source] = true
				add(window(srcs[l.Source], i), 1)
			}
		}
		add(window(made[c.Claimant], i), 2)
		// The four best, highest score first; claims are sorted by id, so
		// ties in index order are ties in id order. Kept by insertion: a
		// claim touches many claims, and sorting them all was most of the
		// work.
		var best [4]int
		n := 0
		for _, o := range touched {
			if o != i {
				j := n
				for j > 0 && (score[best[j-1]] < score[o] || score[best[j-1]] == score[o] && best[j-1] > o) {
					j--
				}
				if j < len(best) {
					copy(best[j+1:min(n+1, len(best))], best[j:n])
					best[j] = o
					n = min(n+1, len(best))
				}
			}
		}
		var ids []string
		for _, o := range best[:n] {
			ids = append(ids, r.Claims[o].ID)
		}
		for _, o := range touched {
			score[o] = 0
		}
		touched = touched[:0]
		r.Related[c.ID] = ids
	}
}

// MaxRelatedWindow bounds the work of finding related claims: in a tag,
// source or claimant shared by more claims than this, a claim is compared
// only with the MaxRelatedWindow claims nearest to it in that list (in the
// order of Claims), so the work stays linear however large a tag grows.
// Below it every claim that shares something is compared, as before.
const MaxRelatedWindow = 64

// window returns the claims of list (sorted indices) nearest to claim i.
func window(list []int, i int) []int {
	if len(list) <= MaxRelatedWindow {
		return list
	}
	pos, _ := slices.BinarySearch(list, i)
	lo := max(0, pos-MaxRelatedWindow/2)
	hi := min(len(list), lo+MaxRelatedWindow)
	return list[max(0, hi-MaxRelatedWindow):hi]
}

// appendLast appends i to a list built in increasing order, once.
func appendLast(list []int, i int) []int {
	if n := len(list); n > 0 && list[n-1] == i {
		return list
	}
	return append(list, i)
}

func (r *Corpus) personIDs() []string { return sortedKeys(r.Person) }
func (r *Corpus) sourceIDs() []string { return sortedKeys(r.Source) }

func suggest(id string, ids []string) string {
	if s := meta.Closest(id, ids); s != "" {
		return "; did you mean \"" + s + "\"?"
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func union(a, b []string) []string {
	for _, s := range b {
		a = appendOnce(a, s)
	}
	sort.Strings(a)
	return a
}

func appendOnce(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
