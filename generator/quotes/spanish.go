package quotes

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/evidence"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// This file reads quotations the way Spanish news prose writes them, with
// the words of a rules table (lang.go):
//
//   - «…», “…” or "…", with ‹…› or ‘…’ nested inside (kept in the outer
//     quotation);
//   - a paragraph of dialogue opening with a dash, its speaker in an inciso
//     ("—No tenemos información —dijo el presidente—. Lo demás es público."),
//     and an inciso inside a quotation ("«No vamos a expulsar a nadie
//     —afirmó la canciller—, porque no hay pruebas»"): both parts are
//     quotations of the inciso's speaker;
//   - the verb after the quotation with its subject after it ("«…», dijo
//     López Obrador", "«…», afirmó el presidente Andrés Manuel López
//     Obrador", "«…», dijo la secretaria de Relaciones Exteriores, Alicia
//     Ruiz"), or before it ("Ruiz aseguró a la prensa: «…»"), "según X" and
//     "de acuerdo con X", and "Para X, «…»";
//   - a subject left out ("«…», añadió.", "Añadió: «…»"), a pronoun ("dijo
//     ella") or an epithet ("el mandatario agregó") for the last speaker, as
//     the English rules read "he said"; a title alone ("la canciller dijo")
//     only for a last speaker the article introduced with that title;
//   - a quoted title or term after a noun such as "libro", "la llamada" is
//     not a quotation; "un funcionario", "fuentes", "la embajada" name nobody.

// window is how many bytes before a quotation or a name are read for the
// words just before it: more than the six words ever looked at.
const window = 400

// Subjects as a clause gives them.
const (
	noSubject    = iota // the clause has no verb of saying
	named               // a person of the registry
	anaphor             // left out, a pronoun or an epithet: the last speaker
	titleAnaphor        // a title alone: the last speaker, if introduced with it
	unnamed             // someone the registry does not know
)

// extractWith is Extract for a language with a rules table.
func extractWith(s *corpus.Source, m *people.Matcher, r *rules) []Quote {
	var out []Quote
	c := newReading(m)
	prev, prevText := "", "" // the previous paragraph's last speaker, and its text
	// In an interview the lines of dialogue alternate: a question naming
	// nobody, then the answer. answerer is the speaker of the last answer
	// whose inciso named them, while only questions have followed it.
	answerer, asked := "", false
	for _, p := range s.Article() {
		t := p.Text
		c.note(r, t)
		var last *Quote
		add := func(sp evidence.Span, speaker, rule string) {
			q := Quote{Source: s.ID, Para: p.N, Span: sp, Text: strings.TrimRight(t[sp.Start:sp.End], ", "), Speaker: speaker, Rule: rule}
			if q.Speaker == "" {
				q.Rule = ""
			}
			out = append(out, q)
			last = &out[len(out)-1]
		}
		refer := func(upTo int, title string) string {
			return r.refer(t[:upTo], last, prev, prevText, title, c)
		}
		keepPrev := false
		if speech, incisos, ok := r.dialogue(t); ok {
			speaker, rule, decided := "", "", false
			for _, in := range incisos {
				if speaker, rule, decided = r.inciso(t, in, refer, c); decided {
					break
				}
			}
			question := strings.HasSuffix(strings.TrimSpace(t), "?")
			switch {
			case decided:
				answerer, asked = speaker, false
			case question && len(incisos) == 0:
				asked, keepPrev = answerer != "", true
			case asked && len(incisos) == 0:
				// The answer to the question before.
				speaker, rule = answerer, "dash"
				asked = false
			default:
				answerer, asked = "", false
			}
			for _, sp := range speech {
				if words(t[sp.Start:sp.End]) >= MinWords {
					add(sp, speaker, rule)
				}
			}
			// Quotations inside an inciso ("—dijo, antes de añadir que el
			// tema «no es de izquierdas»") are the inciso's speaker's.
			for _, in := range incisos {
				for _, sp := range r.quoteSpans(t[in.Start:in.End]) {
					sp = evidence.Span{Start: in.Start + sp.Start, End: in.Start + sp.End}
					if words(t[sp.Start:sp.End]) >= MinWords {
						add(sp, speaker, rule)
					}
				}
			}
		} else {
			answerer, asked = "", false
			for _, sp := range r.quoteSpans(t) {
				text := t[sp.Start:sp.End]
				open := sp.Start - r.markLen(t[:sp.Start], strings.HasSuffix)
				if words(text) < MinWords || isTitle(text) || r.isWork(t[max(0, open-window):open]) {
					continue
				}
				if parts, in, ok := r.split(t, sp); ok {
					if id, rl, decided := r.inciso(t, in, refer, c); decided {
						for _, part := range parts {
							add(part, id, rl)
						}
						continue
					}
				}
				q := Quote{Span: sp}
				r.attribute(&q, t, last, refer, c)
				add(sp, q.Speaker, q.Rule)
			}
		}
		if !keepPrev {
			prev, prevText = "", t
			if last != nil {
				prev = last.Speaker
			}
		}
	}
	return out
}

