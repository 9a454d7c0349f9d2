package config

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
	"unicode"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// The interface strings (i18n/LANG.toml) are read by Hugo's templates with
// T "key": a key missing from a language shows nothing (or the English,
// with a fallback) on that language's pages, a placeholder renamed or
// dropped loses a name or a number, and a string left in English is an
// English label on a translated page. Every language file is checked
// against i18n/en.toml, each problem at its file and line.

// sameAsEnglish are the values a translation may keep as the English has
// them: proper names and abbreviations read the same in every language. A
// value with no letters outside its placeholders ("…", "{{ .Site }}:
// {{ .Description }}") has nothing to translate and needs no entry.
var sameAsEnglish = []string{"RSS", "JSON", "IFCN", "ClaimReview", "schema.org", "Pagefind"}

// pluralForms are CLDR's plural categories, the forms a table may have.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// i18nString is one form of an interface string with its line.
type i18nString struct {
	Value string
	Line  int
}

// i18nEntry is one key of an i18n file: a plain string (Forms has only
// "other", Table false) or a table of plural forms.
type i18nEntry struct {
	Key   string
	Line  int
	Table bool
	Forms map[string]i18nString
}

// i18nFile is a decoded i18n file, its keys in file order.
type i18nFile struct {
	Path    string
	Entries []*i18nEntry
	ByKey   map[string]*i18nEntry
}

// readI18n decodes one i18n file with the positional TOML decoder the
// generator uses (meta), so that every key and form keeps its line.
func readI18n(path string, data []byte) (*i18nFile, error) {
	n, err := meta.DecodeTOMLFile(path, data)
	if err != nil {
		return nil, err
	}
	f := &i18nFile{Path: path, ByKey: map[string]*i18nEntry{}}
	if n.Kind != meta.Map {
		return nil, fmt.Errorf("%s: not a set of keys", path)
	}
	var probs []string
	for _, fl := range n.Fields {
		e := &i18nEntry{Key: fl.Key, Line: fl.Line, Forms: map[string]i18nString{}}
		switch fl.Value.Kind {
		case meta.Scalar:
			if fl.Value.Type != "string" {
				probs = append(probs, fmt.Sprintf("%s:%d: %s is %s, not a string", path, fl.Line, fl.Key, fl.Value.Type))
			}
			e.Forms["other"] = i18nString{fl.Value.Value, fl.Value.Line}
		case meta.Map:
			e.Table = true
			for _, ff := range fl.Value.Fields {
				if !slices.Contains(pluralForms, ff.Key) {
					probs = append(probs, fmt.Sprintf("%s:%d: %s has a form %q: a table's keys are plural forms (%s)", path, ff.Line, fl.Key, ff.Key, strings.Join(pluralForms, ", ")))
					continue
				}
				if ff.Value.Kind != meta.Scalar || ff.Value.Type != "string" {
					probs = append(probs, fmt.Sprintf("%s:%d: %s.%s is not a string", path, ff.Line, fl.Key, ff.Key))
					continue
				}
				e.Forms[ff.Key] = i18nString{ff.Value.Value, ff.Line}
			}
		default:
			probs = append(probs, fmt.Sprintf("%s:%d: %s is %s, not a string or a table of plural forms", path, fl.Line, fl.Key, fl.Value.Kind))
			continue
		}
		f.Entries = append(f.Entries, e)
		f.ByKey[e.Key] = e
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(probs, "\n"))
	}
	return f, nil
}

// forms returns an entry's forms in CLDR order.
func (e *i18nEntry) forms() []string {
	var fs []string
	for _, f := range pluralForms {
		if _, ok := e.Forms[f]; ok {
			fs = append(fs, f)
		}
	}
	return fs
}

// name is "key" for a plain string, "key.form" for a form of a table.
func (e *i18nEntry) name(form string) string {
	if !e.Table {
		return e.Key
	}
	return e.Key + "." + form
}

