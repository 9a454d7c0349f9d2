package derive

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/provenance"
	"github.com/factcheck-mx/factcheck/generator/quotes"
)

// This file enforces the methodology on one claim: who made it, whether
// the corpus attributes its statement to them, and whether its evidence
// is as independent as its rating needs.

// RetellingShare is how much of either source's words two sources must
// share for every passage of one to count as the other's origin: past it,
// one is a retelling of the other, whatever the paragraph.
const RetellingShare = 0.5

// Origin is a set of evidence passages that do not count as independent of
// each other: they come from the same source, from sources relaying or
// citing the same outlet, or from passages sharing text.
type Origin struct {
	Label  string      // what readers are told it is: "NBC News's reporting"
	Pieces []int       // indices into the claim's located evidence, in order
	Why    []string    // how its pieces were joined, in words, one per pair of sources
	Pairs  [][2]string // the pair of sources each Why is about
	// The same as data, for pages to word in their own language: each
	// Why's reasons, and what Label names (the outlet all its sources
	// carry, else the titles of its sources).
	Reasons [][]Reason
	Outlet  string
	Titles  []string
	// Statement says the origin holds the claim's own statement: what it
	// says beyond the statement does not confirm the claim independently.
	Statement bool
}

// A Reason is one reason why two sources' passages are one origin: the
// sources share Share percent of their words (a retelling), or a
// paragraph (Para[0] of Paras[0] and Para[1] of Paras[1]), or both relay
// the outlets Relay.
type Reason struct {
	Share int
	Paras [2]string
	Para  [2]int
	Relay []string
}

// StanceCount is how much evidence of one stance a claim has.
type StanceCount struct {
	Stance   string
	Passages int
	Origins  []int // indices into the claim's origins
}

// Independence is a claim's evidence gathered into origins.
type Independence struct {
	Origins []Origin
	Counts  []StanceCount // statement, supports, contradicts: those with evidence
}

// claimant checks who made the claim: a person or organisation of the
// registry, or an unnamed source reported by an organisation.
func (r *Result) claimant(c *claims.Claim, probs *diag.List) {
	if c.Claimant != "" {
		if _, ok := r.Person[c.Claimant]; !ok {
			probs.Errorf(c.Path, c.Lines["claimant"], "claimant %q is not in the registry: add people/%s.md (a person, or kind: organization)%s", c.Claimant, c.Claimant, suggest(c.Claimant, r.personIDs()))
		}
	}
	if c.Unnamed != "" {
		if ids := r.matcher.Find(c.Unnamed); len(ids) > 0 {
			probs.Errorf(c.Path, c.Lines["unnamed"], "unnamed %q names %s of the registry: a source the reporting names is the claimant; write claimant: %s", c.Unnamed, r.name(ids[0]), ids[0])
		}
	}
	if c.Reporter != "" {
		p, ok := r.Person[c.Reporter]
		switch {
		case !ok:
			probs.Errorf(c.Path, c.Lines["reported-by"], "reported-by %q is not in the registry: add people/%s.md with kind: organization%s", c.Reporter, c.Reporter, suggest(c.Reporter, r.personIDs()))
		case p.Kind != people.KindOrganization:
			probs.Errorf(c.Path, c.Lines["reported-by"], "reported-by %q is a person (%s): reported-by names the organisation, such as an outlet, whose reporting carries the unnamed source's words; add kind: organization to its file if it is one", c.Reporter, p.Path)
		}
	}
}

// method checks the claim's evidence against the methodology: the
// statement is the claimant's, no passage confirms the paragraph it
// comes from, and the evidence meets its rating's needs.
func (r *Result) method(c *claims.Claim, located []Located, probs *diag.List) Independence {
	statements := map[[2]string]int{} // source, paragraph -> line of the statement there
	for _, l := range located {
		if l.Stance == "statement" {
			statements[[2]string{l.Source, strconv.Itoa(l.N)}] = l.Line
			r.whoSaid(c, l, probs)
		}
	}
	for _, l := range located {
		if l.Stance != "supports" && l.Stance != "contradicts" {
			continue
		}
		if line, ok := statements[[2]string{l.Source, strconv.Itoa(l.N)}]; ok {
			probs.Errorf(c.Path, l.Line, "this evidence is marked %s but lies in paragraph %d of %s, the paragraph that carries the claim's statement (line %d): a passage cannot %s the claim it reports; cite another passage, or make it stance: context", l.Stance, l.N, r.Source[l.Source].Path, line, map[string]string{"supports": "confirm", "contradicts": "refute"}[l.Stance])
		}
	}
	ind := r.Independence(located)
	// Evidence in error is reported already: its needs are judged once it
	// is found.
	if rt, ok := r.Scale.Get(c.Rating); ok && len(c.Evidence) > 0 && len(located) == len(c.Evidence) {
		r.needs(c, rt, located, ind, probs)
	}
	return ind
}

