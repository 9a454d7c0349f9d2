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
	// Whole says the passage holds its own verb of saying: it is the
	// report of a statement ("VanHerck has noted that …"), not only the
	// words reported.
	Whole bool
}

// reported are verbs that introduce reported speech or a view: "X said
// that …", "X believes …", "according to X, …". Lower case only, so that
// "the United States" or "Notes" in a title are not verbs; "According to"
// opens sentences.
var reported = regexp.MustCompile(`\b(said|says|say|saying|told|tells|added|adds|noted|notes|stated|states|explained|explains|wrote|writes|argued|warned|insisted|claimed|claims|recalled|testified|believes?|believed|suggested|acknowledged|admitted|alleged|accused|maintained|reported|pointed out|denied|denies|described|dismissed|rejected|rejects|[Aa]ccording to)\b`)

// disowning are verbs whose subject does not make the words after them
// (or before them: "a claim X described as nonsense") their own statement:
// only a passage holding the verb is theirs ("X denied that …").
var disowning = map[string]bool{"denied": true, "denies": true, "described": true, "dismissed": true, "rejected": true, "rejects": true}

// Pieces splits a passage of a paragraph of a source in language lang at
// the ends of its sentences, so that each sentence is attributed on its
// own: a passage running from one speaker's sentence into another's
// belongs to neither.
func Pieces(lang, para string, sp evidence.Span) []evidence.Span {
	end := sentenceEnd
	if r := rulesFor(lang); r != nil {
		end = r.sentenceEnd // with the language's abbreviations ("Gral.")
	}
	var out []evidence.Span
	from := sp.Start
	for from < sp.End {
		k := end(para[from:sp.End])
		if k < 0 || from+k >= sp.End {
			break
		}
		end := from + k
		out = append(out, evidence.Span{Start: from, End: end})
		from = end
		for from < sp.End && para[from] == ' ' {
			from++
		}
	}
	if from < sp.End {
		out = append(out, evidence.Span{Start: from, End: sp.End})
	}
	return out
}

// Attribute finds who the corpus says spoke the passage sp of paragraph
// para (number n; prev is the paragraph before it, or "") of a source whose
// quotations are qs (indices into all, the corpus's quotations): the
// speaker of the direct quotation holding it, or, for a passage outside
// quotation marks, the person its sentence reports ("VanHerck said that
// …", "according to Feeley, …", "he said" for the one person named before
// it). Nobody is guessed: a sentence naming no one of the registry, or a
// pronoun that could mean two people, gives Speaker "". Attribute one
// sentence at a time (Pieces). The source's language lang chooses the
// rules, as for Extract: Spanish (es, es-MX) reads "X dijo que …", "según
// X, …" with its table (spanish.go); any other language, the
// English code below.
func Attribute(lang string, all []Quote, qs []int, n int, para, prev string, sp evidence.Span, m *people.Matcher) Attribution {
	r := rulesFor(lang)
	for _, qi := range qs {
		q := all[qi]
		if q.Para == n && q.Span.Start < sp.End && sp.Start < q.Span.End {
			a := Attribution{Speaker: q.Speaker, Rule: q.Rule, Quote: qi}
			if q.Speaker == "" {
				if r != nil {
					a.Unnamed = r.describedSpeaker(para, q.Span)
				} else {
					a.Unnamed = describedSpeaker(para, q.Span)
				}
			}
			return a
		}
	}
	if r != nil {
		return r.attributeReported(all, qs, n, para, prev, sp, m)
	}
	a := Attribution{Quote: -1}
	start, end := 0, len(para)
	if k := sentenceStart(para[:sp.Start]); k >= 0 {
		start = k
	}
	if k := sentenceEnd(para[sp.End:]); k >= 0 {
		end = sp.End + k
	}
	if t := strings.TrimRight(para[sp.Start:sp.End], "”\"’' "); t != "" && strings.ContainsAny(t[len(t)-1:], ".!?") && !abbreviation(t[:len(t)-1]) {
		end = sp.End // the passage ends its sentence
	}
	sentence := para[start:end]
	rel := evidence.Span{Start: sp.Start - start, End: sp.End - start}
	// The verb nearest before the passage ("X said that <passage>"), else
	// the first after it ("<passage>, X said"), else one inside it ("<X
	// has noted that …>" quoted whole).
	before, after, inside := around(reported.FindAllStringIndex(sentence, -1), rel)
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
	a.Whole = loc[0] >= rel.Start && loc[1] <= rel.End
	if disowning[sentence[loc[0]:loc[1]]] && !a.Whole {
		a.Unnamed = strings.TrimSpace(described(sentence, loc))
		return a
	}
	if pronounSubject(sentence[:loc[0]]) {
		if id := antecedent(para[:start+loc[0]], prev, m); id != "" {
			a.Speaker, a.Rule = id, "pronoun"
		} else {
			a.Unnamed = strings.TrimSpace(described(sentence, loc))
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

// antecedent is the person a "he" or "she" at the end of text refers to:
// the last person named next to a verb of saying, else the one person
// named in text, else the one person named in the paragraph before; ""
// when none, or two could be meant.
func antecedent(text, prev string, m *people.Matcher) string {
	if id := lastSpeaker(text, m); id != "" {
		return id
	}
	for _, t := range []string{text, prev} {
		switch ids := m.Find(t); len(ids) {
		case 0:
			continue
		case 1:
			return ids[0]
		default:
			return ""
		}
	}
	return ""
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
	// An apposition between dashes or in brackets: "Ana Ruiz — the
	// minister — said", "Ana Ruiz (the minister) said".
	for _, pair := range [][2]string{{"—", "—"}, {"–", "–"}, {"(", ")"}} {
		if strings.HasPrefix(rest, pair[0]) {
			k := strings.Index(rest[len(pair[0]):], pair[1])
			if k < 0 {
				return "", false
			}
			rest = strings.TrimSpace(rest[len(pair[0])+k+len(pair[1]):])
			break
		}
	}
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

// around sorts verbs found in a sentence (their [start, end) offsets, in
// order) by where they stand to the passage rel: the nearest before it, the
// first after it, and the last inside it (nil where there is none).
func around(verbs [][]int, rel evidence.Span) (before, after, inside []int) {
	for _, l := range verbs {
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
	return before, after, inside
}