// pagefindPlaceholder is a placeholder that the search page's script fills
// in ({n}, {q}: assets/js/search.js), not Go's template.
var pagefindPlaceholder = regexp.MustCompile(`\{[A-Za-z]+\}`)

// placeholders returns the fields a string's template reads ({{ .Name }} is
// ".Name") and the script's placeholders it has ("{n}"), sorted; err when
// the string is not a valid template.
func placeholders(key, s string) ([]string, error) {
	t, err := template.New(key).Parse(s)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	if t.Tree != nil {
		var walk func(parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n == nil {
					return
				}
				for _, c := range n.Nodes {
					walk(c)
				}
			case *parse.TextNode:
				for _, p := range pagefindPlaceholder.FindAllString(string(n.Text), -1) {
					set[p] = true
				}
			case *parse.ActionNode:
				walk(n.Pipe)
			case *parse.PipeNode:
				if n == nil {
					return
				}
				for _, c := range n.Cmds {
					walk(c)
				}
			case *parse.CommandNode:
				for _, a := range n.Args {
					walk(a)
				}
			case *parse.FieldNode:
				set["."+strings.Join(n.Ident, ".")] = true
			case *parse.ChainNode:
				walk(n.Node)
				set["(…)."+strings.Join(n.Field, ".")] = true
			case *parse.VariableNode:
				set[strings.Join(n.Ident, ".")] = true
			case *parse.DotNode:
				set["."] = true
			case *parse.IfNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.TemplateNode:
				walk(n.Pipe)
			}
		}
		walk(t.Tree.Root)
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// placeholderRE matches a string's placeholders; hasWords reports whether
// anything a reader sees beyond the values filled in has a letter.
var placeholderRE = regexp.MustCompile(`\{\{.*?\}\}|\{[A-Za-z]+\}`)

func hasWords(s string) bool {
	return strings.IndexFunc(placeholderRE.ReplaceAllString(s, ""), unicode.IsLetter) >= 0
}

// i18nCheck is one rule a language file must keep against the English.
type i18nCheck struct {
	name string
	run  func(en, lang *i18nFile) []string
}

var i18nChecks = []i18nCheck{
	{"every English key is translated", func(en, lang *i18nFile) []string {
		var probs []string
		for _, e := range en.Entries {
			if lang.ByKey[e.Key] == nil {
				probs = append(probs, fmt.Sprintf("%s: %s is missing (it is at %s:%d): every key of the English needs a translation", lang.Path, e.Key, en.Path, e.Line))
			}
		}
		return probs
	}},
	{"no key the English lacks", func(en, lang *i18nFile) []string {
		var probs []string
		for _, e := range lang.Entries {
			if en.ByKey[e.Key] == nil {
				probs = append(probs, fmt.Sprintf("%s:%d: %s is not a key of %s: a misspelt key, or one the English lost (no template asks for it)", lang.Path, e.Line, e.Key, en.Path))
			}
		}
		return probs
	}},
	{"plural forms", func(en, lang *i18nFile) []string {
		var probs []string
		for _, l := range lang.Entries {
			e := en.ByKey[l.Key]
			if e == nil {
				continue
			}
			if _, ok := l.Forms["other"]; !ok {
				probs = append(probs, fmt.Sprintf("%s:%d: %s has no \"other\" form: Hugo uses it for every count the other forms do not cover", lang.Path, l.Line, l.Key))
			}
			if !e.Table {
				continue
			}
			for _, f := range e.forms() {
				if _, ok := l.Forms[f]; !ok {
					probs = append(probs, fmt.Sprintf("%s:%d: %s has no %q form, and %s:%d has one: a count needs it", lang.Path, l.Line, l.Key, f, en.Path, e.Line))
				}
			}
		}
		return probs
	}},
	{"templates parse", func(en, lang *i18nFile) []string {
		var probs []string
		for _, l := range lang.Entries {
			for _, f := range l.forms() {
				s := l.Forms[f]
				if _, err := placeholders(l.Key, s.Value); err != nil {
					probs = append(probs, fmt.Sprintf("%s:%d: %s is not a valid template: %v", lang.Path, s.Line, l.name(f), err))
				}
			}
		}
		return probs
	}},
	{"same placeholders as the English", func(en, lang *i18nFile) []string {
		var probs []string
		for _, l := range lang.Entries {
			e := en.ByKey[l.Key]
			if e == nil {
				continue
			}
			for _, f := range l.forms() {
				s := l.Forms[f]
				// A form the English lacks (a language's "few" or "many")
				// is compared with the English "other".
				es, ok := e.Forms[f]
				if !ok {
					es = e.Forms["other"]
				}
				want, err1 := placeholders(e.Key, es.Value)
				got, err2 := placeholders(l.Key, s.Value)
				if err1 != nil || err2 != nil {
					continue // "templates parse" reports it
				}
				if !slices.Equal(got, want) {
					probs = append(probs, fmt.Sprintf("%s:%d: %s has the placeholders {%s}, the English (%s:%d) {%s}: each value the template fills in must appear, and no other",
						lang.Path, s.Line, l.name(f), strings.Join(got, " "), en.Path, es.Line, strings.Join(want, " ")))
				}
			}
		}
		return probs
	}},
	{"translated", func(en, lang *i18nFile) []string {
		var probs []string
		for _, l := range lang.Entries {
			e := en.ByKey[l.Key]
			if e == nil {
				continue
			}
			for _, f := range l.forms() {
				s := l.Forms[f]
				es, ok := e.Forms[f]
				if !ok || strings.TrimSpace(s.Value) != strings.TrimSpace(es.Value) {
					continue
				}
				if !hasWords(s.Value) || slices.Contains(sameAsEnglish, strings.TrimSpace(s.Value)) {
					continue
				}
				probs = append(probs, fmt.Sprintf("%s:%d: %s is the English as it is (%q): translate it, or add it to sameAsEnglish in generator/config/i18n_test.go if it is a name that every language keeps", lang.Path, s.Line, l.name(f), s.Value))
			}
		}
		return probs
	}},
}

// checkI18n runs every check of a language file against the English.
func checkI18n(en, lang *i18nFile) map[string][]string {
	out := map[string][]string{}
	for _, c := range i18nChecks {
		out[c.name] = c.run(en, lang)
	}
	return out
}

// TestI18nFiles checks every i18n/*.toml of the site against i18n/en.toml.
func TestI18nFiles(t *testing.T) {
	root := filepath.Join("..", "..")
	paths, err := filepath.Glob(filepath.Join(root, "i18n", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*i18nFile{}
	for _, p := range paths {
		rel := "i18n/" + filepath.Base(p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := readI18n(rel, data)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		files[rel] = f
	}
	en := files["i18n/en.toml"]
	if en == nil {
		t.Fatalf("no usable i18n/en.toml among %v", paths)
	}
	if len(files) < 2 {
		t.Fatalf("only %d i18n file(s): the Spanish (i18n/es.toml) is expected beside the English", len(files))
	}
	t.Run("en.toml templates parse", func(t *testing.T) {
		for _, p := range checkI18n(en, en)["templates parse"] {
			t.Error(p)
		}
	})
	for rel, f := range files {
		if f == en {
			continue
		}
		for _, c := range i18nChecks {
			t.Run(filepath.Base(rel)+"/"+c.name, func(t *testing.T) {
				for _, p := range c.run(en, f) {
					t.Error(p)
				}
			})
		}
	}
}

// TestI18nChecksCatch shows each check failing on the mistake it is for,
// at the line of the key, and passing a good translation.
func TestI18nChecksCatch(t *testing.T) {
	const enText = `title = "Fact checks"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Claims by {{ .Name }}"
results = "{n} results for “{q}”"

[count]
one = "{{ .Count }} source"
other = "{{ .Count }} sources"
[pager]
other = "Page"
`
	en, err := readI18n("i18n/en.toml", []byte(enText))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		text  string
		check string // "" for a file that passes every check
		want  string // a part of the problem, with its file and line
	}{
		{"good", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }}"
results = "{n} resultados para “{q}”"
[count]
one = "{{ .Count }} fuente"
other = "{{ .Count }} fuentes"
many = "{{ .Count }} de fuentes"
[pager]
other = "Página"
`, "", ""},
		{"missing key", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }}"
[count]
one = "{{ .Count }} fuente"
other = "{{ .Count }} fuentes"
[pager]
other = "Página"
`, "every English key is translated", "i18n/xx.toml: results is missing (it is at i18n/en.toml:5)"},
		{"extra key", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }}"
results = "{n} resultados para “{q}”"
titel = "Verificaciones"
[count]
one = "{{ .Count }} fuente"
other = "{{ .Count }} fuentes"
[pager]
other = "Página"
`, "no key the English lacks", "i18n/xx.toml:6: titel is not a key"},
		{"missing plural form", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }}"
results = "{n} resultados para “{q}”"
[count]
other = "{{ .Count }} fuentes"
[pager]
other = "Página"
`, "plural forms", `i18n/xx.toml:6: count has no "one" form`},
		{"renamed placeholder", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Nombre }}"
