package quotes

import (
	"iter"
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/factcheck-mx/factcheck/generator/sets"
	"github.com/factcheck-mx/factcheck/generator/wordiff"
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
//
// Only pairs that could reach the similarity limits are compared (prefix
// filtering: if two word sets are similar enough, their rarest words
// overlap), so the work grows with the number of quotations, not its
// square. The result is the same as comparing every pair in order.
func Group(qs []Quote) [][]int {
	toks := tokens(qs)
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
	for i, j := range candidates(qs, toks) {
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
		if ri == rj || sets.Dice(toks[i], toks[j]) < limit {
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

// tokens turns each quotation's words into a sorted set of ids, a repeated
// word counting once per occurrence ("the", "the" twice), so that set
// overlap equals the overlap of the word multisets. Ids are ranks by how
// many quotations use the token, rarest first.
func tokens(qs []Quote) [][]int32 {
	raw := make([][]string, len(qs))
	freq := map[string]int{}
	for i, q := range qs {
		seen := map[string]int{}
		for _, w := range Words(q.Text) {
			seen[w]++
			t := w
			if n := seen[w]; n > 1 {
				t = w + "\x00" + strconv.Itoa(n)
			}
			raw[i] = append(raw[i], t)
			freq[t]++
		}
	}
	order := make([]string, 0, len(freq))
	for t := range freq {
		order = append(order, t)
	}
	sort.Slice(order, func(a, b int) bool {
		if freq[order[a]] != freq[order[b]] {
			return freq[order[a]] < freq[order[b]]
		}
		return order[a] < order[b]
	})
	rank := make(map[string]int32, len(order))
	for i, t := range order {
		rank[t] = int32(i)
	}
	out := make([][]int32, len(qs))
	for i, ts := range raw {
		for _, t := range ts {
			out[i] = append(out[i], rank[t])
		}
		slices.Sort(out[i])
	}
	return out
}

// MaxPostings is how many quotations (of one speaker, or of all for the
// unattributed limit) may share an indexed token. A token used more often
// than that is too common to point to a statement and is not indexed: a
// pair is then missed only if every word it shares is that common, as in
// "We will not comment on it", so that grouping stays linear in the number
// of quotations. Below this, Group equals comparing every pair.
const MaxPostings = 64

// candidates yields the pairs i < j, in order, that may reach a limit:
// quotations of one speaker sharing a token of their MinSimilarity
// prefixes, and any quotations sharing a token of their
// MinSimilarityUnattributed prefixes (the limit when either names nobody).
func candidates(qs []Quote, toks [][]int32) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		type key struct {
			speaker string
			tok     int32
		}
		index := map[key][]int32{}
		each := func(i int, f func(k key)) {
			if sp := qs[i].Speaker; sp != "" {
				for _, t := range toks[i][:prefix(len(toks[i]), MinSimilarity)] {
					f(key{sp, t})
				}
			}
			for _, t := range toks[i][:prefix(len(toks[i]), MinSimilarityUnattributed)] {
				f(key{"", t})
			}
		}
		for i := range qs {
			each(i, func(k key) { index[k] = append(index[k], int32(i)) })
		}
		seen := make([]int, len(qs)) // i+1 when j is already a candidate of i
		var cand []int
		for i := range qs {
			cand = cand[:0]
			each(i, func(k key) {
				list := index[k]
				if len(list) > MaxPostings {
					return
				}
				start, _ := slices.BinarySearch(list, int32(i+1))
				for _, j := range list[start:] {
					if seen[j] != i+1 {
						seen[j] = i + 1
						cand = append(cand, int(j))
					}
				}
			})
			slices.Sort(cand)
			for _, j := range cand {
				if !yield(i, j) {
					return
				}
			}
		}
	}
}

// prefix is how many of a set's rarest tokens must include a shared one if
// its Dice similarity with any other set is to reach limit: a set y with
// Dice(x, y) >= t has |y| >= t|x|/(2-t) and so shares at least
// ceil(t|x|/(2-t)) tokens with x.
func prefix(n int, limit float64) int {
	if n == 0 {
		return 0
	}
	need := int(math.Ceil(limit*float64(n)/(2-limit) - 1e-9))
	return min(n, max(1, n-need+1))
}

// Words splits a quotation into comparable words: lower case, accents and
// punctuation removed, typographic apostrophes made straight.
func Words(s string) []string { return wordiff.Words(s) }

// Op is one step of a word-level difference.
type Op = wordiff.Op

// Diff compares two wordings word by word (longest common subsequence of
// their words) and returns the steps from a to b, keeping a's and b's own
// spelling.
func Diff(a, b string) []Op { return wordiff.Diff(a, b) }
