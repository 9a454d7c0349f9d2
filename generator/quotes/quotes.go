// Package quotes finds the direct quotations in article text and attributes
// each to a person of the registry, or leaves it unattributed: a speaker is
// never guessed. It also groups the same statement as worded by different
// sources (see variants.go).
package quotes

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/evidence"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// MinWords is the shortest quotation: shorter quoted spans are terms or
// scare quotes ("pension", "deep cover"), not statements.
const MinWords = 4

// Quote is one direct quotation.
type Quote struct {
	Source  string
	Para    int           // paragraph number
	Span    evidence.Span // the quoted words within the paragraph, marks excluded
	Text    string        // the quoted words, without a trailing comma that belongs to the sentence
	Speaker string        // person id; "" when unattributed
	Rule    string        // how the speaker was found: after, before, according-to, pronoun, continuation, dash (a dash line, or a dialogue inciso)
}

// speech are the verbs that introduce or close a quotation.
var speech = regexp.MustCompile(`(?i)\b(said|says|saying|told|tells|added|adds|noted|notes|stated|states|explained|explains|wrote|writes|asked|argued|warned|insisted|claimed|recalled|testified|according to)\b`)

var pronoun = regexp.MustCompile(`(?i)^\W*(he|she)\s+(said|says|added|adds|noted|explained|told|wrote|asked|argued|warned)\b`)

// pronounBefore is a pronoun and verb leading into a quotation: "She added: “…”".
var pronounBefore = regexp.MustCompile(`(?i)(^|[^\pL])(he|she)\s+(said|says|added|adds|noted|explained|wrote|asked|argued|warned|told\s+\pL+)\s*[:,]?\s*$`)

// Extract returns the quotations of a source's article text, in order,
// read with the rules of the source's language: Spanish (es, es-MX) with
// its table (lang.go, spanish.go), any other language and "unknown" with
// the English rules below.
func Extract(s *corpus.Source, m *people.Matcher) []Quote {
	if r := rulesFor(s.Language); r != nil {
		return extractWith(s, m, r)
	}
	var out []Quote
	article := s.Article()
	prev := "" // the speaker of the previous paragraph's last quotation
	for i, p := range article {
		spans := quoteSpans(p.Text)
		var last *Quote // the previous quote in this paragraph
		for _, sp := range spans {
			q := Quote{Source: s.ID, Para: p.N, Span: sp, Text: strings.TrimRight(p.Text[sp.Start:sp.End], ", ")}
			if words(q.Text) < MinWords || isTitle(q.Text) {
				continue
			}
			attribute(&q, p.Text, last, prev, m)
			out = append(out, q)
			last = &out[len(out)-1]
		}
		prev = ""
		if last != nil {
			prev = last.Speaker
		}
		// A paragraph with no quotation marks followed by a line "– said X"
		// is a block quotation of X.
		if len(spans) == 0 && i+1 < len(article) {
			if id, ok := dashAttribution(article[i+1].Text, m); ok && words(p.Text) >= MinWords {
				out = append(out, Quote{Source: s.ID, Para: p.N, Span: evidence.Span{End: len(p.Text)}, Text: p.Text, Speaker: id, Rule: "dash"})
			}
		}
	}
	return out
}

// quoteSpans finds the text between pairs of quotation marks: “…” or "…".
// An opening mark left unclosed runs to the end of the paragraph.
func quoteSpans(t string) []evidence.Span {
	var out []evidence.Span
	for i := 0; i < len(t); {
		open, size := -1, 0
		closer := ""
		if j := strings.IndexAny(t[i:], "“\""); j >= 0 {
			open = i + j
			if t[open] == '"' {
				size, closer = 1, "\""
			} else {
				size, closer = len("“"), "”"
			}
		}
		if open < 0 {
			break
		}
		start := open + size
		end := strings.Index(t[start:], closer)
		if end < 0 {
			out = append(out, evidence.Span{Start: start, End: len(t)})
			break
		}
		out = append(out, evidence.Span{Start: start, End: start + end})
		i = start + end + len(closer)
	}
	return out
}

