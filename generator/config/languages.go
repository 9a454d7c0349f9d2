package config

import (
	"cmp"
	"slices"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// A Language is one of the site's languages ([languages.CODE] in
// config.toml). Its pages are Hugo's translations: the default language's
// at the site's root, another's under /CODE/, each input's translation in
// a file named ID.CODE.md beside it.
type Language struct {
	Code   string // as Hugo writes it: lower case, e.g. "es"
	Label  string // its name in itself, for the language switcher: "Español"
	Locale string // BCP 47, for dates and ClaimReview: "es-MX"; Code when not set
	Weight int
	// Description is the site's description in the language
	// ([languages.CODE.params] description; params.description for the
	// default language when it sets none).
	Description string
	Line        int // where config.toml declares it; 0 when it does not
}

// Default is the site's default language: its pages at the root, its
// files without a language in their names.
func (c *Config) Default() Language { return c.Languages[0] }

// Codes are the codes of the site's languages, the default first.
func (c *Config) Codes() []string {
	out := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		out[i] = l.Code
	}
	return out
}

// loadLanguages reads [languages]. A site without it has one language,
// def. Codes name files (i18n/CODE.toml, claims/ID.CODE.md) and folders
// of the site (/CODE/), so only lower-case language tags are allowed.
func loadLanguages(def, desc string, n *meta.Node, probs *diag.List) (out []Language) {
	if n == nil {
		return []Language{{Code: def, Locale: def, Description: desc}}
	}
	defer func() {
		if len(out) > 0 && out[0].Description == "" {
			out[0].Description = desc
		}
	}()
	for _, f := range n.Fields {
		if !languageTag.MatchString(f.Key) || f.Key != strings.ToLower(f.Key) {
			probs.Errorf(File, f.Line, "languages.%s: a language's key must be a lower-case language tag such as \"en\", \"es\" or \"pt-br\"", f.Key)
			continue
		}
		if f.Value.Kind != meta.Map {
			probs.Errorf(File, f.Line, "languages.%s must be a table: [languages.%s] with label and locale", f.Key, f.Key)
			continue
		}
		fs := meta.NewFields(File, f.Value, f.Line, probs)
		l := Language{Code: f.Key, Line: f.Line}
		l.Label, _ = fs.String("label", true, "the language's name in itself, e.g. \"Español\" (the language switcher shows it)")
		var line int
		l.Locale, line = fs.String("locale", false, "")
		if l.Locale == "" {
			l.Locale = l.Code
		} else if !languageTag.MatchString(l.Locale) {
			fs.Errorf(line, "locale %q is not a language tag: write one such as \"es-MX\" (BCP 47)", l.Locale)
			l.Locale = l.Code
		}
		l.Weight, _ = fs.Int("weight", false, "")
		fs.String("title", false, "")
		fs.String("direction", false, "")
		if pf := fs.Map("params"); pf != nil {
			l.Description, _ = pf.String("description", false, "")
			if of := pf.Map("organisation"); of != nil {
				checkOrganisationWords(l.Code, of)
			}
			pf.Finish()
		}
		fs.Finish()
		out = append(out, l)
	}
	slices.SortStableFunc(out, func(a, b Language) int {
		switch {
		case a.Code == def:
			return -1
		case b.Code == def:
			return 1
		}
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Code, b.Code))
	})
	if len(out) == 0 || out[0].Code != def {
		probs.Errorf(File, n.Line, "[languages] has no [languages.%s]: defaultContentLanguage is %q, and it must be one of the site's languages", def, def)
		return append([]Language{{Code: def, Locale: def}}, out...)
	}
	return out
}

// checkOrganisationWords checks [languages.CODE.params.organisation]: the
// words of [params.organisation] in the language. Only the texts may be
// translated; the facts (contact, answer-days, ifcn-signatory) are the
// site's own in every language (Hugo takes them from [params.organisation],
// which it merges under the language's table), so a translation can never
// publish another contact or another answer to whether the site is an IFCN
// signatory.
func checkOrganisationWords(code string, fs *meta.Fields) {
	for _, k := range fs.Keys() {
		switch k {
		case "contact", "answer-days", "ifcn-signatory":
			fs.Errorf(fs.LineOf(k), "languages.%s.params.organisation.%s: %s is a fact, the same in every language: set it only in [params.organisation], which every language shows", code, k, k)
		}
	}
	for _, k := range []string{"form", "ownership", "funding", "editors", "reviewers", "reply"} {
		fs.String(k, false, "")
	}
	fs.Finish()
}
