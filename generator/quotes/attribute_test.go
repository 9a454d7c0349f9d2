package quotes

import (
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/evidence"
)

// TestAttribute asks who the text says spoke a passage (marked [like
// this]) of the last paragraph: a quotation's speaker, reported speech,
// a pronoun, or nobody (with the words that describe an unnamed speaker).
func TestAttribute(t *testing.T) {
	tests := []struct {
		name    string
		paras   []string
		speaker string
		rule    string
		unnamed string
		quoted  bool
	}{
		{"inside a quotation", []string{`“[The border is open] to them,” Ruiz said.`}, "ana-ruiz", "after", "", true},
		{"a quotation of another", []string{`“[The numbers have doubled since May],” said Bo Chen, a former analyst.`}, "bo-chen", "after", "", true},
		{"a quotation naming nobody", []string{`“[The numbers have doubled since May],” a senior official said.`}, "", "", "a senior official said", true},
		{"reported speech", []string{`Ana Ruiz said that [agents are everywhere in the capital].`}, "ana-ruiz", "reported", "", false},
		{"reported speech after", []string{`[Agents are everywhere in the capital], Bo Chen told reporters.`}, "bo-chen", "reported", "", false},
		{"according to", []string{`According to Bo Chen, [agents are everywhere].`}, "bo-chen", "reported", "", false},
		{"apposition and auxiliary", []string{`[General Ana Ruiz, head of the U.S. Northern Command, has noted that there are more spies here] than anywhere.`}, "ana-ruiz", "reported", "", false},
		{"pronoun", []string{`Bo Chen spoke on Monday. He said [the agency was watching].`}, "bo-chen", "pronoun", "", false},
		{"unnamed officials", []string{`Current and former U.S. officials said [the agency tracked 40 agents].`}, "", "", "Current and former U.S. officials said", false},
		{"no verb", []string{`[Agents have been seen in the capital for years].`}, "", "", "", false},
		{"United States is not a verb", []string{`[Trade with Russia is small] next to trade with the United States.`}, "", "", "", false},
		{"another sentence's speaker", []string{`Ana Ruiz said it was calm. [Agents arrived in May].`}, "", "", "", false},
		{"a passage ending its sentence", []string{`[Ana Ruiz has noted that agents are here.] However, Bo Chen dismissed these concerns.`}, "ana-ruiz", "reported", "", false},
		{"say", []string{`Officials say [500 agents operate in the capital].`}, "", "", "Officials say", false},
		{"a denial is not the words denied", []string{`Ana Ruiz denied that [foreign agents are everywhere].`}, "", "", "Ana Ruiz denied", false},
		{"a denial quoted whole", []string{`[Ana Ruiz denied that foreign agents are everywhere].`}, "ana-ruiz", "reported", "", false},
		{"what someone described", []string{`[Foreign agents run safe houses in the port], a claim that Ana Ruiz described as nonsense.`}, "", "", "a claim that Ana Ruiz described", false},
		{"told: the one spoken to", []string{`Bo Chen told Ana Ruiz that [agents are everywhere in the capital].`}, "bo-chen", "reported", "", false},
		{"apposition between dashes", []string{`Ana Ruiz — the minister since 2019 — said that [agents bribe customs officers].`}, "ana-ruiz", "reported", "", false},
		{"apposition in brackets", []string{`Ana Ruiz (the minister) said that [agents run safe houses].`}, "ana-ruiz", "reported", "", false},
		{"pronoun opening a paragraph", []string{`Bo Chen spoke on Monday.`, `He said [the agency had tracked 40 agents].`}, "bo-chen", "pronoun", "", false},
		{"pronoun that could mean two people", []string{`Bo Chen met Ana Ruiz on Monday. He said [customs officers had been bribed].`}, "", "", "He said", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &corpus.Source{ID: "s"}
			var sp evidence.Span
			for i, p := range tt.paras {
				if i == len(tt.paras)-1 {
					start := strings.Index(p, "[")
					end := strings.Index(p, "]") - 1
					p = strings.Replace(strings.Replace(p, "[", "", 1), "]", "", 1)
					sp = evidence.Span{Start: start, End: end}
				}
				s.Paras = append(s.Paras, corpus.Para{N: i + 1, Text: p})
			}
			qs := Extract(s, registry)
			idx := make([]int, len(qs))
			for i := range qs {
				idx[i] = i
			}
			last := s.Paras[len(s.Paras)-1]
			prev := ""
			if len(s.Paras) > 1 {
				prev = s.Paras[len(s.Paras)-2].Text
			}
			a := Attribute("", qs, idx, last.N, last.Text, prev, sp, registry)
			if a.Speaker != tt.speaker || a.Rule != tt.rule || a.Unnamed != tt.unnamed || (a.Quote >= 0) != tt.quoted {
				t.Errorf("Attribute(%q) = speaker %q, rule %q, unnamed %q, quote %d; want %q, %q, %q, quoted %v",
					last.Text[sp.Start:sp.End], a.Speaker, a.Rule, a.Unnamed, a.Quote, tt.speaker, tt.rule, tt.unnamed, tt.quoted)
			}
		})
	}
}

