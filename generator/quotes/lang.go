package quotes

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// rules are how a language quotes and attributes, as data: its quotation
// marks, dialogue dashes, verbs of saying, titles and pronouns. A source's
// language field chooses them (rulesFor); English, "unknown" and languages
// without a table keep the English code of quotes.go, unchanged. Another
// language that quotes the way Spanish does (French, Portuguese, Italian:
// guillemets, dashes, a title before a name, a subject after the verb) is a
// new table, read by the same code (spanish.go).
type rules struct {
	marks  [][2]string    // quotation marks, opening and closing
	dashes []string       // dashes opening a line of dialogue and setting off an inciso
	speech *regexp.Regexp // verb forms of saying (and "según"), as group 1; see verbPattern
	// reported are the forms of speech and those of verbs that report a
	// view or a denial ("considera que", "negó que"), which introduce
	// reported speech (Attribute) but not a quotation.
	reported *regexp.Regexp
	// The word lists below hold keys (key: accents folded, lower case).
	according       map[string]bool // forms meaning "according to": only a name after them is the speaker
	gerunds         map[string]bool // forms whose subject is the sentence's earlier subject ("diciendo")
	conj            map[string]bool // conjunctions joining a second verb to the subject before a quotation ("y", "aunque")
	forX            string          // the preposition opening "Para X, «…»"
	articles        map[string]bool // definite articles before a title: "el presidente"
	titles          map[string]bool // offices and roles written before a name, lower case
	epithets        map[string]bool // nouns that name the last speaker again ("el mandatario")
	pronouns        map[string]bool // subject pronouns for the last speaker ("él", "ella"), lower case with their accents (él is not el)
	between         map[string]bool // words between a subject and its verb ("también", "se")
	elided          map[string]bool // words that may follow a verb whose subject is left out ("añadió a la prensa")
	stops           map[string]bool // words that end a title before a name ("que", "a": the one spoken to)
	openers         map[string]bool // words that may open a sentence before an elided subject's verb ("Además, añadió")
	impersonal      map[string]bool // a clitic that, with no subject, makes the verb impersonal ("se le preguntó")
	works           map[string]bool // nouns before a quoted title or term that is not a quotation ("el libro «…»")
	abbrev          map[string]bool // abbreviations whose point does not end a sentence
	plural          map[string]bool // plural forms ("dijeron", "han dicho"): a subject left out is not the last speaker
	disowning       map[string]bool // forms whose subject does not make the words after them their own ("negó que")
	impersonalVerbs map[string]bool // forms that never have a person for subject ("trascendió que")
}

// rulesFor returns the rules of a source's language ("es", "es-MX",
// "es_MX"), or nil for the English code.
func rulesFor(lang string) *rules {
	return tables[meta.BaseLang(lang)]
}

var tables = map[string]*rules{"es": spanish}

// key is a word as the word lists hold it: accents folded (meta.Fold:
// Unicode decomposition, with golang.org/x/text/unicode/norm), lower case,
// without the punctuation around it.
func key(w string) string {
	return strings.ToLower(meta.Fold(strings.Trim(w, ` ,.;:¿?¡!«»“”"'‘’‹›()—–-`)))
}

// lower is a word in lower case, accents kept, without the punctuation
// around it.
func lower(w string) string {
	return strings.ToLower(norm.NFC.String(strings.Trim(w, ` ,.;:¿?¡!«»“”"'‘’‹›()—–-`)))
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[key(w)] = true
	}
	return m
}

