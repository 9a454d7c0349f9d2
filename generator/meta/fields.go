package meta

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

// Fields reads typed values out of a Map node. Every read marks its key as
// known; Finish then reports the keys nobody asked for, with the closest
// known key as a suggestion. Problems go to the list given to NewFields.
type Fields struct {
	path  string
	node  *Node
	line  int // where "missing field" problems point
	known []string
	probs *diag.List
}

// NewFields reads fields of n (a Map) in the file path. line is where
// problems about missing fields are reported.
func NewFields(path string, n *Node, line int, probs *diag.List) *Fields {
	if n == nil {
		n = &Node{Kind: Map, Line: line}
	}
	return &Fields{path: path, node: n, line: line, probs: probs}
}

// Line is the line of the map itself.
func (f *Fields) Line() int { return f.node.Line }

func (f *Fields) lookup(key string) *Field {
	f.known = append(f.known, key)
	for i := range f.node.Fields {
		if f.node.Fields[i].Key == key {
			return &f.node.Fields[i]
		}
	}
	return nil
}

func (f *Fields) missing(key, hint string) {
	f.probs.Errorf(f.path, f.line, "missing required field %q: %s", key, hint)
}

func (f *Fields) scalar(key string) (*Field, bool) {
	fl := f.lookup(key)
	if fl == nil {
		return nil, false
	}
	if fl.Value.Kind != Scalar {
		f.probs.Errorf(f.path, fl.Line, "field %q must be a single value, not %s", key, fl.Value.Kind)
		return fl, false
	}
	return fl, fl.Value.Type != "null"
}

// Has reports whether key is present (and marks it known).
func (f *Fields) Has(key string) bool { return f.lookup(key) != nil }

// String returns a text field and its line. Missing required fields are
// reported with hint; an empty string counts as missing.
func (f *Fields) String(key string, required bool, hint string) (string, int) {
	fl, ok := f.scalar(key)
	if !ok {
		if fl == nil && required {
			f.missing(key, hint)
		}
		if fl != nil {
			if required && fl.Value.Kind == Scalar && fl.Value.Type == "null" {
				// "claimant:" with nothing after it is a null, not a value.
				f.probs.Errorf(f.path, fl.Line, "field %q is empty: %s", key, hint)
			}
			return "", fl.Line
		}
		return "", 0
	}
	v := strings.TrimSpace(fl.Value.Value)
	if fl.Value.Type != "string" && fl.Value.Type != "date" {
		f.probs.Errorf(f.path, fl.Line, "field %q must be text; put the value in quotes: %s: \"%s\"", key, key, fl.Value.Value)
		return "", fl.Line
	}
	if v == "" && required {
		f.probs.Errorf(f.path, fl.Line, "field %q is empty: %s", key, hint)
	}
	return v, fl.Line
}

// Strings returns a list of text values. A single value is accepted as a
// list of one.
func (f *Fields) Strings(key string, required bool, hint string) ([]string, int) {
	out, _, line := f.StringsAt(key, required, hint)
	return out, line
}

// StringsAt is Strings with the line of each value too.
func (f *Fields) StringsAt(key string, required bool, hint string) ([]string, []int, int) {
	fl := f.lookup(key)
	if fl == nil {
		if required {
			f.missing(key, hint)
		}
		return nil, nil, 0
	}
	switch fl.Value.Kind {
	case Scalar:
		if fl.Value.Type == "null" {
			break
		}
		return []string{strings.TrimSpace(fl.Value.Value)}, []int{fl.Line}, fl.Line
	case List:
		var out []string
		var lines []int
		for _, it := range fl.Value.Items {
			if it.Kind != Scalar || it.Type == "null" {
				f.probs.Errorf(f.path, it.Line, "every item of %q must be a single text value", key)
				continue
			}
			out = append(out, strings.TrimSpace(it.Value))
			lines = append(lines, it.Line)
		}
		if len(out) == 0 && required {
			f.probs.Errorf(f.path, fl.Line, "field %q is empty: %s", key, hint)
		}
		return out, lines, fl.Line
	default:
		f.probs.Errorf(f.path, fl.Line, "field %q must be a list of text values", key)
		return nil, nil, fl.Line
	}
	if required {
		f.probs.Errorf(f.path, fl.Line, "field %q is empty: %s", key, hint)
	}
	return nil, nil, fl.Line
}