// TestPieces splits passages at the ends of sentences, not at the points
// of abbreviations.
func TestPieces(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Officials say 500 agents operate here. “It is a concern", "Officials say 500 agents operate here.|“It is a concern"},
		{"Gen. Ana Ruiz of the U.S. Army said so.", "Gen. Ana Ruiz of the U.S. Army said so."},
		{"One. Two! Three? Four", "One.|Two!|Three?|Four"},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Pieces("", tt.text, evidence.Span{End: len(tt.text)}) {
			got = append(got, tt.text[p.Start:p.End])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("Pieces(%q) = %q, want %q", tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}

// FuzzAttribute asks who spoke any passage of any paragraph, read as
// English and as Spanish: it must not panic, and a speaker it names is
// one of the registry.
func FuzzAttribute(f *testing.F) {
	f.Add(`“The border is open to them,” Ruiz said. He added: “They came.”`, 5, 20)
	f.Add(`General Ana Ruiz, head of the U.S. Northern Command, has noted that there are more spies.`, 0, 60)
	f.Add(`According to Bo Chen, agents are everywhere, officials said.`, 20, 40)
	f.Add(`López Ortega dijo que no hay espías. Añadió que la relación es normal, según Volkova.`, 40, 70)
	f.Add(`Para el presidente Andrés López Ortega, la lista es falsa. Fuentes señalaron que Volkova negó que hubiera agentes.`, 40, 95)
	f.Add(`«No hay espías», dijo el Gral. Sorokin. Trascendió que se informó que, para ella, sí.`, 30, 80)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if len(text) == 0 {
			return
		}
		start = (start%len(text) + len(text)) % len(text)
		end = (end%(len(text)+1) + len(text) + 1) % (len(text) + 1)
		if end < start {
			start, end = end, start
		}
		for _, lang := range []string{"", "es-MX"} {
			m := registry
			if lang != "" {
				m = registryES
			}
			s := &corpus.Source{ID: "s", Language: lang, Paras: []corpus.Para{{N: 1, Text: text}}}
			qs := Extract(s, m)
			idx := make([]int, len(qs))
			for i := range qs {
				idx[i] = i
			}
			a := Attribute(lang, qs, idx, 1, text, "", evidence.Span{Start: start, End: end}, m)
			switch a.Speaker {
			case "", "ana-ruiz", "bo-chen", "carl-london", "andres-lopez-ortega", "irina-volkova", "alicia-ruiz", "pavel-sorokin":
			default:
				t.Fatalf("speaker %q is not in the registry", a.Speaker)
			}
			if a.Quote >= len(qs) {
				t.Fatalf("quote %d of %d", a.Quote, len(qs))
			}
			for _, p := range Pieces(lang, text, evidence.Span{Start: start, End: end}) {
				if p.Start < start || p.End > end || p.Start > p.End {
					t.Fatalf("piece %v of %d-%d", p, start, end)
				}
			}
		}
	})
}
