package card

import (
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Labels are the words the cards print and the generator writes, from the site's interface strings
// (i18n/LANG.toml, the file Hugo's templates read): each a Go template as
// Hugo's i18n strings are, with .Name, .Reporter or .Count.
type Labels struct {
	Claim        string // "Fact check"
	Claimant     string // "Claim by {{ .Name }}"
	Unnamed      string // "Claim by {{ .Name }}, as reported by {{ .Reporter }}"
	Person       string
	Organisation string
	ChecksOne    string // "{{ .Count }} fact check"
	ChecksOther  string // "{{ .Count }} fact checks"
	// The titles of the sections the generator writes (Hugo's templates
	// show the same strings): "Fact checks", "Corrections and updates",
	// "Quotes worded differently".
	Claims, Corrections, Quotes string
	// How a claim's page words the origins of its evidence: an outlet's
	// reporting ("{{ .Outlet }}’s reporting"), why two sources are one
	// origin ("{{ .A }} and {{ .B }} {{ .Reasons }}", each reason
	// WhyShare, WhyText or WhyRelay), and the word joining a list.
	OriginOutlet, WhyPair, WhyShare, WhyText, WhyRelay, And string
}

// labelKeys are the i18n keys of Labels, each with where it goes.
var labelKeys = []struct {
	key    string
	plural string // "one" or "other" for a plural key's forms
	to     func(*Labels) *string
}{
	{"card_claim", "", func(l *Labels) *string { return &l.Claim }},
	{"card_claimant", "", func(l *Labels) *string { return &l.Claimant }},
	{"card_unnamed", "", func(l *Labels) *string { return &l.Unnamed }},
	{"card_person", "", func(l *Labels) *string { return &l.Person }},
	{"card_organisation", "", func(l *Labels) *string { return &l.Organisation }},
	{"card_checks", "one", func(l *Labels) *string { return &l.ChecksOne }},
	{"card_checks", "other", func(l *Labels) *string { return &l.ChecksOther }},
	{"claims_title", "", func(l *Labels) *string { return &l.Claims }},
	{"corrections_title", "", func(l *Labels) *string { return &l.Corrections }},
	{"quotes_title", "", func(l *Labels) *string { return &l.Quotes }},
	{"origins_outlet", "", func(l *Labels) *string { return &l.OriginOutlet }},
	{"origins_why_pair", "", func(l *Labels) *string { return &l.WhyPair }},
	{"origins_why_share", "", func(l *Labels) *string { return &l.WhyShare }},
	{"origins_why_text", "", func(l *Labels) *string { return &l.WhyText }},
	{"origins_why_relay", "", func(l *Labels) *string { return &l.WhyRelay }},
	{"and", "", func(l *Labels) *string { return &l.And }},
}

// LoadLabels reads the cards' words from root/i18n/LANG.toml. A missing
// key, or one that is not a template of the fields it may use, is an error
// at its file and line.
func LoadLabels(root, lang string, probs *diag.List) Labels {
	var l Labels
	path := "i18n/" + lang + ".toml"
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
	if err != nil {
		probs.Errorf(path, 0, "cannot read the interface strings the share cards print: %v", err)
		return l
	}
	n, err := meta.DecodeTOMLFile(path, data)
	if err != nil {
		meta.Report(probs, path, err)
		return l
	}
	for _, k := range labelKeys {
		v, line := lookup(n, k.key, k.plural)
		if v == "" {
			form := ""
			if k.plural != "" {
				form = " (its " + k.plural + " form)"
			}
			probs.Errorf(path, line, "%s%s is missing: the share cards print it; add it as the other interface strings are", k.key, form)
			continue
		}
		if _, err := template.New(k.key).Option("missingkey=error").Parse(v); err != nil {
			probs.Errorf(path, line, "%s is not a valid template: %v", k.key, err)
			continue
		}
		*k.to(&l) = v
	}
	return l
}

// lookup finds key (a string, or a table of plural forms) in an i18n file.
func lookup(n *meta.Node, key, form string) (string, int) {
	for _, f := range n.Fields {
		if f.Key != key {
			continue
		}
		if f.Value.Kind == meta.Scalar {
			return f.Value.Value, f.Line
		}
		want := form
		if want == "" {
			want = "other"
		}
		for _, ff := range f.Value.Fields {
			if ff.Key == want && ff.Value.Kind == meta.Scalar {
				return ff.Value.Value, ff.Line
			}
		}
		return "", f.Line
	}
	return "", 0
}

// Format fills one of the labels' templates with data; a template that
// fails gives its text as written.
func Format(tmpl string, data map[string]any) string {
	t, err := template.New("").Option("missingkey=error").Parse(tmpl)
	if err != nil {
		return tmpl
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return tmpl
	}
	return b.String()
}

// Checks is "1 fact check", "12 fact checks".
func (l Labels) Checks(n int) string {
	if n == 1 {
		return Format(l.ChecksOne, map[string]any{"Count": n})
	}
	return Format(l.ChecksOther, map[string]any{"Count": n})
}
