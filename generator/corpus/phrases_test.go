package corpus

import (
	"strings"
	"testing"
)

// TestMarkBoilerplateSpanish: a Spanish source's furniture is found by the
// Spanish phrases (and the English ones); article text that merely uses
// the same words is kept; an English source is not read with them.
func TestMarkBoilerplateSpanish(t *testing.T) {
	lines := []struct{ text, want string }{
		{"El gobierno de México negó tener información sobre espías rusos.", ""},
		{"Publicidad", Promo},
		{"PUBLICIDAD", Promo},
		{"Lee también: La embajada rusa responde a Washington", Promo},
		{"LEE TAMBIÉN", Promo},
		{"Te puede interesar", Promo},
		{"Te recomendamos: Cinco claves del caso", Promo},
		{"Noticias relacionadas", Promo},
		{"Comparte esta nota", Promo},
		{"Síguenos en Google News", Promo},
		{"Síguenos en WhatsApp y entérate de todo", Promo},
		{"Suscríbete a nuestro boletín y recibe las noticias más importantes.", Appeal},
		{"Apoya nuestro periodismo independiente", Appeal},
		{"Con información de EFE y Reuters", Promo},
		{"Foto: Cuartoscuro", Promo},
		{"El canciller durante la conferencia en Palacio Nacional. Foto: Cuartoscuro", Caption},
		{"La embajada rusa en la Ciudad de México. / EFE", Caption},
		{"Getty Images", Caption}, // the English rules apply too
		// Article text using the same words is kept.
		{"El embajador declaró a EFE que no había recibido ninguna queja formal del gobierno.", ""},
		{"Las dos naciones mantienen una relación especial.", ""},
		{"La publicidad oficial del gobierno creció un 20 por ciento, según el informe anual de la Secretaría de Hacienda publicado este lunes y citado por varios medios nacionales y extranjeros que siguen el tema.", ""},
		{"La embajada recibió una donación de equipo médico.", ""},
		{"Con información de la cancillería, el Senado revisó el tratado durante tres sesiones que se prolongaron hasta la madrugada del jueves, sin llegar a un acuerdo sobre el texto final ni sobre las reservas que pedía la oposición.", ""},
		{"Publicidad", Promo}, // a phrase before a repeat
	}
	paras := make([]Para, len(lines))
	for i, l := range lines {
		paras[i] = Para{N: i + 1, Text: l.text}
	}
	markBoilerplateIn(paras, "es-MX")
	for i, l := range lines {
		if paras[i].Boilerplate != l.want {
			t.Errorf("%q: marked %q, want %q", l.text, paras[i].Boilerplate, l.want)
		}
	}
	// The language selects the table: es, es-MX, es_MX and es-419 read
	// Spanish phrases; en, unknown and nothing do not.
	for lang, spanishRules := range map[string]bool{"es": true, "es-MX": true, "es_MX": true, "es-419": true, "ES": true, "en": false, "en-US": false, "unknown": false, "": false} {
		ps := []Para{{N: 1, Text: "Lee también: La embajada rusa responde"}}
		markBoilerplateIn(ps, lang)
		if got := ps[0].Boilerplate == Promo; got != spanishRules {
			t.Errorf("language %q: Spanish phrases used %v, want %v", lang, got, spanishRules)
		}
	}
}

// The bounds keep every match: the longest lines of nav, promo and credit,
// written with wide characters, match within them.
func TestSpanishBounds(t *testing.T) {
	wide := strings.Repeat("\U0001d538", 60)
	for _, s := range []string{"Fotografía: " + wide, "Compartir esta noticia", "Síguenos en " + strings.Repeat("\U0001d538", 40)} {
		if len(s) > spanish.navMax || !spanish.nav.MatchString(s) {
			t.Errorf("nav: %q (%d bytes, bound %d)", s, len(s), spanish.navMax)
		}
	}
	if s := "Fotografías: " + wide; len(s) > spanish.creditMax || !spanish.credit.MatchString(s) {
		t.Errorf("credit: %q (%d bytes, bound %d)", s, len(s), spanish.creditMax)
	}
	if s := "ESCUCHA NUESTRO PODCAST"; len(s) > spanish.promoMax {
		t.Errorf("promo: %q over %d bytes", s, spanish.promoMax)
	}
}