// quoteSpans is quoteSpans of quotes.go with the table's marks: the text
// between the first opening mark and its closing one, and so on; an
// opening mark left unclosed runs to the end of the paragraph.
func (r *rules) quoteSpans(t string) []evidence.Span {
	var out []evidence.Span
	// next[k] is where the next opening mark k is at or after i (len(t)
	// when there is none), found again only once i has passed it: a mark
	// the paragraph lacks is looked for once, not once a quotation.
	next := make([]int, len(r.marks))
	for i := 0; i < len(t); {
		open, mark := -1, [2]string{}
		for k, mk := range r.marks {
			if next[k] < i || i == 0 && next[k] == 0 {
				next[k] = len(t)
				if j := strings.Index(t[i:], mk[0]); j >= 0 {
					next[k] = i + j
				}
			}
			if next[k] < len(t) && (open < 0 || next[k] < open) {
				open, mark = next[k], mk
			}
		}
		if open < 0 {
			break
		}
		start := open + len(mark[0])
		end := strings.Index(t[start:], mark[1])
		if end < 0 {
			out = append(out, evidence.Span{Start: start, End: len(t)})
			break
		}
		out = append(out, evidence.Span{Start: start, End: start + end})
		i = start + end + len(mark[1])
	}
	return out
}

// markLen is the length of the table's quotation mark at the edge of s.
func (r *rules) markLen(s string, has func(s, mark string) bool) int {
	for _, mk := range r.marks {
		for _, m := range mk {
			if has(s, m) {
				return len(m)
			}
		}
	}
	return 0
}

// isWork reports whether the words before a quotation's opening mark name
// what it is as a title or a term: "el libro «…»", "la llamada «…»",
// "una novela titulada «…»".
func (r *rules) isWork(before string) bool {
	f := strings.Fields(before)
	for i := len(f) - 1; i >= 0 && i >= len(f)-2; i-- {
		if strings.ContainsAny(f[i], ",.;:") && i < len(f)-1 {
			break
		}
		if r.works[key(f[i])] {
			return true
		}
	}
	return false
}

// dialogue splits a paragraph opening with a dash into the words spoken
// and the incisos, the narrator's words between dashes ("—Texto —dijo
// X—. Más texto." or "—Texto —dijo X."). ok is false for any other
// paragraph.
func (r *rules) dialogue(t string) (speech, incisos []evidence.Span, ok bool) {
	d := r.dashAt(t, 0)
	if d == 0 {
		return nil, nil, false
	}
	pos := d
	for pos < len(t) {
		k, dl := r.nextInciso(t, pos, len(t))
		if k < 0 {
			speech = append(speech, trimSpan(t, pos, len(t)))
			break
		}
		speech = append(speech, trimSpan(t, pos, k))
		in := k + 1 + dl
		e := r.nextDash(t, in, len(t))
		if e < 0 {
			incisos = append(incisos, evidence.Span{Start: in, End: len(t)})
			break
		}
		incisos = append(incisos, evidence.Span{Start: in, End: e})
		pos = e + r.dashAt(t, e)
		for pos < len(t) && strings.ContainsRune(" .,;:", rune(t[pos])) {
			pos++
		}
	}
	var kept []evidence.Span
	for _, sp := range speech {
		if sp.End > sp.Start {
			kept = append(kept, sp)
		}
	}
	return kept, incisos, true
}

// split finds an inciso inside the quotation sp ("«No vamos —afirmó X—,
// porque …»"): the quotation's parts before and after it, and the inciso.
// An inciso holds a verb of saying; a dash without one is the speaker's.
func (r *rules) split(t string, sp evidence.Span) (parts []evidence.Span, in evidence.Span, ok bool) {
	k, dl := r.nextInciso(t, sp.Start, sp.End)
	if k < 0 {
		return nil, in, false
	}
	start := k + 1 + dl
	e := r.nextDash(t, start, sp.End)
	end := e
	if e < 0 {
		end = sp.End
	}
	in = evidence.Span{Start: start, End: end}
	if r.speech.FindStringSubmatchIndex(t[start:end]) == nil {
		return nil, in, false
	}
	parts = append(parts, trimSpan(t, sp.Start, k))
	if e >= 0 {
		pos := e + r.dashAt(t, e)
		for pos < sp.End && strings.ContainsRune(" .,;:", rune(t[pos])) {
			pos++
		}
		if rest := trimSpan(t, pos, sp.End); rest.End > rest.Start && words(t[rest.Start:rest.End]) >= 1 {
			parts = append(parts, rest)
		}
	}
	return parts, in, true
}

