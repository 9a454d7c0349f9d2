package evidence

import (
	"context"
	"index/suffixarray"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Source is a text of paragraphs normalised once and indexed by word, to
// place many quotes in it: each quote costs about as much as its words are
// frequent in the text, not as long as the text.
type Source struct {
	paras  []string
	text   Text  // the paragraphs joined by "\n", normalised
	starts []int // byte offset of each paragraph in the joined original

	// The words of text.Norm, in order.
	wStart, wEnd []int32 // byte range in text.Norm
	wID          []int32 // word id
	wPara        []int32 // paragraph index
	paraWords    []int32 // index of each paragraph's first word; one more entry for the end
	ids          map[string]int32
	post         [][]int32           // word id -> indexes of its occurrences in the words
	pairs        map[uint64]struct{} // the pairs of word ids that follow each other

	mu    sync.Mutex
	found map[string]Location // quotes already located

	idxOnce sync.Once // the word index above, made when first needed (index)

	saOnce sync.Once
	sa     *suffixarray.Index // of text.Norm, made when first needed

	cmu   sync.Mutex
	local []int32 // Closest's scratch: word id -> 1 + its index among the quote's words
}

// index indexes the words of the text, once, when a quote is not found by
// a plain scan or a closest passage is looked for: most sources are short,
// and most quotes are found as they are.
func (s *Source) index() {
	s.idxOnce.Do(func() {
		paras := s.paras
		para := 0
		s.paraWords = make([]int32, 0, len(paras)+1)
		s.paraWords = append(s.paraWords, 0)
		words(s.text.Norm, func(i, j int) {
			for para+1 < len(paras) && s.text.Orig[i] >= s.starts[para+1] {
				para++
				s.paraWords = append(s.paraWords, int32(len(s.wID)))
			}
			w := s.text.Norm[i:j]
			id, ok := s.ids[w]
			if !ok {
				id = int32(len(s.post))
				s.ids[w] = id
				s.post = append(s.post, nil)
			}
			s.post[id] = append(s.post[id], int32(len(s.wID)))
			s.wStart = append(s.wStart, int32(i))
			s.wEnd = append(s.wEnd, int32(j))
			s.wID = append(s.wID, id)
			s.wPara = append(s.wPara, int32(para))
		})
		s.pairs = map[uint64]struct{}{}
		for i := 1; i < len(s.wID); i++ {
			s.pairs[pair(s.wID[i-1], s.wID[i])] = struct{}{}
		}
		for len(s.paraWords) < len(paras)+1 {
			s.paraWords = append(s.paraWords, int32(len(s.wID)))
		}
	})
}

// NewSource normalises paragraphs; they are indexed when first needed.
func NewSource(paras []string) *Source {
	s := &Source{paras: paras, starts: make([]int, len(paras)), ids: map[string]int32{}, found: map[string]Location{}}
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteByte('\n')
		}
		s.starts[i] = b.Len()
		b.WriteString(p)
	}
	s.text = Normalize(b.String())
	return s
}

