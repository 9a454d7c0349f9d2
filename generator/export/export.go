// Package export writes the site's data as JSON files published beside the
// pages, so that others can check and reuse it: every fact check with its
// rating and located evidence (data/claims.json), every person with their
// record (data/people.json), every quotation with its speaker, source,
// paragraph and variant group (data/quotes.json), and every source with its
// metadata, the outlets it cites and the sources it shares text with
// (data/sources.json).
//
// The files are written after Hugo has rendered the site, into the same
// folder, and their bytes depend only on the inputs.
package export

import (
	"math"
	"os"
	"path/filepath"

	"github.com/factcheck-mx/factcheck/generator/derive"
)

// Dir is the folder of the exported files inside the published site.
const Dir = "data"

// Version is the version of the files' layout; it changes when a field
// changes meaning or goes away.
const Version = 1

// Quotes is the layout of data/quotes.json.
type Quotes struct {
	Version int     `json:"version"`
	Quotes  []Quote `json:"quotes"`
	Groups  []Group `json:"groups"`
}

// Quote is one direct quotation in a source.
type Quote struct {
	ID          string  `json:"id"`
	Text        string  `json:"text"`
	Speaker     *string `json:"speaker"`     // person id; null when the source names nobody
	SpeakerName *string `json:"speakerName"` // as the people registry writes it
	Attribution string  `json:"attribution"` // how the speaker was found: after, before, according-to, pronoun, continuation, dash; "" if not
	Source      string  `json:"source"`
	Paragraph   int     `json:"paragraph"`
	Anchor      string  `json:"anchor"`
	URL         string  `json:"url"`   // the paragraph on the site
	Group       *string `json:"group"` // id of its variant group; null when no other source words it
}

// Group is one statement worded differently by several sources; the first
// quotation is the earliest published.
type Group struct {
	ID      string   `json:"id"`
	Speaker *string  `json:"speaker"`
	Quotes  []string `json:"quotes"`
}

// Sources is the layout of data/sources.json.
type Sources struct {
	Version   int        `json:"version"`
	Sources   []Source   `json:"sources"`
	Relations []Relation `json:"relations"`
}

// Source is one article of the corpus with what its text cites.
type Source struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Outlet    string     `json:"outlet"`
	URL       string     `json:"url"`
	Archived  string     `json:"archived,omitempty"` // a web archive's copy of the article
	Published string     `json:"published"`
	Language  string     `json:"language"`
	Author    string     `json:"author"`
	Relays    []string   `json:"relays"`
	Page      string     `json:"page"`
	Cites     []Citation `json:"cites"`
	Quotes    int        `json:"quotes"`
}

// Citation is an outlet a source's text names as its origin.
type Citation struct {
	Outlet    string `json:"outlet"`
	Paragraph int    `json:"paragraph"`
	Text      string `json:"text"`
}

// Relation is two sources sharing sentences.
type Relation struct {
	A          string   `json:"a"`
	B          string   `json:"b"`
	SharedA    float64  `json:"sharedA"` // fraction of A's article words in shared sentences
	SharedB    float64  `json:"sharedB"`
	Sentences  int      `json:"sentences"`
	Paragraphs [][2]int `json:"paragraphs"` // pairs: A's paragraph, B's paragraph
}

// Claims is the layout of data/claims.json.
type Claims struct {
	Version int     `json:"version"`
	Claims  []Claim `json:"claims"`
}

// Claim is one fact check.
type Claim struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Claim     string     `json:"claim"`
	Claimant  string     `json:"claimant"`             // id of a person or organisation; "" for an unnamed source
	Unnamed   string     `json:"unnamed,omitempty"`    // an unnamed source as the corpus describes it
	Reporter  string     `json:"reportedBy,omitempty"` // with unnamed: the organisation that reported it
	Date      string     `json:"date"`                 // when it was made
	Setting   string     `json:"setting"`
	Sources   []string   `json:"sources"`
	Rating    string     `json:"rating"` // id on the scale of config.toml
	Label     string     `json:"ratingLabel"`
	Summary   string     `json:"summary"`
	Evidence  []Evidence `json:"evidence"`
	Reviewer  string     `json:"reviewer"`
	Published string     `json:"published"`
	Tags      []string   `json:"tags"`
	Draft     bool       `json:"draft"`
	Page      string     `json:"page"`
}

// Evidence is one quote of a source backing a claim, as the source has it.
type Evidence struct {
	Source    string `json:"source"`
	Quote     string `json:"quote"` // the words as in the source, not as typed in the claim file
	Paragraph int    `json:"paragraph"`
	URL       string `json:"url"`
	Stance    string `json:"stance"`
	Note      string `json:"note"`
	// Paraphrase marks a statement the source reports in its own words.
	Paraphrase bool `json:"paraphrase,omitempty"`
}

// People is the layout of data/people.json.
type People struct {
	Version int      `json:"version"`
	People  []Person `json:"people"`
}

// Person is one person of the registry.
type Person struct {
	ID          string         `json:"id"`
	Kind        string         `json:"kind"` // person or organization
	Name        string         `json:"name"`
	Aliases     []string       `json:"aliases"`
	Role        string         `json:"role"`
	Description string         `json:"description"`
	Claims      []string       `json:"claims"`    // ids of their checked claims
	Scorecard   map[string]int `json:"scorecard"` // rating id -> claims
	Mentioned   []string       `json:"mentionedIn"`
	Quotes      []string       `json:"quotes"` // ids in quotes.json
	Page        string         `json:"page"`
}