// nextInciso is the first dash in t[from:to] after a space (the space's
// offset) and the dash's length, or -1.
func (r *rules) nextInciso(t string, from, to int) (int, int) {
	best, bl := -1, 0
	for _, d := range r.dashes {
		if j := strings.Index(t[from:to], " "+d); j >= 0 && (best < 0 || from+j < best) {
			best, bl = from+j, len(d)
		}
	}
	return best, bl
}

// nextDash is the offset of the first dash in t[from:to], or -1.
func (r *rules) nextDash(t string, from, to int) int {
	best := -1
	for _, d := range r.dashes {
		if j := strings.Index(t[from:to], d); j >= 0 && (best < 0 || from+j < best) {
			best = from + j
		}
	}
	return best
}

// dashAt is the length of the dash at t[i:], or 0.
func (r *rules) dashAt(t string, i int) int {
	for _, d := range r.dashes {
		if strings.HasPrefix(t[i:], d) {
			return len(d)
		}
	}
	return 0
}

func trimSpan(t string, start, end int) evidence.Span {
	for start < end && t[start] == ' ' {
		start++
	}
	for end > start && strings.ContainsRune(" ,;:", rune(t[end-1])) {
		end--
	}
	return evidence.Span{Start: start, End: end}
}

// inciso finds the speaker an inciso names ("dijo el presidente López
// Obrador", "añadió", "afirmó la canciller"). decided is false when it
// holds no verb of saying.
func (r *rules) inciso(t string, in evidence.Span, refer func(upTo int, title string) string, c *reading) (id, rule string, decided bool) {
	text := t[in.Start:in.End]
	loc := r.firstVerb(text)
	if loc == nil {
		return "", "", false
	}
	id, kind, title := r.subject(text, loc, c)
	switch kind {
	case named:
		return id, "dash", true
	case anaphor, titleAnaphor:
		if id := refer(in.Start, title); id != "" {
			return id, "pronoun", true
		}
	}
	return "", "", true
}

// attribute is attribute of quotes.go for the table: the clause after the
// quotation, then the one before it in its sentence, then the quotation
// before it in the paragraph.
func (r *rules) attribute(q *Quote, para string, last *Quote, refer func(upTo int, title string) string, c *reading) {
	after := para[q.Span.End+r.markLen(para[q.Span.End:], strings.HasPrefix):]
	if k := r.sentenceEnd(after); k >= 0 {
		after = after[:k]
	}
	beforeAt := q.Span.Start - r.markLen(para[:q.Span.Start], strings.HasSuffix)
	before := para[:beforeAt]
	if k := r.sentenceStart(before); k >= 0 {
		before = before[k:]
	}
	settle := func(id string, kind int, title, rule string) {
		switch kind {
		case named:
			q.Speaker, q.Rule = id, rule
		case anaphor, titleAnaphor:
			if id := refer(q.Span.Start, title); id != "" {
				q.Speaker, q.Rule = id, "pronoun"
			}
		}
	}
	// settleVerb settles on the subject of the verb of saying at loc in
	// text, by rule, or by "according-to" when the verb is "según" or its kin.
	settleVerb := func(text string, loc []int, rule string) {
		id, kind, title := r.subject(text, loc, c)
		if r.according[key(text[loc[0]:loc[1]])] {
			rule = "according-to"
		}
		settle(id, kind, title, rule)
	}
	if loc := r.firstVerb(after); loc != nil {
		lead := strings.Trim(after[:loc[0]], " ,—–")
		lf := strings.Fields(lead)
		// "«…», aunque insistió", "«…» y añadió": a second verb of the
		// subject before the quotation; "«…», una petición que, afirmó,
		// fue": a verb set off between commas, whose subject is also the
		// one before.
		coordinated := len(lf) > 0 && r.conj[key(lf[0])]
		parenthetical := lead != "" && strings.HasSuffix(strings.TrimRight(after[:loc[0]], " "), ",")
		if !coordinated && !parenthetical {
			settleVerb(after, loc, "after")
			return
		}
	}
	if loc := r.lastVerb(before); loc != nil {
		settleVerb(before, loc, "before")
		return
	}
	// "Preguntada por la lista, la canciller fue tajante: «…»": a colon
	// after a subject, with no verb of saying.
	if strings.HasSuffix(strings.TrimSpace(before), ":") {
		clause := before
		if k := strings.LastIndex(before, ","); k >= 0 {
			clause = before[k+1:]
		}
		if ws := strings.Fields(clause); len(ws) > 1 {
			if id, ok := r.leadingName(clause, c); ok {
				q.Speaker, q.Rule = id, "before"
				return
			}
			_, kind, title := r.describe(ws)
			settle("", kind, title, "before")
			if q.Speaker != "" {
				return
			}
		}
		// "El presidente Salgado Ibarra, en cambio, minimizó el tema:
		// «…»": the name that opens the sentence.
		if id, ok := r.leadingName(before, c); ok {
			q.Speaker, q.Rule = id, "before"
			return
		}
	}
	// "Para López Obrador, «…»".
	if f := strings.Fields(before); len(f) > 1 && key(f[0]) == r.forX && strings.Contains(before, ",") {
		if id, ok := r.leadingName(before[strings.Index(before, f[0])+len(f[0]):], c); ok {
			q.Speaker, q.Rule = id, "according-to"
			return
		}
	}
	if last != nil && last.Speaker != "" && strings.TrimSpace(before) == "" {
		q.Speaker, q.Rule = last.Speaker, "continuation"
	}
}