// whoSaid checks that the corpus attributes a statement passage to the
// claimant (to nobody named, for an unnamed source).
func (r *Result) whoSaid(c *claims.Claim, l Located, probs *diag.List) {
	if l.N == 0 {
		return
	}
	if _, known := r.Person[c.Claimant]; c.Claimant != "" && !known {
		return // reported as an unknown claimant
	}
	s := r.Source[l.Source]
	para, prev := s.Paras[l.N-1].Text, ""
	if l.N > 1 {
		prev = s.Paras[l.N-2].Text
	}
	// Each sentence of the passage on its own: a passage running from one
	// speaker's sentence into another's is neither's.
	for _, piece := range quotes.Pieces(s.Language, para, l.Span) {
		a := quotes.Attribute(s.Language, r.Quotes, r.SourceQuote[s.ID], l.N, para, prev, piece, r.matcher)
		if !r.saidBy(c, l, s, a, probs) {
			return
		}
	}
}

// saidBy checks one sentence of a statement passage, attributed as a,
// against who made the claim; false when it reported a problem.
func (r *Result) saidBy(c *claims.Claim, l Located, s *corpus.Source, a quotes.Attribution, probs *diag.List) bool {
	where := fmt.Sprintf("paragraph %d of %s", l.N, s.Path)
	// A paraphrase is the source's own words: nobody else's, and not a
	// quotation.
	paraphrase := l.Paraphrase && a.Speaker == "" && a.Quote < 0
	if l.Paraphrase && !paraphrase {
		how := "it is inside a quotation"
		if a.Speaker != "" {
			how = "the corpus attributes it to " + r.name(a.Speaker)
		}
		probs.Errorf(c.Path, l.Line, "this statement is marked paraphrase: true, but %s (%s): a paraphrase is the source reporting the claim in its own words; remove paraphrase: true", how, where)
		return false
	}
	switch {
	case c.Unnamed != "":
		if a.Speaker != "" {
			probs.Errorf(c.Path, l.Line, "the corpus attributes this statement to %s, in %s: the statement of an unnamed source must be a passage that names no one of the registry as its speaker; make %q the claimant instead of unnamed:", r.name(a.Speaker), where, a.Speaker)
			return false
		}
		if a.Unnamed == "" && a.Quote < 0 && !paraphrase {
			probs.Errorf(c.Path, l.Line, "%s names no speaker for this statement: it is the source's own reporting, not an unnamed source's; cite the passage where the source says who said it (\"officials said…\"), or make the outlet the claimant", where)
			return false
		}
		if rep, ok := r.Person[c.Reporter]; ok && rep.Kind == people.KindOrganization && !r.carries(s, rep) {
			probs.Errorf(c.Path, l.Line, "the statement is from %s (outlet: %s), which is not %s's reporting and does not relay or cite it: reported-by names the outlet whose reporting carries the unnamed source's words", s.Path, s.Outlet, rep.Name)
			return false
		}
	case c.Claimant == "" || a.Speaker == c.Claimant || paraphrase:
	case a.Quote < 0 && (a.Speaker == "" && a.Unnamed == "" || a.Whole) && r.writtenBy(s, c.Claimant):
		// The source's own words, or its whole report of what someone
		// said, and the claimant wrote or published it: that reporting is
		// theirs. The words it reports of others are not.
	case a.Speaker != "":
		probs.Errorf(c.Path, l.Line, "the corpus attributes this statement to %s, not to the claimant %s: %s says so (%s); cite the claimant's own words, or change the claimant", r.name(a.Speaker), r.name(c.Claimant), where, ruleWords(a.Rule))
		return false
	default:
		said := "names no speaker for it"
		if a.Unnamed != "" {
			said = fmt.Sprintf("says only %q", a.Unnamed)
		}
		probs.Errorf(c.Path, l.Line, "the corpus does not attribute this statement to the claimant, %s: %s %s, and %s neither wrote nor published the source; cite a passage that says %s said it, write unnamed: and reported-by: if the source does not name who did, or mark the entry paraphrase: true if the source reports the claim in its own words", r.name(c.Claimant), where, said, r.short(c.Claimant), r.short(c.Claimant))
		return false
	}
	return true
}

