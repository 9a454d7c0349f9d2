package meta

import (
	"strings"

	"golang.org/x/text/language"
)

// BaseLang is the primary subtag of a language tag or locale as inputs
// write them: "en" for "en-US", "es" for "es-MX" or the Open Graph locale
// "es_MX". It is "" for a value that is not a tag ("English", "unknown",
// "und"), or whose language is only guessed from it.
func BaseLang(tag string) string {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if err != nil {
		return ""
	}
	if base, conf := t.Base(); conf == language.Exact && base.String() != "und" {
		return base.String()
	}
	return ""
}
