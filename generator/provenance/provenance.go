// Package provenance works out where a source's text came from: which other
// sources share its sentences, word for word or lightly reworded, and which
// outlets its text names as the origin of its reporting ("told NBC News",
// "according to a report in The New York Times").
//
// Shared text is found without comparing every pair of sources: each
// sentence becomes a set of word shingles, the set a MinHash signature, and
// the signature's bands keys into buckets (locality-sensitive hashing).
// Only sentences that meet in a bucket are compared, exactly, so the work
// grows with the size of the corpus, not with its square.
package provenance

import (
	"cmp"
	"math"
	"slices"

	"github.com/factcheck-mx/factcheck/generator/sets"
)

// Doc is a source's article text, boilerplate left out.
type Doc struct {
	ID    string
	Paras []Para
}

// Para is one paragraph of a Doc.
type Para struct {
	N    int // paragraph number in the source
	Text string
}

// Relation is two sources that share text.
type Relation struct {
	A, B string // source ids, A before B in the order given to Shared
	// SharedA is the fraction of A's article words in sentences that B
	// shares; SharedB the same for B.
	SharedA, SharedB float64
	Sentences        int        // pairs of near-duplicate sentences
	Paras            []ParaPair // paragraphs sharing text, in A's order
}

// ParaPair is a paragraph of A and a paragraph of B that share text.
type ParaPair struct{ A, B int }

// Stats says how much work Shared did.
type Stats struct {
	Passages   int // sentences long enough to compare
	Candidates int // sentence pairs that met in a bucket
	Matches    int // of those, near-duplicates
}

// Tuning of the search. A pair of sentences is a near-duplicate when their
// shingle sets have a Jaccard similarity of at least MinJaccard and the
// shorter one has at least MinContainment of its shingles in the other.
// A signature has Hashes values; every run of Rows consecutive values
// (wrapping around) is a band, so there are Hashes bands. Overlapping bands
// cost one sort per band but find pairs at Jaccard 0.25 to 0.3 far more
// often than Hashes/Rows disjoint bands would (TestRecall measures it).
// A bucket holding more than MaxBucket sentences is a phrase everyone uses
// and is not compared.
const (
	Hashes         = 64
	Rows           = 2
	MinJaccard     = 0.2
	MinContainment = 0.4
	MaxBucket      = 100
)

// Shared returns every pair of documents that share text, in input order.
func Shared(docs []Doc) ([]Relation, Stats) {
	var ps []passage
	total := make([]int, len(docs)) // words per document
	for di, d := range docs {
		for _, p := range d.Paras {
			for _, s := range sentences(p.Text) {
				ws := words(s)
				total[di] += len(ws)
				sh := shingles(ws)
				if len(sh) < MinShingles {
					continue
				}
				ps = append(ps, passage{doc: int32(di), para: int32(p.N), words: int32(len(ws)), sh: sh})
			}
		}
	}
	st := Stats{Passages: len(ps)}
	cand := candidates(ps, signatures(ps))
	st.Candidates = len(cand)

	type acc struct {
		a, b   map[int32]bool // matched passages of each side
		paras  []ParaPair
		shared int
	}
	rel := map[[2]int32]*acc{}
	var keys [][2]int32
	for _, c := range cand {
		i, j := int32(c>>32), int32(c&math.MaxUint32)
		pi, pj := &ps[i], &ps[j]
		n := sets.Common(pi.sh, pj.sh)
		if float64(n) < MinJaccard*float64(len(pi.sh)+len(pj.sh)-n) || float64(n) < MinContainment*float64(min(len(pi.sh), len(pj.sh))) {
			continue
		}
		st.Matches++
		k := [2]int32{pi.doc, pj.doc} // i < j, so pi.doc < pj.doc
		r := rel[k]
		if r == nil {
			r = &acc{a: map[int32]bool{}, b: map[int32]bool{}}
			rel[k] = r
			keys = append(keys, k)
		}
		r.a[i], r.b[j] = true, true
		if pp := (ParaPair{int(pi.para), int(pj.para)}); !slices.Contains(r.paras, pp) {
			r.paras = append(r.paras, pp)
		}
		r.shared++
	}
	slices.SortFunc(keys, func(x, y [2]int32) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	out := make([]Relation, 0, len(keys))
	for _, k := range keys {
		r := rel[k]
		slices.SortFunc(r.paras, func(x, y ParaPair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
		out = append(out, Relation{
			A: docs[k[0]].ID, B: docs[k[1]].ID,
			SharedA:   fraction(ps, r.a, total[k[0]]),
			SharedB:   fraction(ps, r.b, total[k[1]]),
			Sentences: r.shared,
			Paras:     r.paras,
		})
	}
	return out, st
}

// fraction is the share of a document's words in the given passages.
func fraction(ps []passage, in map[int32]bool, total int) float64 {
	n := 0
	for i := range in {
		n += int(ps[i].words)
	}
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// signatures computes each passage's MinHash signature: for each of Hashes
// hash functions, the least value over the passage's shingles.
func signatures(ps []passage) []uint64 {
	// Hash function k is (h xor seed_k) times odd_k: shingle hashes are
	// already well mixed, and a product's high bits, which decide the
	// minimum, depend on all of them.
	var seeds, odd [Hashes]uint64
	for k := range seeds {
		seeds[k] = mix(uint64(k+1) * 0x9e3779b97f4a7c15)
		odd[k] = mix(seeds[k]) | 1
	}
	sig := make([]uint64, len(ps)*Hashes)
	for i, p := range ps {
		s := sig[i*Hashes : (i+1)*Hashes]
		for k := range s {
			s[k] = math.MaxUint64
		}
		for _, h := range p.sh {
			for k := range s {
				if v := (h ^ seeds[k]) * odd[k]; v < s[k] {
					s[k] = v
				}
			}
		}
	}
	return sig
}

// candidates returns the pairs of passages from different documents that
// share a band of their signatures, as i<<32|j with i < j, sorted.
func candidates(ps []passage, sig []uint64) []uint64 {
	buf := make([]entry, len(ps))
	tmp := make([]entry, len(ps))
	var out []uint64
	for b := 0; b < Hashes; b++ {
		for i := range ps {
			key := uint64(b + 1)
			for r := 0; r < Rows; r++ {
				key = mix(key*0x100000001b3 ^ sig[i*Hashes+(b+r)%Hashes])
			}
			buf[i] = entry{key, int32(i)}
		}
		radixSort(buf, tmp)
		for i := 0; i < len(buf); {
			j := i + 1
			for j < len(buf) && buf[j].key == buf[i].key {
				j++
			}
			if j-i > 1 && j-i <= MaxBucket {
				for x := i; x < j; x++ {
					for y := x + 1; y < j; y++ {
						if ps[buf[x].p].doc != ps[buf[y].p].doc {
							out = append(out, uint64(buf[x].p)<<32|uint64(buf[y].p))
						}
					}
				}
			}
			i = j
		}
	}
	sortUnique(&out)
	return out
}

type entry struct {
	key uint64
	p   int32
}

// radixSort sorts by key, keeping the order of equal keys, in four passes
// of 16 bits; tmp is scratch space as long as a.
func radixSort(a, tmp []entry) {
	var count [1 << 16]int
	for shift := 0; shift < 64; shift += 16 {
		clear(count[:])
		for _, e := range a {
			count[e.key>>shift&0xffff]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, e := range a {
			d := e.key >> shift & 0xffff
			tmp[count[d]] = e
			count[d]++
		}
		a, tmp = tmp, a
	}
	// After an even number of passes the sorted entries are back in a.
}
