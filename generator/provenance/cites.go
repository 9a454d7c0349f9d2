package provenance

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Citation is an outlet that a source's text names as where its reporting
// came from.
type Citation struct {
	Outlet string // as the corpus's metadata spells it, when known
	Para   int
	Text   string // the words that cite it: "told NBC News"
}

// Outlets recognises outlet names in text: the names it is given (the
// outlets and relayed outlets of the corpus's metadata), their initials
// ("NYT" for "The New York Times"), and names that end in a word news
// outlets use ("… Times", "… News", "Reuters").
type Outlets struct {
	known map[string]string // spelling in text (without a leading "The") -> name
	re    *regexp.Regexp
}

// newsName matches a capitalised name ending in a word that names news
// outlets, the way "The Washington Post" or "Radio Free Europe" do.
const newsName = `(?:[A-Z][\w&'.-]*\s+){0,3}(?:News|Times|Post|Journal|Herald|Tribune|Gazette|Guardian|Telegraph|Chronicle|Magazine|Press|Agency|Wire|Observer|Economist|Independent|Reuters|Bloomberg|Politico|Axios|Radio|Television|Broadcasting)\b`

// NewOutlets returns a recogniser for the given outlet names.
func NewOutlets(names []string) *Outlets {
	o := &Outlets{known: map[string]string{}}
	var alts []string
	add := func(spelling, name string) {
		if _, dup := o.known[spelling]; !dup && spelling != "" {
			o.known[spelling] = name
			alts = append(alts, regexp.QuoteMeta(spelling))
		}
	}
	slices.Sort(names)
	for _, n := range names {
		bare := strings.TrimPrefix(n, "The ")
		add(bare, n)
		if ini := initials(bare); len(ini) >= 2 {
			add(ini, n)
		}
	}
	// Longest first, so that "NBC News" wins over "NBC".
	slices.SortStableFunc(alts, func(a, b string) int { return len(b) - len(a) })
	alts = append(alts, newsName)
	o.re = regexp.MustCompile(`\b(?:` + strings.Join(alts, "|") + `)\b`)
	return o
}

// initials are the capitals of a name of two words or more: "NYT".
func initials(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range f {
		r := []rune(w)[0]
		if !unicode.IsUpper(r) {
			return ""
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cue is a word that makes a named outlet the origin of what is reported.
var cue = regexp.MustCompile(`(?i)\b(?:told|tells|according to|reports?|reported|reporting|stated|states|wrote|writes|sources?|published|interview(?:ed)?|revealed|reveals|citing|cited|learned|obtained)\b`)

// cueStems are the beginnings of cue's words, in lower case.
var cueStems = []string{"told", "tell", "accord", "report", "state", "wrote", "write", "source", "publish", "interview", "reveal", "cit", "learn", "obtain"}

// mayCite reports whether s has a word that cue could match: a cheap test
// before the regular expressions.
func mayCite(s string) bool {
	l := strings.ToLower(s)
	for _, st := range cueStems {
		if strings.Contains(l, st) {
			return true
		}
	}
	return false
}

// window is how many words may stand between a cue and the outlet name.
const window = 4

// Cites returns the outlets d's text cites as its origin, each once per
// paragraph, in order. Its own outlet ("…, reports UNN" in UNN's article)
// is not an origin.
func (o *Outlets) Cites(d Doc, own string) []Citation {
	var out []Citation
	for _, p := range d.Paras {
		for _, s := range sentences(p.Text) {
			if !mayCite(s) {
				continue // most sentences cite nothing: skip the costlier search for names
			}
			for _, loc := range o.re.FindAllStringIndex(s, -1) {
				name := o.canonical(s[loc[0]:loc[1]])
				if name == own || strings.TrimPrefix(name, "The ") == strings.TrimPrefix(own, "The ") {
					continue
				}
				from, to, ok := cited(s, loc)
				if !ok || slices.ContainsFunc(out, func(c Citation) bool { return c.Outlet == name && c.Para == p.N }) {
					continue
				}
				out = append(out, Citation{Outlet: name, Para: p.N, Text: strings.TrimSpace(s[from:to])})
			}
		}
	}
	return out
}

// canonical is the outlet's name as the metadata spells it, or as the
// text does, without a leading "the".
func (o *Outlets) canonical(found string) string {
	bare := strings.TrimPrefix(found, "The ")
	if n, ok := o.known[bare]; ok {
		return n
	}
	return bare
}

// cited finds a cue within window words of the name at loc in sentence s:
// the earliest one before it ("according to a report in The New York
// Times"), else the nearest after it ("NBC News sources"). It returns the
// span from cue to name.
func cited(s string, loc []int) (from, to int, ok bool) {
	for _, c := range cue.FindAllStringIndex(s[:loc[0]], -1) {
		if len(strings.Fields(s[c[1]:loc[0]])) <= window && !strings.ContainsAny(s[c[1]:loc[0]], ",;:") {
			return c[0], loc[1], true
		}
	}
	if c := cue.FindStringIndex(s[loc[1]:]); c != nil {
		between := s[loc[1] : loc[1]+c[0]]
		if len(strings.Fields(between)) <= 1 && !strings.ContainsAny(between, ",;:") {
			return loc[0], loc[1] + c[1], true
		}
	}
	return 0, 0, false
}