// attribute finds the speaker of q, in order: words after the quotation
// ("…,” X said), words before it in its sentence (X said: “…”, according to
// X, “…”), a pronoun after or before it for the paragraph's last named
// speaker, or the speaker of the quotation just before it in the paragraph.
// A pronoun with nobody named earlier in the paragraph refers to prev, the
// speaker of the previous paragraph's last quotation ("" if none).
func attribute(q *Quote, para string, last *Quote, prev string, m *people.Matcher) {
	after := para[q.Span.End+markLen(para[q.Span.End:], strings.HasPrefix):]
	if k := sentenceEnd(after); k >= 0 {
		after = after[:k]
	}
	before := para[:q.Span.Start-markLen(para[:q.Span.Start], strings.HasSuffix)]
	if k := sentenceStart(before); k >= 0 {
		before = before[k:]
	}
	byPronoun := func(upTo int) {
		named := m.Spans(para[:upTo])
		switch id := lastSpeaker(para[:upTo], m); {
		case id != "":
			q.Speaker, q.Rule = id, "pronoun"
		case len(named) > 0:
			q.Speaker, q.Rule = named[len(named)-1].ID, "pronoun"
		case last != nil:
			q.Speaker, q.Rule = last.Speaker, "pronoun"
		case prev != "":
			q.Speaker, q.Rule = prev, "pronoun"
		}
		if q.Speaker == "" {
			q.Rule = ""
		}
	}
	if pronoun.MatchString(after) {
		byPronoun(q.Span.Start)
		return
	}
	if loc := speech.FindStringIndex(after); loc != nil {
		if id, ok := speakerNear(after, loc, m); ok {
			q.Speaker, q.Rule = id, "after"
			return
		}
		// "X said … “…” and added …": a verb joined by "and" shares the
		// subject of the verb before the quotation.
		if !strings.EqualFold(strings.Trim(after[:loc[0]], " ,"), "and") {
			return // attributed after the quote, to someone not in the registry at most
		}
	}
	if loc := lastIndex(speech, before); loc != nil {
		if id, ok := speakerNear(before, loc, m); ok {
			q.Speaker, q.Rule = id, "before"
			if strings.EqualFold(before[loc[0]:loc[1]], "according to") {
				q.Rule = "according-to"
			}
			return
		}
	}
	if loc := pronounBefore.FindStringIndex(before); loc != nil {
		byPronoun(len(para[:q.Span.Start]) - len(before) + loc[0])
		return
	}
	if last != nil && last.Speaker != "" && strings.TrimSpace(before) == "" {
		q.Speaker, q.Rule = last.Speaker, "continuation"
	}
}

// markLen is the length in bytes of the quotation mark at the edge of s
// that has reports (the start, with strings.HasPrefix; the end, with
// strings.HasSuffix), or 0 if there is none.
func markLen(s string, has func(s, mark string) bool) int {
	for _, mark := range []string{"“", "”", "\""} {
		if has(s, mark) {
			return len(mark)
		}
	}
	return 0
}

// speakerNear finds the person named next to the verb of speech at loc in
// text: the subject before it ("VanHerck said", "X, a former officer,
// said:"), or the name after it ("said Paul Kolbe", "according to John
// Feeley"). Only a name, never a description such as "the official", counts.
func speakerNear(text string, loc []int, m *people.Matcher) (string, bool) {
	verb := strings.ToLower(text[loc[0]:loc[1]])
	afterVerb := text[loc[1]:]
	beforeVerb := text[:loc[0]]
	// said X / according to X: a name right after the verb (but "X told
	// Y": Y is the one spoken to).
	if verb != "told" && verb != "tells" {
		if id, ok := leadingName(afterVerb, m); ok {
			return id, true
		}
	}
	if verb == "according to" {
		return "", false
	}
	// X said: the subject is the last name before the verb, if only an
	// apposition (", a retired officer,") separates them.
	spans := m.Spans(beforeVerb)
	if len(spans) > 0 && verb == "saying" {
		// "X rejected the claim, saying": the participle's subject is the
		// last person named earlier in the sentence.
		return spans[len(spans)-1].ID, true
	}
	if len(spans) > 0 {
		sp := spans[len(spans)-1]
		between := beforeVerb[sp.End:]
		if strings.TrimSpace(between) == "" || strings.HasPrefix(strings.TrimSpace(between), ",") || strings.HasPrefix(between, "’s") {
			if !strings.ContainsAny(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(between), ",")), ".;") {
				return sp.ID, true
			}
		}
	}
	// A surname right before the verb ("London said").
	fields := strings.Fields(beforeVerb)
	if len(fields) > 0 {
		if id, ok := m.Surname(strings.Trim(fields[len(fields)-1], ",.”\"")); ok {
			return id, true
		}
	}
	return "", false
}