// subject finds who a clause's verb of saying at loc has for subject: a
// name after the verb ("dijo López Obrador", "según Ruiz", "dijo el
// presidente Andrés Manuel López Obrador"), or before it ("Ruiz, la
// canciller, afirmó"); else what stands for one: a subject left out, a
// pronoun or an epithet (anaphor), a title alone (titleAnaphor, with the
// title's key), or any other words (unnamed: "un funcionario dijo", "dijo
// la embajada").
func (r *rules) subject(text string, loc []int, c *reading) (string, int, string) {
	verb := key(text[loc[0]:loc[1]])
	rest, lead := text[loc[1]:], text[:loc[0]]
	if id, ok := r.leadingName(rest, c); ok {
		return id, named, ""
	}
	if r.according[verb] {
		return "", unnamed, ""
	}
	spans := c.m.Spans(lead)
	if r.gerunds[verb] {
		// "Volkova rechazó la acusación, asegurando que …": the subject of
		// the sentence's first verb.
		if len(spans) > 0 {
			return spans[len(spans)-1].ID, named, ""
		}
		for _, w := range strings.Fields(lead) {
			if id, ok := c.surname(strings.Trim(w, ",.;:")); ok {
				return id, named, ""
			}
		}
	}
	if len(spans) > 0 {
		sp := spans[len(spans)-1]
		between := strings.TrimSpace(lead[sp.End:])
		if strings.HasPrefix(between, ",") && !strings.ContainsAny(between, ".;:") {
			if k := strings.LastIndex(between, ","); k > 0 {
				between = strings.TrimSpace(between[k+1:])
			}
		}
		if r.onlyBetween(between) {
			return sp.ID, named, ""
		}
	}
	var lw []string
	for _, w := range strings.Fields(lead) {
		if key(w) != "" {
			lw = append(lw, w)
		}
	}
	impersonal := false
	for len(lw) > 0 && r.between[key(lw[len(lw)-1])] {
		impersonal = impersonal || r.impersonal[key(lw[len(lw)-1])]
		lw = lw[:len(lw)-1]
	}
	if len(lw) > 0 {
		if id, ok := c.surname(strings.Trim(lw[len(lw)-1], ",.”\"»")); ok {
			return id, named, ""
		}
	}
	// Nothing named: what the subject is. Before the verb (inside its
	// clause), else after it.
	var clause []string
	for i := len(lw) - 1; i >= 0; i-- {
		if strings.ContainsAny(lw[i], ",;:«»“”\"—–") && i < len(lw)-1 || strings.ContainsAny(lw[i], "«»“”\"—–") {
			break
		}
		clause = append([]string{lw[i]}, clause...)
	}
	for len(clause) > 0 && r.openers[key(clause[0])] {
		clause = clause[1:]
	}
	if len(clause) > 0 {
		return r.describe(clause)
	}
	if impersonal {
		// "—se le preguntó": nobody's words.
		return "", unnamed, ""
	}
	rw := strings.Fields(rest)
	if len(rw) == 0 || strings.ContainsAny(rw[0][:1], ".;:,") {
		return "", anaphor, ""
	}
	if r.elided[key(rw[0])] {
		return "", anaphor, ""
	}
	return r.describe(rw)
}

// onlyBetween reports whether the words between a name and its verb are
// only adverbs and clitics ("también", "se", "ya le").
func (r *rules) onlyBetween(s string) bool {
	for _, w := range strings.Fields(s) {
		if !r.between[key(w)] {
			return false
		}
	}
	return true
}

