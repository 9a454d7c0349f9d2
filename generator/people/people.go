// Package people holds the people registry: who is named in the corpus, the
// ways sources write their names, and finding those names in text.
package people

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Dir is the folder of person files, relative to the site root.
const Dir = "people"

// Kinds are what a registry entry can be: a claim is made by a person or by
// an organisation (a government, an embassy, an agency, an outlet).
var Kinds = []string{KindPerson, KindOrganization}

// The kinds of registry entries.
const (
	KindPerson       = "person"
	KindOrganization = "organization"
)

// Person is one entry of the registry: a person or an organisation.
type Person struct {
	ID, Path    string
	Lang        string // a translation's language code (people/ID.CODE.md); "" for the person's own file
	Hash        string // git object id of the file as on disk
	Kind        string // KindPerson or KindOrganization
	Name        string
	NameLine    int
	Aliases     []string
	Role        string
	Description string
	Bio         string // Markdown
	BioLine     int
	AliasLine   int
	KindLine    int
}

// Load reads every person in root/people, taking unchanged files from c
// (which may be nil). The people returned are shared with c: do not change them.
func Load(root string, c *meta.Cache, probs *diag.List) []*Person {
	out, _ := LoadIn(root, nil, c, probs)
	return out
}

// LoadIn is Load for a site in several languages: it returns the people
// and, apart, their translations into langs (the site's other languages),
// files named ID.CODE.md (see Translate).
func LoadIn(root string, langs []string, c *meta.Cache, probs *diag.List) (people, translations []*Person) {
	files := meta.ReadDirIn(root, Dir, []string{".md"}, langs, c, probs)
	for _, p := range meta.ParseAll(c, "person", files, probs, Parse) {
		switch {
		case p == nil:
		case p.Lang != "":
			translations = append(translations, p)
		default:
			people = append(people, p)
		}
	}
	return people, translations
}

// Translate checks tr, a translation of orig (people/ID.CODE.md: a copy
// of the file with role, description and biography translated), and
// returns the person as the translation's language shows them. Name,
// aliases and kind are the original's: a difference is reported at its
// line in tr's file.
func Translate(orig, tr *Person, probs *diag.List) *Person {
	differ := func(line int, field, got, want string) {
		if got != want {
			probs.Errorf(tr.Path, line, "%s %q differs from the original's (%q, %s): a translation translates role, description and biography only; copy %s from the original unchanged", field, got, want, orig.Path, field)
		}
	}
	differ(tr.NameLine, "name", tr.Name, orig.Name)
	differ(tr.AliasLine, "aliases", strings.Join(tr.Aliases, ", "), strings.Join(orig.Aliases, ", "))
	differ(tr.KindLine, "kind", tr.Kind, orig.Kind)
	out := *orig
	out.Lang, out.Path, out.Hash = tr.Lang, tr.Path, tr.Hash
	out.Role, out.Description, out.Bio, out.BioLine = tr.Role, tr.Description, tr.Bio, tr.BioLine
	return &out
}

// Parse reads one person file.
func Parse(f meta.File, probs *diag.List) *Person {
	doc, err := meta.Parse(f.Path, f.Data, true)
	if err != nil {
		meta.Report(probs, f.Path, err)
		return nil
	}
	fs := meta.NewFields(f.Path, doc.Front, doc.FrontLine, probs)
	p := &Person{ID: f.ID, Lang: f.Lang, Path: f.Path, Hash: f.Hash, Bio: doc.Body, BioLine: doc.BodyLine, Kind: KindPerson, KindLine: doc.FrontLine}
	if fs.Has("kind") {
		kind, line := fs.String("kind", true, "person or organization")
		p.KindLine = line
		if kind != "" && !slices.Contains(Kinds, kind) {
			fs.Errorf(line, "kind %q is not one of %s", kind, meta.Describe(Kinds))
		} else if kind != "" {
			p.Kind = kind
		}
	}
	p.Name, p.NameLine = fs.String("name", true, "the full name as the sources give it, e.g. name: Glen VanHerck (or name: Embassy of Russia in Mexico)")
	var line int
	p.Aliases, line = fs.Strings("aliases", false, "")
	p.AliasLine = max(line, doc.FrontLine)
	for _, a := range p.Aliases {
		if a == "" {
			fs.Errorf(line, "an alias is empty: remove it")
		}
	}
	p.Role, _ = fs.String("role", false, "")
	if !fs.Has("role") {
		if p.Kind == KindOrganization {
			fs.Warnf("no role: add role: with what the organisation is or does, as the sources describe it")
		} else {
			fs.Warnf("no role: add role: with what the person does or did, as the sources describe it")
		}
	}
	if p.Kind == KindOrganization && unnamedPeople(p.Name) {
		fs.Errorf(p.NameLine, "%q describes people the reporting does not name, not an organisation: write their claims with unnamed: %q and reported-by: the outlet that reported them", p.Name, p.Name)
	}
	p.Description, _ = fs.String("description", false, "")
	fs.Finish()
	return p
}

