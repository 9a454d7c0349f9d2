// Package evidence finds quoted passages in source text. Matching ignores
// differences that carry no meaning for a quote: runs of white space,
// typographic versus straight quotation marks and apostrophes, kinds of
// dashes, the ellipsis character, accents (precomposed or typed as combining
// marks: NFC and NFD text match alike), invisible formatting characters and
// letter case.
//
// A quote is found only where it starts and ends on word boundaries of the
// source ("usual move" is not in "this unusual move"), and a quote must
// carry substance (see Substance): a fragment of a word or a lone "the" is
// not evidence.
package evidence

import (
	"fmt"
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
			out = lower(meta.FoldRune(r))
		}
		if out == "" {
			continue // a mark (accent) or an invisible character: folded away
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

func lower(s string) string { return strings.ToLower(s) }

// Span is a byte range [Start, End) of an original text.
type Span struct{ Start, End int }

// Cut says which ends of an occurrence fall inside a word of the text.
type Cut uint8

const (
	CutStart Cut = 1 << iota // the occurrence starts inside a word
	CutEnd                   // the occurrence ends inside a word
)

// Find returns where quote occurs in t on word boundaries, as a span of the
// original text.
func (t Text) Find(quote string) (Span, bool) { return t.FindNorm(Normalize(quote).Norm) }

// FindNorm is Find for a quote already normalised (Normalize(quote).Norm),
// to look for one quote in many texts. Occurrences that start or end inside
// a word of t are passed over.
func (t Text) FindNorm(q string) (Span, bool) {
	o, ok := t.Search(q)
	if !ok || o.Cut != 0 {
		return Span{}, false
	}
	return o.Span, true
}

// Occurrence is a place a normalised quote occurs in a text.
type Occurrence struct {
	Span  Span // the quote as found, in the original text
	Cut   Cut  // 0 when it starts and ends on word boundaries
	Words Span // Span widened to whole words
}

// Search returns the first occurrence of q (normalised) in t on word
// boundaries or, when there is none, the first occurrence that starts or
// ends inside a word (its Cut says which).
func (t Text) Search(q string) (Occurrence, bool) {
	if q == "" {
		return Occurrence{}, false
	}
	var frag Occurrence
	found := false
	for off := 0; off <= len(t.Norm)-len(q); {
		i := strings.Index(t.Norm[off:], q)
		if i < 0 {
			break
		}
		i += off
		o := t.occurrence(i, i+len(q))
		if o.Cut == 0 {
			return o, true
		}
		if !found {
			frag, found = o, true
		}
		off = i + 1
	}
	return frag, found
}

// occurrence describes the match of Norm[i:j].
func (t Text) occurrence(i, j int) Occurrence {
	o := Occurrence{Span: t.span(i, j)}
	if t.inWord(i) {
		o.Cut |= CutStart
	}
	if t.inWord(j) {
		o.Cut |= CutEnd
	}
	o.Words = t.span(t.whole(i, j))
	return o
}

// whole widens Norm[i:j] to the whole words it starts and ends in.
func (t Text) whole(i, j int) (int, int) {
	for t.inWord(i) {
		_, size := utf8.DecodeLastRuneInString(t.Norm[:i])
		i -= size
	}
	for t.inWord(j) {
		_, size := utf8.DecodeRuneInString(t.Norm[j:])
		j += size
	}
	return i, j
}

// span maps Norm[i:j] (j > i) to the original text: from the character
// that produced byte i to the end of the one that produced byte j-1 and the
// marks typed after it (a source in NFD writes "é" as "e" and a combining
// accent, which folds to nothing).
func (t Text) span(i, j int) Span {
	last := t.Orig[j-1]
	_, size := utf8.DecodeRuneInString(t.src[last:])
	end := last + size
	for end < len(t.src) {
		r, size := utf8.DecodeRuneInString(t.src[end:])
		if r == utf8.RuneError || meta.FoldRune(r) != "" {
			break
		}
		end += size
	}
	return Span{Start: t.Orig[i], End: end}
}

// Words: a word of a normalised text is a run of letters, digits and marks,
// with an apostrophe between two of them ("they're") and a point or comma
// between digits ("1,500", "2.5") inside it. In scripts written without
// spaces (Chinese, Japanese, Thai, ...) each character is a word.

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func unspaced(r rune) bool {
	return r >= 0x0e00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// joins reports whether the character at s[i:] is an apostrophe, point or
// comma inside a word: an apostrophe between letters, a point between
// letters (U.S.) or digits, a comma between digits.
func joins(s string, i int) bool {
	if i <= 0 || i >= len(s)-1 {
		return false
	}
	c := s[i]
	if c != '\'' && c != '.' && c != ',' {
		return false
	}
	a, _ := utf8.DecodeLastRuneInString(s[:i])
	b, _ := utf8.DecodeRuneInString(s[i+1:])
	if c == '\'' {
		return isWord(a) && isWord(b) && !unspaced(a) && !unspaced(b)
	}
	if c == '.' && unicode.IsLetter(a) && unicode.IsLetter(b) && !unspaced(a) && !unspaced(b) {
		return true // an abbreviation: "U.S."
	}
	return unicode.IsDigit(a) && unicode.IsDigit(b)
}

// inWord reports whether byte offset p of t.Norm lies strictly inside a
// word, where a word also runs on through a hyphen between letters or
// digits as the original writes it ("co-opted", "then-President",
// "state-funded": "opted" is not a word of "co-opted"), though not through
// a dash (–, —), which normalises to the same "-".
func (t Text) inWord(p int) bool {
	if inWord(t.Norm, p) {
		return true
	}
	if p <= 0 || p >= len(t.Norm) {
		return false
	}
	h := -1 // the "-" next to p, between p and a word character
	switch {
	case t.Norm[p] == '-' && p > 0:
		a, _ := utf8.DecodeLastRuneInString(t.Norm[:p])
		if isWord(a) && p+1 < len(t.Norm) {
			if b, _ := utf8.DecodeRuneInString(t.Norm[p+1:]); isWord(b) {
				h = p
			}
		}
	case t.Norm[p-1] == '-' && p >= 2:
		a, _ := utf8.DecodeLastRuneInString(t.Norm[:p-1])
		b, _ := utf8.DecodeRuneInString(t.Norm[p:])
		if isWord(a) && isWord(b) {
			h = p - 1
		}
	}
	if h < 0 || t.src == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.src[t.Orig[h]:])
	return r == '-' || r == '\u2010' || r == '\u2011'
}

// inWord reports whether byte offset p of s lies strictly inside a word.
func inWord(s string, p int) bool {
	if p <= 0 || p >= len(s) {
		return false
	}
	a, la := utf8.DecodeLastRuneInString(s[:p])
	b, _ := utf8.DecodeRuneInString(s[p:])
	if unspaced(a) || unspaced(b) {
		return false
	}
	switch {
	case isWord(a) && isWord(b):
		return true
	case isWord(a):
		return joins(s, p)
	case isWord(b):
		return joins(s, p-la)
	}
	return false
}

// words calls fn with the byte range of each word of s, in order.
func words(s string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if start >= 0 && !inWord(s, i) {
			fn(start, i)
			start = -1
		}
		if start < 0 && isWord(r) {
			start = i
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// Words returns the words of a normalised text.
func Words(norm string) []string {
	var out []string
	words(norm, func(i, j int) { out = append(out, norm[i:j]) })
	return out
}

// MinWords is how many words a quote must hold at least; see Substance.
const MinWords = 2

// Substance says why a normalised quote is too slight to be evidence, or
// "" when it is not. A quote must hold at least MinWords words, and one of
// them must have two letters or more (or be a character of a script written
// without spaces) and not be one of the most common words of English and
// Spanish ("the", "of", "and", "el", "de", "que"...): a fragment, a lone
// word or "of the" can be found in almost any text and shows nothing.
func Substance(norm string) string {
	n, content := 0, false
	words(norm, func(i, j int) {
		w := norm[i:j]
		n++
		letters, unsp := 0, false
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				unsp = unsp || unspaced(r)
			}
		}
		if letters > 0 && (letters >= 2 || unsp) && !stopWords[w] {
			content = true
		}
	})
	switch {
	case n < MinWords:
		return fmt.Sprintf("it has %d word%s", n, plural(n))
	case !content:
		return "it has only common words"
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// stopWords are words too common to show where a passage comes from.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of in on at to for from by with and or but nor as is are was were be been being
		am has have had do does did it its it's this that these those he she they we i you me him her them us his hers
		their our your my not no yes which who whom what when where why how if so than then there here also
		into onto over under about up down out off s t
		el la lo los las un una unos unas de del al a en y e o u ni que se su sus es son fue por para con sin
		le les du des et ou au aux il elle est ce qui`) {
		m[w] = true
	}
	return m
}()
