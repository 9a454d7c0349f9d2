// Package claims holds the fact checks: one claim file each, and the rating
// scale they are rated on (read from config.toml, not from code).
package claims

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Dir is the folder of claim files, relative to the site root.
const Dir = "claims"

// Rating is one step of the scale.
type Rating struct {
	ID          string
	Label       string
	Description string
	Order       int // 1 is the best-supported end of the scale
	Colour      string
	Icon        string
	// Needs is the least evidence the rating asks for, counted in
	// independent origins per stance; Most the largest it allows, for the
	// stances it limits (a stance not in it may have any number). Both
	// come from config.toml (needs, at-most), so the rules a reader sees
	// are the ones check enforces.
	Needs Counts
	Most  map[string]int
	// Translations are the label and description in the site's other
	// languages, by language code ([params.ratings.translations.CODE]).
	Translations map[string]Text
	Line         int // where the rating's table starts in config.toml
}

// Text is a rating's words in one language.
type Text struct {
	Label, Description string
	Line               int
}

// In is the rating in language lang: its translation's label and
// description where it has one, else its own.
func (r Rating) In(lang string) Rating {
	if t, ok := r.Translations[lang]; ok {
		r.Label, r.Description = t.Label, t.Description
	}
	return r
}

// CheckTranslations warns, in path, about each rating without a
// translation into one of langs (its pages would show the default
// language's words) and each translation into a language the site does
// not have.
func (s Scale) CheckTranslations(path string, langs []string, probs *diag.List) {
	// Readers tell ratings apart by label in every language: a
	// translated label may be neither another rating's translated label nor
	// another rating's own (a contradicted claim shown as "Corroborated").
	fold := func(v string) string { return strings.Join(strings.Fields(strings.ToLower(meta.Fold(v))), " ") }
	for _, l := range langs {
		owner := map[string]string{}
		for _, r := range s {
			owner[fold(r.Label)] = r.ID
		}
		seen := map[string]string{}
		for _, r := range s {
			t, ok := r.Translations[l]
			if !ok || t.Label == "" {
				continue
			}
			k := fold(t.Label)
			if other, dup := seen[k]; dup {
				probs.Errorf(path, t.Line, "rating %q: its %s label %q is also the %s label of %q: each rating needs its own, so readers can tell them apart", r.ID, l, t.Label, l, other)
			} else if other, ok := owner[k]; ok && other != r.ID {
				probs.Errorf(path, t.Line, "rating %q: its %s label %q is the label of the rating %q: readers would take one rating for the other", r.ID, l, t.Label, other)
			}
			seen[k] = r.ID
		}
	}
	for _, r := range s {
		for _, l := range langs {
			if _, ok := r.Translations[l]; !ok {
				probs.Warnf(path, r.Line, "rating %q has no %s label and description: pages in %s show its default-language words; add [params.ratings.translations.%s] with label and description", r.ID, l, l, l)
			}
		}
		for l, t := range r.Translations {
			if !slices.Contains(langs, l) {
				probs.Warnf(path, t.Line, "rating %q is translated into %q, which is not one of the site's other languages (%s): add [languages.%s] or remove it", r.ID, l, meta.Describe(langs), l)
			}
		}
	}
}

// Limit returns the most origins of evidence with stance the rating
// allows, or -1 when it allows any number.
func (r Rating) Limit(stance string) int {
	if n, ok := r.Most[stance]; ok {
		return n
	}
	return -1
}

// Counts is a number of independent origins for each stance that counts.
type Counts struct {
	Statement, Supports, Contradicts int
}

// Get returns the count for a stance (0 for others).
func (c Counts) Get(stance string) int {
	switch stance {
	case "statement":
		return c.Statement
	case "supports":
		return c.Supports
	case "contradicts":
		return c.Contradicts
	}
	return 0
}

// MaxOrigins bounds what a rating may need or allow: past it a number is a
// typo, not a rule.
const MaxOrigins = 100

// CountedStances are the stances a rating's needs can name.
var CountedStances = []string{"statement", "supports", "contradicts"}

// readCounts reads a rating's needs or at-most table: whole numbers of
// origins for statement, supports and contradicts, by stance.
func readCounts(fs *meta.Fields) map[string]int {
	if fs == nil {
		return nil
	}
	c := map[string]int{}
	for _, st := range CountedStances {
		if !fs.Has(st) {
			continue
		}
		n, line := fs.Int(st, false, "")
		if n < 0 || n > MaxOrigins {
			fs.Errorf(line, "%s = %d: a number of origins is between 0 and %d", st, n, MaxOrigins)
			continue
		}
		c[st] = n
	}
	fs.Finish()
	return c
}

// Icons are the rating icons the site's templates can draw.
var Icons = []string{"check", "scale", "tilde", "question", "cross"}

// Scale is the rating scale, sorted by Order.
type Scale []Rating

// Get returns the rating with id.
func (s Scale) Get(id string) (Rating, bool) {
	for _, r := range s {
		if r.ID == id {
			return r, true
		}
	}
	return Rating{}, false
}

// IDs lists the rating ids in scale order.
func (s Scale) IDs() []string {
	out := make([]string, len(s))
	for i, r := range s {
		out[i] = r.ID
	}
	return out
}

var colourRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// minColourDistance is how far apart (in RGB, 0-441) two ratings' colours
// must be.
const minColourDistance = 24

