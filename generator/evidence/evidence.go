// Package evidence finds quoted passages in source text. Matching ignores
// differences that carry no meaning for a quote: runs of white space,
// typographic versus straight quotation marks and apostrophes, kinds of
// dashes, the ellipsis character, accents and letter case.
package evidence

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Text is a normalised text with, for every byte of Norm, the byte offset in
// the original it came from.
type Text struct {
	Norm string
	Orig []int // len(Orig) == len(Norm)+1; Orig[len(Norm)] is len(original)
	src  string
}

var runeMap = map[rune]string{
	'‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'", '´': "'",
	'“': `"`, '”': `"`, '„': `"`, '‟': `"`, '″': `"`, '«': `"`, '»': `"`,
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '―': "-", '−': "-",
	'…': "...", '\u00a0': " ", '\u2009': " ", '\u202f': " ",
}

// Normalize returns the normalised form of s with its offset map.
func Normalize(s string) Text {
	var b strings.Builder
	orig := make([]int, 0, len(s)+1)
	space := true // drop leading space
	for i, r := range s {
		if r == utf8.RuneError {
			continue
		}
		var out string
		if r < utf8.RuneSelf && r != '`' {
			// ASCII (the bulk of most text): lower case, spaces collapsed,
			// without the lookups and allocations the general case needs.
			c := byte(r)
			if c == ' ' || '\t' <= c && c <= '\r' {
				if space {
					continue
				}
				space, c = true, ' '
			} else {
				space = false
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
			}
			orig = append(orig, i)
			b.WriteByte(c)
			continue
		}
		if m, ok := runeMap[r]; ok {
			out = m
		} else if unicode.IsSpace(r) {
			out = " "
		} else {
			out = strings.ToLower(meta.Fold(string(r)))
		}
		if out == " " {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		for j := 0; j < len(out); j++ {
			orig = append(orig, i)
		}
		b.WriteString(out)
	}
	n := b.String()
	if strings.HasSuffix(n, " ") {
		n = n[:len(n)-1]
		orig = orig[:len(orig)-1]
	}
	orig = append(orig, len(s))
	return Text{Norm: n, Orig: orig, src: s}
}

// Span is a byte range [Start, End) of an original text.
type Span struct{ Start, End int }

// Find returns where quote occurs in t, as a span of the original text.
func (t Text) Find(quote string) (Span, bool) { return t.FindNorm(Normalize(quote).Norm) }

// FindNorm is Find for a quote already normalised (Normalize(quote).Norm),
// to look for one quote in many texts.
func (t Text) FindNorm(q string) (Span, bool) {
	if q == "" {
		return Span{}, false
	}
	i := strings.Index(t.Norm, q)
	if i < 0 {
		return Span{}, false
	}
	// The span ends after the original character that produced the last
	// matched byte (one character, such as "…", may produce several).
	last := t.Orig[i+len(q)-1]
	_, size := utf8.DecodeRuneInString(t.src[last:])
	return Span{Start: t.Orig[i], End: last + size}, true
}

// Passage is the best approximate match of a quote within one text.
type Passage struct {
	Index int     // which text
	Text  string  // the passage, as in the original
	Score float64 // 1 is identical wording, 0 nothing in common
}

// MaxClosestWords bounds the work of Closest: a longer quote is placed by its
// first MaxClosestWords words, so that a huge quote in a contributed file
// cannot make check run for hours (the work grows with the square of the
// quote's length, for every window of every text).
const MaxClosestWords = 80

// Closest returns the passage of texts most like quote, word for word: the
// window of as many words as the quote with the smallest word edit distance.
func Closest(quote string, texts []string) (Passage, bool) {
	qw := words(Normalize(quote).Norm)
	if len(qw) == 0 {
		return Passage{}, false
	}
	qw = qw[:min(len(qw), MaxClosestWords)]
	best := Passage{Index: -1, Score: -1}
	for ti, text := range texts {
		origWords := wordSpans(text)
		if len(origWords) == 0 {
			continue
		}
		tw := make([]string, len(origWords))
		for i, sp := range origWords {
			tw[i] = Normalize(text[sp.Start:sp.End]).Norm
		}
		n := min(len(qw), len(tw))
		for s := 0; s+n <= len(tw); s++ {
			d := wordDistance(qw, tw[s:s+n])
			score := 1 - float64(d)/float64(max(len(qw), n))
			if score > best.Score {
				best = Passage{Index: ti, Text: text[origWords[s].Start:origWords[s+n-1].End], Score: score}
			}
		}
	}
	return best, best.Index >= 0
}

func words(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	return f
}

func wordSpans(s string) []Span {
	var out []Span
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			out = append(out, Span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(s)})
	}
	return out
}

func wordDistance(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if strings.Trim(a[i-1], "'") == strings.Trim(b[j-1], "'") {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
