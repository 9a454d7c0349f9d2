package derive

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/claims"
)

func TestWindow(t *testing.T) {
	small := []int{1, 5, 9}
	if got := window(small, 5); !slices.Equal(got, small) {
		t.Errorf("a short list is compared whole: %v", got)
	}
	var big []int
	for i := range 1000 {
		big = append(big, 2*i)
	}
	for _, tc := range []struct{ i, first int }{{0, 0}, {1000, 1000 - MaxRelatedWindow}, {1998, 2 * (1000 - MaxRelatedWindow)}} {
		w := window(big, tc.i)
		if len(w) != MaxRelatedWindow || w[0] != tc.first || !slices.Contains(w, tc.i) {
			t.Errorf("window(big, %d) = [%d … %d] (%d), want %d claims from %d, including it", tc.i, w[0], w[len(w)-1], len(w), MaxRelatedWindow, tc.first)
		}
	}
}

// TestRelated compares related() with scoring every pair of claims by the
// rule (two points a shared tag, two the same claimant, one a source both
// quote; best first, ties by id) on random sites small enough that no
// window applies.
func TestRelated(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		r := &Result{Related: map[string][]string{}, Evidence: map[string][]Located{}, PersonClaims: map[string][]string{}}
		n := 2 + rng.IntN(40)
		for i := range n {
			c := &claims.Claim{ID: fmt.Sprintf("c%03d", i), Claimant: fmt.Sprintf("p%d", rng.IntN(5))}
			for range rng.IntN(4) {
				c.Tags = appendOnce(c.Tags, fmt.Sprintf("t%d", rng.IntN(6)))
			}
			for range rng.IntN(4) {
				r.Evidence[c.ID] = append(r.Evidence[c.ID], Located{Evidence: claims.Evidence{Source: fmt.Sprintf("s%d", rng.IntN(6))}})
			}
			r.PersonClaims[c.Claimant] = append(r.PersonClaims[c.Claimant], c.ID)
			r.Claims = append(r.Claims, c)
		}
		r.related()
		for _, c := range r.Claims {
			type scored struct {
				id string
				n  int
			}
			var all []scored
			for _, o := range r.Claims {
				n := 0
				for _, t := range c.Tags {
					if slices.Contains(o.Tags, t) {
						n += 2
					}
				}
				if o.Claimant == c.Claimant {
					n += 2
				}
				cited := map[string]bool{}
				for _, l := range r.Evidence[o.ID] {
					cited[l.Source] = true
				}
				seen := map[string]bool{}
				for _, l := range r.Evidence[c.ID] {
					if cited[l.Source] && !seen[l.Source] {
						seen[l.Source] = true
						n++
					}
				}
				if o != c && n > 0 {
					all = append(all, scored{o.ID, n})
				}
			}
			slices.SortStableFunc(all, func(a, b scored) int { return b.n - a.n })
			var want []string
			for _, s := range all[:min(4, len(all))] {
				want = append(want, s.id)
			}
			if got := r.Related[c.ID]; !slices.Equal(got, want) {
				t.Fatalf("round %d, %s: related %v, want %v", round, c.ID, got, want)
			}
		}
	}
}