// Bool returns a true/false field (false when absent).
func (f *Fields) Bool(key string) bool {
	fl, ok := f.scalar(key)
	if !ok {
		return false
	}
	if fl.Value.Type != "bool" {
		f.probs.Errorf(f.path, fl.Line, "field %q must be true or false, not %q", key, fl.Value.Value)
		return false
	}
	return fl.Value.Value == "true"
}

// LineOf is the line of key's field (marking the key as known), or the
// map's line when it has none.
func (f *Fields) LineOf(key string) int {
	if fl := f.lookup(key); fl != nil {
		return fl.Line
	}
	return f.node.Line
}

// Keys are the keys of the map, in file order (a table keyed by names,
// such as a rating's translations by language code).
func (f *Fields) Keys() []string {
	out := make([]string, len(f.node.Fields))
	for i, fl := range f.node.Fields {
		out[i] = fl.Key
	}
	return out
}

// Map returns the field set of a nested map (a TOML inline table such as
// needs = { supports = 2 }), or nil when the key is absent or not a map
// (which is reported).
func (f *Fields) Map(key string) *Fields {
	fl := f.lookup(key)
	if fl == nil {
		return nil
	}
	if fl.Value.Kind != Map {
		f.probs.Errorf(f.path, fl.Line, "field %q must be a set of fields, e.g. %s = { supports = 2 }", key, key)
		return nil
	}
	return NewFields(f.path, fl.Value, fl.Line, f.probs)
}

// Maps returns a list of field sets, e.g. the evidence entries of a claim.
func (f *Fields) Maps(key string, required bool, hint string) []*Fields {
	fl := f.lookup(key)
	if fl == nil {
		if required {
			f.missing(key, hint)
		}
		return nil
	}
	if fl.Value.Kind != List {
		f.probs.Errorf(f.path, fl.Line, "field %q must be a list of entries, each starting with '- '", key)
		return nil
	}
	var out []*Fields
	for _, it := range fl.Value.Items {
		if it.Kind != Map {
			f.probs.Errorf(f.path, it.Line, "every entry of %q must be a set of fields (source:, quote:, ...)", key)
			continue
		}
		out = append(out, NewFields(f.path, it, it.Line, f.probs))
	}
	if len(out) == 0 && required {
		f.probs.Errorf(f.path, fl.Line, "field %q is empty: %s", key, hint)
	}
	return out
}