// colourDistance is the distance of two #rrggbb colours in RGB space.
func colourDistance(a, b string) float64 {
	ca, _ := strconv.ParseUint(a[1:], 16, 32)
	cb, _ := strconv.ParseUint(b[1:], 16, 32)
	d := 0.0
	for shift := 0; shift <= 16; shift += 8 {
		x := float64(int(ca>>shift&0xff) - int(cb>>shift&0xff))
		d += x * x
	}
	return math.Sqrt(d)
}

// readTranslations reads a rating's translations: a table per language
// code, each with label and description.
func readTranslations(path string, tf *meta.Fields, probs *diag.List) map[string]Text {
	out := map[string]Text{}
	for _, code := range tf.Keys() {
		lf := tf.Map(code)
		if lf == nil {
			continue
		}
		t := Text{Line: lf.Line()}
		t.Label, _ = lf.String("label", true, "the rating's name in this language")
		t.Description, _ = lf.String("description", true, "what the rating means, in this language")
		lf.Finish()
		out[code] = t
	}
	return out
}

// ParseScale reads the rating scale from the [[params.ratings]] tables of
// the site configuration (ratings is that list's node; path names the file).
func ParseScale(path string, ratings *meta.Node, probs *diag.List) Scale {
	if ratings == nil || ratings.Kind != meta.List || len(ratings.Items) == 0 {
		probs.Errorf(path, 0, "no rating scale: add [[params.ratings]] tables with id, label, description, order, colour and icon")
		return nil
	}
	var s Scale
	seen := map[string]bool{}
	// Readers tell ratings apart by label, colour, icon and place: two
	// ratings sharing one would show a contradicted claim as corroborated.
	firstLine := map[string]int{}
	distinct := func(fs *meta.Fields, what, v string, line int) {
		key := what + "\x00" + strings.Join(strings.Fields(strings.ToLower(meta.Fold(v))), " ")
		if v == "" {
			return
		}
		if l, dup := firstLine[key]; dup {
			fs.Errorf(line, "%s %q is also the %s of the rating on line %d: each rating needs its own, so readers can tell them apart", what, v, what, l)
			return
		}
		firstLine[key] = line
	}
	for _, it := range ratings.Items {
		fs := meta.NewFields(path, it, it.Line, probs)
		var r Rating
		var line int
		r.ID, line = fs.String("id", true, "a short id such as corroborated")
		if r.ID != "" && !meta.ValidID(r.ID) {
			fs.Errorf(line, "rating id %q: use lower-case letters, digits and hyphens", r.ID)
		}
		if seen[r.ID] {
			fs.Errorf(line, "rating id %q is defined twice", r.ID)
		}
		seen[r.ID] = true
		r.Label, line = fs.String("label", true, "the name readers see")
		distinct(fs, "label", r.Label, line)
		r.Description, _ = fs.String("description", true, "one sentence saying what the rating means")
		r.Order, line = fs.Int("order", true, "1 for the best-supported rating, then 2, 3, ...")
		if fs.Has("order") {
			distinct(fs, "order", strconv.Itoa(r.Order), line)
		}
		r.Colour, line = fs.String("colour", true, "a colour as #rrggbb")
		if r.Colour != "" && !colourRE.MatchString(r.Colour) {
			fs.Errorf(line, "colour %q must be written #rrggbb", r.Colour)
		}
		distinct(fs, "colour", r.Colour, line)
		if colourRE.MatchString(r.Colour) {
			for _, o := range s {
				if colourRE.MatchString(o.Colour) && !strings.EqualFold(o.Colour, r.Colour) && colourDistance(o.Colour, r.Colour) < minColourDistance {
					fs.Errorf(line, "colour %s is too close to %s, the colour of %q: readers would take one rating for the other; choose a colour further apart", r.Colour, o.Colour, o.ID)
				}
			}
		}
		r.Icon, line = fs.String("icon", true, "one of "+meta.Describe(Icons))
		if r.Icon != "" && !slices.Contains(Icons, r.Icon) {
			fs.Errorf(line, "icon %q is not one of %s", r.Icon, meta.Describe(Icons))
		}
		distinct(fs, "icon", r.Icon, line)
		nf := fs.Map("needs")
		needsLine := fs.Line()
		if nf != nil {
			needsLine = nf.Line()
		}
		needs := readCounts(nf)
		// Every fact check rests on the claim as made: a rating needs its
		// statement, at least once, whether or not its table says so.
		r.Needs = Counts{Statement: 1, Supports: needs["supports"], Contradicts: needs["contradicts"]}
		if n, ok := needs["statement"]; ok && n < 1 {
			fs.Errorf(needsLine, "rating %q: statement = %d: every fact check needs the claim's statement from at least 1 origin", r.ID, n)
		} else if ok {
			r.Needs.Statement = n
		}
		r.Most = readCounts(fs.Map("at-most"))
		r.Line = it.Line
		if tf := fs.Map("translations"); tf != nil {
			r.Translations = readTranslations(path, tf, probs)
		}
		for _, st := range CountedStances {
			if m := r.Limit(st); m >= 0 && r.Needs.Get(st) > m {
				fs.Errorf(needsLine, "rating %q needs %s evidence from %d origins but allows it from at most %d: lower needs or raise at-most", r.ID, st, r.Needs.Get(st), m)
			}
		}
		fs.Finish()
		s = append(s, r)
	}
	sort.SliceStable(s, func(i, j int) bool { return s[i].Order < s[j].Order })
	return s
}
