package build

import (
	"fmt"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/card"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/diag"
)

// checkCardLetters warns of the letters of claims' titles and people's
// names that the share cards' fonts cannot draw: the card would show a box
// in their place.
func checkCardLetters(res *derive.Result, probs *diag.List) {
	p, err := card.New()
	if err != nil {
		probs.Errorf("generator/card/fonts", 0, "the share cards' fonts cannot be read: %v", err)
		return
	}
	warn := func(path string, line int, field string, missing []rune) {
		var quoted []string
		for _, r := range missing {
			quoted = append(quoted, fmt.Sprintf("%q (U+%04X)", r, r))
		}
		if len(missing) == card.MaxMissing {
			quoted = append(quoted, "and more")
		}
		probs.Warnf(path, line, "the %s has letters the share card's fonts (generator/card/fonts) do not have: %s; the card would show a box for each: spell it with letters they have, or add a font that has them", field, strings.Join(quoted, ", "))
	}
	for _, c := range res.Claims {
		field, text := "title", c.Title
		if text == "" {
			field, text = "claim", c.Text
		}
		if m := p.Missing(text); len(m) > 0 {
			warn(c.Path, c.Lines[field], field, m)
		}
	}
	for _, per := range res.People {
		if m := p.Missing(per.Name); len(m) > 0 {
			warn(per.Path, per.NameLine, "name", m)
		}
	}
}
