package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

// defaultContentLanguage names a file (card.LoadLabels reads "i18n/" +
// Language + ".toml") and is published as ClaimReview's inLanguage: a pull
// request setting it to "../../../tmp/x" made check read any *.toml file on
// the machine. Anything but a BCP 47 language tag is refused.
func TestLanguageIsATag(t *testing.T) {
	real, err := os.ReadFile(filepath.Join("..", "..", File))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../../../../tmp/secret", "en/../../x", "en\"><x"} {
		dir := t.TempDir()
		text := strings.Replace(string(real), `defaultContentLanguage = "en"`, `defaultContentLanguage = "`+strings.ReplaceAll(bad, `"`, `\"`)+`"`, 1)
		if text == string(real) {
			t.Fatal(`config.toml does not say defaultContentLanguage = "en"`)
		}
		if err := os.WriteFile(filepath.Join(dir, File), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var probs diag.List
		c := Load(dir, &probs)
		if e, _ := probs.Counts(); e == 0 {
			t.Errorf("defaultContentLanguage = %q accepted (Language %q): want an error, it is not a language tag", bad, c.Language)
		}
	}
}

// The Spanish edition's words come from config.toml too, and a pull request
// can change them: a translated rating label may not be another rating's
// (a contradicted claim shown as "Corroborada"), and the organisation's
// facts (contact, answer-days, ifcn-signatory) are not words a language
// may change.
func TestLanguageWords(t *testing.T) {
	real, err := os.ReadFile(filepath.Join("..", "..", File))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, old, new, want string }{
		{"label of another rating", `label = "Contradicha"`, `label = "Corroborada"`, `rating "contradicted": its es label "Corroborada" is also the es label of "corroborated"`},
		{"label folds to another's", `label = "Sin sustento"`, `label = "CORROBORADA"`, `its es label "CORROBORADA" is also the es label of "corroborated"`},
		{"default label of another rating", `label = "Contradicha"`, `label = "Corroborated"`, `its es label "Corroborated" is the label of the rating "corroborated"`},
		{"contact", "[languages.es.params.organisation]\n", "[languages.es.params.organisation]\n    contact = \"https://evil.example/\"\n", "languages.es.params.organisation.contact: contact is a fact"},
		{"signatory", "[languages.es.params.organisation]\n", "[languages.es.params.organisation]\n    ifcn-signatory = true\n", "ifcn-signatory is a fact"},
		{"unknown key", "[languages.es.params.organisation]\n", "[languages.es.params.organisation]\n    bogus = \"x\"\n", `unknown field "bogus"`},
		{"content folder", "  [languages.es]\n", "  [languages.es]\n    contentDir = \"/home\"\n", `"languages.es.contentDir" is not a setting`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(real), tt.old, tt.new, 1)
			if text == string(real) {
				t.Fatalf("config.toml has no %q", tt.old)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, File), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			var probs diag.List
			Load(dir, &probs)
			found := false
			for _, p := range probs {
				found = found || p.Severity == diag.Error && strings.Contains(p.String(), tt.want)
			}
			if !found {
				t.Errorf("no error containing %q; got %v", tt.want, probs)
			}
		})
	}
}
