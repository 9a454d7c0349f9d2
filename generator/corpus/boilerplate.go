package corpus

import (
	"regexp"
	"strings"
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

// markBoilerplate sets Para.Boilerplate on lines that are not the article.
// Short appeals and promotions are recognised by their words; photo
// captions by the agency credit that ends them, and a short title line
// just before such a caption; lines repeating an earlier line (such as a
// headline printed again as image text).
func markBoilerplate(paras []Para) {
	seen := map[string]bool{}
	for i := range paras {
		p := &paras[i]
		t := strings.TrimSpace(p.Text)
		words := len(strings.Fields(t))
		switch {
		case strings.EqualFold(strings.Trim(t, ".:!"), "advertisement"):
			p.Boilerplate = Advert
		case navLine.MatchString(t):
			p.Boilerplate = Promo
		case promo.MatchString(t):
			p.Boilerplate = Promo
		case words <= 40 && appeal.MatchString(t):
			p.Boilerplate = Appeal
		case words <= 60 && credit.MatchString(t):
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