func pair(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// Location is where a quote was found in a Source.
type Location struct {
	// Para is the index of the paragraph holding the quote on word
	// boundaries, and Span where in it; Para is -1 when there is none.
	Para int
	Span Span
	// When Para is -1: Across is set when the quote occurs on word
	// boundaries only across paragraphs First to Last (indexes).
	Across      bool
	First, Last int
	// Else, when Cut is not 0, the quote occurs only starting or ending
	// inside a word, first in paragraph CutPara at Frag, whose whole words
	// are Words.
	Cut         Cut
	CutPara     int
	Frag, Words Span
}

// maxAnchor is how many occurrences of a quote's rarest word are checked
// one by one; a quote made only of words more frequent than that is looked
// for by scanning the whole text.
const maxAnchor = 4096

// Locate finds a normalised quote (Normalize(quote).Norm) in s: in one
// paragraph on word boundaries, or else across paragraphs, or else where it
// starts or ends inside a word. Safe for concurrent use.
func (s *Source) Locate(q string) Location {
	s.mu.Lock()
	l, ok := s.found[q]
	s.mu.Unlock()
	if ok {
		return l
	}
	l = s.locate(q)
	s.mu.Lock()
	s.found[q] = l
	s.mu.Unlock()
	return l
}

func (s *Source) locate(q string) Location {
	l := Location{Para: -1}
	if q == "" {
		return l
	}
	var frag *Occurrence
	// try looks at the occurrence at text.Norm[i:]; it reports whether the
	// search is over.
	try := func(i int) bool {
		if i < 0 || i+len(q) > len(s.text.Norm) || s.text.Norm[i:i+len(q)] != q {
			return false
		}
		o := s.text.occurrence(i, i+len(q))
		first, last := s.para(o.Span.Start), s.para(o.Span.End-1)
		switch {
		case o.Cut != 0:
			if frag == nil {
				frag = &o
				l.CutPara = first
			}
		case first == last:
			l.Para, l.Span = first, s.rel(first, o.Span)
			return true
		case !l.Across:
			l.Across, l.First, l.Last = true, first, last
		}
		return false
	}
	scan := func() {
		if len(s.text.Norm) > scanLimit {
			// Every occurrence, from the suffix array, in text order.
			pos := s.suffixes().Lookup([]byte(q), -1)
			slices.Sort(pos)
			for _, i := range pos {
				if try(i) {
					return
				}
			}
			return
		}
		for off := 0; off <= len(s.text.Norm)-len(q); {
			i := strings.Index(s.text.Norm[off:], q)
			if i < 0 || try(off+i) {
				return
			}
			off += i + 1
		}
	}
	// A short text is scanned first: most quotes are there as they are,
	// and the word index is not made for them.
	if len(s.text.Norm) <= scanLimit {
		if scan(); l.Para >= 0 {
			return l
		}
		l, frag = Location{Para: -1}, nil
	}
	s.index()
	// Anchor on the quote's rarest word: a whole-word occurrence holds it as
	// a word of the text. With three words or more the inner ones are whole
	// words of the text even in an occurrence cut at both ends.
	var qw [][2]int
	words(q, func(i, j int) { qw = append(qw, [2]int{i, j}) })
	anchor, inner := -1, -1 // indexes into qw
	missing, innerMissing := false, false
	freq := func(k int) int {
		id, ok := s.ids[q[qw[k][0]:qw[k][1]]]
		if !ok {
			return 0
		}
		return len(s.post[id])
	}
	for k := range qw {
		f := freq(k)
		if f == 0 {
			missing = true
			if k > 0 && k < len(qw)-1 {
				innerMissing = true
			}
			continue
		}
		if anchor < 0 || f < freq(anchor) {
			anchor = k
		}
		if k > 0 && k < len(qw)-1 && (inner < 0 || f < freq(inner)) {
			inner = k
		}
	}
	byAnchor := func(k int) {
		id := s.ids[q[qw[k][0]:qw[k][1]]]
		for _, w := range s.post[id] {
			if try(int(s.wStart[w]) - qw[k][0]) {
				return
			}
		}
	}
	// follow reports whether the quote's words from to to-1 follow each
	// other in the text, pair by pair, as they must where it occurs.
	follow := func(from, to int) bool {
		for k := from; k+1 < to; k++ {
			a, b := s.ids[q[qw[k][0]:qw[k][1]]], s.ids[q[qw[k+1][0]:qw[k+1][1]]]
			if _, ok := s.pairs[pair(a, b)]; !ok {
				return false
			}
		}
		return true
	}
	if !missing && !follow(0, len(qw)) {
		missing = true // no whole-word occurrence
	}
	if len(qw) >= 3 && !innerMissing && !follow(1, len(qw)-1) {
		innerMissing = true // no occurrence, cut or not
	}
	// Whole-word occurrences.
	switch {
	case len(qw) == 0 || !missing && freq(anchor) > maxAnchor:
		scan() // finds cut occurrences too
	case !missing:
		byAnchor(anchor)
	}
	// Occurrences cut at an end, to say so.
	if l.Para < 0 && !l.Across && frag == nil && len(qw) > 0 && (missing || freq(anchor) <= maxAnchor) {
		switch {
		case len(qw) <= 2:
			scan() // a short quote is quick to scan for
		case innerMissing:
			// An inner word of the quote is not a word of the text.
		case freq(inner) <= maxAnchor:
			byAnchor(inner)
		default:
			scan()
		}
	}
	if l.Para < 0 && !l.Across && frag != nil {
		l.Cut, l.Frag, l.Words = frag.Cut, s.rel(l.CutPara, frag.Span), s.rel(l.CutPara, frag.Words)
	}
	return l
}

// scanLimit is the longest text scanned for a quote whose words are all
// frequent; a longer one is looked up in its suffix array, so that many
// such quotes do not each cost a pass over the text.
const scanLimit = 1 << 16

func (s *Source) suffixes() *suffixarray.Index {
	s.saOnce.Do(func() { s.sa = suffixarray.New([]byte(s.text.Norm)) })
	return s.sa
}

// para returns the index of the paragraph holding byte off of the joined
// original.
func (s *Source) para(off int) int {
	return sort.Search(len(s.starts), func(i int) bool { return s.starts[i] > off }) - 1
}

// rel makes a span of the joined original relative to paragraph p, cut to
// the paragraph.
func (s *Source) rel(p int, sp Span) Span {
	end := len(s.paras[p])
	return Span{Start: max(0, sp.Start-s.starts[p]), End: min(end, sp.End-s.starts[p])}
}

// Passage is the best approximate match of a quote within one text.
type Passage struct {
	Index int     // which text
	Text  string  // the passage, as in the original
	Score float64 // 1 is identical wording, 0 nothing in common
}

// MaxClosestWords bounds the work of Closest: a longer quote is placed by its
// first MaxClosestWords words.
const MaxClosestWords = 80

// Budget bounds the work of closest-passage searches, shared by all the
// quotes of one check: once it is spent, or its context is done, Closest
// finds nothing. Work is counted in steps (about a nanosecond each), the
// same for the same input, so that check's output does not depend on the
// machine. A nil *Budget is unlimited.
type Budget struct {
	ctx   context.Context
	left  int64
	spent bool
}

// DefaultBudget is the work a check spends at most on closest passages:
// about a quarter of a second.
const DefaultBudget = 250_000_000

// NewBudget returns a budget of steps that also ends when ctx is done (ctx
// may be nil).
func NewBudget(ctx context.Context, steps int64) *Budget {
	return &Budget{ctx: ctx, left: steps}
}

// Spent reports whether a search stopped for want of budget.
func (b *Budget) Spent() bool { return b != nil && b.spent }

func (b *Budget) spend(n int) bool {
	if b == nil {
		return true
	}
	if b.spent || b.left < int64(n) || b.ctx != nil && b.ctx.Err() != nil {
		b.spent, b.left = true, 0
		return false
	}
	b.left -= int64(n)
	return true
}

// Closest searches per quote: at most closestVotes occurrences of its
// words vote for where it might be, and the closestCandidates places with
// the most votes are compared word by word, each shifted by up to
// closestShift words either way.
const (
	closestVotes      = 8192
	closestCandidates = 16
	closestShift      = 2
)

// Closest returns the passage of texts most like quote, word for word: the
// window of as many words as the quote with the smallest word edit
// distance. For many quotes, use a Source.
func Closest(quote string, texts []string) (Passage, bool) {
	return NewSource(texts).Closest(quote, 0, nil)
}

// Closest returns the passage of s most like quote, word for word: a window
// of as many words as the quote (or the paragraph, if shorter) with the
// smallest word edit distance, scoring above minScore. Only windows around
// places where the quote's rarer words occur are compared (see
// closestVotes), spending from b; when b runs out it returns false and
// b.Spent() is true.
func (s *Source) Closest(quote string, minScore float64, b *Budget) (Passage, bool) {
	s.index()
	qn := Normalize(quote).Norm
	var q []int32 // word ids; words not in s get ids below -1, each its own
	words(qn, func(i, j int) {
		if len(q) >= MaxClosestWords {
			return
		}
		id, ok := s.ids[qn[i:j]]
		if !ok {
			id = int32(-2 - len(q))
		}
		q = append(q, id)
	})
	if len(q) == 0 || len(s.wID) == 0 {
		return Passage{}, false
	}
	// The quote's words, rarest first, vote for window starts.
	type qword struct {
		id   int32
		at   []int // positions in q
		freq int
	}
	var qws []qword
	byID := map[int32]int{}
	for k, id := range q {
		if id < 0 {
			continue
		}
		if i, ok := byID[id]; ok {
			qws[i].at = append(qws[i].at, k)
			continue
		}
		byID[id] = len(qws)
		qws = append(qws, qword{id: id, at: []int{k}, freq: len(s.post[id])})
	}
	slices.SortStableFunc(qws, func(a, b qword) int { return a.freq - b.freq })
	window := func(p int) int { return min(len(q), int(s.paraWords[p+1]-s.paraWords[p])) }
	var votes []int64 // paragraph<<32 | window start
vote:
	for _, w := range qws {
		if !b.spend(min(len(w.at)*w.freq, closestVotes)) {
			return Passage{}, false
		}
		for _, occ := range s.post[w.id] {
			p := int(s.wPara[occ])
			k := int(occ - s.paraWords[p])
			last := int(s.paraWords[p+1]-s.paraWords[p]) - window(p)
			for _, qi := range w.at {
				votes = append(votes, int64(p)<<32|int64(min(max(k-qi, 0), last)))
				if len(votes) >= closestVotes {
					break vote
				}
			}
		}
	}
	// Sorting the votes is work too: charged as such.
	if !b.spend(len(votes) * bits.Len(uint(len(votes)))) {
		return Passage{}, false
	}
	slices.Sort(votes)
	type cand struct {
		key   int64
		count int
	}
	var cands []cand
	for i := 0; i < len(votes); {
		j := i
		for j < len(votes) && votes[j] == votes[i] {
			j++
		}
		cands = append(cands, cand{votes[i], j - i})
		i = j
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return b.count - a.count })
	cands = cands[:min(len(cands), closestCandidates)]

	// How often each word occurs in the quote, for a quick bound: a window
	// sharing c words with the quote is at least max(len) - c edits away.
	s.cmu.Lock()
	defer s.cmu.Unlock()
	if s.local == nil {
		s.local = make([]int32, len(s.post))
	}
	qcount := make([]int, len(qws)+1)
	for i, w := range qws {
		s.local[w.id] = int32(i + 1)
		qcount[i+1] = len(w.at)
	}
	defer func() {
		for _, w := range qws {
			s.local[w.id] = 0
		}
	}()
	wcount := make([]int, len(qws)+1)
	best := Passage{Index: -1, Score: -1}
	bestAt := int64(-1)
	done := map[int64]bool{}
	prev := make([]int, len(q)+1)
	cur := make([]int, len(q)+1)
	for _, c := range cands {
		p := int(c.key >> 32)
		n := window(p)
		last := int(s.paraWords[p+1]-s.paraWords[p]) - n
		for st := max(0, int(c.key&0xffffffff)-closestShift); st <= min(last, int(c.key&0xffffffff)+closestShift); st++ {
			key := int64(p)<<32 | int64(st)
			if done[key] {
				continue
			}
			done[key] = true
			win := s.wID[int(s.paraWords[p])+st : int(s.paraWords[p])+st+n]
			L := float64(max(len(q), n))
			clear(wcount)
			common := 0
			for _, id := range win {
				if k := s.local[id]; k > 0 {
					wcount[k]++
					if wcount[k] <= qcount[k] {
						common++
					}
				}
			}
			bound := float64(common) / L
			if bound <= minScore || bound < best.Score || bound == best.Score && key > bestAt {
				continue
			}
			if !b.spend(len(q) * n) {
				return Passage{}, false
			}
			d := distance(q, win, prev, cur)
			score := 1 - float64(d)/L
			if score > best.Score || score == best.Score && key < bestAt {
				first := int(s.paraWords[p]) + st
				sp := s.text.span(int(s.wStart[first]), int(s.wEnd[first+n-1]))
				best = Passage{Index: p, Text: s.paras[p][sp.Start-s.starts[p] : sp.End-s.starts[p]], Score: score}
				bestAt = key
			}
		}
	}
	return best, best.Index >= 0 && best.Score > minScore
}

// distance is the word edit distance of a and b; prev and cur are scratch
// rows of len(a)+1.
func distance(a, b []int32, prev, cur []int) int {
	for i := range prev {
		prev[i] = i
	}
	for j := 1; j <= len(b); j++ {
		cur[0] = j
		bj := b[j-1]
		for i := 1; i <= len(a); i++ {
			cost := 1
			if a[i-1] == bj {
				cost = 0
			}
			cur[i] = min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(a)]
}
