package site

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/card"
	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/quotes"
	"github.com/factcheck-mx/factcheck/generator/revisions"
	"github.com/factcheck-mx/factcheck/generator/wordiff"
)

// Page is the front matter of every generated page. Hugo reads title, date,
// draft, description and the taxonomies; the rest is under one key per kind.
type Page struct {
	Title       string   `json:"title"`
	Date        string   `json:"date,omitempty"`
	Lastmod     string   `json:"lastmod,omitempty"` // the input file's last commit; none when history is unknown (the sitemap's lastmod)
	Draft       bool     `json:"draft,omitempty"`
	Description string   `json:"description,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Ratings     []string `json:"ratings,omitempty"`
	Aliases     []string `json:"aliases,omitempty"` // old addresses of renamed files
	History     *History `json:"history,omitempty"`
	File        string   `json:"file,omitempty"` // the input file behind the page, for "edit this page"
	Outputs     []string `json:"outputs,omitempty"`
	// Untranslated says the page, in a language other than the site's
	// default, shows its input in the original language: the input has no
	// translation into the page's language yet. Its value is the
	// original's language (templates mark the text with it).
	Untranslated string  `json:"untranslated,omitempty"`
	Claim        *Claim  `json:"claim,omitempty"`
	Person       *Person `json:"person,omitempty"`
	Source       *Source `json:"source,omitempty"`
}

// Claim is a claim page's data.
type Claim struct {
	ID          string           `json:"id"`
	Text        string           `json:"text"`
	Claimant    PersonRef        `json:"claimant"`
	Date        string           `json:"date"`
	Setting     string           `json:"setting,omitempty"`
	Rating      Rating           `json:"rating"`
	Summary     string           `json:"summary"`
	Analysis    string           `json:"analysis"` // HTML rendered from Markdown
	Sources     []SourceRef      `json:"sources"`
	Evidence    []EvidenceItem   `json:"evidence"`
	Origins     []OriginCount    `json:"origins"` // the evidence's independent origins, per stance
	Needs       []Need           `json:"needs"`   // what the claim's rating needs
	Reviewer    string           `json:"reviewer"`
	Published   string           `json:"published"`
	Related     []ClaimRef       `json:"related"`
	Corrections []CorrectionItem `json:"corrections"`
	// Elsewhere are the places where the claim's statement appears that its
	// own evidence and sources do not cite, earliest published first.
	Elsewhere []AppearanceItem `json:"elsewhere"`
	Card      ClaimRef         `json:"card"`   // this claim as lists show it
	JSONLD    string           `json:"jsonld"` // ClaimReview, encoded (Hugo would lower-case map keys)
}

// PersonRef is who made a claim, as its page names them: a person or an
// organisation of the registry, or an unnamed source (Unnamed, the corpus's
// description) reported by an organisation (Reporter).
type PersonRef struct {
	Link
	Role     string `json:"role"`
	Kind     string `json:"kind"` // person, organization or unnamed
	Reporter *Link  `json:"reporter,omitempty"`
}

// OriginCount is how much evidence of one stance a claim has, and from how
// many independent origins: "3 supporting passages from 1 origin".
type OriginCount struct {
	Stance   string       `json:"stance"`
	Passages int          `json:"passages"`
	Origins  []OriginItem `json:"origins"`
}

// OriginItem is one origin of a claim's evidence: what it is, the
// passages it holds (their numbers in the evidence list) and why they are
// one origin.
type OriginItem struct {
	Label     string   `json:"label"`
	Pieces    []int    `json:"pieces"` // 1-based positions in the claim's evidence list
	Why       []string `json:"why,omitempty"`
	Statement bool     `json:"statement,omitempty"` // supporting passages from the origin of the claim's own statement
}

// EvidenceItem is one quote with where it is.
type EvidenceItem struct {
	Source SourceRef `json:"source"`
	Quote  string    `json:"quote"` // as the source has it
	Note   string    `json:"note,omitempty"`
	Stance string    `json:"stance"`
	// Paraphrase marks a statement the source reports in its own words.
	Paraphrase bool   `json:"paraphrase,omitempty"`
	Para       int    `json:"para"`
	URL        string `json:"url"` // the paragraph on the source page
	// Variants are the same statement as other sources word it, with the
	// words that differ from this quotation marked.
	Variants []Variant `json:"variants,omitempty"`
	Group    string    `json:"group,omitempty"` // link to the statement on the quotes page
}

// AppearanceItem is a place in the corpus where a claim's statement
// appears.
type AppearanceItem struct {
	Source SourceRef `json:"source"`
	Para   int       `json:"para,omitempty"` // 0: the source as a whole
	URL    string    `json:"url"`            // the paragraph on the source page
	Text   string    `json:"text,omitempty"` // the matched words
	// Found says why it counts, most telling first: "variant" (another
	// wording of a quotation the evidence quotes), "shared" (a sentence
	// shared with the statement's paragraph), "attributed" (a quotation
	// the corpus attributes to the claimant in similar words).
	Found []string `json:"found"`
}

// Variant is one source's wording of a statement.
type Variant struct {
	Source SourceRef   `json:"source"`
	URL    string      `json:"url"`
	Para   int         `json:"para"`
	Quote  string      `json:"quote"`
	Diff   []quotes.Op `json:"diff,omitempty"` // from the quotation compared with, to this one
}

func (g *gen) claimPage(c *claims.Claim) (Page, error) {
	analysis, err := g.markdown(c.Body)
	if err != nil {
		return Page{}, err
	}
	p := &Claim{
		ID: c.ID, Text: c.Text, Date: c.Date, Setting: c.Setting,
		Rating: g.rating(c.Rating), Summary: c.Summary, Analysis: analysis,
		Reviewer: c.Reviewer, Published: c.Published,
		Sources: []SourceRef{}, Evidence: []EvidenceItem{}, Related: []ClaimRef{},
	}
	p.Claimant = PersonRef{Link: g.claimantLink(c), Kind: "unnamed"}
	if per, ok := g.c.Person[c.Claimant]; ok {
		per = g.person(per.ID)
		p.Claimant.Role, p.Claimant.Kind = per.Role, per.Kind
	}
	if c.Unnamed != "" {
		p.Claimant.Link.URL = ""
		if _, ok := g.c.Person[c.Reporter]; ok {
			rep := g.personLink(c.Reporter)
			p.Claimant.Reporter = &rep
		}
	}
	if rt, ok := g.scale.Get(c.Rating); ok {
		p.Needs = needs(rt)
	}
	for _, id := range c.Sources {
		if _, ok := g.c.Source[id]; ok {
			p.Sources = append(p.Sources, g.sourceRef(id))
		}
	}
	located, quoted := g.evidence(c.ID)
	for ei, l := range located {
		s := g.c.Source[l.Source]
		text := s.Paras[l.N-1].Text
		item := EvidenceItem{
			Source: g.sourceRef(l.Source),
			Quote:  text[l.Span.Start:l.Span.End],
			Note:   l.Note, Stance: l.Stance, Para: l.N, Paraphrase: l.Paraphrase,
			URL: g.paraURL(l.Source, l.N),
		}
		if c.Original != nil && len(located) == len(c.Evidence) {
			item.Note = c.Evidence[ei].Note // the translation's
		}
		if qi, ok := quoted[ei]; ok {
			if gi, ok := g.c.GroupOf[qi]; ok {
				item.Group = g.groupURL(gi)
				for _, other := range g.c.Groups[gi] {
					if other != qi {
						item.Variants = append(item.Variants, g.variant(other, g.c.Quotes[qi].Text))
					}
				}
			}
		}
		p.Evidence = append(p.Evidence, item)
	}
	p.Origins = g.originCounts(g.independence(c.ID), located)
	for _, id := range g.related(c.ID) {
		p.Related = append(p.Related, g.claimRef(id))
	}
	appear := g.appearances(c.ID)
	p.Elsewhere = []AppearanceItem{}
	for _, a := range appear {
		if a.Cited {
			continue
		}
		item := AppearanceItem{Source: g.sourceRef(a.Source), Para: a.Para, URL: "sources/" + a.Source + "/", Text: a.Text, Found: a.Found}
		if a.Anchor != "" {
			item.URL += "#" + a.Anchor
		}
		p.Elsewhere = append(p.Elsewhere, item)
	}
	p.Card = g.claimRef(c.ID)
	_, ph := g.pageHistory(c.Path)
	updated := ""
	if ph != nil {
		updated = ph.Updated
	}
	ld, err := json.Marshal(g.claimReview(c, appear, updated))
	if err != nil {
		return Page{}, err
	}
	p.JSONLD = string(ld)
	page := Page{
		Title: claimTitle(c), Date: c.Published, Draft: c.Draft, Description: c.Summary,
		Tags: c.Tags, Ratings: []string{c.Rating}, Claim: p,
	}
	// A translation's page shows the claim's history: its revisions and
	// corrections are the fact check's.
	path := c.Path
	if c.Original != nil {
		path = c.Original.Path
	}
	if g.opt.Lang != "" && c.Lang == "" {
		page.Untranslated = g.opt.Original
	}
	g.history(&page, "claims", path)
	page.File = c.Path // "edit this page": the translation's own file
	p.Corrections = g.pageCorrections(path)
	return page, nil
}

// originCounts is a claim's independence as its page shows it.
func (g *gen) originCounts(ind derive.Independence, located []derive.Located) []OriginCount {
	out := []OriginCount{}
	for _, sc := range ind.Counts {
		oc := OriginCount{Stance: sc.Stance, Passages: sc.Passages}
		for _, k := range sc.Origins {
			o := ind.Origins[k]
			// Only support from the statement's own origin is discounted.
			it := OriginItem{Label: g.originLabel(o), Statement: o.Statement && sc.Stance == "supports"}
			pieces := o.Of(located, sc.Stance)
			for _, i := range pieces {
				it.Pieces = append(it.Pieces, i+1)
			}
			for _, k := range o.Among(located, pieces) {
				it.Why = append(it.Why, g.why(o.Pairs[k], o.Reasons[k]))
			}
			oc.Origins = append(oc.Origins, it)
		}
		out = append(out, oc)
	}
	return out
}

// inLanguage is the language a claim's page is written in: the pages'
// language, or the original's when the claim has no translation into it.
func (g *gen) inLanguage(c *claims.Claim) string {
	if g.opt.Lang != "" && c.Lang == "" {
		return g.opt.Original
	}
	return g.opt.Language
}

// originLabel names an origin in the pages' language: "NBC News’s
// reporting", else the titles of its sources.
func (g *gen) originLabel(o derive.Origin) string {
	l := g.opt.Labels
	if o.Outlet != "" {
		return card.Format(l.OriginOutlet, map[string]any{"Outlet": o.Outlet})
	}
	var titles []string
	for _, t := range o.Titles {
		titles = append(titles, "“"+t+"”")
	}
	return strings.Join(titles, " "+l.And+" ")
}

// why says, in the pages' language, why two sources' passages are one
// origin: "a and b share 62% of their words and both relay NBC News".
func (g *gen) why(pair [2]string, reasons []derive.Reason) string {
	l := g.opt.Labels
	var parts []string
	for _, r := range reasons {
		switch {
		case r.Share > 0:
			parts = append(parts, card.Format(l.WhyShare, map[string]any{"Percent": r.Share}))
		case r.Para[0] > 0:
			parts = append(parts, card.Format(l.WhyText, map[string]any{"A": r.Paras[0], "ParaA": r.Para[0], "B": r.Paras[1], "ParaB": r.Para[1]}))
		case len(r.Relay) > 0:
			parts = append(parts, card.Format(l.WhyRelay, map[string]any{"Outlets": strings.Join(r.Relay, " "+l.And+" ")}))
		}
	}
	return card.Format(l.WhyPair, map[string]any{"A": pair[0], "B": pair[1], "Reasons": strings.Join(parts, " "+l.And+" ")})
}

// claimReview is schema.org ClaimReview with the fields Google's fact-check
// markup requires (claimReviewed, reviewRating.alternateName, url, author)
// and recommends (datePublished, itemReviewed with author, datePublished and
// appearance), in the site's language (inLanguage, and each appearance in
// its source's). The rating has a name and no number (see reviewRating
// below). The appearances are the articles where
// the claim's statement appears (derive's appearances: the claim's own
// sources among them), one CreativeWork per article, earliest published
// first; firstAppearance is the earliest with a known date. dateModified is
// the day of the claim file's last commit (updated; none when history is
// unknown).
func (g *gen) claimReview(c *claims.Claim, appear []derive.Appearance, updated string) map[string]any {
	rt, _ := g.scale.Get(c.Rating)
	author := map[string]any{"@type": "Person", "name": g.personLink(c.Claimant).Title}
	if per, ok := g.c.Person[c.Claimant]; ok {
		per = g.person(per.ID)
		author["url"] = g.opt.BaseURL + "people/" + per.ID + "/"
		switch {
		case per.Kind == people.KindOrganization:
			author["@type"] = "Organization"
			if per.Role != "" {
				author["description"] = per.Role
			}
		case per.Role != "":
			author["jobTitle"] = per.Role
		}
	}
	if c.Unnamed != "" {
		// Unnamed officials are people; schema.org has no type for a source
		// the reporting does not name, so the name says it.
		author = map[string]any{"@type": "Person", "name": c.Unnamed + " (unnamed)"}
		if rep, ok := g.c.Person[c.Reporter]; ok {
			author["name"] = c.Unnamed + " (unnamed, as reported by " + rep.Name + ")"
		}
	}
	var appearance []any
	var first any
	seen := map[string]bool{}
	for _, ap := range appear {
		s, ok := g.c.Source[ap.Source]
		if !ok || seen[ap.Source] {
			continue
		}
		seen[ap.Source] = true
		u := s.URL
		if u == "" || u == "unknown" {
			u = g.opt.BaseURL + "sources/" + s.ID + "/"
		}
		a := map[string]any{"@type": "CreativeWork", "url": u, "headline": s.Title}
		if ap.Known() {
			a["datePublished"] = s.Published
		}
		if s.Language != "" && s.Language != "unknown" {
			a["inLanguage"] = s.Language
		}
		if s.Outlet != "" && s.Outlet != "unknown" {
			a["publisher"] = map[string]any{"@type": "Organization", "name": s.Outlet}
		}
		appearance = append(appearance, a)
		if first == nil && ap.Known() {
			first = a // appearances come earliest first, unknown dates last
		}
	}
	item := map[string]any{"@type": "Claim", "author": author}
	if c.Date != "unknown" {
		item["datePublished"] = c.Date
	}
	if len(appearance) > 0 {
		item["appearance"] = appearance
	}
	if first != nil {
		item["firstAppearance"] = first
	}
	review := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"url":           g.opt.BaseURL + "claims/" + c.ID + "/",
		"claimReviewed": c.Text,
		"datePublished": c.Published,
		"inLanguage":    g.inLanguage(c),
		"author":        map[string]any{"@type": "Organization", "name": g.opt.Title, "url": g.opt.BaseURL},
		// The rating by its name and the check's reason, with no number:
		// the scale measures what the corpus shows, not how true a claim is,
		// and aggregators read ratingValue as a line from false to true
		// (content/methodology.md, "The ratings in data").
		"reviewRating": map[string]any{
			"@type": "Rating", "name": rt.Label, "alternateName": rt.Label, "ratingExplanation": c.Summary,
		},
		"itemReviewed": item,
	}
	if updated != "" {
		review["dateModified"] = updated
	}
	return review
}

// Person is a person page's data.
type Person struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Kind        string           `json:"kind"` // person or organization
	Aliases     []string         `json:"aliases"`
	Role        string           `json:"role,omitempty"`
	Description string           `json:"description,omitempty"`
	Bio         string           `json:"bio"` // HTML rendered from Markdown
	Scorecard   []Score          `json:"scorecard"`
	Claims      []ClaimRef       `json:"claims"`
	Reported    []ClaimRef       `json:"reported"` // claims of unnamed sources this organisation reported
	Mentions    []MentionAt      `json:"mentions"`
	Quotes      []QuoteRef       `json:"quotes"`
	Card        PersonCard       `json:"card"`
	Corrections []CorrectionItem `json:"corrections"`
}

// PersonCard is a person as the people list shows them.
type PersonCard struct {
	Link
	Role     string `json:"role,omitempty"`
	Claims   int    `json:"claims"`
	Mentions int    `json:"mentions"`
}

// Score is how many of a person's claims got one rating.
type Score struct {
	Rating Rating `json:"rating"`
	Count  int    `json:"count"`
	Share  int    `json:"share"` // Count as a percentage of the person's largest count (the chart's bar length)
}

// MentionAt is a source naming a person, with the paragraphs.
type MentionAt struct {
	Source SourceRef `json:"source"`
	Paras  []Link    `json:"paras"`
	Other  []Link    `json:"other,omitempty"` // in lines that are not the article
}

// QuoteRef is a quotation attributed to a person.
type QuoteRef struct {
	Quote    string    `json:"quote"`
	Source   SourceRef `json:"source"`
	URL      string    `json:"url"`
	Para     int       `json:"para"`
	Variants int       `json:"variants,omitempty"` // other sources' wordings
	Group    string    `json:"group,omitempty"`
	UsedIn   []Link    `json:"usedin,omitempty"` // claims quoting it as evidence
}

func (g *gen) personPage(id string) (Page, error) {
	per := g.person(id)
	bio, err := g.markdown(per.Bio)
	if err != nil {
		return Page{}, err
	}
	p := &Person{
		ID: id, Name: per.Name, Kind: per.Kind, Aliases: append([]string{}, per.Aliases...), Role: per.Role,
		Description: per.Description, Bio: bio,
		Claims: []ClaimRef{}, Reported: []ClaimRef{}, Mentions: []MentionAt{}, Quotes: []QuoteRef{},
	}
	for _, cid := range g.reported(id) {
		p.Reported = append(p.Reported, g.claimRef(cid))
	}
	counts := map[string]int{}
	for _, cid := range g.personClaims(id) {
		c := g.claim(cid)
		counts[c.Rating]++
		p.Claims = append(p.Claims, g.claimRef(cid))
	}
	for _, qi := range g.c.PersonQuote[id] {
		q := g.c.Quotes[qi]
		ref := QuoteRef{Quote: q.Text, Source: g.sourceRef(q.Source), URL: g.paraURL(q.Source, q.Para), Para: q.Para, UsedIn: g.quoteUsers(qi)}
		if gi, ok := g.c.GroupOf[qi]; ok {
			ref.Variants, ref.Group = len(g.c.Groups[gi])-1, g.groupURL(gi)
		}
		p.Quotes = append(p.Quotes, ref)
	}
	most := 0
	for _, rt := range g.scale {
		most = max(most, counts[rt.ID])
	}
	for _, rt := range g.scale {
		s := Score{Rating: rating(rt), Count: counts[rt.ID]}
		if most > 0 {
			s.Share = s.Count * 100 / most
		}
		p.Scorecard = append(p.Scorecard, s)
	}
	for _, m := range g.c.PersonMentions[id] {
		at := MentionAt{Source: g.sourceRef(m.Source)}
		at.Paras = []Link{}
		for _, n := range m.Paras {
			at.Paras = append(at.Paras, Link{Title: strconv.Itoa(n), URL: "sources/" + m.Source + "/#p" + strconv.Itoa(n)})
		}
		for _, n := range m.Other {
			at.Other = append(at.Other, Link{Title: strconv.Itoa(n), URL: "sources/" + m.Source + "/#p" + strconv.Itoa(n)})
		}
		p.Mentions = append(p.Mentions, at)
	}
	p.Card = PersonCard{Link: g.personLink(id), Role: per.Role, Claims: len(p.Claims), Mentions: len(p.Mentions)}
	desc := per.Description
	if desc == "" {
		desc = per.Role
	}
	page := Page{Title: per.Name, Description: desc, Person: p}
	page.Outputs = []string{"html", "rss"} // a feed of the person's fact checks
	orig := g.c.Person[id]
	if g.opt.Lang != "" && per.Lang == "" {
		page.Untranslated = g.opt.Original
	}
	g.history(&page, "people", orig.Path)
	page.File = per.Path
	p.Corrections = g.pageCorrections(orig.Path)
	return page, nil
}

// Source is a source page's data.
type Source struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Language  string `json:"language"`
	// TextLang is the language of the article's text when it is not the
	// page's (an English article on a Spanish page): templates mark it.
	TextLang string   `json:"textlang,omitempty"`
	Author   string   `json:"author"`
	Relays   []string `json:"relays"`
	Notes    string   `json:"notes,omitempty"`
	Original string   `json:"original,omitempty"` // file name of the page as captured, in corpus/
	Archived string   `json:"archived,omitempty"` // a web archive's copy of the article
	// Excerpts says only the paragraphs quoted as evidence are republished;
	// the others are gaps that keep their anchors.
	Excerpts bool       `json:"excerpts,omitempty"`
	Paras    []Para     `json:"paras"`
	People   []Link     `json:"people"`
	Claims   []ClaimRef `json:"claims"`
	Marked   int        `json:"marked"`  // paragraphs with evidence
	Removed  int        `json:"removed"` // paragraphs that are not article text
	Card     SourceCard `json:"card"`
	// Provenance: sources sharing this one's text, the outlets its text
	// cites as its origin, and other sources relaying the same outlets.
	Shares     []Share  `json:"shares,omitempty"`
	Cites      []Cite   `json:"cites,omitempty"`
	SameOrigin []Origin `json:"sameorigin,omitempty"`
	// Corrections and updates of the source file (its metadata or text).
	Corrections []CorrectionItem `json:"corrections"`
}

// Share is another source sharing text with this one.
type Share struct {
	Source    SourceRef  `json:"source"`
	Here      int        `json:"here"`  // percent of this article's words in shared sentences
	There     int        `json:"there"` // the same for the other source
	Sentences int        `json:"sentences"`
	Paras     []ParaPair `json:"paras"`
}

// ParaPair is a paragraph here and the other source's paragraph sharing
// its text.
type ParaPair struct {
	Here  Link `json:"here"`
	There Link `json:"there"`
}

// Cite is an outlet the text names as the origin of its reporting.
type Cite struct {
	Outlet string `json:"outlet"`
	Para   int    `json:"para"`
	URL    string `json:"url"`
	Text   string `json:"text"` // the citing words: "told NBC News"
}

// Origin is an outlet this source relays or cites, and the other sources
// that do too.
type Origin struct {
	Outlet  string      `json:"outlet"`
	Sources []SourceRef `json:"sources"`
}

// SourceCard is a source as the sources list shows it.
type SourceCard struct {
	SourceRef
	Claims int `json:"claims"`
}

// Para is one paragraph split into plain and highlighted segments.
type Para struct {
	N           int         `json:"n"`
	Anchor      string      `json:"anchor"`
	Segments    []Segment   `json:"segments"`
	Evidence    bool        `json:"evidence,omitempty"`
	Boilerplate string      `json:"boilerplate,omitempty"` // why it is not article text
	Cited       []Link      `json:"cited,omitempty"`       // claims quoting this paragraph, each once
	Quotes      []QuoteMark `json:"quotes,omitempty"`
	Shared      []Link      `json:"shared,omitempty"` // other sources' paragraphs sharing its text
	// Withheld are the anchors of a run of paragraphs not republished (a
	// source published as excerpts), from this one (N) to Last; the
	// paragraph then has no text.
	Withheld []string `json:"withheld,omitempty"`
	Last     int      `json:"last,omitempty"`
}

// QuoteMark is a quotation in a paragraph and who said it.
type QuoteMark struct {
	Text     string `json:"text"`
	Speaker  *Link  `json:"speaker,omitempty"` // nil when the text names nobody
	Variants int    `json:"variants,omitempty"`
	Group    string `json:"group,omitempty"`
}

// Segment is a run of text; Claims is set on highlighted evidence.
type Segment struct {
	Text   string `json:"text"`
	Claims []Link `json:"claims,omitempty"`
}

// excerpts reports whether a source is published as excerpts: by its own
// publish field, else by the site's default.
func (g *gen) excerpts(s *corpus.Source) bool {
	return s.Publish == corpus.Excerpts || s.Publish == "" && g.opt.Excerpts
}

func (g *gen) sourcePage(id string) Page {
	s := g.c.Source[id]
	url := s.URL
	if url == "unknown" {
		url = ""
	}
	p := &Source{
		ID: id, Outlet: s.Outlet, URL: url, Published: s.Published, Language: s.Language, TextLang: g.foreign(s.Language),
		Author: s.Author, Relays: append([]string{}, s.Relays...), Notes: s.Notes, Original: s.Original,
		Archived: s.Archived, People: []Link{}, Claims: []ClaimRef{},
		Excerpts: g.excerpts(s),
	}
	if p.Excerpts {
		p.Original = "" // the captured page is the whole text
	}
	marks := g.marks(id)
	for _, para := range s.Paras {
		out := Para{N: para.N, Anchor: para.Anchor, Boilerplate: para.Boilerplate}
		pos := 0
		for _, m := range marks[para.N] {
			if m.Span.Start > pos {
				out.Segments = append(out.Segments, Segment{Text: para.Text[pos:m.Span.Start]})
			}
			seg := Segment{Text: para.Text[m.Span.Start:m.Span.End]}
			for _, cid := range m.Claims {
				l := Link{Title: claimTitle(g.claim(cid)), URL: "claims/" + cid + "/"}
				seg.Claims = append(seg.Claims, l)
				if !slices.Contains(out.Cited, l) {
					out.Cited = append(out.Cited, l)
				}
			}
			out.Segments = append(out.Segments, seg)
			out.Evidence = true
			pos = m.Span.End
		}
		if pos < len(para.Text) {
			out.Segments = append(out.Segments, Segment{Text: para.Text[pos:]})
		}
		for _, qi := range g.c.SourceQuote[id] {
			q := g.c.Quotes[qi]
			if q.Para != para.N {
				continue
			}
			mark := QuoteMark{Text: q.Text}
			if q.Speaker != "" {
				l := g.personLink(q.Speaker)
				mark.Speaker = &l
			}
			if gi, ok := g.c.GroupOf[qi]; ok {
				mark.Variants, mark.Group = len(g.c.Groups[gi])-1, g.groupURL(gi)
			}
			out.Quotes = append(out.Quotes, mark)
		}
		if out.Evidence {
			p.Marked++
		}
		if p.Excerpts && !out.Evidence {
			// Not quoted as evidence: not republished. A run of such
			// paragraphs is one gap holding each one's anchor, so links
			// to them (mentions, quotations, shared text) still land.
			if n := len(p.Paras); n > 0 && p.Paras[n-1].Withheld != nil && p.Paras[n-1].Last == para.N-1 {
				p.Paras[n-1].Withheld = append(p.Paras[n-1].Withheld, para.Anchor)
				p.Paras[n-1].Last = para.N
			} else {
				p.Paras = append(p.Paras, Para{N: para.N, Anchor: para.Anchor, Withheld: []string{para.Anchor}, Last: para.N})
			}
			continue
		}
		if out.Boilerplate != "" {
			p.Removed++
		}
		p.Paras = append(p.Paras, out)
	}
	for _, pid := range g.c.SourcePeople[id] {
		p.People = append(p.People, g.personLink(pid))
	}
	for _, cid := range g.sourceClaims(id) {
		p.Claims = append(p.Claims, g.claimRef(cid))
	}
	p.Card = SourceCard{SourceRef: g.sourceRef(id), Claims: len(p.Claims)}
	g.provenance(p)
	page := Page{Title: s.Title, Date: hugoDate(s.Published), Description: sourceDescription(s.Outlet, s.Published), Source: p}
	g.history(&page, "sources", s.Path)
	p.Corrections = g.pageCorrections(s.Path)
	return page
}

func sourceDescription(outlet, published string) string {
	d := "Article"
	if outlet != "" && outlet != "unknown" {
		d += " from " + outlet
	}
	if published != "" && published != "unknown" {
		d += ", " + published
	}
	return d + ", kept verbatim as evidence."
}

// History is a page's revisions as templates show them.
type History struct {
	Known       bool           `json:"known"`
	Published   string         `json:"published,omitempty"`
	Updated     string         `json:"updated,omitempty"`
	Truncated   bool           `json:"truncated,omitempty"`
	Unpublished bool           `json:"unpublished,omitempty"`
	Revisions   []RevisionItem `json:"revisions"`
}

// RevisionItem is one commit that changed the page.
type RevisionItem struct {
	Short   string `json:"short"`
	Date    string `json:"date"`
	Author  string `json:"author"`
	Subject string `json:"subject"`
	URL     string `json:"url,omitempty"`
}

// CorrectionItem is a correction or update of a claim, person or source
// page.
type CorrectionItem struct {
	Page       Link         `json:"page"`
	PageKind   string       `json:"pagekind"` // claim, person or source (i18n: kind_claim, ...)
	Kind       string       `json:"kind"`
	Date       string       `json:"date"`
	OldRating  *Rating      `json:"oldrating,omitempty"`
	NewRating  *Rating      `json:"newrating,omitempty"`
	OldSummary string       `json:"oldsummary,omitempty"`
	NewSummary string       `json:"newsummary,omitempty"`
	Changes    []FieldDiff  `json:"changes,omitempty"`
	Reason     string       `json:"reason"`
	Commit     RevisionItem `json:"commit"`
}

// FieldDiff is a changed field of a page, word by word.
type FieldDiff struct {
	Field string       `json:"field"` // a key of i18n/en.toml with "field_" before it
	Diff  []wordiff.Op `json:"diff"`
	// Withheld says the change is not shown: the text of a source
	// published as excerpts.
	Withheld bool `json:"withheld,omitempty"`
}

func revisionItem(r revisions.Revision) RevisionItem {
	return RevisionItem{Short: r.Short, Date: r.Date, Author: r.Author, Subject: r.Subject, URL: r.URL}
}

// history adds the file's history and old addresses to a page.
func (g *gen) history(page *Page, section, path string) {
	page.File = path
	h, ph := g.pageHistory(path)
	if ph == nil {
		return
	}
	out := &History{Known: h.Known, Published: ph.Published, Updated: ph.Updated, Truncated: ph.Truncated,
		Unpublished: ph.Unpublished, Revisions: []RevisionItem{}}
	for _, r := range ph.Revisions {
		out.Revisions = append(out.Revisions, revisionItem(r))
	}
	page.History = out
	if h.Known {
		page.Lastmod = ph.Updated
	}
	for _, id := range ph.Aliases {
		page.Aliases = append(page.Aliases, "/"+section+"/"+id+"/")
	}
}

// pageCorrections are the corrections and updates of one input file's page.
func (g *gen) pageCorrections(path string) []CorrectionItem {
	items := []CorrectionItem{}
	if _, ph := g.pageHistory(path); ph != nil {
		for _, c := range ph.Corrections {
			if item, ok := g.correctionItem(c); ok {
				items = append(items, item)
			}
		}
	}
	return items
}

// correctionItem is a correction as pages show it; false when its page is
// not in the site (a draft, or a file that does not load).
func (g *gen) correctionItem(c revisions.Correction) (CorrectionItem, bool) {
	var page Link
	kind := ""
	switch c.Section {
	case "claims":
		cl := g.claim(c.ID)
		if cl == nil {
			return CorrectionItem{}, false
		}
		page, kind = Link{Title: claimTitle(cl), URL: "claims/" + c.ID + "/"}, "claim"
	case "people":
		p, ok := g.c.Person[c.ID]
		if !ok {
			return CorrectionItem{}, false
		}
		page, kind = Link{Title: p.Name, URL: "people/" + c.ID + "/"}, "person"
	case "sources":
		s, ok := g.c.Source[c.ID]
		if !ok {
			return CorrectionItem{}, false
		}
		page, kind = Link{Title: s.Title, URL: "sources/" + c.ID + "/"}, "source"
	default:
		return CorrectionItem{}, false
	}
	item := CorrectionItem{
		Page: page, PageKind: kind,
		Kind: c.Kind, Date: c.Date, Reason: c.Reason, Commit: revisionItem(c.Commit),
	}
	for _, f := range c.Changes {
		if c.Section == "sources" && f.Field == "text" && g.excerpts(g.c.Source[c.ID]) {
			// A source published as excerpts: its text's changes would
			// republish the words it withholds.
			item.Changes = append(item.Changes, FieldDiff{Field: f.Field, Withheld: true})
			continue
		}
		item.Changes = append(item.Changes, FieldDiff{Field: f.Field, Diff: f.Diff})
	}
	if c.OldRating != c.NewRating {
		o, n := g.rating(c.OldRating), g.rating(c.NewRating)
		if o.ID == "" { // a rating since removed from the scale
			o = Rating{ID: c.OldRating, Label: c.OldRating}
		}
		if n.ID == "" {
			n = Rating{ID: c.NewRating, Label: c.NewRating}
		}
		item.OldRating, item.NewRating = &o, &n
	}
	if c.OldSummary != c.NewSummary {
		item.OldSummary, item.NewSummary = c.OldSummary, c.NewSummary
	}
	return item, true
}

// correctionsPage is the site-wide log of corrections and updates.
func (g *gen) correctionsPage() map[string]any {
	items := []CorrectionItem{}
	for _, c := range g.corrections() {
		if item, ok := g.correctionItem(c); ok {
			items = append(items, item)
		}
	}
	return map[string]any{"title": g.opt.Labels.Corrections, "corrections": items}
}

// paraURL links to paragraph n of a source page by the paragraph's own anchor.
func (g *gen) paraURL(source string, n int) string {
	return "sources/" + source + "/#" + g.c.Source[source].Paras[n-1].Anchor
}

// groupURL links to a variant group on its quotes page; the anchor is the
// id of its first quotation, so it stays put on its page as sources are
// added (the page may change as groups are added before it).
func (g *gen) groupURL(gi int) string {
	return quotesURL(gi/StatementsPerPage+1) + "#" + g.c.QuoteID[g.c.Groups[gi][0]]
}

// StatementsPerPage is how many statements a quotes page shows: about
// 1.5 KB of HTML each, so a page stays well within the 50 KB page budget.
const StatementsPerPage = 25

// quotesPages is the number of quotes pages for groups statements: one at
// least, which says there are none.
func quotesPages(groups int) int { return max(1, (groups+StatementsPerPage-1)/StatementsPerPage) }

// quotesURL is the address of quotes page n, as Hugo pages its lists:
// quotes/, then quotes/page/N/.
func quotesURL(n int) string {
	if n == 1 {
		return "quotes/"
	}
	return fmt.Sprintf("quotes/page/%d/", n)
}

// variant is quotation qi as a variant of the wording base.
func (g *gen) variant(qi int, base string) Variant {
	q := g.c.Quotes[qi]
	return Variant{Source: g.sourceRef(q.Source), URL: g.paraURL(q.Source, q.Para), Para: q.Para, Quote: q.Text, Diff: quotes.Diff(base, q.Text)}
}

// quoteUses maps quotations to the claims quoting them as evidence. It
// goes over every claim: Files makes it once for all pages.
func quoteUses(r *derive.Result) map[int][]Link {
	out := map[int][]Link{}
	for _, c := range r.Claims {
		for _, qi := range r.EvidenceQ[c.ID] {
			l := Link{Title: claimTitle(c), URL: "claims/" + c.ID + "/"}
			if !slices.Contains(out[qi], l) {
				out[qi] = append(out[qi], l)
			}
		}
	}
	return out
}

// Statement is one statement worded differently by several sources.
type Statement struct {
	ID       string    `json:"id"`
	Speaker  *Link     `json:"speaker,omitempty"`
	Variants []Variant `json:"variants"`
}

// quotesPage lists every statement whose wording differs across sources.
func (g *gen) quotesPage(n int) map[string]any {
	list := []Statement{}
	from := (n - 1) * StatementsPerPage
	to := min(len(g.c.Groups), from+StatementsPerPage)
	for _, members := range g.c.Groups[from:to] {
		st := Statement{ID: g.c.QuoteID[members[0]]}
		first := g.c.Quotes[members[0]]
		for _, qi := range members {
			if sp := g.c.Quotes[qi].Speaker; sp != "" && st.Speaker == nil {
				l := g.personLink(sp)
				st.Speaker = &l
			}
			v := g.variant(qi, first.Text)
			if qi == members[0] {
				v.Diff = nil
			}
			st.Variants = append(st.Variants, v)
		}
		list = append(list, st)
	}
	page := map[string]any{"title": g.opt.Labels.Quotes, "statements": list, "total": len(g.c.Quotes)}
	// Where the page is in the list, for its navigation (list-pager.html).
	page["pager"] = map[string]int{"number": n, "total": quotesPages(len(g.c.Groups)), "first": from + 1, "last": to, "of": len(g.c.Groups)}
	page["outputs"] = []string{"html"} // no feed: the statements are not dated items
	return page
}

// provenance fills in the source's shared text, cited origins and the
// other sources relaying the same outlets.
func (g *gen) provenance(p *Source) {
	for _, ri := range g.c.SharedOf[p.ID] {
		rel := g.c.Shared[ri]
		other, here, there := rel.B, rel.SharedA, rel.SharedB
		if rel.B == p.ID {
			other, here, there = rel.A, rel.SharedB, rel.SharedA
		}
		sh := Share{Source: g.sourceRef(other), Here: percent(here), There: percent(there), Sentences: rel.Sentences}
		pairs := make([][2]int, 0, len(rel.Paras))
		for _, pp := range rel.Paras {
			if rel.B == p.ID {
				pairs = append(pairs, [2]int{pp.B, pp.A})
			} else {
				pairs = append(pairs, [2]int{pp.A, pp.B})
			}
		}
		slices.SortFunc(pairs, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
		for _, pr := range pairs {
			h, t := pr[0], pr[1]
			there := Link{Title: "¶" + strconv.Itoa(t), URL: g.paraURL(other, t)}
			sh.Paras = append(sh.Paras, ParaPair{Here: Link{Title: "¶" + strconv.Itoa(h), URL: g.paraURL(p.ID, h)}, There: there})
			// Paragraphs are in order, one each, but a run withheld from
			// an excerpt is one entry: find it by number.
			if i, ok := slices.BinarySearchFunc(p.Paras, h, func(x Para, n int) int { return cmp.Compare(x.N, n) }); ok && p.Paras[i].Withheld == nil {
				p.Paras[i].Shared = append(p.Paras[i].Shared, Link{Title: sh.Source.Title + " " + there.Title, URL: there.URL})
			}
		}
		p.Shares = append(p.Shares, sh)
	}
	// The most shared first.
	slices.SortStableFunc(p.Shares, func(a, b Share) int { return b.Here - a.Here })
	outlets := slices.Clone(g.c.Source[p.ID].Relays)
	for _, c := range g.c.Cites[p.ID] {
		p.Cites = append(p.Cites, Cite{Outlet: c.Outlet, Para: c.Para, URL: g.paraURL(p.ID, c.Para), Text: c.Text})
		if !slices.Contains(outlets, c.Outlet) {
			outlets = append(outlets, c.Outlet)
		}
	}
	for _, o := range outlets {
		og := Origin{Outlet: o}
		for _, sid := range g.c.OriginOf[o] {
			if sid != p.ID {
				og.Sources = append(og.Sources, g.sourceRef(sid))
			}
		}
		if len(og.Sources) > 0 {
			p.SameOrigin = append(p.SameOrigin, og)
		}
	}
}

// percent is a fraction as a whole percentage; a share above nothing but
// under half a percent is 0 and the template says "under 1%".
func percent(x float64) int { return int(math.Round(100 * x)) }