// describe classifies a subject naming no one of the registry.
func (r *rules) describe(ws []string) (string, int, string) {
	k0 := key(ws[0])
	if r.pronouns[lower(ws[0])] {
		return "", anaphor, ""
	}
	if r.articles[k0] && len(ws) > 1 {
		k1 := key(ws[1])
		if r.epithets[k1] || len(ws) > 3 && r.epithets[k1+" "+key(ws[2])+" "+key(ws[3])] {
			return "", anaphor, ""
		}
		// A title is written in lower case: "la Secretaría de la
		// Defensa" is an institution, not "la secretaria".
		if r.titles[k1] && unicode.IsLower([]rune(ws[1])[0]) {
			return "", titleAnaphor, k1
		}
	}
	return "", unnamed, ""
}

// leadingName is the person named at the start of text, past a title
// ("el presidente Andrés Manuel López Obrador", "la secretaria de
// Relaciones Exteriores, Alicia Ruiz", "Gral. Ruiz"), or a surname there.
func (r *rules) leadingName(text string, c *reading) (string, bool) {
	trimmed := strings.TrimLeft(text, " ,:")
	spans := c.m.Spans(trimmed)
	if len(spans) > 0 && spans[0].Start <= r.titleLen(trimmed) {
		return spans[0].ID, true
	}
	if f := strings.Fields(trimmed); len(f) > 0 {
		if id, ok := c.surname(strings.Trim(f[0], ",.:;”\"»")); ok {
			return id, true
		}
	}
	return "", false
}

// titleLen is how far a name may start: past an article and a title
// ("el presidente", "la portavoz de la cancillería rusa,"), or capitalised
// words ("Gral."), eight words at most, not past a word such as "que" or
// "a" (the one spoken to) nor past a comma after a name could begin.
func (r *rules) titleLen(t string) int {
	n, title := 0, false
	for i, f := range strings.SplitAfter(t, " ") {
		w := strings.TrimSpace(f)
		if w == "" || i == 8 {
			break
		}
		k := key(w)
		upper := unicode.IsUpper([]rune(w)[0])
		switch {
		case i == 0 && r.articles[k]:
		case r.titles[k]:
			title = true
		case upper:
		case title && !r.stops[k]:
		default:
			return n
		}
		n += len(f)
		if strings.HasSuffix(w, ",") && title {
			return n + 1
		}
		if strings.ContainsAny(w, ";:") {
			return n
		}
	}
	return n
}

// reading is what the reading of one article has learnt so far: the
// titles it wrote before names ("el presidente Ernesto Salgado Ibarra",
// "la portavoz de la cancillería rusa, Irina Volkova"), so that "el
// presidente" alone later means him; and the surnames of the names it
// gave ("Herrera" for Tomás Herrera Vidal: Spanish speaks of a person by
// the first surname, the matcher knows only the last word of a name).
type reading struct {
	m        *people.Matcher
	titled   map[string]map[string]bool // title key -> people introduced with it
	surnames map[string]string          // surname key -> person; "" when two people have it
}

func newReading(m *people.Matcher) *reading {
	return &reading{m: m, titled: map[string]map[string]bool{}, surnames: map[string]string{}}
}

// note reads the names of a paragraph.
func (c *reading) note(r *rules, t string) {
	for _, sp := range c.names(t) {
		// The title before the name: among the six words before it (within
		// window bytes, so that a long paragraph is not read again for
		// each name).
		ws := strings.Fields(t[max(0, sp.Start-window):sp.Start])
		// "Sorokin, el embajador ruso, acompañó": a title in an
		// apposition after the name.
		if rest, ok := strings.CutPrefix(t[sp.End:], ", "); ok {
			if ws := strings.Fields(rest[:min(len(rest), window)]); len(ws) > 1 && r.articles[key(ws[0])] && r.titles[key(ws[1])] {
				k := key(ws[1])
				if c.titled[k] == nil {
					c.titled[k] = map[string]bool{}
				}
				c.titled[k][sp.ID] = true
			}
		}
		for i := len(ws) - 1; i >= 0 && i >= len(ws)-6; i-- {
			if strings.ContainsAny(ws[i], ".;:«»“”\"") {
				break
			}
			if k := key(ws[i]); r.titles[k] {
				if c.titled[k] == nil {
					c.titled[k] = map[string]bool{}
				}
				c.titled[k][sp.ID] = true
				break
			}
		}
		name := strings.Fields(t[sp.Start:sp.End])
		for _, w := range name[min(1, len(name)-1):] {
			k := key(w)
			if len(k) < 3 || !unicode.IsUpper([]rune(w)[0]) {
				continue
			}
			if id, seen := c.surnames[k]; seen && id != sp.ID {
				c.surnames[k] = ""
			} else {
				c.surnames[k] = sp.ID
			}
		}
	}
}

