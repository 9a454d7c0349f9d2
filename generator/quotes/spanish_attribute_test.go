package quotes

import (
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/evidence"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// attributeLast runs Attribute on the passage marked [like this] of the
// last of paras, a source in lang.
func attributeLast(lang string, m *people.Matcher, paras ...string) (Attribution, string) {
	s := &corpus.Source{ID: "s", Language: lang}
	var sp evidence.Span
	for i, p := range paras {
		if i == len(paras)-1 {
			start := strings.Index(p, "[")
			end := strings.Index(p, "]") - 1
			p = strings.Replace(strings.Replace(p, "[", "", 1), "]", "", 1)
			sp = evidence.Span{Start: start, End: end}
		}
		s.Paras = append(s.Paras, corpus.Para{N: i + 1, Text: p})
	}
	qs := Extract(s, m)
	idx := make([]int, len(qs))
	for i := range qs {
		idx[i] = i
	}
	last := s.Paras[len(s.Paras)-1]
	prev := ""
	if len(s.Paras) > 1 {
		prev = s.Paras[len(s.Paras)-2].Text
	}
	return Attribute(lang, qs, idx, last.N, last.Text, prev, sp, m), last.Text[sp.Start:sp.End]
}

// TestAttributeSpanish asks who a Spanish text says spoke a passage: the
// reported speech of "X dijo que …", "según X, …", "Para X, …", a subject
// left out, a pronoun or an epithet for the last speaker; and nobody for
// "fuentes señalaron", "se informó", "trascendió", a plural verb with no
// subject, or two people who could be meant.
func TestAttributeSpanish(t *testing.T) {
	tests := []struct {
		name    string
		paras   []string
		speaker string
		rule    string
		unnamed string
		quoted  bool
		whole   bool
	}{
		// Verbs of saying, the subject before them.
		{"dijo que", []string{`López Ortega dijo que [no hay espías rusos en el gobierno].`}, "andres-lopez-ortega", "reported", "", false, false},
		{"aseguró que", []string{`Irina Volkova aseguró que [la embajada cumple todas las normas].`}, "irina-volkova", "reported", "", false, false},
		{"afirmó ante el Senado que", []string{`Alicia Ruiz afirmó ante el Senado que [México no expulsará a nadie sin pruebas].`}, "alicia-ruiz", "reported", "", false, false},
		{"declaró que", []string{`Sorokin declaró que [la embajada no tiene nada que ocultar].`}, "pavel-sorokin", "reported", "", false, false},
		{"señaló que, an apposition with a title", []string{`La secretaria de Relaciones Exteriores, Alicia Ruiz, señaló que [no hay pruebas contra nadie].`}, "alicia-ruiz", "reported", "", false, false},
		{"explicó que, a time between", []string{`Volkova también explicó ayer que [la lista es una invención].`}, "irina-volkova", "reported", "", false, false},
		{"advirtió que, perfect tense", []string{`López Ortega ha advertido que [no habrá expulsiones por rumores].`}, "andres-lopez-ortega", "reported", "", false, false},
		{"reconoció que", []string{`Alicia Ruiz reconoció que [el número de diplomáticos rusos ha crecido].`}, "alicia-ruiz", "reported", "", false, false},
		{"considera que", []string{`Volkova considera que [las acusaciones son absurdas].`}, "irina-volkova", "reported", "", false, false},
		{"a title before the name", []string{`El presidente Andrés López Ortega dijo que [no tiene información sobre espías].`}, "andres-lopez-ortega", "reported", "", false, false},
		{"the one spoken to is not the speaker", []string{`Volkova dijo a López Ortega que [no hay pruebas de nada].`}, "irina-volkova", "reported", "", false, false},
		{"a second verb joined by y", []string{`Alicia Ruiz dijo que la lista existe y añadió que [fue verificada dos veces].`}, "alicia-ruiz", "reported", "", false, false},
		{"a gerund", []string{`Volkova rechazó la acusación, asegurando que [la embajada cumple las normas].`}, "irina-volkova", "reported", "", false, false},
		{"the verb quoted whole", []string{`[Volkova reconoció que hay más diplomáticos] en la capital.`}, "irina-volkova", "reported", "", false, true},
		{"a surname before an apposition, another speaker before", []string{`«No hay espías», dijo López Ortega. Volkova, en cambio, afirmó que [la relación es tensa].`}, "irina-volkova", "reported", "", false, false},
		{"a comma after a name that is not an apposition", []string{`Con López Ortega, un funcionario dijo que [no hay lista].`}, "", "", "un funcionario dijo", false, false},
		// According to, para.
		{"según", []string{`Según Volkova, [la lista es una invención].`}, "irina-volkova", "reported", "", false, false},
		{"de acuerdo con", []string{`De acuerdo con Alicia Ruiz, [la lista nunca llegó a la cancillería].`}, "alicia-ruiz", "reported", "", false, false},
		{"según, with a title", []string{`Según el embajador ruso Pável Sorokin, [la embajada tiene 80 empleados].`}, "pavel-sorokin", "reported", "", false, false},
		{"para X", []string{`Para López Ortega, [la soberanía no se negocia con nadie].`}, "andres-lopez-ortega", "reported", "", false, false},
		// The subject after the verb.
		{"the verb after", []string{`[La embajada cumple todas las normas], dijo Volkova.`}, "irina-volkova", "reported", "", false, false},
		{"the verb after, with a title", []string{`[No hay ninguna prueba], afirmó el embajador ruso Pável Sorokin.`}, "pavel-sorokin", "reported", "", false, false},
		{"según after", []string{`[La embajada tiene 80 empleados], según Sorokin.`}, "pavel-sorokin", "reported", "", false, false},
		// The last speaker.
		{"a subject left out, next sentence", []string{`López Ortega dijo que no tiene información. Añadió que [la relación con Moscú es normal].`}, "andres-lopez-ortega", "pronoun", "", false, false},
		{"a subject left out, next paragraph", []string{`«La relación con Moscú es normal», dijo López Ortega.`, `Añadió que [no habrá expulsiones por rumores].`}, "andres-lopez-ortega", "pronoun", "", false, false},
		{"an epithet", []string{`López Ortega habló el lunes. El mandatario aseguró que [no hay espías en su gobierno].`}, "andres-lopez-ortega", "pronoun", "", false, false},
		{"a title the article gave", []string{`El presidente Andrés López Ortega habló de la embajada.`, `El presidente explicó que [no recibió ninguna lista].`}, "andres-lopez-ortega", "pronoun", "", false, false},
		{"a pronoun", []string{`Volkova habló después. Ella advirtió que [habrá consecuencias diplomáticas].`}, "irina-volkova", "pronoun", "", false, false},
		{"an opener before a subject left out", []string{`Alicia Ruiz evitó el tema. Sin embargo, recordó que [su gobierno pidió vigilar a la embajada].`}, "alicia-ruiz", "pronoun", "", false, false},
		// Nobody named.
		{"fuentes señalaron que", []string{`Fuentes señalaron que [hay más de veinte agentes en la capital].`}, "", "", "Fuentes señalaron", false, false},
		{"fuentes after a name in the paragraph", []string{`López Ortega habló el lunes. Fuentes de la cancillería señalaron que [hay agentes].`}, "", "", "Fuentes de la cancillería señalaron", false, false},
		{"se informó que", []string{`Alicia Ruiz viajó a Moscú. Se informó que [la lista fue entregada en mano].`}, "", "", "Se informó", false, false},
		{"trascendió que", []string{`López Ortega recibió a Volkova. Trascendió que [la reunión duró dos horas].`}, "", "", "Trascendió", false, false},
		{"según fuentes", []string{`Según fuentes diplomáticas, [hay más de veinte agentes en la capital].`}, "", "", "Según fuentes diplomáticas", false, false},
		{"an unnamed official", []string{`Un funcionario estadounidense dijo que [Rusia ha invertido mucho en esto].`}, "", "", "Un funcionario estadounidense dijo", false, false},
		{"an unnamed official after", []string{`[Rusia ha invertido mucho en esto], dijo un funcionario estadounidense.`}, "", "", "dijo un funcionario estadounidense", false, false},
		{"an institution", []string{`La embajada señaló en un comunicado que [las acusaciones carecen de fundamento].`}, "", "", "La embajada señaló", false, false},
		{"an institution is not a title", []string{`La secretaria Alicia Ruiz habló el lunes.`, `La Secretaría de la Defensa reiteró que [la cooperación se mantiene].`}, "", "", "La Secretaría de la Defensa reiteró", false, false},
		{"a denial is not the words denied", []string{`Volkova negó que [la embajada esconda agentes].`}, "", "", "Volkova negó", false, false},
		{"a denial quoted whole", []string{`[Volkova negó que la embajada esconda agentes].`}, "irina-volkova", "reported", "", false, true},
		{"no verb", []string{`[Los agentes llegaron en mayo] a la capital.`}, "", "", "", false, false},
		{"another sentence's speaker", []string{`Volkova dijo que todo está en calma. [Los agentes llegaron en mayo].`}, "", "", "", false, false},
		{"a subject left out with nobody before", []string{`Añadió que [no habrá expulsiones por rumores].`}, "", "", "Añadió", false, false},
		{"a subject left out that could mean two people", []string{`López Ortega se reunió con Volkova. Añadió que [no habrá expulsiones].`}, "", "", "Añadió", false, false},
		{"a plural verb with no subject", []string{`López Ortega habló el lunes. Señalaron que [no habrá expulsiones].`}, "", "", "Señalaron", false, false},
		{"a name inside the passage is not its speaker", []string{`Dijo que [Volkova mintió sobre la lista].`}, "", "", "Dijo", false, false},
		{"a title the article gave nobody", []string{`«La relación con Moscú es normal», dijo López Ortega.`, `El embajador aseguró que [hay agentes en la embajada].`}, "", "", "El embajador aseguró", false, false},
		{"para: not a name", []string{`Para combatir a López Ortega, [la oposición se unió en el Senado].`}, "", "", "", false, false},
		// Quotations.
		{"inside a quotation", []string{`«[No hay espías en mi gobierno]», dijo López Ortega.`}, "andres-lopez-ortega", "after", "", true, false},
		{"a quotation naming nobody", []string{`«[Hay agentes en la embajada rusa]», dijo un funcionario estadounidense.`}, "", "", "dijo un funcionario estadounidense", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, passage := attributeLast("es-MX", registryES, tt.paras...)
			if a.Speaker != tt.speaker || a.Rule != tt.rule || a.Unnamed != tt.unnamed || (a.Quote >= 0) != tt.quoted || a.Whole != tt.whole {
				t.Errorf("Attribute(%q) = speaker %q, rule %q, unnamed %q, quote %d, whole %v; want %q, %q, %q, quoted %v, whole %v",
					passage, a.Speaker, a.Rule, a.Unnamed, a.Quote, a.Whole, tt.speaker, tt.rule, tt.unnamed, tt.quoted, tt.whole)
			}
		})
	}
}

