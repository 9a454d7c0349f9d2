package meta

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldRune is Fold of one character: its canonical decomposition (NFD)
// without marks, with letters that do not decompose written in plain Latin
// letters (ł -> l, ß -> ss, æ -> ae). Marks (accents, whether precomposed in
// the letter or typed after it) and invisible formatting characters (soft
// hyphen, zero-width joiners) give "". Fold(s) is FoldRune of each of s's
// characters in turn, so a caller can map every byte of Fold's result back
// to the character it came from.
func FoldRune(r rune) string {
	if r < foldTableSize {
		foldOnce.Do(buildFoldTable)
		return foldTable[r]
	}
	return foldRune(r)
}

// foldTableSize covers Latin, Greek, Cyrillic and the other alphabets
// whose letters carry accents; characters above it are folded when met.
const foldTableSize = 0x2000

var (
	foldOnce  sync.Once
	foldTable []string
)

func buildFoldTable() {
	foldTable = make([]string, foldTableSize)
	for r := range rune(foldTableSize) {
		foldTable[r] = foldRune(r)
	}
}

func foldRune(r rune) string {
	if f, ok := foldLetters[r]; ok {
		return f
	}
	if dropped(r) {
		return ""
	}
	if r < 0x80 {
		return string(r)
	}
	s := string(r)
	d := norm.NFD.String(s)
	if d == s {
		return s
	}
	var b strings.Builder
	for _, c := range d {
		if f, ok := foldLetters[c]; ok {
			b.WriteString(f)
		} else if !dropped(c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// dropped reports whether Fold leaves r out: a mark that does not take
// space of its own (an accent, combining or enclosing) or an invisible
// formatting character.
func dropped(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// foldLetters are the letters with no canonical decomposition that readers
// take for a plain Latin letter with a stroke or a ligature of two. The
// decomposing ones (ą ę ř ș ț ğ é ñ ...) need no entry.
var foldLetters = map[rune]string{
	'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'ø': "o", 'Ø': "O",
	'ß': "ss", 'ẞ': "SS", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ı': "i",
	'þ': "th", 'Þ': "TH", 'ħ': "h", 'Ħ': "H", 'ŧ': "t", 'Ŧ': "T", 'ŀ': "l", 'Ŀ': "L",
	'ĸ': "k", 'ŋ': "n", 'Ŋ': "N", 'ſ': "s", 'ƀ': "b", 'Ƀ': "B", 'ƒ': "f", 'Ƒ': "F",
	'ɨ': "i", 'Ɨ': "I", 'ȷ': "j", 'ĳ': "ij", 'Ĳ': "IJ",
	'Ǆ': "DZ", 'ǅ': "Dz", 'ǆ': "dz", 'Ǉ': "LJ", 'ǈ': "Lj", 'ǉ': "lj", 'Ǌ': "NJ", 'ǋ': "Nj", 'ǌ': "nj",
	'Ǳ': "DZ", 'ǲ': "Dz", 'ǳ': "dz",
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
}