// names are the people named in t: by a name of the registry, or by a
// surname alone ("Sorokin", "Herrera" once the article gave Tomás Herrera
// Vidal), in order.
func (c *reading) names(t string) []people.Span {
	spans := c.m.Spans(t)
	var more []people.Span
	off, next := 0, 0 // next: the first span not ending before off
	for _, f := range strings.SplitAfter(t, " ") {
		w := strings.TrimRight(strings.TrimSpace(f), ",.;:»”\")")
		for next < len(spans) && spans[next].End <= off {
			next++
		}
		if next == len(spans) || off < spans[next].Start {
			if id, ok := c.surname(w); ok {
				more = append(more, people.Span{Start: off, End: off + len(w), ID: id})
			}
		}
		off += len(f)
	}
	if len(more) == 0 {
		return spans
	}
	spans = append(spans, more...)
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return spans
}

// surname is the person whose surname w is: the registry's (the last word
// of a name) or one of a name the article gave.
func (c *reading) surname(w string) (string, bool) {
	if id, ok := c.m.Surname(w); ok {
		return id, true
	}
	if w == "" || !unicode.IsUpper([]rune(w)[0]) {
		return "", false
	}
	id := c.surnames[key(w)]
	return id, id != ""
}

// refer is who a subject left out, a pronoun or an epithet before the end
// of text means, as byPronoun in quotes.go: the last person named next to a
// verb of saying in the paragraph, else the last person named in it, else
// the speaker of the paragraph's previous quotation, else prev, the
// previous paragraph's last speaker. A title alone means that person only
// if the article introduced them with it.
func (r *rules) refer(text string, last *Quote, prev, prevText, title string, c *reading) string {
	id := r.lastSpeaker(text, c)
	if id == "" {
		if named := c.names(text); len(named) > 0 {
			id = named[len(named)-1].ID
		}
	}
	if id == "" && last != nil {
		id = last.Speaker
	}
	if id == "" {
		id = prev
	}
	if id == "" && last == nil {
		// "El general Raúl Montiel compareció ayer." then "«…», aseguró.":
		// the one person the paragraph before names.
		ids := map[string]bool{}
		for _, sp := range c.names(prevText) {
			ids[sp.ID] = true
			id = sp.ID
		}
		if len(ids) != 1 {
			id = ""
		}
	}
	return c.withTitle(title, id)
}

// lastSpeaker is the last person named next to a verb of saying in text.
func (r *rules) lastSpeaker(text string, c *reading) string {
	id := ""
	for _, loc := range r.verbs(text) {
		if s, kind, _ := r.subject(text, loc, c); kind == named {
			id = s
		}
	}
	return id
}

// verbs are the places of the verbs of saying in s.
func (r *rules) verbs(s string) [][]int {
	return verbsIn(r.speech, s)
}

func (r *rules) firstVerb(s string) []int {
	if m := r.speech.FindStringSubmatchIndex(s); m != nil {
		return m[2:4]
	}
	return nil
}

func (r *rules) lastVerb(s string) []int {
	all := r.verbs(s)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// sentenceEnd and sentenceStart are those of quotes.go with the table's
// abbreviations.
func (r *rules) sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' ') && !r.abbreviation(s[:i]) {
			return i + 1
		}
	}
	return -1
}

func (r *rules) sentenceStart(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if (s[i-1] == '.' || s[i-1] == '!' || s[i-1] == '?') && s[i] == ' ' && !r.abbreviation(s[:i-1]) {
			return i + 1
		}
	}
	return -1
}

func (r *rules) abbreviation(s string) bool {
	// The last word only (strings.Fields of the whole text would read a
	// long paragraph again at every full stop).
	s = strings.TrimRight(s, " \t\n")
	w := s[strings.LastIndexAny(s, " \t\n")+1:]
	if w == "" {
		return false
	}
	if r.abbrev[key(w)] {
		return true
	}
	return len(w) <= 3 && strings.Contains(w, ".") || (len(w) == 1 && unicode.IsUpper(rune(w[0])))
}