// verbPattern matches any of forms as a whole word (Go's \b knows only
// ASCII letters, and "afirmó" ends in another), case-insensitively, as
// written, decomposed (o + combining acute, as some pages send it) and,
// for forms stressed on their last letter ("afirmó"), without the accent,
// which no other common word is. Several words ("ha dicho") may be
// separated by any white space. The form is group 1.
func verbPattern(forms []string) *regexp.Regexp {
	seen := map[string]bool{}
	var alts []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			alts = append(alts, f)
		}
	}
	for _, f := range forms {
		add(f)
		add(norm.NFD.String(f))
		if r := []rune(f); strings.ContainsRune("áéíóú", r[len(r)-1]) {
			add(meta.Fold(f))
		}
	}
	sort.Slice(alts, func(i, j int) bool {
		return len(alts[i]) > len(alts[j]) || len(alts[i]) == len(alts[j]) && alts[i] < alts[j]
	})
	for i, a := range alts {
		alts[i] = strings.ReplaceAll(regexp.QuoteMeta(a), " ", `\s+`)
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\pN])(` + strings.Join(alts, "|") + `)(?:[^\pL\pN]|$)`)
}

// spanishVerb gives the forms news prose uses of a verb of saying: third
// person preterite, present and imperfect, singular and plural, the
// perfect tenses (ha dicho, había dicho, habría dicho), the gerund and the
// infinitive ("se limitó a señalar"), and which of them are plural
// (dijeron, dicen, han dicho).
// Regular verbs are conjugated from the infinitive; irregular ones list
// their forms: preterite, preterite plural, present, present plural,
// imperfect, participle, gerund.
func spanishVerb(inf string, irregular ...string) (forms, plural []string) {
	var f []string
	if len(irregular) == 7 {
		f = irregular
	} else {
		stem, end := inf[:len(inf)-2], inf[len(inf)-2:]
		if end == "ar" {
			f = []string{stem + "ó", stem + "aron", stem + "a", stem + "an", stem + "aba", stem + "ado", stem + "ando"}
		} else {
			pres, presPl := stem+"e", stem+"en"
			f = []string{stem + "ió", stem + "ieron", pres, presPl, stem + "ía", stem + "ido", stem + "iendo"}
		}
	}
	forms = append([]string{}, inf, f[0], f[1], f[2], f[3], f[4], f[6])
	plural = append(plural, f[1], f[3])
	for _, aux := range []string{"ha", "han", "había", "habían", "habría", "habrían"} {
		forms = append(forms, aux+" "+f[5])
		if strings.HasSuffix(aux, "n") {
			plural = append(plural, aux+" "+f[5])
		}
	}
	return forms, plural
}

// conjugate gives the forms of verbs (irregular ones with their forms, as
// spanishVerb takes them, and regular ones by infinitive), and the plural
// ones among them.
func conjugate(irregular [][]string, regular string) (forms, plural []string) {
	add := func(f, p []string) {
		forms, plural = append(forms, f...), append(plural, p...)
	}
	for _, v := range irregular {
		add(spanishVerb(v[0], v[1:]...))
	}
	for _, inf := range strings.Fields(regular) {
		add(spanishVerb(inf))
	}
	return forms, plural
}

// spanishForms are the verbs of saying (and "según"), which introduce a
// quotation or reported speech; spanishPlural the plural forms of every
// verb of the table.
var spanishForms, spanishPlural = func() ([]string, []string) {
	forms, plural := conjugate([][]string{
		{"decir", "dijo", "dijeron", "dice", "dicen", "decía", "dicho", "diciendo"},
		{"sostener", "sostuvo", "sostuvieron", "sostiene", "sostienen", "sostenía", "sostenido", "sosteniendo"},
		{"advertir", "advirtió", "advirtieron", "advierte", "advierten", "advertía", "advertido", "advirtiendo"},
		{"manifestar", "manifestó", "manifestaron", "manifiesta", "manifiestan", "manifestaba", "manifestado", "manifestando"},
		{"sugerir", "sugirió", "sugirieron", "sugiere", "sugieren", "sugería", "sugerido", "sugiriendo"},
		{"recordar", "recordó", "recordaron", "recuerda", "recuerdan", "recordaba", "recordado", "recordando"},
		{"concluir", "concluyó", "concluyeron", "concluye", "concluyen", "concluía", "concluido", "concluyendo"},
		{"exponer", "expuso", "expusieron", "expone", "exponen", "exponía", "expuesto", "exponiendo"},
		{"referir", "refirió", "refirieron", "refiere", "refieren", "refería", "referido", "refiriendo"},
		{"confesar", "confesó", "confesaron", "confiesa", "confiesan", "confesaba", "confesado", "confesando"},
		{"escribir", "escribió", "escribieron", "escribe", "escriben", "escribía", "escrito", "escribiendo"},
		{"reconocer", "reconoció", "reconocieron", "reconoce", "reconocen", "reconocía", "reconocido", "reconociendo"},
		// "precisa" and "publica" are adjectives too (una respuesta
		// precisa): their present tense is left out.
		{"precisar", "precisó", "precisaron", "precisó", "precisaron", "precisaba", "precisado", "precisando"},
		{"publicar", "publicó", "publicaron", "publicó", "publicaron", "publicaba", "publicado", "publicando"},
	}, `afirmar asegurar declarar señalar explicar añadir agregar indicar
		subrayar destacar insistir responder preguntar comentar detallar apuntar recalcar
		puntualizar expresar enfatizar reiterar admitir aclarar replicar contestar relatar narrar
		plantear lamentar denunciar prometer asentar alertar matizar resumir sentenciar zanjar remarcar
		acotar externar mencionar abundar revirar ironizar cuestionar anunciar revelar exclamar reclamar
		exigir opinar garantizar informar`)
	_, viewsPlural := spanishViews()
	return append(forms, "según", "de acuerdo con", "de acuerdo a", "en palabras de"), append(plural, viewsPlural...)
}()

// spanishViews are the verbs that report a view, an accusation or a
// denial ("X considera que …", "X negó que …") or news nobody gave
// ("trascendió que …"): reported speech for Attribute, not the verb of a
// quotation. Irregular ones with their forms, regular ones by infinitive.
var (
	spanishViewsIrregular = [][]string{
		{"creer", "creyó", "creyeron", "cree", "creen", "creía", "creído", "creyendo"},
		{"negar", "negó", "negaron", "niega", "niegan", "negaba", "negado", "negando"},
		{"desmentir", "desmintió", "desmintieron", "desmiente", "desmienten", "desmentía", "desmentido", "desmintiendo"},
		{"trascender", "trascendió", "trascendieron", "trasciende", "trascienden", "trascendía", "trascendido", "trascendiendo"},
	}
	spanishViewsRegular = `considerar estimar confirmar acusar criticar calificar rechazar descartar`
)

func spanishViews() (forms, plural []string) {
	return conjugate(spanishViewsIrregular, spanishViewsRegular)
}

// formsOf are the keys of the forms of the verbs of spanishViews named by
// their infinitives: those whose subject does not make the words after
// them their own (negó que), those that have no person for subject
// (trascendió que).
func formsOf(infs ...string) map[string]bool {
	var irregular [][]string
	var regular []string
	for _, inf := range infs {
		i := slices.IndexFunc(spanishViewsIrregular, func(v []string) bool { return v[0] == inf })
		if i >= 0 {
			irregular = append(irregular, spanishViewsIrregular[i])
		} else if strings.Contains(" "+spanishViewsRegular+" ", " "+inf+" ") {
			regular = append(regular, inf)
		} else {
			panic("quotes: " + inf + " is not a verb of spanishViews")
		}
	}
	forms, _ := conjugate(irregular, strings.Join(regular, " "))
	return set(forms...)
}

// spanish are the rules for Spanish (es, es-MX, es-AR, …).
var spanish = &rules{
	marks:  [][2]string{{"«", "»"}, {"“", "”"}, {"\"", "\""}},
	dashes: []string{"—", "–"},
	speech: verbPattern(spanishForms),
	reported: func() *regexp.Regexp {
		views, _ := spanishViews()
		return verbPattern(append(append([]string{}, spanishForms...), views...))
	}(),
	according: set("según", "de acuerdo con", "de acuerdo a", "en palabras de"),
	gerunds: func() map[string]bool {
		m := map[string]bool{}
		views, _ := spanishViews()
		for _, f := range append(append([]string{}, spanishForms...), views...) {
			if k := key(f); strings.HasSuffix(k, "ndo") && !strings.Contains(k, " ") {
				m[k] = true
			}
		}
		return m
	}(),
	conj:     set("y", "e", "pero", "aunque", "mientras", "sino"),
	forX:     "para",
	articles: set("el", "la"),
	titles: set("presidente", "presidenta", "expresidente", "expresidenta", "secretario", "secretaria", "subsecretario", "subsecretaria",
		"canciller", "excanciller", "ministro", "ministra", "viceministro", "viceministra", "general", "almirante", "coronel", "comandante",
		"embajador", "embajadora", "exembajador", "exembajadora", "cónsul", "portavoz", "vocero", "vocera", "director", "directora",
		"senador", "senadora", "diputado", "diputada", "gobernador", "gobernadora", "fiscal", "jefe", "jefa", "agregado", "agregada",
		"periodista", "analista", "investigador", "investigadora", "académico", "académica", "especialista", "experto", "experta",
		"exagente", "exfuncionario", "exfuncionaria", "corresponsal", "columnista", "editor", "editora", "legislador", "legisladora"),
	// Nouns for a person already named, not offices only one holds:
	// "el exagente añadió" is the last speaker; "el embajador dijo" is
	// only someone introduced as ambassador (titles).
	epithets: set("mandatario", "mandataria", "funcionario", "funcionaria", "diplomático", "diplomática", "político", "política", "jefe de Estado",
		"exagente", "analista", "autor", "autora", "periodista", "especialista", "experto", "experta", "investigador", "investigadora",
		"académico", "académica", "militar", "legislador", "legisladora", "entrevistado", "entrevistada"),
	pronouns: map[string]bool{"él": true, "ella": true},
	between: set("también", "además", "ya", "luego", "después", "incluso", "entonces", "se", "le", "les", "lo", "no", "solo", "sólo", "hoy", "ayer",
		// Periphrases before an infinitive: "se limitó a señalar", "volvió a decir".
		"limitó", "volvió", "quiso", "prefirió", "decidió", "a"),
	elided: set("a", "al", "ante", "en", "durante", "desde", "este", "esta", "tras", "con", "sin", "luego", "después", "por", "que", "hoy",
		"ayer", "sobre", "frente", "mientras", "y", "entonces", "también", "además", "más", "antes", "recientemente", "posteriormente"),
	stops:      set("que", "quien", "quienes", "cual", "cuando", "porque", "a", "al", "ante", "con", "durante", "sobre", "tras", "según"),
	impersonal: set("se"),
	openers:    set("sin", "embargo", "no", "obstante", "cambio", "hecho", "ello", "y", "e", "pero", "aunque", "mientras", "además", "luego", "después", "también", "asimismo", "entonces", "más", "tarde", "finalmente", "por", "su", "parte", "otra", "lado", "en", "tanto"),
	works: set("libro", "novela", "película", "serie", "documental", "obra", "ensayo", "columna", "artículo", "reportaje", "informe",
		"programa", "canción", "llaman", "llama", "llamó", "titulado", "titulada", "titulo", "título", "llamado", "llamada", "denominado", "denominada", "bautizado",
		"bautizada", "conocido", "conocida", "término", "concepto", "lema", "operación", "plan", "doctrina", "etiqueta", "podcast"),
	plural:          set(spanishPlural...),
	disowning:       formsOf("negar", "desmentir", "calificar", "rechazar", "descartar"),
	impersonalVerbs: formsOf("trascender"),
	abbrev:          set("sr", "sra", "srta", "dr", "dra", "lic", "gral", "ing", "mtro", "mtra", "pdte", "uu", "ee", "núm", "art"),
}
