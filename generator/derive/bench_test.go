package derive

import (
	"fmt"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/corpus/corpustest"
	"github.com/factcheck-mx/factcheck/generator/diag"
)

// BenchmarkEvidence derives quotations, speakers, variant groups and
// provenance for synthetic corpora of growing size. Near-linear growth
// shows as a steady ns/source; scripts/bench-evidence compares the sizes.
//
//	go test ./generator/derive -run '^$' -bench Evidence -benchtime 1x
func BenchmarkEvidence(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000, 20000} {
		c := corpustest.Synthetic(n, 1)
		b.Run(fmt.Sprintf("sources=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var r *Result
			for b.Loop() {
				var probs diag.List
				r = Derive(Input{Sources: c.Sources, People: c.People}, &probs)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/source")
			b.ReportMetric(float64(len(r.Quotes)), "quotes")
			b.ReportMetric(float64(len(r.Groups)), "groups")
			b.ReportMetric(float64(len(r.Shared)), "relations")
		})
	}
}