var (
	fullDate    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	partialDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// Date reads a calendar date written YYYY-MM-DD. With partial, YYYY and
// YYYY-MM are accepted too. With unknown, the literal "unknown" is accepted
// and returned as is. Impossible dates (2023-02-30) are errors.
func (f *Fields) Date(key string, required, partial, unknown bool) (string, int) {
	want := "YYYY-MM-DD"
	if partial {
		want = "YYYY-MM-DD, YYYY-MM or YYYY"
	}
	if unknown {
		want += ", or \"unknown\""
	}
	fl, ok := f.scalar(key)
	if !ok {
		if fl == nil && required {
			f.missing(key, "write the date as "+want)
		}
		if fl != nil {
			return "", fl.Line
		}
		return "", 0
	}
	v, line := strings.TrimSpace(fl.Value.Value), fl.Line
	if t := fl.Value.Type; t != "string" && t != "date" && !(t == "int" && partial) {
		f.probs.Errorf(f.path, line, "field %q: %q is not a date; write it as %s", key, v, want)
		return "", line
	}
	if v == "" {
		if required {
			f.probs.Errorf(f.path, line, "field %q is empty: write the date as %s", key, want)
		}
		return "", line
	}
	if unknown && v == "unknown" {
		return v, line
	}
	// YAML timestamps may carry a time: keep the date part.
	if len(v) > 10 && fullDate.MatchString(v[:10]) && (v[10] == 'T' || v[10] == ' ') {
		v = v[:10]
	}
	re := fullDate
	if partial {
		re = partialDate
	}
	if !re.MatchString(v) {
		f.probs.Errorf(f.path, line, "field %q: %q is not a date; write it as %s", key, v, want)
		return "", line
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(v)]
	if _, err := time.Parse(layout, v); err != nil {
		f.probs.Errorf(f.path, line, "field %q: %s is not a real date (month 01-12, day within the month)", key, v)
		return "", line
	}
	if y, _ := strconv.Atoi(v[:4]); y < MinYear {
		or := ""
		if unknown {
			or = `, or write "unknown" if it is not known`
		}
		f.probs.Errorf(f.path, line, "field %q: %s is before the year %d, which no date here can be: check the year%s", key, v, MinYear, or)
		return "", line
	}
	return v, line
}

// MinYear is the earliest year Date accepts: no claim checked here was made,
// no fact check published and no source in the corpus written before 1900,
// while years such as 0000, 0202 or 1202 are typos.
const MinYear = 1900

// Future says whether the date v (YYYY-MM-DD, YYYY-MM or YYYY, as Date
// returns it) begins after the day of today in UTC (the time zone the site
// dates its pages in), and if so how to say it: "2062-01-01 is in the
// future (did you mean 2026-01-01?)". A zero today is never.
func Future(v string, today time.Time) (string, bool) {
	if today.IsZero() || !partialDate.MatchString(v) {
		return "", false
	}
	day := today.UTC().Format("2006-01-02")
	if v <= day[:len(v)] {
		return "", false
	}
	msg := v + " is in the future"
	year, _ := strconv.Atoi(v[:4])
	if year-today.UTC().Year() <= 1 {
		msg += " (today is " + day + " in UTC)"
	} else if s := yearTypo(v, day); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	return msg, true
}

// yearTypo returns v with two neighbouring digits of its year swapped, the
// latest such date that is not after day; "" when there is none.
func yearTypo(v, day string) string {
	best := ""
	for i := 0; i < 3; i++ {
		b := []byte(v)
		b[i], b[i+1] = b[i+1], b[i]
		s := string(b)
		if y, _ := strconv.Atoi(s[:4]); s != v && y >= MinYear && s <= day[:len(s)] && s > best {
			best = s
		}
	}
	return best
}

// Finish reports every key that no read asked for, suggesting the closest
// known key.
func (f *Fields) Finish() {
	known := map[string]bool{}
	for _, k := range f.known {
		known[k] = true
	}
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, fl := range f.node.Fields {
		if known[fl.Key] {
			continue
		}
		if s := Closest(fl.Key, names); s != "" {
			f.probs.Errorf(f.path, fl.Line, "unknown field %q: did you mean %q?", fl.Key, s)
		} else {
			f.probs.Errorf(f.path, fl.Line, "unknown field %q: the known fields are %s", fl.Key, strings.Join(names, ", "))
		}
	}
}

// Closest returns the candidate nearest to s by edit distance, if it is near
// enough to be a likely typo, else "".
func Closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	limit := 2
	if len(s) > 8 {
		limit = 3
	}
	if bestD <= limit && bestD < len(s) {
		return best
	}
	return ""
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of two neighbours each cost 1, so the
// common typo "qoute" is one step from "quote".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// Describe is a short human form of a value list for messages: "a", "b" or "c".
func Describe(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Warnf reports a warning about the map as a whole (e.g. a recommended field
// that is missing).
func (f *Fields) Warnf(format string, args ...any) {
	f.probs.Warnf(f.path, f.line, format, args...)
}

// Errorf reports an error at line (the map's own line when 0).
func (f *Fields) Errorf(line int, format string, args ...any) {
	if line == 0 {
		line = f.line
	}
	f.probs.Errorf(f.path, line, format, args...)
}

// Report adds err (from Parse) to probs with its position.
func Report(probs *diag.List, path string, err error) {
	var many Errors
	if errors.As(err, &many) {
		for _, me := range many {
			probs.Errorf(path, me.Line, "%s", me.Msg)
		}
		return
	}
	var me *Error
	if errors.As(err, &me) {
		probs.Errorf(path, me.Line, "%s", me.Msg)
		return
	}
	probs.Errorf(path, 0, "%v", err)
}

// Int returns a whole-number field and its line.
func (f *Fields) Int(key string, required bool, hint string) (int, int) {
	fl, ok := f.scalar(key)
	if !ok {
		if fl == nil && required {
			f.missing(key, hint)
		}
		return 0, 0
	}
	n, err := strconv.Atoi(fl.Value.Value)
	if fl.Value.Type != "int" || err != nil {
		f.probs.Errorf(f.path, fl.Line, "field %q must be a whole number, not %q", key, fl.Value.Value)
		return 0, fl.Line
	}
	return n, fl.Line
}
