// Package corpustest makes synthetic corpora for tests and benchmarks: news
// articles in an invented language with the shape of the real thing.
// Stories are retold by later articles (sentences copied, some words
// changed), officials from a people registry are quoted with the usual
// attribution patterns, and some articles cite the outlet they relay.
package corpustest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// Corpus is a synthetic corpus and the people it quotes.
type Corpus struct {
	Sources []*corpus.Source
	People  []*people.Person
}

// common are function words, drawn often as in real text.
var common = strings.Fields("the of and to in a that is for on with as was by at from it has said have are be its this an not but")

// Synthetic returns n sources quoting 300 people, built from seed; the same
// arguments give the same corpus.
func Synthetic(n int, seed uint64) Corpus { return WithPeople(n, 300, seed) }

// WithPeople returns n sources quoting a registry of np people.
func WithPeople(n, np int, seed uint64) Corpus {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	g := &gen{r: r, zipf: rand.NewZipf(r, 1.1, 8, 49999)}
	g.vocab = make([]string, 50000)
	for i := range g.vocab {
		g.vocab[i] = g.word(2 + r.IntN(3))
	}
	var c Corpus
	for i := 0; i < max(np, 1); i++ {
		first, last := g.capital(g.word(2)), g.capital(g.word(3))
		c.People = append(c.People, &people.Person{ID: fmt.Sprintf("person-%d", i), Name: first + " " + last, Aliases: []string{last}})
	}
	outlets := []string{"Daily News", "Evening Times", "Morning Post", "Capital Herald", "Wire Service"}
	for i := 0; i < n; i++ {
		s := &corpus.Source{ID: fmt.Sprintf("s%06d", i), Title: "Article " + fmt.Sprint(i), Outlet: outlets[i%len(outlets)], Language: "en"}
		var paras []string
		if i > 0 && r.IntN(10) < 3 {
			// A retelling of an earlier article: half its paragraphs,
			// a word in seven replaced, the rest new.
			from := c.Sources[max(0, i-1-r.IntN(min(i, 1000)))]
			for _, p := range from.Paras[1:] {
				if r.IntN(2) == 0 {
					paras = append(paras, g.reword(p.Text))
				}
			}
			if r.IntN(3) == 0 {
				paras = append(paras, g.sentence()+", a source told "+from.Outlet+".")
			}
		}
		for len(paras) < 8+r.IntN(12) {
			paras = append(paras, g.paragraph(c.People))
		}
		s.Paras = append(s.Paras, corpus.Para{N: 1, Anchor: "p1", Text: s.Title})
		for _, t := range paras {
			n := len(s.Paras) + 1
			s.Paras = append(s.Paras, corpus.Para{N: n, Anchor: fmt.Sprintf("p%d", n), Text: t})
		}
		c.Sources = append(c.Sources, s)
	}
	return c
}

type gen struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func (g *gen) word(syllables int) string {
	const cons, vow = "bcdfgklmnprstvz", "aeiou"
	var b strings.Builder
	for range syllables {
		b.WriteByte(cons[g.r.IntN(len(cons))])
		b.WriteByte(vow[g.r.IntN(len(vow))])
	}
	return b.String()
}

func (g *gen) capital(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

func (g *gen) pick() string {
	if g.r.IntN(5) < 2 {
		return common[g.r.IntN(len(common))]
	}
	return g.vocab[g.zipf.Uint64()]
}

// sentence is 10 to 29 words, capitalised, without final punctuation.
func (g *gen) sentence() string {
	ws := make([]string, 10+g.r.IntN(20))
	for i := range ws {
		ws[i] = g.pick()
	}
	return g.capital(strings.Join(ws, " "))
}

// paragraph is one to three sentences, and often a quotation.
func (g *gen) paragraph(ps []*people.Person) string {
	var out []string
	for range 1 + g.r.IntN(3) {
		out = append(out, g.sentence()+".")
	}
	p := ps[g.r.IntN(len(ps))]
	switch g.r.IntN(8) {
	case 0:
		out = append(out, "“"+g.sentence()+",” "+p.Name+" said.")
	case 1:
		out = append(out, p.Name+" said: “"+g.sentence()+".”")
	case 2:
		s := g.sentence()
		out = append(out, "According to "+p.Name+", “"+strings.ToLower(s[:1])+s[1:]+".”")
	case 3:
		out = append(out, "“"+g.sentence()+",” an official said.")
	}
	return strings.Join(out, " ")
}

// reword replaces about one word in seven, keeping quotation marks and
// names in place.
func (g *gen) reword(t string) string {
	ws := strings.Fields(t)
	for i, w := range ws {
		if g.r.IntN(7) == 0 && w == strings.ToLower(w) && !strings.ContainsAny(w, "“”.,:") {
			ws[i] = g.pick()
		}
	}
	return strings.Join(ws, " ")
}