// ruleWords says how an attribution was found.
func ruleWords(rule string) string {
	switch rule {
	case "after", "before", "according-to", "dash":
		return "a quotation attributed to them by name"
	case "pronoun":
		return "a quotation or sentence attributed by a pronoun to the person named before it"
	case "continuation":
		return "a quotation continuing theirs"
	case "reported":
		return "a sentence reporting what they said"
	}
	return rule
}

// name is a registry entry as messages show it: "Glen VanHerck (glen-vanherck)".
func (r *Corpus) name(id string) string {
	if p, ok := r.Person[id]; ok {
		return p.Name + " (" + id + ")"
	}
	return id
}

// short is a registry entry's name alone, or its id when it has none.
func (r *Corpus) short(id string) string {
	if p, ok := r.Person[id]; ok && p.Name != "" {
		return p.Name
	}
	return id
}

// carries reports whether source s is an organisation's reporting: its
// outlet, an outlet it relays, or one its text cites as its origin.
func (r *Corpus) carries(s *corpus.Source, org *people.Person) bool {
	names := map[string]bool{}
	for _, n := range org.Names() {
		names[outletKey(n)] = true
	}
	return slices.ContainsFunc(r.carriers(s), func(o string) bool { return names[outletKey(o)] })
}

// carriers are the outlets whose reporting a source carries: those it
// relays or cites as its origin, then its own outlet when known.
func (r *Corpus) carriers(s *corpus.Source) []string {
	out := append([]string{}, s.Relays...)
	for _, c := range r.Cites[s.ID] {
		if c.Outlet != "" && !slices.Contains(out, c.Outlet) {
			out = append(out, c.Outlet)
		}
	}
	if s.Outlet != "" && s.Outlet != "unknown" {
		out = append(out, s.Outlet)
	}
	return out
}

// Independence gathers located evidence into origins: two passages share
// one when they are from the same source, from sources that relay or cite
// the same outlet, from paragraphs that share text, or from sources of
// which one retells the other (RetellingShare). Context passages are left
// out.
func (r *Corpus) Independence(located []Located) Independence {
	parent := make([]int, len(located))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	counted := func(l Located) bool {
		return l.N > 0 && slices.Contains(claims.CountedStances, l.Stance)
	}
	why := map[[2]string]string{}
	whyData := map[[2]string][]Reason{}
	for i := range located {
		for j := i + 1; j < len(located); j++ {
			a, b := located[i], located[j]
			if !counted(a) || !counted(b) {
				continue
			}
			if reason, data := r.sameOrigin(a, b); reason != "" {
				parent[find(j)] = find(i)
				pair := [2]string{a.Source, b.Source}
				if pair[0] > pair[1] {
					pair[0], pair[1] = pair[1], pair[0]
				}
				if a.Source != b.Source {
					if _, ok := why[pair]; !ok {
						why[pair] = reason
						whyData[pair] = data
					}
				}
			}
		}
	}
	var ind Independence
	root := map[int]int{} // root piece -> origin index
	for i, l := range located {
		if !counted(l) {
			continue
		}
		k, ok := root[find(i)]
		if !ok {
			k = len(ind.Origins)
			root[find(i)] = k
			ind.Origins = append(ind.Origins, Origin{})
		}
		o := &ind.Origins[k]
		o.Pieces = append(o.Pieces, i)
		if l.Stance == "statement" {
			o.Statement = true
		}
	}
	for k := range ind.Origins {
		o := &ind.Origins[k]
		var srcs []string
		for _, i := range o.Pieces {
			if !slices.Contains(srcs, located[i].Source) {
				srcs = append(srcs, located[i].Source)
			}
		}
		sort.Strings(srcs)
		for a := range srcs {
			for b := a + 1; b < len(srcs); b++ {
				if w, ok := why[[2]string{srcs[a], srcs[b]}]; ok {
					o.Why = append(o.Why, srcs[a]+" and "+srcs[b]+" "+w)
					o.Pairs = append(o.Pairs, [2]string{srcs[a], srcs[b]})
					o.Reasons = append(o.Reasons, whyData[[2]string{srcs[a], srcs[b]}])
				}
			}
		}
		o.Label, o.Outlet, o.Titles = r.originLabel(srcs)
	}
	for _, st := range claims.CountedStances {
		sc := StanceCount{Stance: st}
		for k, o := range ind.Origins {
			if n := len(o.Of(located, st)); n > 0 {
				sc.Passages += n
				sc.Origins = append(sc.Origins, k)
			}
		}
		if sc.Passages > 0 {
			ind.Counts = append(ind.Counts, sc)
		}
	}
	return ind
}

