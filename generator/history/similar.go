package history

import (
	"hash/fnv"
	"slices"

	"github.com/factcheck-mx/factcheck/generator/sets"
	"github.com/factcheck-mx/factcheck/generator/wordiff"
)

// RenameSimilarity is how alike a deleted and an added file of one folder
// must be (Similarity) for the addition to be the deletion renamed.
// Measured (TestSimilarityThreshold): two different claims of the real
// site, which share every front-matter key, the reviewer, stances and at
// worst a speaker and his statement, score 0.13 to 0.27; the same claims
// moved with their title changed, a quote added and their summary
// rewritten score 0.87 to 0.91. Half is far from both.
const RenameSimilarity = 0.5

// shingleWords is the length of the runs of words Similarity compares.
const shingleWords = 3

// Similarity says how alike two texts are, from 0 (nothing in common) to 1
// (the same words in the same order): the Dice coefficient of their sets
// of shingles, runs of three consecutive words (lower case, accents and
// punctuation ignored). Runs of words, not words, so that two files sharing
// a vocabulary (the same front-matter keys, the same common words) are not
// alike unless they share phrases; Dice rather than containment, so that a
// short file is not "contained" in a long one by its boilerplate alone. A
// text shorter than three words is one shingle.
func Similarity(a, b []byte) float64 {
	return sets.Dice(shingles(a), shingles(b))
}

// shingles returns the sorted, distinct hashes of a text's shingles.
func shingles(text []byte) []uint64 {
	ws := wordiff.Words(string(text))
	if len(ws) == 0 {
		return nil
	}
	n := max(1, len(ws)-shingleWords+1)
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		h := fnv.New64a()
		for _, w := range ws[i:min(len(ws), i+shingleWords)] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}
