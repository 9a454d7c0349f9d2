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