// Of is the origin's pieces of one stance (indices into located).
func (o Origin) Of(located []Located, stance string) []int {
	var out []int
	for _, i := range o.Pieces {
		if located[i].Stance == stance {
			out = append(out, i)
		}
	}
	return out
}

// Among is the indices of the origin's Pairs (and Why, Reasons) of
// sources that both hold one of the given pieces (indices into located).
func (o Origin) Among(located []Located, pieces []int) []int {
	has := map[string]bool{}
	for _, i := range pieces {
		has[located[i].Source] = true
	}
	var out []int
	for k, p := range o.Pairs {
		if has[p[0]] && has[p[1]] {
			out = append(out, k)
		}
	}
	return out
}

// WhyAmong is the origin's Why for the pairs of sources that both hold
// one of the given pieces (indices into located): why those passages are
// one origin, leaving out what joined the others.
func (o Origin) WhyAmong(located []Located, pieces []int) []string {
	has := map[string]bool{}
	for _, i := range pieces {
		has[located[i].Source] = true
	}
	var out []string
	for k, p := range o.Pairs {
		if has[p[0]] && has[p[1]] {
			out = append(out, o.Why[k])
		}
	}
	return out
}

// sameOrigin says why two located passages are not independent, in
// words and as data, or "".
func (r *Corpus) sameOrigin(a, b Located) (string, []Reason) {
	if a.Source == b.Source {
		return "are the same source", nil
	}
	var reasons []string
	var data []Reason
	if rel, ok := r.relation(a.Source, b.Source); ok {
		x, y := a, b // x is rel.A's passage
		if rel.A != a.Source {
			x, y = b, a
		}
		if share := max(rel.SharedA, rel.SharedB); share >= RetellingShare {
			reasons = append(reasons, fmt.Sprintf("share %d%% of their words", percent(share)))
			data = append(data, Reason{Share: percent(share)})
		} else if pp, ok := sharedWith(rel, x.N, y.N); ok {
			// Either passage's paragraph taken from the other source,
			// whichever paragraph of it.
			reasons = append(reasons, fmt.Sprintf("share text (paragraph %d of %s and paragraph %d of %s)", pp.A, rel.A, pp.B, rel.B))
			data = append(data, Reason{Paras: [2]string{rel.A, rel.B}, Para: [2]int{pp.A, pp.B}})
		}
	}
	oa, ob := r.carriers(r.Source[a.Source]), r.carriers(r.Source[b.Source])
	var common []string
	seen := map[string]bool{}
	for _, o := range oa {
		for _, p := range ob {
			if k := outletKey(o); k == outletKey(p) && !seen[k] {
				seen[k] = true
				common = append(common, o)
			}
		}
	}
	if len(common) > 0 {
		sort.Strings(common)
		reasons = append(reasons, "both relay "+strings.Join(common, " and "))
		data = append(data, Reason{Relay: common})
	}
	return strings.Join(reasons, " and "), data
}

// sharedWith finds a paragraph pair of rel that holds paragraph a of
// rel.A or paragraph b of rel.B: the passage's paragraph shares text with
// the other source.
func sharedWith(rel provenance.Relation, a, b int) (provenance.ParaPair, bool) {
	for _, pp := range rel.Paras {
		if pp.A == a || pp.B == b {
			return pp, true
		}
	}
	return provenance.ParaPair{}, false
}

// outletKey is an outlet's name compared with others: accents, case and
// a leading "the" do not count ("The New York Times", "New York Times").
func outletKey(name string) string {
	k := strings.Join(strings.Fields(strings.ToLower(meta.Fold(name))), " ")
	return strings.TrimPrefix(k, "the ")
}

// relation returns the shared-text relation of two sources, if any.
func (r *Corpus) relation(a, b string) (provenance.Relation, bool) {
	for _, i := range r.SharedOf[a] {
		rel := r.Shared[i]
		if rel.A == b || rel.B == b {
			return rel, true
		}
	}
	return provenance.Relation{}, false
}

