package quotes

import (
	"regexp"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/evidence"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// Attribution says to whom the corpus attributes a passage of a paragraph.
type Attribution struct {
	Speaker string // registry id; "" when the text names nobody
	Rule    string // how: a quotation's rule (after, before, pronoun, …), or "reported" (X said that …)
	Quote   int    // index into the quotes given to Attribute of the quotation holding the passage; -1 if none
	// Unnamed is the speaker as the text describes them when it names no
	// one of the registry ("current and former U.S. officials said"), "" if
	// no verb of saying introduces the passage.
	Unnamed string
}

// reported are verbs that introduce reported speech or a view: "X said
// that …", "X believes …", "according to X, …".
// Lower case only, so that "the United States" or "Notes" in a title are
// not verbs; "According to" opens sentences.
var reported = regexp.MustCompile(`\b(said|says|saying|told|tells|added|adds|noted|notes|stated|states|explained|explains|wrote|writes|argued|warned|insisted|claimed|claims|recalled|testified|believes?|believed|suggested|acknowledged|admitted|denied|alleged|accused|maintained|described|reported|pointed out|[Aa]ccording to)\b`)

// Attribute finds who the corpus says spoke the passage sp of paragraph
// para (number n) of a source whose quotations are qs (indices into all,
// the corpus's quotations): the speaker of the direct quotation holding
// it, or, for a passage outside quotation marks, the person its sentence
// reports ("VanHerck said that …", "according to Feeley, …", "he said"
// for the person last named in the paragraph before it). Nobody is
// guessed: a sentence naming no one of the registry gives Speaker "".
func Attribute(all []Quote, qs []int, n int, para string, sp evidence.Span, m *people.Matcher) Attribution {
	for _, qi := range qs {
		q := all[qi]
		if q.Para == n && q.Span.Start < sp.End && sp.Start < q.Span.End {
			a := Attribution{Speaker: q.Speaker, Rule: q.Rule, Quote: qi}
			if q.Speaker == "" {
				a.Unnamed = describedSpeaker(para, q.Span)
			}
			return a
		}
	}
	a := Attribution{Quote: -1}
	start, end := 0, len(para)
	if k := sentenceStart(para[:sp.Start]); k >= 0 {
		start = k
	}
	if k := sentenceEnd(para[sp.End:]); k >= 0 {
		end = sp.End + k
	}
	sentence := para[start:end]
	rel := evidence.Span{Start: sp.Start - start, End: sp.End - start}
	// The verb nearest before the passage ("X said that <passage>"), else
	// the first after it ("<passage>, X said"), else one inside it ("<X
	// has noted that …>" quoted whole).
	var before, after, inside []int
	for _, l := range reported.FindAllStringIndex(sentence, -1) {
		switch {
		case l[1] <= rel.Start:
			before = l
		case l[0] >= rel.End:
			if after == nil {
				after = l
			}
		default:
			inside = l
		}
	}
	loc := before
	if loc == nil {
		loc = after
	}
	if loc == nil {
		loc = inside
	}
	if loc == nil {
		return a
	}
	if pronounSubject(sentence[:loc[0]]) {
		if spans := m.Spans(para[:start+loc[0]]); len(spans) > 0 {
			a.Speaker, a.Rule = spans[len(spans)-1].ID, "pronoun"
		}
		return a
	}
	if id, ok := speakerNear(sentence, loc, m); ok {
		a.Speaker, a.Rule = id, "reported"
		return a
	}
	if id, ok := subject(sentence[:loc[0]], m); ok {
		a.Speaker, a.Rule = id, "reported"
		return a
	}
	a.Unnamed = strings.TrimSpace(described(sentence, loc))
	return a
}

// subject finds the person a sentence names as the subject of the verb
// that follows before: a name, then at most an apposition between commas
// (", head of the U.S. Northern Command,") and auxiliary words ("has",
// "has also", "had previously").
func subject(before string, m *people.Matcher) (string, bool) {
	spans := m.Spans(before)
	if len(spans) == 0 {
		return "", false
	}
	sp := spans[len(spans)-1]
	rest := strings.TrimSpace(before[sp.End:])
	if strings.HasPrefix(rest, ",") {
		k := strings.LastIndex(rest, ",")
		if k == 0 || strings.ContainsAny(rest[:k], ";:“”\"") {
			return "", false
		}
		rest = strings.TrimSpace(rest[k+1:])
	}
	for _, w := range strings.Fields(rest) {
		switch strings.ToLower(w) {
		case "has", "have", "had", "also", "previously", "publicly", "repeatedly", "once", "later", "earlier", "is", "was", "reportedly":
		default:
			return "", false
		}
	}
	return sp.ID, true
}

// pronounSubject reports whether the words before a verb end in he or she
// ("… he said", "she told").
func pronounSubject(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(strings.Trim(f[len(f)-1], ",")) {
	case "he", "she":
		return true
	}
	return false
}

// describedSpeaker is the words that attribute a quotation to someone the
// registry does not know ("a senior official said"), or "".
func describedSpeaker(para string, sp evidence.Span) string {
	after := para[min(len(para), sp.End+markLen(para[sp.End:], strings.HasPrefix)):]
	if k := sentenceEnd(after); k >= 0 {
		after = after[:k]
	}
	if loc := speech.FindStringIndex(after); loc != nil {
		return strings.TrimSpace(described(after, loc))
	}
	before := para[:sp.Start-markLen(para[:sp.Start], strings.HasSuffix)]
	if k := sentenceStart(before); k >= 0 {
		before = before[k:]
	}
	if loc := lastIndex(speech, before); loc != nil {
		return strings.TrimSpace(described(before, loc))
	}
	return ""
}

// described is the verb at loc with up to six words of its subject before
// it, or the words after it for "according to …".
func described(s string, loc []int) string {
	verb := s[loc[0]:loc[1]]
	if strings.EqualFold(verb, "according to") {
		rest := strings.Fields(s[loc[1]:])
		rest = rest[:min(len(rest), 6)]
		out := verb + " " + strings.Join(rest, " ")
		if i := strings.IndexAny(out, ",.;:"); i > 0 {
			out = out[:i]
		}
		return out
	}
	before := strings.Fields(s[:loc[0]])
	from := max(0, len(before)-6)
	for i := len(before) - 1; i >= from; i-- {
		if strings.ContainsAny(before[i], ",;:”\"") {
			from = i + 1
			break
		}
	}
	return strings.Join(append(before[from:], verb), " ")
}