// The language chooses the rules: an English source reads no Spanish verb,
// as before.
func TestAttributeByLanguage(t *testing.T) {
	para := `López Ortega dijo que [no hay espías en el gobierno].`
	for lang, want := range map[string]string{"es": "andres-lopez-ortega", "es-MX": "andres-lopez-ortega", "es_MX": "andres-lopez-ortega", "en": "", "unknown": "", "": ""} {
		if a, _ := attributeLast(lang, registryES, para); a.Speaker != want {
			t.Errorf("language %q: speaker %q, want %q", lang, a.Speaker, want)
		}
	}
}

// Spanish passages split at the ends of sentences, not at the points of
// Spanish abbreviations.
func TestPiecesSpanish(t *testing.T) {
	for _, tt := range []struct{ lang, text, want string }{
		{"es-MX", "El Gral. Ruiz dijo que sí. Lo demás", "El Gral. Ruiz dijo que sí.|Lo demás"},
		{"es-MX", "El Lic. López declaró. ¿Y luego?", "El Lic. López declaró.|¿Y luego?"},
		{"en", "Gen. Ruiz said so. Then", "Gen. Ruiz said so.|Then"},
	} {
		var got []string
		for _, p := range Pieces(tt.lang, tt.text, evidence.Span{End: len(tt.text)}) {
			got = append(got, tt.text[p.Start:p.End])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("Pieces(%q, %q) = %q, want %q", tt.lang, tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}
