// Package wordiff compares two texts word by word: the steps that turn one
// into the other, as runs of words kept, removed and added. Quotation
// variants (package quotes) compare words as readers hear them (case,
// accents and punctuation ignored); corrections compare them exactly.
// It is pure: no state, no I/O.
package wordiff

import (
	"strings"
	"unicode"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Op is one step of a word-level difference.
type Op struct {
	Kind string `json:"kind"` // "same", "removed" (only in the first), "added" (only in the second), "elided" (unchanged words left out; no text)
	Text string `json:"text"`
}

// Kinds of steps.
const (
	Same    = "same"
	Removed = "removed"
	Added   = "added"
	Elided  = "elided"
)

// Words splits a text into comparable words: lower case, accents and
// punctuation removed, typographic apostrophes made straight.
func Words(s string) []string {
	s = strings.ToLower(meta.Fold(strings.ReplaceAll(s, "’", "'")))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
}

// Diff compares two wordings word by word, words being equal when Words
// makes the same of them (longest common subsequence), and returns the
// steps from a to b, keeping a's and b's own spelling.
func Diff(a, b string) []Op {
	wa, wb := strings.Fields(a), strings.Fields(b)
	key := func(ws []string) []string {
		k := make([]string, len(ws))
		for i, w := range ws {
			k[i] = strings.Join(Words(w), " ")
		}
		return k
	}
	return diff(wa, wb, key(wa), key(wb))
}

// Exact is Diff with words equal only when spelt the same, punctuation
// and case included: for corrections, where "U.S." against "US" is a
// change. Only spacing (line breaks, runs of spaces) is ignored.
func Exact(a, b string) []Op {
	wa, wb := strings.Fields(a), strings.Fields(b)
	return diff(wa, wb, wa, wb)
}

// Changed reports whether ops hold anything other than kept words.
func Changed(ops []Op) bool {
	for _, op := range ops {
		if op.Kind == Removed || op.Kind == Added {
			return true
		}
	}
	return false
}

// maxCells bounds the comparison table (4 bytes a cell): past it, the
// words between the common beginning and end are shown as all removed and
// all added rather than compared.
const maxCells = 1 << 22

func diff(wa, wb, ka, kb []string) []Op {
	var out []Op
	push := func(kind, w string) {
		if n := len(out); n > 0 && out[n-1].Kind == kind {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, Op{Kind: kind, Text: w})
	}
	// Common leading words: the walk below would match them one by one.
	p := 0
	for p < len(ka) && p < len(kb) && ka[p] == kb[p] {
		push(Same, wb[p])
		p++
	}
	// Common trailing words are set aside only when the table would be too
	// large: setting them aside can change which of several equally long
	// alignments is shown, and short texts (quotations) keep the walk's.
	s := 0
	if big(len(ka)-p, len(kb)-p) {
		for s < len(ka)-p && s < len(kb)-p && ka[len(ka)-1-s] == kb[len(kb)-1-s] {
			s++
		}
	}
	ma, mb := ka[p:len(ka)-s], kb[p:len(kb)-s]
	oa, ob := wa[p:len(wa)-s], wb[p:len(wb)-s]
	if big(len(ma), len(mb)) {
		for _, w := range oa {
			push(Removed, w)
		}
		for _, w := range ob {
			push(Added, w)
		}
	} else {
		// lcs[i*(m+1)+j] = length of the LCS of ma[i:] and mb[j:]
		n, m := len(ma), len(mb)
		lcs := make([]int32, (n+1)*(m+1))
		at := func(i, j int) int32 { return lcs[i*(m+1)+j] }
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i*(m+1)+j] = at(i+1, j+1) + 1
				} else {
					lcs[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && ma[i] == mb[j]:
				push(Same, ob[j])
				i, j = i+1, j+1
			case j < m && (i == n || at(i, j+1) > at(i+1, j)):
				push(Added, ob[j])
				j++
			default:
				push(Removed, oa[i])
				i++
			}
		}
	}
	for _, w := range wb[len(wb)-s:] {
		push(Same, w)
	}
	return out
}

// big reports whether a table for texts of n and m words exceeds maxCells.
func big(n, m int) bool { return n+1 > maxCells/(m+1) }

// Context keeps n words of unchanged text on each side of every change and
// replaces the rest of each run of unchanged words with one Elided step, so
// a change in a long text shows with its surroundings only.
func Context(ops []Op, n int) []Op {
	var out []Op
	for k, op := range ops {
		if op.Kind != Same {
			out = append(out, op)
			continue
		}
		ws := strings.Fields(op.Text)
		head, tail := n, n // words kept after the change before, and before the change after
		if k == 0 {
			head = 0
		}
		if k == len(ops)-1 {
			tail = 0
		}
		if len(ws) <= head+tail+1 { // eliding one word would save nothing
			out = append(out, op)
			continue
		}
		if head > 0 {
			out = append(out, Op{Kind: Same, Text: strings.Join(ws[:head], " ")})
		}
		out = append(out, Op{Kind: Elided})
		if tail > 0 {
			out = append(out, Op{Kind: Same, Text: strings.Join(ws[len(ws)-tail:], " ")})
		}
	}
	return out
}
