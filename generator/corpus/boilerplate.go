package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Reasons a paragraph is not part of the article (ids; the site words them
// in i18n/ as boilerplate_<id>).
const (
	Advert   = "advert"
	Appeal   = "appeal"
	Promo    = "promo"
	Caption  = "caption"
	Repeated = "repeated"
	Marked   = "marked"
)

var (
	// Whole lines that pages wrap around articles.
	navLine = regexp.MustCompile(`(?i)^(advertisement|sponsored( content)?|you may also like|more from (the )?author|related( articles| stories| posts)?|read more|leave a (comment|reply)|comments?|share( this( article| story)?)?|follow us:?|representational image|image:? .{0,40}|photo:? .{0,40})\.?$`)
	// Appeals for money or sign-ups.
	appeal = regexp.MustCompile(`(?i)\b(donat(e|ion|ions)|subscri(be|ption)|support (us|our|militarnyi|independent)|fund independent|become a (member|patron)|sign up for (our|the) newsletter|newsletter)\b`)
	// Promotions of the outlet's other products.
	promo = regexp.MustCompile(`(?i)^(track latest news|listen to the latest|download (the|our) app|get (the )?latest news|follow us on|watch live)`)
	// Agency credits that end photo captions.
	credit = regexp.MustCompile(`(?i)(getty images|\bafp\b|anadolu|bettmann archive|reuters|ap photo|associated press photo|shutterstock|file photo)\W*(file)?\s*$`)
)

// navLine matches no line longer than navMax bytes, and promo matches
// within a line's first promoMax bytes: their longest matches are "photo: "
// and 40 characters (of up to 4 bytes each), "representational image."
// and "listen to the latest", where under (?i) a letter may be a fold of
// up to 3 bytes (K, the Kelvin sign, for k; ſ for s). Checking only those bytes
// gives the same answers: Go's backtracking matcher clears a bitmap of the
// text's length times the pattern's on every call, which over a corpus of
// long paragraphs was the largest single cost of loading it.
const (
	navMax   = 3*len("representational image.") + 4*40
	promoMax = 3 * len("listen to the latest")
)

// creditTail returns the end of line t within which any match of credit
// lies. A match ends with the agency's name (at most creditMax bytes) and
// then only characters of \W, "file" and spaces; the tail keeps those, the
// longest name before them, and one more character for credit's \b.
func creditTail(t string) string {
	i := len(t)
	for i > 0 {
		c := t[i-1]
		word := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
		if word && !strings.ContainsRune("fileFILE", rune(c)) {
			break
		}
		i--
	}
	return t[max(0, i-creditMax-utf8.UTFMax):]
}

// creditMax is the longest agency name credit matches, in bytes, with each
// letter as its widest (?i) fold.
const creditMax = 3 * len("associated press photo")

// markBoilerplate sets Para.Boilerplate on lines that are not the article.
// Short appeals and promotions are recognised by their words; photo
// captions by the agency credit that ends them, and a short title line
// just before such a caption; lines repeating an earlier line (such as a
// headline printed again as image text).
func markBoilerplate(paras []Para) {
	markBoilerplateIn(paras, "en")
}

// markBoilerplateIn is markBoilerplate for a source in the given language
// (its front matter's code): a language with a table of its own (es, es-MX)
// has its phrases tried first, then the English ones, which pages in every
// language carry (agency credits, "newsletter"). Other languages, and
// "unknown", get the English rules alone.
func markBoilerplateIn(paras []Para, lang string) {
	ph := phrasesFor(lang)
	seen := map[string]bool{}
	for i := range paras {
		p := &paras[i]
		t := strings.TrimSpace(p.Text)
		words := len(strings.Fields(t))
		if r := ph.mark(t, words); r != "" {
			p.Boilerplate = r
			if r == Caption && i > 0 && paras[i-1].Boilerplate == "" && len(strings.Fields(paras[i-1].Text)) <= 8 && strings.HasSuffix(paras[i-1].Text, ".") {
				paras[i-1].Boilerplate = Caption
			}
			seen[t] = true
			continue
		}
		switch {
		case strings.EqualFold(strings.Trim(t, ".:!"), "advertisement"):
			p.Boilerplate = Advert
		case len(t) <= navMax && navLine.MatchString(t):
			p.Boilerplate = Promo
		case promo.MatchString(t[:min(len(t), promoMax)]):
			p.Boilerplate = Promo
		case words <= 40 && appeal.MatchString(t):
			p.Boilerplate = Appeal
		case words <= 60 && credit.MatchString(creditTail(t)):
			p.Boilerplate = Caption
			if i > 0 && paras[i-1].Boilerplate == "" && len(strings.Fields(paras[i-1].Text)) <= 8 && strings.HasSuffix(paras[i-1].Text, ".") {
				paras[i-1].Boilerplate = Caption
			}
		case seen[t] && i > 0:
			p.Boilerplate = Repeated
		}
		seen[t] = true
	}
}

// Article returns the paragraphs that are the article itself.
func (s *Source) Article() []Para {
	out := make([]Para, 0, len(s.Paras))
	for _, p := range s.Paras {
		if p.Boilerplate == "" {
			out = append(out, p)
		}
	}
	return out
}