// attributeReported is Attribute for a passage outside quotation marks in
// a language with a rules table: the person its sentence reports ("X dijo
// que …", "según X, …", "de acuerdo con X, …", "Para X, …", "…, afirmó
// el presidente X", "X considera que …"), the last speaker for a subject
// left out, a pronoun or an epithet ("Añadió que …", "El mandatario
// aseguró que …"), as Attribute reads "he said". Nobody is guessed:
// "fuentes señalaron que", "se informó que", "trascendió que", a plural
// verb with no subject, or two people who could be meant give Speaker "".
func (r *rules) attributeReported(all []Quote, qs []int, n int, para, prev string, sp evidence.Span, m *people.Matcher) Attribution {
	a := Attribution{Quote: -1}
	start, end := 0, len(para)
	if k := r.sentenceStart(para[:sp.Start]); k >= 0 {
		start = k
	}
	if k := r.sentenceEnd(para[sp.End:]); k >= 0 {
		end = sp.End + k
	}
	if t := strings.TrimRight(para[sp.Start:sp.End], "»”\"’' "); t != "" && strings.ContainsAny(t[len(t)-1:], ".!?") && !r.abbreviation(t[:len(t)-1]) {
		end = sp.End // the passage ends its sentence
	}
	sentence := para[start:end]
	rel := evidence.Span{Start: sp.Start - start, End: sp.End - start}
	c := newReading(m)
	c.note(r, prev)
	c.note(r, para)
	// The verb nearest before the passage ("X dijo que <passage>"), else
	// "Para X, <passage>", else the first verb after it ("<passage>, dijo
	// X"), else one inside it ("<X ha dicho que …>" quoted whole). The
	// subject is looked for in the words on the verb's side of the
	// passage only: a name inside the passage is not its speaker.
	before, after, inside := around(verbsIn(r.reported, sentence), rel)
	var scope string // the words the subject is read in
	var at int       // where scope starts in the sentence
	var loc []int    // the verb, in scope
	switch {
	case before != nil:
		scope, loc = sentence[:rel.Start], before
	case r.forX != "":
		if id, ok := r.forName(sentence[:rel.Start], c); ok {
			a.Speaker, a.Rule = id, "reported"
			return a
		}
		fallthrough
	default:
		switch {
		case after != nil:
			at = rel.End
			scope, loc = sentence[at:], []int{after[0] - at, after[1] - at}
		case inside != nil:
			scope, loc = sentence[:max(rel.End, inside[1])], inside
			a.Whole = true
		default:
			return a
		}
	}
	verb := key(scope[loc[0]:loc[1]])
	if r.disowning[verb] && !a.Whole {
		a.Unnamed = r.described(scope, loc)
		return a
	}
	if r.impersonalVerbs[verb] {
		a.Unnamed = r.described(scope, loc)
		return a
	}
	id, kind, title := r.reportedSubject(scope, loc, c)
	switch kind {
	case named:
		a.Speaker, a.Rule = id, "reported"
		return a
	case anaphor, titleAnaphor:
		if r.plural[verb] {
			break // "Señalaron que …": not one person
		}
		// The speakers of the last quotation before the verb in this
		// paragraph and in the one before, as Extract attributed them.
		upTo := start + at + loc[0]
		lastQuote, prevQuote := "", ""
		for _, qi := range qs {
			switch q := all[qi]; {
			case q.Para == n && q.Span.End <= upTo:
				lastQuote = q.Speaker
			case q.Para == n-1:
				prevQuote = q.Speaker
			}
		}
		if id := r.antecedent(para[:upTo], lastQuote, prev, prevQuote, title, c); id != "" {
			a.Speaker, a.Rule = id, "pronoun"
			return a
		}
	}
	a.Unnamed = r.described(scope, loc)
	return a
}

// reportedSubject is subject for reported speech, with a second verb
// joined by a conjunction ("X dijo que … y añadió que …") given the
// subject of the verb before it, and a surname before an apposition
// ("Volkova, en cambio, afirmó") the subject.
func (r *rules) reportedSubject(text string, loc []int, c *reading) (string, int, string) {
	lead := strings.Fields(text[:loc[0]])
	for len(lead) > 0 && r.between[key(lead[len(lead)-1])] && !r.impersonal[key(lead[len(lead)-1])] {
		lead = lead[:len(lead)-1]
	}
	if len(lead) > 0 && r.conj[key(lead[len(lead)-1])] {
		if vs := verbsIn(r.reported, text[:loc[0]]); len(vs) > 0 {
			return r.reportedSubject(text, vs[len(vs)-1], c)
		}
	}
	// A name or a surname the paragraph gave, then only adverbs or an
	// apposition between commas: "Volkova, en cambio, afirmó que".
	if spans := c.names(text[:loc[0]]); len(spans) > 0 {
		sp := spans[len(spans)-1]
		between := strings.TrimSpace(text[sp.End:loc[0]])
		if k := strings.LastIndex(between, ","); k > 0 && strings.HasPrefix(between, ",") && !strings.ContainsAny(between[:k], ".;:«»“”\"") {
			between = strings.TrimSpace(between[k+1:])
		}
		if r.onlyBetween(between) {
			return sp.ID, named, ""
		}
	}
	return r.subject(text, loc, c)
}

