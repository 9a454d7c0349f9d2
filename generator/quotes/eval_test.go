package quotes

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/evidence"
	"github.com/factcheck-mx/factcheck/generator/people"
)

type label struct {
	source  string
	para    int
	speaker string
	group   string
	start   string
}

func readLabels(t *testing.T) []label {
	return readLabelsFrom(t, "testdata/seed-quotes.tsv")
}

func readLabelsFrom(t *testing.T, path string) []label {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		n, _ := strconv.Atoi(c[1])
		l := label{source: c[0], para: n, speaker: c[2], group: c[3], start: c[4]}
		if l.speaker == "-" {
			l.speaker = ""
		}
		if l.group == "-" {
			l.group = ""
		}
		out = append(out, l)
	}
	return out
}

// seedQuotes extracts the quotations of the repository's own corpus.
func seedQuotes(t *testing.T) []Quote {
	return quotesAt(t, "../..")
}

// quotesAt extracts the quotations of the corpus under root (root/corpus,
// with the people of root/people).
func quotesAt(t *testing.T, root string) []Quote {
	var probs diag.List
	sources := corpus.Load(root, nil, &probs)
	// The people of the site's languages (their translations, people/ID.es.md, name no one new).
	var langs []string
	if _, err := os.Stat(filepath.Join(root, config.File)); err == nil {
		langs = config.Load(root, &probs).Codes()[1:]
	}
	ppl, _ := people.LoadIn(root, langs, nil, &probs)
	m := people.NewMatcher(ppl)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	var qs []Quote
	for _, s := range sources {
		qs = append(qs, Extract(s, m)...)
	}
	return qs
}

// TestSeedCorpus measures extraction, attribution and variant grouping
// against the hand-labelled quotations of the seed corpus, prints precision
// and recall, and fails below 0.9.
func TestSeedCorpus(t *testing.T) {
	measure(t, readLabels(t), seedQuotes(t))
}

// TestSpanishCorpus measures the same on the hand-labelled Spanish set
// (testdata/es: invented articles about invented people, language es and
// es-MX), and fails below 0.9.
func TestSpanishCorpus(t *testing.T) {
	measure(t, readLabelsFrom(t, "testdata/es/quotes.tsv"), quotesAt(t, "testdata/es"))
}

// measure compares the quotations extracted with the labelled ones, logs
// precision and recall of extraction, attribution and variant grouping,
// and fails below 0.9.
func measure(t *testing.T, labels []label, qs []Quote) {
	match := make([]int, len(qs)) // quote -> label index, -1 when unlabelled
	used := make([]bool, len(labels))
	for i, q := range qs {
		match[i] = -1
		for j, l := range labels {
			if !used[j] && l.source == q.Source && l.para == q.Para &&
				strings.HasPrefix(evidence.Normalize(q.Text).Norm, evidence.Normalize(l.start).Norm) {
				match[i], used[j] = j, true
				break
			}
		}
		if match[i] < 0 {
			t.Logf("extracted, not labelled: %s p%d %q (speaker %q)", q.Source, q.Para, q.Text, q.Speaker)
		}
	}
	found := 0
	for j, u := range used {
		if u {
			found++
		} else {
			t.Logf("labelled, not extracted: %s p%d %q", labels[j].source, labels[j].para, labels[j].start)
		}
	}
	// Attribution: of the speakers given, how many are right; of the
	// labelled speakers, how many were found.
	given, right, labelled := 0, 0, 0
	for _, l := range labels {
		if l.speaker != "" {
			labelled++
		}
	}
	for i, q := range qs {
		if q.Speaker == "" {
			if match[i] >= 0 && labels[match[i]].speaker != "" {
				t.Logf("speaker not found: %s p%d %q, want %q", q.Source, q.Para, q.Text, labels[match[i]].speaker)
			}
			continue
		}
		given++
		if match[i] >= 0 && labels[match[i]].speaker == q.Speaker {
			right++
		} else if match[i] >= 0 {
			t.Logf("wrong speaker: %s p%d %q: %q, want %q", q.Source, q.Para, q.Text, q.Speaker, labels[match[i]].speaker)
		}
	}
	// Variant grouping, over pairs of quotations.
	predicted := map[[2]int]bool{}
	for _, g := range Group(qs) {
		for a := 0; a < len(g); a++ {
			for b := a + 1; b < len(g); b++ {
				predicted[[2]int{g[a], g[b]}] = true
			}
		}
	}
	truePairs, predRight := 0, 0
	for a := range qs {
		for b := a + 1; b < len(qs); b++ {
			la, lb := match[a], match[b]
			same := la >= 0 && lb >= 0 && labels[la].group != "" && labels[la].group == labels[lb].group
			if same {
				truePairs++
			}
			if predicted[[2]int{a, b}] {
				if same {
					predRight++
				} else {
					t.Logf("grouped, should not be: %q / %q", qs[a].Text, qs[b].Text)
				}
			}
		}
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	scores := []struct {
		name string
		p, r float64
	}{
		{"extraction", ratio(found, len(qs)), ratio(found, len(labels))},
		{"attribution", ratio(right, given), ratio(right, labelled)},
		{"variant groups", ratio(predRight, len(predicted)), ratio(predRight, truePairs)},
	}
	t.Logf("%d labelled quotations (%d with a speaker, %d variant pairs); %d extracted", len(labels), labelled, truePairs, len(qs))
	for _, s := range scores {
		t.Logf("%-15s precision %.2f  recall %.2f", s.name, s.p, s.r)
		if s.p < 0.9 || s.r < 0.9 {
			t.Errorf("%s below 0.9: precision %.2f, recall %.2f", s.name, s.p, s.r)
		}
	}
}

func TestDiff(t *testing.T) {
	got := Diff("We gave them names of Russian spies", "We provided them with the names of Russian spies")
	var b strings.Builder
	for _, op := range got {
		b.WriteString(op.Kind + ":" + op.Text + " | ")
	}
	want := "same:We | removed:gave | added:provided | same:them | added:with the | same:names of Russian spies | "
	if b.String() != want {
		t.Errorf("Diff = %s\nwant   %s", b.String(), want)
	}
}
