package provenance

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One two. Three four.", "One two.|Three four."},
		{"Gen. Ana Ruiz spoke. The U.S. Embassy said so.", "Gen. Ana Ruiz spoke.|The U.S. Embassy said so."},
		{`“It is over.” She left. "Fine," he said.`, `“It is over.”|She left.|"Fine," he said.`},
		{"Version 2.5 is out. no capital after. Next?", "Version 2.5 is out. no capital after.|Next?"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(sentences(tt.in), "|"); got != tt.want {
			t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShared(t *testing.T) {
	long := "Russia has added dozens of personnel to its embassy in Mexico City over the past few years, officials said."
	docs := []Doc{
		{ID: "wire", Paras: []Para{{1, long + " The buildup worries Washington a great deal."}, {2, "Nothing else in this paragraph resembles anything at all in the other texts here."}}},
		{ID: "retold", Paras: []Para{{1, "An unrelated opening sentence about the weather in spring and the harvest."}, {3, "Russia has added dozens of staff to its embassy in Mexico City over the past few years, officials said."}}},
		{ID: "other", Paras: []Para{{1, "A completely different report on agricultural exports across the northern border."}}},
		{ID: "short", Paras: []Para{{1, "Officials said so."}}},
	}
	rels, _ := Shared(docs)
	if len(rels) != 1 {
		t.Fatalf("got %d relations, want 1: %+v", len(rels), rels)
	}
	r := rels[0]
	if r.A != "wire" || r.B != "retold" || fmt.Sprint(r.Paras) != "[{1 3}]" || r.Sentences != 1 {
		t.Errorf("relation = %+v", r)
	}
	// wire: 19 of 19+7+14 words; retold: 19 of 12+19.
	if fmt.Sprintf("%.3f %.3f", r.SharedA, r.SharedB) != fmt.Sprintf("%.3f %.3f", 19.0/40, 19.0/31) {
		t.Errorf("shares %.3f %.3f, want %.3f %.3f", r.SharedA, r.SharedB, 19.0/40, 19.0/31)
	}
	// The same document twice shares nothing with itself.
	if rels, _ := Shared(docs[:1]); len(rels) != 0 {
		t.Errorf("one document: %+v", rels)
	}
}

// TestRecall compares the buckets with comparing every pair, on synthetic
// documents with copied sentences reworded to every degree.
func TestRecall(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	sentence := func() string {
		ws := make([]string, 12+r.IntN(20))
		for i := range ws {
			ws[i] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	var docs []Doc
	for d := 0; d < 300; d++ {
		doc := Doc{ID: fmt.Sprint(d)}
		for p := 1; p <= 6; p++ {
			s := sentence()
			if d > 0 && r.IntN(3) == 0 {
				// a copy of an earlier paragraph, some words replaced
				from := docs[r.IntN(d)].Paras[r.IntN(6)].Text
				ws := strings.Fields(strings.TrimSuffix(from, "."))
				rate := r.IntN(5) // 0 to 4 words in 10
				for i := range ws {
					if r.IntN(10) < rate {
						ws[i] = vocab[r.IntN(len(vocab))]
					}
				}
				s = strings.Join(ws, " ")
			}
			doc.Paras = append(doc.Paras, Para{N: p, Text: s + "."})
		}
		docs = append(docs, doc)
	}
	_, st := Shared(docs)
	all, _ := bruteForce(docs)
	recall := float64(st.Matches) / float64(all)
	t.Logf("found %d of %d near-duplicate pairs (recall %.3f) from %d candidates among %d sentences", st.Matches, all, recall, st.Candidates, st.Passages)
	if all < 100 || recall < 0.95 {
		t.Errorf("recall %.3f over %d pairs, want at least 0.95 over 100 or more", recall, all)
	}
}
