// Package synth writes a deterministic synthetic site for scale tests and
// benchmarks: n claims, n/5 sources and n/20 people as input files in the
// project's own formats (corpus/, people/, claims/). Sources come from
// corpustest (retellings, quotations, cited outlets); every claim quotes a
// sentence that really occurs in its source, so evidence is found and
// highlighted as on the real site. The same n and seed give the same bytes.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/corpus/corpustest"
	"github.com/factcheck-mx/factcheck/generator/evidence"
)

// Ratings are the rating ids claims cycle through: the scale in the
// project's config.toml.
var Ratings = []string{"corroborated", "attributed", "distorted", "unsupported", "contradicted"}

// Stats counts what Write wrote.
type Stats struct{ Claims, Sources, People int }

// Write writes the inputs of a site with n claims into dir's corpus/,
// people/ and claims/ folders (created; existing files are overwritten).
// Synthetic evidence is shaped for volume, not for the methodology's rules
// (whose statement it is, independent origins), so Write also turns those
// rules into warnings in dir's config.toml, if there is one.
func Write(dir string, n int, seed uint64) (Stats, error) {
	cfg := filepath.Join(dir, "config.toml")
	if b, err := os.ReadFile(cfg); err == nil {
		relaxed := strings.Replace(string(b), "enforce = true", "enforce = false", 1)
		if err := os.WriteFile(cfg, []byte(relaxed), 0o644); err != nil {
			return Stats{}, err
		}
	}
	c := corpustest.WithPeople(max(n/5, 1), max(n/20, 1), seed)
	r := rand.New(rand.NewPCG(seed, 0xc1a1))
	for _, d := range []string{"corpus", "people", "claims"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return Stats{}, err
		}
	}
	for i, p := range c.People {
		var b strings.Builder
		fmt.Fprintf(&b, "---\nname: %q\naliases: [%q]\nrole: %q\ndescription: %q\n---\n", p.Name, p.Aliases[0], "Official number "+strconv.Itoa(i), "A person quoted in the synthetic corpus.")
		b.WriteString("A synthetic person, quoted by the synthetic sources.\n")
		if err := os.WriteFile(filepath.Join(dir, "people", p.ID+".md"), []byte(b.String()), 0o644); err != nil {
			return Stats{}, err
		}
	}
	for i, s := range c.Sources {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\noutlet: %q\nurl: https://example.org/%s\npublished: %s\nlanguage: en\nauthor: unknown\n---\n", s.Title, s.Outlet, s.ID, day(i))
		for _, p := range s.Paras {
			b.WriteString(p.Text + "\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, "corpus", s.ID+".txt"), []byte(b.String()), 0o644); err != nil {
			return Stats{}, err
		}
	}
	for i := range n {
		s := c.Sources[i%len(c.Sources)]
		quote, err := quotable(r, s)
		if err != nil {
			return Stats{}, err
		}
		claimant := c.People[r.IntN(len(c.People))]
		rating := Ratings[i%len(Ratings)]
		words := strings.Fields(quote)
		title := fmt.Sprintf("Claim %d: %s", i, strings.Join(words[:min(8, len(words))], " "))
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\nclaim: %q\nclaimant: %s\ndate: %s\nsources: [%s]\nrating: %s\n", title, quote, claimant.ID, day(i%len(c.Sources)), s.ID, rating)
		fmt.Fprintf(&b, "summary: %q\nevidence:\n  - source: %s\n    quote: %q\n    stance: statement\n", "A synthetic verdict on claim "+strconv.Itoa(i)+".", s.ID, quote)
		fmt.Fprintf(&b, "reviewer: \"Synthetic desk\"\npublished: %s\ntags: [synthetic, topic-%d]\n---\n", day(i%len(c.Sources)+30), i%50)
		for range 3 {
			b.WriteString(sentence(s.Paras[1+r.IntN(len(s.Paras)-1)].Text) + ". ")
			b.WriteString("The analysis compares the claim with the source and with other reporting.\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, "claims", fmt.Sprintf("c%07d.md", i)), []byte(b.String()), 0o644); err != nil {
			return Stats{}, err
		}
	}
	return Stats{Claims: n, Sources: len(c.Sources), People: len(c.People)}, nil
}

// quotable returns the first sentence of one of s's paragraphs after the
// first, drawn at random, that the evidence check takes as a quote: drawn
// again while it has only common words (one in about 100,000 claims).
func quotable(r *rand.Rand, s *corpus.Source) (string, error) {
	for range 100 {
		q := sentence(s.Paras[1+r.IntN(len(s.Paras)-1)].Text)
		if evidence.Substance(evidence.Normalize(q).Norm) == "" {
			return q, nil
		}
	}
	return "", fmt.Errorf("synth: source %s has no paragraph whose first sentence can be quoted as evidence", s.ID)
}

// sentence returns the first sentence of a paragraph without quotation
// marks, or the paragraph's first ten words.
func sentence(p string) string {
	for _, s := range strings.SplitAfter(p, ". ") {
		s = strings.TrimSuffix(strings.TrimSpace(s), ".")
		if len(strings.Fields(s)) >= 6 && !strings.ContainsAny(s, "“”\":") {
			return s
		}
	}
	ws := strings.Fields(strings.NewReplacer("“", "", "”", "", ":", "").Replace(p))
	return strings.Join(ws[:min(10, len(ws))], " ")
}

// day is a date from 2020-01-01 on, i days later (no calendar needed: the
// 28th is the last day used).
func day(i int) string {
	return fmt.Sprintf("%04d-%02d-%02d", 2020+i/336%6, 1+i/28%12, 1+i%28)
}

// What Edit changes in a claim file.
const (
	// Summary is the verdict's one-line summary, shown on the claim's page
	// and on its claimant's and sources' pages (and on those of claims that
	// list it as related): three content files change, or a few more.
	Summary = "summary"
	// Analysis is the first paragraph of the analysis, shown on the
	// claim's page only: one content file changes.
	Analysis = "analysis"
)

// Edit rewrites field (Summary or Analysis) of claim id in dir, as an
// editor saves (a new file renamed over the old one): mark, a word, is put
// first, in place of the mark an earlier Edit put there.
func Edit(dir, id, field, mark string) error {
	p := filepath.Join(dir, "claims", id+".md")
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	// The line to edit and where its text starts.
	at, start := -1, 0
	switch field {
	case Summary:
		for i, l := range lines {
			if strings.HasPrefix(l, `summary: "`) {
				at, start = i, len(`summary: "`)
				break
			}
		}
	case Analysis:
		// The first line of text after the front matter's closing "---".
		fences := 0
		for i, l := range lines {
			if l == "---" {
				fences++
			} else if fences == 2 && l != "" {
				at = i
				break
			}
		}
	default:
		return fmt.Errorf("synth: no field %q to edit (%s or %s)", field, Summary, Analysis)
	}
	if at < 0 {
		return fmt.Errorf("%s: no %s to edit", p, field)
	}
	head, rest := lines[at][:start], lines[at][start:]
	if w, after, ok := strings.Cut(rest, " "); ok && strings.HasPrefix(w, "Edit") {
		rest = after
	}
	lines[at] = head + mark + " " + rest
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
