package provenance

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// K is how many consecutive words make a shingle.
const K = 3

// MinShingles is the fewest shingles a sentence needs to count as a
// passage: shorter sentences ("He declined to comment.") are shared by
// chance.
const MinShingles = 8

// passage is a sentence of a source's article text.
type passage struct {
	doc   int32 // index into the docs
	para  int32 // paragraph number
	words int32 // words in the sentence
	sh    []uint64
}

// sentences splits a paragraph into sentences: after ".", "!" or "?"
// (and any closing quotation mark) followed by a space and a capital or an
// opening quotation mark. A period after a short word ("U.S.", "Gen.")
// ends nothing.
func sentences(t string) []string {
	var out []string
	start := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(t) {
			if t[j] == '"' || t[j] == '\'' {
				j++
			} else if strings.HasPrefix(t[j:], "”") || strings.HasPrefix(t[j:], "’") {
				j += len("”")
			} else {
				break
			}
		}
		if j >= len(t) || t[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(t[j+1:])
		if !unicode.IsUpper(next) && next != '"' && next != '“' {
			continue
		}
		if c == '.' && shortWord(t[start:i]) {
			continue
		}
		out = append(out, t[start:j])
		start = j + 1
		i = j
	}
	if start < len(t) {
		out = append(out, t[start:])
	}
	return out
}

// shortWord reports whether s ends in a word of at most three letters
// with a period inside or a single capital: an abbreviation.
func shortWord(s string) bool {
	k := strings.LastIndexByte(s, ' ')
	w := s[k+1:]
	switch strings.ToLower(w) {
	case "gen", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "col", "st", "jr", "sr", "no", "vs":
		return true
	}
	return len(w) <= 3 && strings.Contains(w, ".") || len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}

// words splits text into lower-case words with accents folded.
func words(t string) []string {
	t = strings.ToLower(meta.Fold(strings.ReplaceAll(t, "’", "'")))
	return strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
}

// stop are words too common to make a shingle on their own: a shingle of
// nothing but these ("one of the") says nothing about where text came from.
var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of in on at to for from by with and or but as is are was were be been
		has have had it its this that these those he she they we i you his her their our not no which who
		said says also after before over about into than then there more most some such would will can could
		may might one two s`) {
		m[w] = true
	}
	return m
}()

// shingles hashes every run of K words, leaving out runs of stop words only.
// The result is sorted and without repeats.
func shingles(ws []string) []uint64 {
	if len(ws) < K {
		return nil
	}
	hs := make([]uint64, len(ws))
	for i, w := range ws {
		hs[i] = hashWord(w)
	}
	out := make([]uint64, 0, len(ws)-K+1)
	for i := 0; i+K <= len(ws); i++ {
		common := true
		h := uint64(0)
		for j := i; j < i+K; j++ {
			common = common && stop[ws[j]]
			h = mix(h*0x100000001b3 ^ hs[j])
		}
		if !common {
			out = append(out, h)
		}
	}
	sortUnique(&out)
	return out
}

func hashWord(w string) uint64 {
	h := uint64(0xcbf29ce484222325) // FNV-1a
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 0x100000001b3
	}
	return h
}

// mix is splitmix64's finaliser: a bijection that spreads bits evenly.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func sortUnique(s *[]uint64) {
	a := *s
	if len(a) < 2 {
		return
	}
	slices.Sort(a)
	n := 1
	for i := 1; i < len(a); i++ {
		if a[i] != a[n-1] {
			a[n] = a[i]
			n++
		}
	}
	*s = a[:n]
}