// Files returns the exported files by path relative to the site root
// folder. base is the site's base URL, ending in "/".
func Files(r *derive.Result, base string) (map[string][]byte, error) {
	q := Quotes{Version: Version, Quotes: []Quote{}, Groups: []Group{}}
	groupID := func(qi int) *string {
		if gi, ok := r.GroupOf[qi]; ok {
			return &r.QuoteID[r.Groups[gi][0]]
		}
		return nil
	}
	for i, x := range r.Quotes {
		anchor := r.Source[x.Source].Paras[x.Para-1].Anchor
		out := Quote{
			ID: r.QuoteID[i], Text: x.Text, Attribution: x.Rule, Source: x.Source,
			Paragraph: x.Para, Anchor: anchor, URL: base + "sources/" + x.Source + "/#" + anchor,
			Group: groupID(i),
		}
		if p, ok := r.Person[x.Speaker]; ok {
			out.Speaker, out.SpeakerName = &p.ID, &p.Name
		}
		q.Quotes = append(q.Quotes, out)
	}
	for _, members := range r.Groups {
		g := Group{ID: r.QuoteID[members[0]]}
		for _, qi := range members {
			g.Quotes = append(g.Quotes, r.QuoteID[qi])
			if sp := r.Quotes[qi].Speaker; sp != "" && g.Speaker == nil {
				g.Speaker = &sp
			}
		}
		q.Groups = append(q.Groups, g)
	}

	s := Sources{Version: Version, Sources: []Source{}, Relations: []Relation{}}
	for _, src := range r.Sources {
		out := Source{
			ID: src.ID, Title: src.Title, Outlet: src.Outlet, URL: src.URL, Archived: src.Archived, Published: src.Published,
			Language: src.Language, Author: src.Author, Relays: append([]string{}, src.Relays...),
			Page: base + "sources/" + src.ID + "/", Cites: []Citation{}, Quotes: len(r.SourceQuote[src.ID]),
		}
		for _, c := range r.Cites[src.ID] {
			out.Cites = append(out.Cites, Citation{Outlet: c.Outlet, Paragraph: c.Para, Text: c.Text})
		}
		s.Sources = append(s.Sources, out)
	}
	for _, rel := range r.Shared {
		out := Relation{A: rel.A, B: rel.B, SharedA: round(rel.SharedA), SharedB: round(rel.SharedB), Sentences: rel.Sentences, Paragraphs: [][2]int{}}
		for _, pp := range rel.Paras {
			out.Paragraphs = append(out.Paragraphs, [2]int{pp.A, pp.B})
		}
		s.Relations = append(s.Relations, out)
	}

	c := Claims{Version: Version, Claims: []Claim{}}
	for _, cl := range r.Claims {
		rt, _ := r.Scale.Get(cl.Rating)
		out := Claim{
			ID: cl.ID, Title: cl.Title, Claim: cl.Text, Claimant: cl.Claimant, Unnamed: cl.Unnamed, Reporter: cl.Reporter, Date: cl.Date, Setting: cl.Setting,
			Sources: append([]string{}, cl.Sources...), Rating: cl.Rating, Label: rt.Label, Summary: cl.Summary,
			Evidence: []Evidence{}, Reviewer: cl.Reviewer, Published: cl.Published, Tags: append([]string{}, cl.Tags...),
			Draft: cl.Draft, Page: base + "claims/" + cl.ID + "/",
		}
		for _, l := range r.Evidence[cl.ID] {
			para := r.Source[l.Source].Paras[l.N-1]
			out.Evidence = append(out.Evidence, Evidence{
				Source: l.Source, Quote: para.Text[l.Span.Start:l.Span.End], Paragraph: l.N,
				URL: base + "sources/" + l.Source + "/#" + para.Anchor, Stance: l.Stance, Note: l.Note, Paraphrase: l.Paraphrase,
			})
		}
		c.Claims = append(c.Claims, out)
	}
	p := People{Version: Version, People: []Person{}}
	for _, per := range r.People {
		out := Person{
			ID: per.ID, Kind: per.Kind, Name: per.Name, Aliases: append([]string{}, per.Aliases...), Role: per.Role, Description: per.Description,
			Claims: append([]string{}, r.PersonClaims[per.ID]...), Scorecard: map[string]int{},
			Mentioned: []string{}, Quotes: []string{}, Page: base + "people/" + per.ID + "/",
		}
		for _, rt := range r.Scale {
			out.Scorecard[rt.ID] = 0
		}
		for _, cid := range out.Claims {
			out.Scorecard[r.Claim[cid].Rating]++
		}
		for _, m := range r.PersonMentions[per.ID] {
			out.Mentioned = append(out.Mentioned, m.Source)
		}
		for _, qi := range r.PersonQuote[per.ID] {
			out.Quotes = append(out.Quotes, r.QuoteID[qi])
		}
		p.People = append(p.People, out)
	}

	files := map[string][]byte{}
	for name, v := range map[string]any{"claims.json": c, "people.json": p, "quotes.json": q, "sources.json": s} {
		b, err := indented(v)
		if err != nil {
			return nil, err
		}
		files[Dir+"/"+name] = b
	}
	return files, nil
}

// Write writes the exported files into the rendered site at dir.
func Write(dir string, files map[string][]byte) error {
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// round keeps four decimals: enough for a share, and stable to read.
func round(x float64) float64 { return math.Round(x*1e4) / 1e4 }
