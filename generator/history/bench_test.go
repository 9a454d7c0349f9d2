package history

import (
	"context"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/history/historytest"
)

// BenchmarkRead walks a synthetic repository of 300 commits over 2,000
// files in one folder (loose objects; the pack-reading path is measured at
// full scale by historybench).
func BenchmarkRead(b *testing.B) {
	dir := historytest.Synthetic(b, 300, 2000)
	b.ResetTimer()
	for b.Loop() {
		l, err := Read(context.Background(), Options{Root: dir, Folders: []string{"claims"}})
		if err != nil {
			b.Fatal(err)
		}
		if len(l.Commits) != 300 {
			b.Fatalf("%d commits", len(l.Commits))
		}
	}
}

// TestSynthetic checks the benchmark's repository reads as it was written.
func TestSynthetic(t *testing.T) {
	dir := historytest.Synthetic(t, 20, 50)
	l, err := Read(context.Background(), Options{Root: dir, Folders: []string{"claims"}})
	if err != nil {
		t.Fatal(err)
	}
	adds := 0
	for _, c := range l.Changes {
		if c.Op == Added {
			adds++
		}
		if c.Op != Added && c.Op != Modified {
			t.Errorf("unexpected change %+v", c)
		}
	}
	if len(l.Commits) != 20 || adds != 50 || len(l.Changes) < 50+19 {
		t.Errorf("%d commits, %d additions, %d changes", len(l.Commits), adds, len(l.Changes))
	}
}