results = "{n} resultados para “{q}”"
[count]
one = "{{ .Count }} fuente"
other = "{{ .Count }} fuentes"
[pager]
other = "Página"
`, "same placeholders as the English", "i18n/xx.toml:4: by has the placeholders {.Nombre}"},
		{"dropped script placeholder", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }}"
results = "{n} resultados"
[count]
one = "{{ .Count }} fuente"
other = "{{ .Count }} fuentes"
[pager]
other = "Página"
`, "same placeholders as the English", "i18n/xx.toml:5: results has the placeholders {{n}}"},
		{"plural form without its count", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }}"
results = "{n} resultados para “{q}”"
[count]
one = "una fuente"
other = "{{ .Count }} fuentes"
[pager]
other = "Página"
`, "same placeholders as the English", "i18n/xx.toml:7: count.one has the placeholders {}"},
		{"broken template", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }"
results = "{n} resultados para “{q}”"
[count]
one = "{{ .Count }} fuente"
other = "{{ .Count }} fuentes"
[pager]
other = "Página"
`, "templates parse", "i18n/xx.toml:4: by is not a valid template"},
		{"left in English", `title = "Verificaciones"
rss = "RSS"
alt = "{{ .Site }}: {{ .Description }}"
by = "Afirmaciones de {{ .Name }}"
results = "{n} resultados para “{q}”"
[count]
one = "{{ .Count }} fuente"
other = "{{ .Count }} fuentes"
[pager]
other = "Page"
`, "translated", "i18n/xx.toml:10: pager.other is the English as it is"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lang, err := readI18n("i18n/xx.toml", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			for check, probs := range checkI18n(en, lang) {
				if check != tc.check {
					for _, p := range probs {
						t.Errorf("check %q: unexpected problem: %s", check, p)
					}
					continue
				}
				found := false
				for _, p := range probs {
					if strings.Contains(p, tc.want) {
						found = true
					}
				}
				if !found {
					t.Errorf("check %q: want a problem containing %q, got %q", check, tc.want, probs)
				}
			}
		})
	}
	// A table's key that is not a plural form is refused when read, at its line.
	if _, err := readI18n("i18n/xx.toml", []byte("[count]\nsingular = \"x\"\nother = \"y\"\n")); err == nil || !strings.Contains(err.Error(), "i18n/xx.toml:2:") {
		t.Errorf("a table with a form \"singular\": got %v, want an error at i18n/xx.toml:2", err)
	}
}