// unnamedPeople reports whether an organisation's name is a description
// of people ("U.S. officials", "intelligence sources"): a way around
// writing unnamed: and the outlet that reported them.
func unnamedPeople(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return false
	}
	switch strings.Trim(f[len(f)-1], ".,;:") {
	case "officials", "sources", "officers", "diplomats", "experts", "analysts", "people", "insiders", "aides", "spokespeople", "observers", "witnesses":
		return true
	}
	return false
}

// Names returns the person's name followed by the aliases, without repeats.
func (p *Person) Names() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// Matcher finds people's names in text: whole words, case as written, with
// accents ignored ("Lopez Obrador" finds "López Obrador").
type Matcher struct {
	names    []entry // longest first
	surnames map[string]string
	byWord   map[string][]int // a name's leading word -> its indexes in names, in order
	other    []int            // names that do not start with a letter or digit
}

type entry struct {
	folded string
	id     string
}

// NewMatcher builds a matcher over the given people.
func NewMatcher(ps []*Person) *Matcher {
	m := &Matcher{surnames: map[string]string{}}
	taken := map[string]bool{}
	for _, p := range ps {
		for _, n := range p.Names() {
			m.names = append(m.names, entry{folded: meta.Fold(n), id: p.ID})
		}
		// An organisation has no surname: "Report said" is not the Daily
		// Report speaking.
		if f := strings.Fields(meta.Fold(p.Name)); len(f) > 1 && p.Kind != KindOrganization {
			last := strings.Trim(f[len(f)-1], `"'`)
			if _, dup := m.surnames[last]; dup {
				taken[last] = true
			}
			m.surnames[last] = p.ID
		}
	}
	for s := range taken {
		delete(m.surnames, s) // a surname two people share names neither
	}
	sort.SliceStable(m.names, func(i, j int) bool { return len(m.names[i].folded) > len(m.names[j].folded) })
	m.byWord = map[string][]int{}
	for i, e := range m.names {
		if e.folded == "" {
			continue // an empty name names no one
		}
		if w := leadingWord(e.folded); w != "" {
			m.byWord[w] = append(m.byWord[w], i)
		} else {
			m.other = append(m.other, i)
		}
	}
	return m
}

// leadingWord returns the run of letters and digits s starts with.
func leadingWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return s[:i]
		}
	}
	return s
}

// Span is a name found in a text: byte offsets in the original text.
type Span struct {
	Start, End int
	ID         string
}

// Spans returns every name found in text, in order. A name inside a longer
// name already found is not reported again ("Lee" in "Andrew Daulton Lee").
//
// Names are tried longest first, each at every place it occurs. The places
// are found in one pass over the text's words, looking each word up among
// the names' first words, so the cost grows with the text, not with the
// text times the number of people.
func (m *Matcher) Spans(text string) []Span {
	folded, orig := foldOffsets(text)
	type match struct{ name, start int }
	var found []match
	prevWord := false
	for i, r := range folded {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isWord && !prevWord {
			for _, n := range m.byWord[leadingWord(folded[i:])] {
				e := m.names[n].folded
				if strings.HasPrefix(folded[i:], e) && boundary(folded, i, i+len(e)) {
					found = append(found, match{n, i})
				}
			}
		}
		prevWord = isWord
	}
	for _, n := range m.other {
		e := m.names[n].folded
		for off := 0; ; {
			i := strings.Index(folded[off:], e)
			if i < 0 {
				break
			}
			if boundary(folded, off+i, off+i+len(e)) {
				found = append(found, match{n, off + i})
			}
			off += i + 1
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].name != found[j].name {
			return found[i].name < found[j].name
		}
		return found[i].start < found[j].start
	})
	taken := make([]bool, len(folded))
	var out []Span
	for _, f := range found {
		start, end := f.start, f.start+len(m.names[f.name].folded)
		if taken[start] || taken[end-1] {
			continue
		}
		for k := start; k < end; k++ {
			taken[k] = true
		}
		out = append(out, Span{Start: orig[start], End: orig[end], ID: m.names[f.name].id})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// Find returns the ids of the people named in text, each once, sorted.
func (m *Matcher) Find(text string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range m.Spans(text) {
		if !seen[s.ID] {
			seen[s.ID] = true
			out = append(out, s.ID)
		}
	}
	sort.Strings(out)
	return out
}

// Surname returns the person whose surname is word, if exactly one has it.
// Surnames alone are too ambiguous for mentions ("London" is also a city),
// but next to a verb of speech ("London said") they name a speaker.
func (m *Matcher) Surname(word string) (string, bool) {
	id, ok := m.surnames[meta.Fold(word)]
	return id, ok
}

// foldOffsets folds accents like meta.Fold and maps each byte of the result
// back to its offset in s (with a final entry for len(s)).
func foldOffsets(s string) (string, []int) {
	var b strings.Builder
	orig := make([]int, 0, len(s)+1)
	for i, r := range s {
		f := meta.Fold(string(r))
		for range len(f) {
			orig = append(orig, i)
		}
		b.WriteString(f)
	}
	orig = append(orig, len(s))
	return b.String(), orig
}

func boundary(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