// leadingName returns the person named at the start of text.
func leadingName(text string, m *people.Matcher) (string, bool) {
	trimmed := strings.TrimLeft(text, " ,:")
	spans := m.Spans(trimmed)
	if len(spans) > 0 && spans[0].Start <= titleLen(trimmed) {
		return spans[0].ID, true
	}
	if f := strings.Fields(trimmed); len(f) > 0 {
		if id, ok := m.Surname(strings.Trim(f[0], ",.:;”\"")); ok {
			return id, true
		}
	}
	return "", false
}

// titleLen is how far a name may start from the verb: past a capitalised
// title such as "CIA Director" or "Gen.", at most four words.
func titleLen(t string) int {
	n, words := 0, 0
	for _, f := range strings.SplitAfter(t, " ") {
		w := strings.TrimSpace(f)
		if w == "" || !unicode.IsUpper([]rune(w)[0]) || words == 4 {
			break
		}
		n += len(f)
		words++
	}
	return n
}

// lastSpeaker is the last person named next to a verb of speech in text.
func lastSpeaker(text string, m *people.Matcher) string {
	id := ""
	for _, loc := range speech.FindAllStringIndex(text, -1) {
		if s, ok := speakerNear(text, loc, m); ok {
			id = s
		}
	}
	return id
}

// dashAttribution recognises a line "– said X" or "— X, ..." naming X.
func dashAttribution(line string, m *people.Matcher) (string, bool) {
	t := strings.TrimSpace(line)
	for _, d := range []string{"–", "—", "-"} {
		if rest, ok := strings.CutPrefix(t, d); ok {
			rest = strings.TrimSpace(rest)
			rest = strings.TrimPrefix(rest, "said ")
			if id, ok := leadingName(rest, m); ok {
				return id, true
			}
		}
	}
	return "", false
}

func lastIndex(re *regexp.Regexp, s string) []int {
	all := re.FindAllStringIndex(s, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// sentenceEnd is the end of the first sentence of s (after a quotation).
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' ') && !abbreviation(s[:i]) {
			return i + 1
		}
	}
	return -1
}

// sentenceStart is where the last sentence of s begins.
func sentenceStart(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if (s[i-1] == '.' || s[i-1] == '!' || s[i-1] == '?') && s[i] == ' ' && !abbreviation(s[:i-1]) {
			return i + 1
		}
	}
	return -1
}

// abbreviation reports whether the word ending s is an abbreviation such as
// "Gen" or "U.S" (so the period after it does not end a sentence).
func abbreviation(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	w := f[len(f)-1]
	switch strings.ToLower(strings.Trim(w, "(“\"")) {
	case "gen", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "col", "st", "jr", "sr":
		return true
	}
	return len(w) <= 3 && strings.Contains(w, ".") || (len(w) == 1 && unicode.IsUpper(rune(w[0])))
}

func words(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }))
}

// isTitle reports whether a quoted span is the title of a work ("The
// Falcon and the Snowman"): every word capitalised but for short ones.
func isTitle(s string) bool {
	f := strings.Fields(strings.Trim(s, " .,"))
	if len(f) > 8 {
		return false
	}
	for _, w := range f {
		r := []rune(strings.Trim(w, "“”\"'’‘"))
		if len(r) == 0 {
			continue
		}
		switch strings.ToLower(string(r)) {
		case "a", "an", "and", "the", "of", "in", "on", "to", "for", "as":
			continue
		}
		if !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}