// originLabel names an origin for readers: the outlet all its sources
// relay, else the outlet of its one source, else its sources' titles.
func (r *Corpus) originLabel(srcs []string) (label, outlet string, titles []string) {
	var common []string
	for i, id := range srcs {
		own := r.carriers(r.Source[id])
		if i == 0 {
			common = own
			continue
		}
		common = slices.DeleteFunc(slices.Clone(common), func(o string) bool { return !slices.Contains(own, o) })
	}
	if len(common) > 0 {
		return common[0] + "’s reporting", common[0], nil
	}
	if len(srcs) == 1 {
		if s := r.Source[srcs[0]]; s.Outlet != "" && s.Outlet != "unknown" {
			return s.Outlet + "’s reporting", s.Outlet, nil
		}
	}
	var quoted []string
	for _, id := range srcs {
		titles = append(titles, r.Source[id].Title)
		quoted = append(quoted, "“"+r.Source[id].Title+"”")
	}
	return strings.Join(quoted, " and "), "", titles
}

// needs checks the claim's evidence against what its rating asks for.
func (r *Result) needs(c *claims.Claim, rt claims.Rating, located []Located, ind Independence, probs *diag.List) {
	line := c.Lines["rating"]
	words := map[string]string{"statement": "the claim's statement", "supports": "supporting evidence", "contradicts": "contradicting evidence"}
	for _, st := range claims.CountedStances {
		var origins []int  // counted
		var excluded []int // supporting passages in the statement's own origin
		for k, o := range ind.Origins {
			if len(o.Of(located, st)) == 0 {
				continue
			}
			if st == "supports" && o.Statement {
				excluded = append(excluded, k)
				continue
			}
			origins = append(origins, k)
		}
		need, most := rt.Needs.Get(st), rt.Limit(st)
		if len(origins) >= need && (most < 0 || len(origins) <= most) {
			continue
		}
		var b strings.Builder
		if len(origins) < need {
			// Only support must be independent of the claim's statement.
			independent := map[string]string{"supports": "independent "}[st]
			fmt.Fprintf(&b, "rating %q needs %s from at least %d %s%s; this claim's has %d", rt.ID, words[st], need, independent, plural(need, "origin", "origins"), len(origins))
		} else {
			fmt.Fprintf(&b, "rating %q allows %s from at most %d %s; this claim's has %d", rt.ID, words[st], most, plural(most, "origin", "origins"), len(origins))
		}
		for _, k := range origins {
			o := ind.Origins[k]
			pieces := o.Of(located, st)
			lines := lineNumbers(located, pieces)
			why := o.WhyAmong(located, pieces)
			switch {
			case len(lines) > 1 || len(why) > 0:
				fmt.Fprintf(&b, "; %s %s one origin (%s)", plural(len(lines), "line", "lines")+" "+strings.Join(lines, ", "), plural(len(lines), "is", "are"), o.Label)
				if len(why) > 0 {
					b.WriteString(": " + strings.Join(why, "; "))
				}
			case len(origins) > most && most >= 0:
				fmt.Fprintf(&b, "; line %s (%s)", lines[0], o.Label)
			}
		}
		for _, k := range excluded {
			lines := lineNumbers(located, ind.Origins[k].Of(located, st))
			fmt.Fprintf(&b, "; %s %s not independent of the claim: %s the origin of its statement (%s)", plural(len(lines), "line", "lines")+" "+strings.Join(lines, ", "), plural(len(lines), "is", "are"), plural(len(lines), "it is in", "they are in"), ind.Origins[k].Label)
		}
		if len(origins) < need {
			b.WriteString(": add evidence from an independent source, or choose the rating the evidence supports")
		} else {
			b.WriteString(": choose the rating the evidence supports, or correct the stances")
		}
		probs.Errorf(c.Path, line, "%s", b.String())
	}
}

// lineNumbers are the claim-file lines of the given pieces, as text.
func lineNumbers(located []Located, pieces []int) []string {
	var out []string
	for _, i := range pieces {
		out = append(out, strconv.Itoa(located[i].Line))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func percent(x float64) int { return int(x*100 + 0.5) }

// writtenBy reports whether a source is the claimant's own text: its byline
// names them, or they are the organisation that published it.
func (r *Corpus) writtenBy(s *corpus.Source, id string) bool {
	p, ok := r.Person[id]
	if !ok {
		return false
	}
	if p.Kind == people.KindOrganization {
		for _, n := range p.Names() {
			if outletKey(n) == outletKey(s.Outlet) {
				return true
			}
		}
		return false
	}
	return s.Author != "" && slices.Contains(r.matcher.Find(s.Author), id)
}
