package provenance

import (
	"testing"

	"github.com/factcheck-mx/factcheck/generator/sets"
)

// bruteForce compares every pair of passages: what Shared would find if
// the buckets missed nothing.
func bruteForce(docs []Doc) (matches int, pairs [][2]int32) {
	var ps []passage
	for di, d := range docs {
		for _, p := range d.Paras {
			for _, s := range sentences(p.Text) {
				ws := words(s)
				if sh := shingles(ws); len(sh) >= MinShingles {
					ps = append(ps, passage{doc: int32(di), para: int32(p.N), words: int32(len(ws)), sh: sh})
				}
			}
		}
	}
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			pi, pj := &ps[i], &ps[j]
			if pi.doc == pj.doc {
				continue
			}
			n := sets.Common(pi.sh, pj.sh)
			if float64(n) < MinJaccard*float64(len(pi.sh)+len(pj.sh)-n) || float64(n) < MinContainment*float64(min(len(pi.sh), len(pj.sh))) {
				continue
			}
			matches++
			pairs = append(pairs, [2]int32{pi.para, pj.para})
		}
	}
	return matches, pairs
}

func TestSeedRecall(t *testing.T) {
	docs, _ := seedDocs(t)
	_, st := Shared(docs)
	n, pairs := bruteForce(docs)
	if st.Matches != n {
		t.Errorf("buckets found %d of %d near-duplicate sentence pairs: %v", st.Matches, n, pairs)
	}
}
