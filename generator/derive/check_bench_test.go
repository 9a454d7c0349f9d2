package derive

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// BenchmarkCheckHostile checks the worst inputs we could make for quote
// checking: 2,000 claims, each with an 80-word quote that is not in its
// source, against one source of a single 2 MB paragraph. It reports the
// time per MiB of input (the source plus the claims' quotes and about 250
// bytes of front matter each); check is meant to take under 2 s per MiB.
//
//	go test ./generator/derive -run '^$' -bench CheckHostile -benchtime 1x
func BenchmarkCheckHostile(b *testing.B) {
	const claimsN, quoteWords = 2000, 80
	r := rand.New(rand.NewPCG(7, 8))
	vocab := make([]string, 20000)
	for i := range vocab {
		var w []byte
		for range 3 + r.IntN(7) {
			w = append(w, byte('a'+r.IntN(26)))
		}
		vocab[i] = string(w)
	}
	fill := func(word func(i int) string) string {
		var s strings.Builder
		for i := 0; s.Len() < meta.MaxFileSize-100; i++ {
			s.WriteString(word(i))
			s.WriteByte(' ')
		}
		return strings.TrimSpace(s.String())
	}
	randomWords := func(n int, words []string) string {
		q := make([]string, n)
		for i := range q {
			q[i] = words[r.IntN(len(words))]
		}
		return strings.Join(q, " ")
	}
	random := fill(func(int) string { return vocab[r.IntN(len(vocab))] })
	cases := []struct {
		name   string
		source string
		quote  func(i int) string
	}{
		{"random words", random, func(int) string { return randomWords(quoteWords, vocab) }},
		{"near misses", random, func(int) string {
			// 80 words of the source, one changed: a close passage exists.
			f := strings.Fields(random[r.IntN(len(random)-2000):])
			f = f[1 : quoteWords+1]
			f[r.IntN(len(f))] = "zzzz"
			return strings.Join(f, " ")
		}},
		{"three words repeated", fill(func(i int) string { return []string{"the", "agency", "said"}[i%3] }),
			func(int) string { return randomWords(quoteWords, []string{"the", "agency", "said"}) }},
		{"three words in random order", fill(func(int) string { return []string{"the", "agency", "said"}[r.IntN(3)] }),
			func(int) string { return randomWords(quoteWords, []string{"the", "agency", "said"}) }},
		{"one word repeated", fill(func(int) string { return "agency" }),
			func(i int) string { return strings.Repeat("agency ", quoteWords-1) + "said" }},
		{"one word repeated, quotes found cut", fill(func(int) string { return "agency" }),
			func(i int) string { return "gency " + strings.Repeat("agency ", quoteWords-2) + "agen" }},
		{"quotes of common words", random, func(int) string { return randomWords(quoteWords, []string{"the", "of", "and"}) }},
	}
	for _, c := range cases {
		src := &corpus.Source{ID: "s", Path: "corpus/s.txt", Paras: []corpus.Para{{N: 1, Anchor: "p1", Text: c.source, Line: 9}}}
		var cs []*claims.Claim
		size := len(c.source)
		for i := range claimsN {
			q := c.quote(i)
			size += len(q) + 250
			cs = append(cs, &claims.Claim{ID: fmt.Sprintf("c%d", i), Path: fmt.Sprintf("claims/c%d.md", i),
				Evidence: []claims.Evidence{{Source: "s", Quote: q, Line: 9, QLine: 10}}})
		}
		b.Run(c.name, func(b *testing.B) {
			var probs diag.List
			for b.Loop() {
				probs = nil
				Derive(Input{Sources: []*corpus.Source{src}, Claims: cs}, &probs)
			}
			mib := float64(size) / (1 << 20)
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/mib, "s/MiB")
			b.ReportMetric(mib, "MiB")
			closest := 0
			for _, p := range probs {
				if strings.Contains(p.Msg, "closest passage, in") {
					closest++
				}
			}
			b.ReportMetric(float64(closest), "closest")
		})
	}
}
