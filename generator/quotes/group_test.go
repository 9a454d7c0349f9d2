package quotes

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/sets"
)

// bruteGroup is Group comparing every pair in order, as it did before
// prefix filtering: the reference the fast version must equal.
func bruteGroup(qs []Quote) [][]int {
	toks := tokens(qs)
	parent := make([]int, len(qs))
	speaker := make([]string, len(qs))
	for i := range parent {
		parent[i], speaker[i] = i, qs[i].Speaker
	}
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i := range qs {
		for j := i + 1; j < len(qs); j++ {
			a, b := qs[i], qs[j]
			if a.Source == b.Source || a.Speaker != "" && b.Speaker != "" && a.Speaker != b.Speaker {
				continue
			}
			limit := MinSimilarity
			if a.Speaker == "" || b.Speaker == "" {
				limit = MinSimilarityUnattributed
			}
			ri, rj := find(i), find(j)
			if ri == rj || sets.Dice(toks[i], toks[j]) < limit || speaker[ri] != "" && speaker[rj] != "" && speaker[ri] != speaker[rj] {
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

// randomQuotes makes quotations from a small vocabulary, a third of them
// reworded copies of an earlier one, so that groups of every kind occur.
func randomQuotes(r *rand.Rand, n int) []Quote {
	vocab := strings.Fields("the agents are here in numbers and they watch every move of the embassy staff while officials say nothing about it now")
	speakers := []string{"", "", "a", "b", "c"}
	var qs []Quote
	for i := 0; i < n; i++ {
		var ws []string
		if i > 0 && r.IntN(3) == 0 {
			ws = strings.Fields(qs[r.IntN(i)].Text)
			for k := range ws {
				if r.IntN(4) == 0 {
					ws[k] = vocab[r.IntN(len(vocab))]
				}
			}
		} else {
			for k := 0; k < 4+r.IntN(12); k++ {
				ws = append(ws, vocab[r.IntN(len(vocab))])
			}
		}
		qs = append(qs, Quote{Source: fmt.Sprint(r.IntN(n/3 + 1)), Speaker: speakers[r.IntN(len(speakers))], Text: strings.Join(ws, " ")})
	}
	return qs
}

func TestGroupEqualsEveryPair(t *testing.T) {
	for seed := range uint64(50) {
		qs := randomQuotes(rand.New(rand.NewPCG(seed, 7)), MaxPostings) // no token can be too common to index
		got, want := fmt.Sprint(Group(qs)), fmt.Sprint(bruteGroup(qs))
		if got != want {
			t.Fatalf("seed %d: Group = %s\nevery pair gives %s", seed, got, want)
		}
	}
}

func TestPrefix(t *testing.T) {
	// For every pair of sizes, a pair of sets at exactly the limit shares a
	// token within both prefixes when tokens are ordered worst case.
	for _, limit := range []float64{MinSimilarity, MinSimilarityUnattributed} {
		for nx := 1; nx < 40; nx++ {
			for ny := 1; ny < 40; ny++ {
				// Most overlap two sets of these sizes can have while all
				// shared tokens sit past x's prefix.
				shared := min(nx-prefix(nx, limit), ny)
				if d := 2 * float64(shared) / float64(nx+ny); d >= limit {
					t.Fatalf("limit %.1f, sizes %d and %d: %d shared tokens outside the prefix give Dice %.2f", limit, nx, ny, shared, d)
				}
			}
		}
	}
}
