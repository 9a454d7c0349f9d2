package quotes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// The people of the Spanish tests are invented.
var registryES = people.NewMatcher([]*people.Person{
	{ID: "andres-lopez-ortega", Name: "Andrés López Ortega", Aliases: []string{"López Ortega"}},
	{ID: "irina-volkova", Name: "Irina Volkova"},
	{ID: "alicia-ruiz", Name: "Alicia Ruiz Campos", Aliases: []string{"Alicia Ruiz"}},
	{ID: "pavel-sorokin", Name: "Pável Sorokin"},
})

// extractES runs Extract on paragraphs of a source in lang and returns
// "speaker/rule: text" lines.
func extractES(lang string, paras ...string) []string {
	s := &corpus.Source{ID: "s", Language: lang}
	for i, p := range paras {
		s.Paras = append(s.Paras, corpus.Para{N: i + 1, Text: p})
	}
	var out []string
	for _, q := range Extract(s, registryES) {
		out = append(out, fmt.Sprintf("%s/%s: %s", q.Speaker, q.Rule, q.Text))
	}
	return out
}

func TestAttributionSpanish(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []string
	}{
		// Quotation marks.
		{"guillemets, verb and name after", []string{`«No tenemos información sobre eso», dijo López Ortega.`}, []string{"andres-lopez-ortega/after: No tenemos información sobre eso"}},
		{"curly marks", []string{`“No tenemos información sobre eso”, afirmó Irina Volkova.`}, []string{"irina-volkova/after: No tenemos información sobre eso"}},
		{"straight marks", []string{`"No tenemos información sobre eso", aseguró Volkova.`}, []string{"irina-volkova/after: No tenemos información sobre eso"}},
		{"nested marks stay in the quotation", []string{`«El presidente nos dijo “no hay pruebas” y cerró el tema», explicó Alicia Ruiz.`}, []string{"alicia-ruiz/after: El presidente nos dijo “no hay pruebas” y cerró el tema"}},
		// Titles before names.
		{"a title before the name", []string{`«Es una campaña sin pruebas», declaró el embajador ruso Pável Sorokin.`}, []string{"pavel-sorokin/after: Es una campaña sin pruebas"}},
		{"a long title with the name after a comma", []string{`«México no expulsará a nadie sin pruebas», afirmó la secretaria de Relaciones Exteriores, Alicia Ruiz.`}, []string{"alicia-ruiz/after: México no expulsará a nadie sin pruebas"}},
		{"a title and the name before the verb", []string{`El presidente Andrés López Ortega aseguró: «No hay espías en nuestro gobierno».`}, []string{"andres-lopez-ortega/before: No hay espías en nuestro gobierno"}},
		{"apposition between commas", []string{`La portavoz de la cancillería rusa, Irina Volkova, señaló que «Moscú respeta las leyes mexicanas».`}, []string{"irina-volkova/before: Moscú respeta las leyes mexicanas"}},
		{"the one spoken to is not the speaker", []string{`Un funcionario dijo a López Ortega: «Hay agentes en la embajada».`}, []string{"/: Hay agentes en la embajada"}},
		{"verb with a complement", []string{`Alicia Ruiz aseguró a la prensa: «No hemos recibido ninguna lista».`}, []string{"alicia-ruiz/before: No hemos recibido ninguna lista"}},
		{"perfect tense", []string{`Volkova ha dicho que «las acusaciones son absurdas».`}, []string{"irina-volkova/before: las acusaciones son absurdas"}},
		// según, de acuerdo con, para.
		{"según", []string{`Según Alicia Ruiz, «la lista nunca llegó a la cancillería».`}, []string{"alicia-ruiz/according-to: la lista nunca llegó a la cancillería"}},
		{"de acuerdo con", []string{`De acuerdo con Volkova, «la embajada cumple todas las normas».`}, []string{"irina-volkova/according-to: la embajada cumple todas las normas"}},
		{"según after", []string{`«La embajada cumple todas las normas», según Volkova.`}, []string{"irina-volkova/according-to: La embajada cumple todas las normas"}},
		{"según fuentes names nobody", []string{`«Hay más de veinte agentes en la capital», según fuentes diplomáticas.`}, []string{"/: Hay más de veinte agentes en la capital"}},
		{"para X", []string{`Para López Ortega, «la soberanía no se negocia con nadie».`}, []string{"andres-lopez-ortega/according-to: la soberanía no se negocia con nadie"}},
		// Dialogue dashes and incisos.
		{"dialogue with an inciso that closes", []string{`—No tenemos ninguna información —dijo López Ortega—. Lo que sabemos es lo que publica la prensa.`}, []string{"andres-lopez-ortega/dash: No tenemos ninguna información", "andres-lopez-ortega/dash: Lo que sabemos es lo que publica la prensa."}},
		{"dialogue with an inciso at the end", []string{`—Nadie nos ha mostrado una sola prueba —afirmó la portavoz Irina Volkova.`}, []string{"irina-volkova/dash: Nadie nos ha mostrado una sola prueba"}},
		{"en dash dialogue", []string{`–No vamos a expulsar a nadie –respondió Alicia Ruiz–, porque no hay pruebas.`}, []string{"alicia-ruiz/dash: No vamos a expulsar a nadie", "alicia-ruiz/dash: porque no hay pruebas."}},
		{"dialogue with no inciso names nobody", []string{`—¿Hay espías rusos en México?`}, []string{"/: ¿Hay espías rusos en México?"}},
		{"inciso inside guillemets", []string{`«No vamos a expulsar a nadie —afirmó Alicia Ruiz—, porque no hay pruebas», concluyó la reunión.`}, []string{"alicia-ruiz/dash: No vamos a expulsar a nadie", "alicia-ruiz/dash: porque no hay pruebas"}},
		{"a dash inside a quotation without a verb is the speaker's", []string{`«Hay dos opciones —expulsar o esperar— y elegimos esperar», dijo Volkova.`}, []string{"irina-volkova/after: Hay dos opciones —expulsar o esperar— y elegimos esperar"}},
		// A subject left out, a pronoun, an epithet, a title alone.
		{"subject left out after", []string{`Alicia Ruiz habló el lunes en el Senado. «No hemos recibido ninguna lista», añadió.`}, []string{"alicia-ruiz/pronoun: No hemos recibido ninguna lista"}},
		{"subject left out before, next paragraph", []string{`«La relación con Moscú es normal», dijo López Ortega.`, `Añadió: «No vamos a romper con nadie por rumores».`}, []string{"andres-lopez-ortega/after: La relación con Moscú es normal", "andres-lopez-ortega/pronoun: No vamos a romper con nadie por rumores"}},
		{"an epithet", []string{`«La relación con Moscú es normal», dijo López Ortega.`, `El mandatario agregó: «No vamos a romper con nadie por rumores».`}, []string{"andres-lopez-ortega/after: La relación con Moscú es normal", "andres-lopez-ortega/pronoun: No vamos a romper con nadie por rumores"}},
		{"a title the article gave the person", []string{`El presidente Andrés López Ortega habló de la embajada.`, `«No vamos a romper con nadie por rumores», dijo el presidente.`}, []string{"andres-lopez-ortega/pronoun: No vamos a romper con nadie por rumores"}},
		{"a title the article gave nobody", []string{`«La relación con Moscú es normal», dijo López Ortega.`, `«Hay agentes en la embajada rusa», dijo el embajador.`}, []string{"andres-lopez-ortega/after: La relación con Moscú es normal", "/: Hay agentes en la embajada rusa"}},
		{"a pronoun after the verb", []string{`Irina Volkova habló después. «Nadie nos ha mostrado pruebas», dijo ella.`}, []string{"irina-volkova/pronoun: Nadie nos ha mostrado pruebas"}},
		{"an unnamed official stays unattributed", []string{`«Rusia ha invertido mucho en esto», dijo un funcionario estadounidense.`}, []string{"/: Rusia ha invertido mucho en esto"}},
		{"an institution stays unattributed", []string{`«Las acusaciones carecen de fundamento», señaló la embajada en un comunicado.`}, []string{"/: Las acusaciones carecen de fundamento"}},
		{"a subject left out with nobody before stays unattributed", []string{`«No vamos a comentar nada», añadió.`}, []string{"/: No vamos a comentar nada"}},
		{"continuation", []string{`«Es un lugar favorable», dijo Volkova. «Tiene todo el sentido para ellos».`}, []string{"irina-volkova/after: Es un lugar favorable", "irina-volkova/continuation: Tiene todo el sentido para ellos"}},
		{"two quotations around the verb", []string{`«Es un lugar favorable», dijo Volkova, «y tiene todo el sentido para ellos».`}, []string{"irina-volkova/after: Es un lugar favorable", "irina-volkova/before: y tiene todo el sentido para ellos"}},
		{"a second verb joined by y", []string{`Alicia Ruiz dijo que la lista era «una invención sin ningún fundamento» y añadió que no habrá expulsiones.`}, []string{"alicia-ruiz/before: una invención sin ningún fundamento"}},
		{"accents folded in names", []string{`«No tenemos información sobre eso», dijo Lopez Ortega.`}, []string{"andres-lopez-ortega/after: No tenemos información sobre eso"}},
		{"a verb without its accent", []string{`«No tenemos información sobre eso», afirmo Volkova.`}, []string{"irina-volkova/after: No tenemos información sobre eso"}},
		{"a verb decomposed", []string{"«No tenemos información sobre eso», afirmo\u0301 Volkova."}, []string{"irina-volkova/after: No tenemos información sobre eso"}},
		{"a gerund", []string{`Volkova rechazó la acusación, asegurando que «la embajada cumple todas las normas».`}, []string{"irina-volkova/before: la embajada cumple todas las normas"}},
		// Learnt from the held-out article (testdata/es, reunion-cifuentes-orlov).
		{"a colon after a subject", []string{`La canciller Alicia Ruiz viajó a Moscú.`, `Preguntada por la lista, la canciller fue tajante: «Ese tema no estuvo en la agenda».`}, []string{"alicia-ruiz/pronoun: Ese tema no estuvo en la agenda"}},
		{"a colon after a name", []string{`Al término de la reunión, Volkova fue tajante: «Ese tema no estuvo en la agenda».`}, []string{"irina-volkova/before: Ese tema no estuvo en la agenda"}},
		{"a colon after someone unnamed", []string{`Un portavoz, que habló bajo anonimato, fue más allá: «Nadie debería sorprenderse si hay consecuencias».`}, []string{"/: Nadie debería sorprenderse si hay consecuencias"}},
		{"a verb after a conjunction is the subject's before", []string{`Alicia Ruiz dijo que su gobierno «respeta las decisiones de México», aunque insistió en que la lista «es sólida y fue verificada».`}, []string{"alicia-ruiz/before: respeta las decisiones de México", "alicia-ruiz/pronoun: es sólida y fue verificada"}},
		{"a verb between commas after the quotation", []string{`Según dijo Alicia Ruiz, el gobierno pidió «respetar la legislación nacional», una petición que, afirmó, fue bien recibida.`}, []string{"alicia-ruiz/before: respetar la legislación nacional"}},
		{"en palabras de", []string{`En palabras de Volkova, la visita demuestra que «la relación es más fuerte que cualquier campaña».`}, []string{"irina-volkova/according-to: la relación es más fuerte que cualquier campaña"}},
		{"an institution is not a title", []string{`La secretaria Alicia Ruiz habló el lunes.`, `La Secretaría de la Defensa reiteró que «la cooperación se mantiene sin cambios».`}, []string{"/: la cooperación se mantiene sin cambios"}},
		{"a title in an apposition after a surname", []string{`Sorokin, el embajador ruso, acompañó a la delegación.`, `—Fue una visita muy productiva —comentó el embajador.`}, []string{"pavel-sorokin/pronoun: Fue una visita muy productiva"}},
		{"a surname the article gave", []string{`Andrés López Ortega presentó su libro.`, `«Es el libro más serio sobre el tema», afirmó López.`}, []string{"andres-lopez-ortega/after: Es el libro más serio sobre el tema"}},
		{"an interview: the answer after a question", []string{`—Por la geografía, antes que nada —respondió Volkova.`, `—¿Ha cambiado algo en estos años?`, `—Ha cambiado el volumen de personal acreditado.`}, []string{"irina-volkova/dash: Por la geografía, antes que nada", "/: ¿Ha cambiado algo en estos años?", "irina-volkova/dash: Ha cambiado el volumen de personal acreditado."}},
		{"dialogue without a question before names nobody", []string{`—Por la geografía, antes que nada —respondió Volkova.`, `Luego habló otro invitado.`, `—Ha cambiado el volumen de personal acreditado.`}, []string{"irina-volkova/dash: Por la geografía, antes que nada", "/: Ha cambiado el volumen de personal acreditado."}},
		{"a quotation inside an inciso", []string{`—Hay que invertir en gente preparada —dijo Volkova, antes de añadir que el tema «no es de izquierdas ni de derechas».`}, []string{"irina-volkova/dash: Hay que invertir en gente preparada", "irina-volkova/dash: no es de izquierdas ni de derechas"}},
		{"an infinitive", []string{`Volkova se limitó a señalar: «No tengo nada que añadir a eso».`}, []string{"irina-volkova/before: No tengo nada que añadir a eso"}},
		// Learnt from a second held-out article (not kept).
		{"a sentence adverbial before a verb with no subject", []string{`Consultada por este diario, Alicia Ruiz evitó el tema. Sin embargo, recordó que su gobierno pidió «vigilar cualquier expansión de la presencia rusa».`}, []string{"alicia-ruiz/pronoun: vigilar cualquier expansión de la presencia rusa"}},
		{"an impersonal question names nobody", []string{`—Hay que vigilar —respondió Volkova.`, `—¿Y el gobierno debería impedirlo? —se le preguntó.`}, []string{"/: ¿Y el gobierno debería impedirlo?"}},
		{"a colon after a sentence opening with a name", []string{`El presidente Andrés López Ortega, en cambio, minimizó el tema: «Que abran los consulados que quieran».`}, []string{"andres-lopez-ortega/before: Que abran los consulados que quieran"}},
		// Not quotations.
		{"a book title", []string{`El periodista publicó el libro «La red invisible de Moscú en México» en 2021.`}, nil},
		{"a term", []string{`Los analistas hablan de la llamada «política de puertas abiertas hacia Moscú» del gobierno.`}, nil},
		{"a capitalised title", []string{`La serie «El Espía Que Vino Del Norte» se estrenó en mayo.`}, nil},
		{"short quoted words", []string{`Volkova habló de «cobertura diplomática» y de «rumores».`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extractES("es-MX", tt.paras...)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// The language selects the rules: es, es-MX and es_MX read guillemets
// and Spanish verbs; en and unknown read as before.
func TestRulesByLanguage(t *testing.T) {
	para := `«No tenemos información sobre eso», dijo López Ortega.`
	for lang, want := range map[string]string{
		"es": "andres-lopez-ortega/after", "es-MX": "andres-lopez-ortega/after", "es_MX": "andres-lopez-ortega/after",
		"en": "", "unknown": "", "": "",
	} {
		got := strings.Join(extractES(lang, para), "\n")
		if want == "" && got != "" || want != "" && !strings.HasPrefix(got, want+":") {
			t.Errorf("language %q: %q, want %q", lang, got, want)
		}
	}
}

// Every verb form of the table matches as a whole word, and words that
// contain one do not.
func TestSpanishVerbs(t *testing.T) {
	for _, f := range []string{"dijo", "dijeron", "dice", "ha dicho", "había  dicho", "afirmó", "aseguró", "declaró", "señaló", "explicó",
		"añadió", "agregó", "sostuvo", "indicó", "manifestó", "advirtió", "subrayó", "destacó", "insistió", "reconoció", "escribió",
		"publicó", "respondió", "preguntó", "comentó", "precisó", "detalló", "sugirió", "concluyó", "según", "de acuerdo con"} {
		loc := spanish.firstVerb("Ella " + f + ": algo")
		if loc == nil || loc[0] != len("Ella ") || loc[1] != len("Ella "+f) {
			t.Errorf("%q: found at %v", f, loc)
		}
	}
	for _, s := range []string{"los dichos", "la seguridad pública", "una respuesta precisa", "desdijo", "lo dicho", "contradice"} {
		if loc := spanish.firstVerb(s); loc != nil {
			t.Errorf("%q: a verb found at %v", s, loc)
		}
	}
}

// FuzzExtractSpanish reads any paragraphs with the Spanish rules: no
// panic, spans within their paragraph, and speakers of the registry.
func FuzzExtractSpanish(f *testing.F) {
	f.Add("—No tenemos información —dijo López Ortega—. Lo demás es público.", "«A —afirmó Volkova—, B»")
	f.Add("—¿Por qué?", "—Por la geografía —respondió Volkova, antes de añadir que «es así de simple».")
	f.Add("Según dijo Alicia Ruiz, «x y z w», una petición que, afirmó, fue «bien recibida».", "la canciller fue tajante: «—»")
	f.Add("— —dijo—", "«»—,: según")
	f.Fuzz(func(t *testing.T, a, b string) {
		s := &corpus.Source{ID: "s", Language: "es-MX", Paras: []corpus.Para{{N: 1, Text: a}, {N: 2, Text: b}}}
		for _, q := range Extract(s, registryES) {
			p := s.Paras[q.Para-1].Text
			if q.Span.Start < 0 || q.Span.End > len(p) || q.Span.Start > q.Span.End {
				t.Fatalf("span %v of %q", q.Span, p)
			}
			switch q.Speaker {
			case "", "andres-lopez-ortega", "irina-volkova", "alicia-ruiz", "pavel-sorokin":
			default:
				t.Fatalf("speaker %q", q.Speaker)
			}
		}
	})
}
