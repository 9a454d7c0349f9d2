package derive

import (
	"slices"
	"testing"
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
