package quotes

import (
	"strings"
	"unicode"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// MinSimilarity is how alike two quotations of one speaker must be, word
// for word (Dice coefficient of their words), to be the same statement.
// Translation-style rewording keeps about two thirds of the words.
const MinSimilarity = 0.5

// MinSimilarityUnattributed applies when a speaker is unknown: only close
// wording then shows it is the same statement.
const MinSimilarityUnattributed = 0.8

// Group returns groups of quotations (indices into qs) that are the same
// statement reported by different sources, each group of two or more, in
// order of first appearance.
func Group(qs []Quote) [][]int {
	bags := make([]map[string]int, len(qs))
	for i, q := range qs {
		bags[i] = bag(q.Text)
	}
	parent := make([]int, len(qs))
	speaker := make([]string, len(qs)) // the one named speaker of each group's root
	for i := range parent {
		parent[i] = i
		speaker[i] = qs[i].Speaker
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range qs {
		for j := i + 1; j < len(qs); j++ {
			a, b := qs[i], qs[j]
			if a.Source == b.Source {
				continue
			}
			limit := MinSimilarity
			switch {
			case a.Speaker != "" && b.Speaker != "" && a.Speaker != b.Speaker:
				continue
			case a.Speaker == "" || b.Speaker == "":
				limit = MinSimilarityUnattributed
			}
			ri, rj := find(i), find(j)
			if ri == rj || dice(bags[i], bags[j]) < limit {
				continue
			}
			// A group holds at most one named speaker, even through
			// unattributed quotations similar to two of them.
			if speaker[ri] != "" && speaker[rj] != "" && speaker[ri] != speaker[rj] {
				continue
			}
			parent[rj] = ri
			if speaker[ri] == "" {
				speaker[ri] = speaker[rj]
			}
		}
	}
	byRoot := map[int][]int{}
	var roots []int
	for i := range qs {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	var out [][]int
	for _, r := range roots {
		if len(byRoot[r]) > 1 {
			out = append(out, byRoot[r])
		}
	}
	return out
}

// Words splits a quotation into comparable words: lower case, accents and
// punctuation removed, typographic apostrophes made straight.
func Words(s string) []string {
	s = strings.ToLower(meta.Fold(strings.ReplaceAll(s, "’", "'")))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
}

func bag(s string) map[string]int {
	b := map[string]int{}
	for _, w := range Words(s) {
		b[w]++
	}
	return b
}

func dice(a, b map[string]int) float64 {
	common, na, nb := 0, 0, 0
	for w, n := range a {
		na += n
		common += min(n, b[w])
	}
	for _, n := range b {
		nb += n
	}
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(common) / float64(na+nb)
}

// Op is one step of a word-level difference.
type Op struct {
	Kind string `json:"kind"` // "same", "removed" (only in the first), "added" (only in the second)
	Text string `json:"text"`
}

// Diff compares two wordings word by word (longest common subsequence of
// their words) and returns the steps from a to b, keeping a's and b's own
// spelling.
func Diff(a, b string) []Op {
	wa, wb := strings.Fields(a), strings.Fields(b)
	ka, kb := make([]string, len(wa)), make([]string, len(wb))
	for i, w := range wa {
		ka[i] = strings.Join(Words(w), " ")
	}
	for i, w := range wb {
		kb[i] = strings.Join(Words(w), " ")
	}
	// lcs[i][j] = length of the LCS of ka[i:] and kb[j:]
	lcs := make([][]int, len(ka)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(kb)+1)
	}
	for i := len(ka) - 1; i >= 0; i-- {
		for j := len(kb) - 1; j >= 0; j-- {
			if ka[i] == kb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Op
	push := func(kind, w string) {
		if n := len(out); n > 0 && out[n-1].Kind == kind {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, Op{Kind: kind, Text: w})
	}
	i, j := 0, 0
	for i < len(ka) || j < len(kb) {
		switch {
		case i < len(ka) && j < len(kb) && ka[i] == kb[j]:
			push("same", wb[j])
			i, j = i+1, j+1
		case j < len(kb) && (i == len(ka) || lcs[i][j+1] > lcs[i+1][j]):
			push("added", wb[j])
			j++
		default:
			push("removed", wa[i])
			i++
		}
	}
	return out
}
