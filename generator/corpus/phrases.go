package corpus

import (
	"regexp"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// phrases are a language's boilerplate lines, as data: whole lines of page
// furniture (nav), lines starting with a promotion (promo, tried on the
// line's first promoMax bytes), short appeals (appeal, lines of at most 40
// words), photo credits ending a line (credit, on its last creditMax bytes)
// and source credits opening a short line (sourced). A language without a
// table uses the English rules of markBoilerplate alone.
type phrases struct {
	nav, promo, appeal, credit, sourced *regexp.Regexp
	navMax, promoMax, creditMax         int
}

// w is the boundary of a word in any alphabet (Go's \b knows only ASCII
// letters, and "suscríbete" or "publicación" end in others).
const w = `(?:^|[^\pL\pN])`
const we = `(?:$|[^\pL\pN])`

// spanish are the lines Spanish-language news pages wrap around articles.
var spanish = &phrases{
	nav:    regexp.MustCompile(`(?i)^(publicidad|anuncio|contenido (patrocinado|pagado|de marca)|te puede interesar|te recomendamos|recomendamos|lee también|lea también|leer también|también lee|noticias relacionadas|notas relacionadas|temas relacionados|más noticias|más información|lo más (leído|visto)|compart(e|ir)( (esta|la) (nota|noticia)| este artículo| en redes)?|síguenos( en .{0,40})?|comentarios|deja (tu|un) comentario|foto(grafía)?:? .{0,60}|imagen( ilustrativa)?:? .{0,40}|video:? .{0,40}|ver más|últimas noticias|escucha esta nota)\.?$`),
	promo:  regexp.MustCompile(`(?i)^(lee también|lea también|leer también|también lee|te puede interesar|te recomendamos|recomendamos:|noticias relacionadas|descarga (la|nuestra) app|síguenos en|sigue(nos)? (a|en) |únete a (nuestro|el) canal|escucha (el|nuestro) podcast|mira (también|el video))`),
	appeal: regexp.MustCompile(`(?i)` + w + `(suscr[ií]b[ae]te|suscr[ií]bete|suscr[ií]banse|suscripci[oó]n|hazte (miembro|socio)|apoya (nuestro|el) periodismo|dona ahora|reg[ií]strate|bolet[ií]n|newsletter)` + we),
	// An agency alone ends a caption only after a slash or a bracket ("a
	// EFE." ends many sentences of the article).
	credit:  regexp.MustCompile(`(?i)(` + w + `(foto(graf[ií]a)?|imagen|cr[eé]dito)s?:\s*[^.:]{1,60}\.?|[/(|]\s*(cuartoscuro|efe|notimex|europa press|especial)\W*)$`),
	sourced: regexp.MustCompile(`(?i)^(con informaci[oó]n de|informaci[oó]n de|fuente:) `),
	// Bounds in bytes, at most 4 a character: "contenido patrocinado" is
	// the longest fixed part of nav, 60 characters its longest free one; promo's longest prefix is "escucha nuestro podcast"; a
	// credit is at most "fotografías: " and 60 characters.
	navMax:    4*len("contenido patrocinado") + 4*60 + 8,
	promoMax:  4 * len("descarga nuestra app"),
	creditMax: 4*len("fotografías: ") + 4*60 + 8,
}

// phrasesFor is the table of a source's language, or nil.
func phrasesFor(lang string) *phrases {
	if meta.BaseLang(lang) == "es" {
		return spanish
	}
	return nil
}

// mark is the reason the line t (of the given number of words) is not
// article text by the table's phrases, or "".
func (ph *phrases) mark(t string, words int) string {
	if ph == nil {
		return ""
	}
	switch {
	case len(t) <= ph.navMax && ph.nav.MatchString(t):
		return Promo
	case ph.promo.MatchString(t[:min(len(t), ph.promoMax)]):
		return Promo
	case words <= 25 && ph.sourced.MatchString(t):
		return Promo
	case words <= 40 && ph.appeal.MatchString(t):
		return Appeal
	case words <= 60 && ph.credit.MatchString(t[max(0, len(t)-ph.creditMax):]):
		return Caption
	}
	return ""
}