// forName is the person of "Para X, …" opening the words before a
// passage.
func (r *rules) forName(before string, c *reading) (string, bool) {
	f := strings.Fields(before)
	for len(f) > 0 && key(f[0]) != r.forX && r.openers[key(f[0])] {
		f = f[1:]
	}
	if len(f) < 2 || key(f[0]) != r.forX || !strings.Contains(before, ",") {
		return "", false
	}
	rest := strings.Join(f[1:], " ")
	id, ok := r.leadingName(rest, c)
	if !ok {
		return "", false
	}
	// The name, with a title before it, ends at the comma before the
	// passage: "Para el presidente López Ortega, …", not "Para combatir
	// a López Ortega, …".
	spans := c.names(rest)
	if len(spans) == 0 || !strings.HasPrefix(strings.TrimSpace(rest[spans[0].End:]), ",") {
		return "", false
	}
	return id, true
}

// antecedent is the person a subject left out, a pronoun or an epithet at
// the end of text means, as antecedent of attribute.go reads "he": the
// last person named next to a verb of saying in text, else the one person
// text names, else the speaker of the paragraph's last quotation before
// (lastQuote); then the same in the paragraph before (prev, whose last
// quotation's speaker is prevQuote). "" when none, or two could be meant.
// A title alone ("el presidente") means that person only if they were
// introduced with it, else the one person introduced with it.
func (r *rules) antecedent(text, lastQuote, prev, prevQuote, title string, c *reading) string {
	id := ""
	for _, p := range []struct{ text, quote string }{{text, lastQuote}, {prev, prevQuote}} {
		if id = r.lastSpeaker(p.text, c); id != "" {
			break
		}
		ids := map[string]bool{}
		for _, sp := range c.names(p.text) {
			ids[sp.ID], id = true, sp.ID
		}
		if len(ids) > 1 {
			id = ""
			break
		}
		if len(ids) == 0 {
			id = p.quote
		}
		if id != "" {
			break
		}
	}
	return c.withTitle(title, id)
}

// withTitle is id when the speaker was named by title ("el embajador") and
// the article introduced id with it (or no title was used); otherwise the
// one person the article introduced with that title, or "" when it
// introduced none or several.
func (c *reading) withTitle(title, id string) string {
	if title == "" || c.titled[title][id] {
		return id
	}
	if len(c.titled[title]) == 1 {
		for only := range c.titled[title] {
			return only
		}
	}
	return ""
}

// describedSpeaker is describedSpeaker of attribute.go with the table:
// the words that attribute a quotation to someone the registry does not
// know ("dijo un funcionario"), or "".
func (r *rules) describedSpeaker(para string, sp evidence.Span) string {
	after := para[min(len(para), sp.End+r.markLen(para[sp.End:], strings.HasPrefix)):]
	if k := r.sentenceEnd(after); k >= 0 {
		after = after[:k]
	}
	if loc := r.firstVerb(after); loc != nil {
		return r.described(after, loc)
	}
	before := para[:sp.Start-r.markLen(para[:sp.Start], strings.HasSuffix)]
	if k := r.sentenceStart(before); k >= 0 {
		before = before[k:]
	}
	if loc := r.lastVerb(before); loc != nil {
		return r.described(before, loc)
	}
	return ""
}

// described is the verb at loc with up to six words of its subject before
// it in its clause ("fuentes diplomáticas señalaron"), else the words of
// its subject after it ("dijo un funcionario", "según fuentes
// diplomáticas").
func (r *rules) described(s string, loc []int) string {
	verb := strings.Join(strings.Fields(s[loc[0]:loc[1]]), " ")
	var subj []string
	if !r.according[key(verb)] {
		before := strings.Fields(s[:loc[0]])
		for i := len(before) - 1; i >= 0 && i >= len(before)-6; i-- {
			if strings.ContainsAny(before[i], ",;:«»“”\"—–()") || key(before[i]) == "" {
				break
			}
			subj = append([]string{before[i]}, subj...)
		}
		if len(subj) > 0 {
			return strings.Join(append(subj, verb), " ")
		}
	}
	for _, w := range strings.Fields(s[loc[1]:]) {
		k := key(w)
		if k == "" || r.stops[k] || len(subj) == 6 {
			break
		}
		subj = append(subj, strings.TrimRight(w, ",.;:»”\")—–"))
		if strings.ContainsAny(w, ",.;:»”\")—–") {
			break
		}
	}
	return strings.Join(append([]string{verb}, subj...), " ")
}

// verbsIn are the places of the forms re matches in s (group 1, as
// verbPattern writes them).
func verbsIn(re *regexp.Regexp, s string) [][]int {
	// Each search starts after the last form found, not after the
	// character the pattern took past it: "según dijo" holds two.
	var out [][]int
	for from := 0; from < len(s); {
		m := re.FindStringSubmatchIndex(s[from:])
		if m == nil {
			break
		}
		out = append(out, []int{from + m[2], from + m[3]})
		from += m[3]
	}
	return out
}
