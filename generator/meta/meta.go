// Package meta splits a contributor's file into front matter and body, and
// decodes the front matter (YAML or TOML) into a tree that keeps the line of
// every key and value, so that every later problem can name its line.
//
// Delimiting follows each format (see Parse): a general front matter
// splitter (adrg/frontmatter, used before) ends YAML at any line that trims
// to "---", even one inside a block of text, and TOML at a "+++" inside a
// multi-line string, silently making the rest of the front matter body.
// Decoding is strict and positional (yaml.v3 nodes, go-toml's parser),
// because general decoders forget positions and silently drop unknown keys.
package meta

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/runenames"
)

// Kind is the shape of a Node.
type Kind int

const (
	Scalar Kind = iota
	List
	Map
)

func (k Kind) String() string {
	switch k {
	case List:
		return "a list"
	case Map:
		return "a set of fields"
	}
	return "a single value"
}

// Node is one value of the front matter with its line in the file.
type Node struct {
	Kind   Kind
	Value  string // the scalar's text (Scalar only)
	Type   string // "string", "int", "float", "bool", "date", "null" (Scalar only)
	Items  []*Node
	Fields []Field
	Line   int
}

// Field is one key of a Map with the line of the key.
type Field struct {
	Key   string
	Line  int
	Value *Node
}

// Doc is a parsed file.
type Doc struct {
	Path      string
	Format    string // "yaml", "toml", or "" when the file has no front matter
	FrontLine int    // line of the opening delimiter (0 when none)
	Front     *Node  // nil when the file has no front matter
	Body      string
	BodyLine  int // line of the file on which Body starts
}

// Error is a problem decoding a file, with its position.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Errors is every problem found decoding one file, in line order.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// asError returns errs as an error: nil, the one *Error, or Errors.
func (es Errors) asError(path string) error {
	for _, e := range es {
		e.Path = path
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].Line < es[j].Line })
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return es
}

// add appends err (an *Error or Errors) to es.
func (es *Errors) add(err error) {
	var many Errors
	var one *Error
	switch {
	case err == nil:
	case errors.As(err, &many):
		*es = append(*es, many...)
	case errors.As(err, &one):
		*es = append(*es, one)
	default:
		*es = append(*es, &Error{Msg: err.Error()})
	}
}

// Normalize removes a UTF-8 byte-order mark and turns CRLF and lone CR line
// endings into LF. Lines keep their numbers.
func Normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// Parse splits data into front matter and body. When required is true a file
// without front matter is an error. data must already be Normalized.
//
// The front matter ends where its format says: for YAML at the first line
// that is "---" from its first column (a "---" indented inside a block of
// text is text), for TOML at the first "+++" line outside a multi-line
// string. Control characters, noncharacters and bidirectional controls are
// refused everywhere (see checkText), each at its line; so are YAML tags.
// When the file has several problems the error is Errors.
func Parse(path string, data []byte, required bool) (*Doc, error) {
	if !utf8.Valid(data) {
		return nil, &Error{Path: path, Line: firstInvalidLine(data), Msg: "the file is not valid UTF-8 text: save it as UTF-8"}
	}
	sp := splitFront(data)
	doc := &Doc{Path: path}
	if sp.format == "" {
		if required {
			return nil, &Error{Path: path, Line: 1, Msg: "no front matter: start the file with a line '---', the fields, and another '---' (see README, Formats)"}
		}
		doc.Body = string(data)
		doc.BodyLine = 1
		if errs := checkText(data, 1, false); len(errs) > 0 {
			return nil, errs.asError(path)
		}
		return doc, nil
	}
	if sp.close == 0 {
		sp.unclosed.Path = path
		return nil, sp.unclosed
	}
	doc.Format = sp.format
	doc.FrontLine = sp.open
	doc.BodyLine = sp.bodyLine
	doc.Body = string(sp.body)
	var errs Errors
	var n *Node
	var err error
	if sp.format == "yaml" {
		var y *yaml.Node
		n, y, err = decodeYAML(sp.front, sp.open)
		if err == nil {
			errs.add(blockScalarEnds(y, sp, yamlLines(sp.front, sp.open)))
		}
	} else {
		n, err = decodeTOML(sp.front, sp.open)
	}
	errs.add(err)
	errs = append(errs, checkText(sp.body, sp.bodyLine, false)...)
	if len(errs) > 0 {
		return nil, errs.asError(path)
	}
	if n == nil {
		n = &Node{Kind: Map, Line: sp.open}
	}
	if n.Kind != Map {
		return nil, &Error{Path: path, Line: n.Line, Msg: "front matter must be a set of 'key: value' fields"}
	}
	doc.Front = n
	return doc, nil
}

// frontSplit is a file cut into front matter and body.
type frontSplit struct {
	format      string // "yaml", "toml" or "" (no front matter)
	open, close int    // lines of the delimiters; close is 0 when never closed
	front, body []byte
	bodyLine    int
	unclosed    *Error // when close is 0: why
}

// splitFront finds the front matter of data: the first non-blank line opens
// it with "---" (YAML) or "+++" (TOML), and it ends where the format says
// (see Parse).
func splitFront(data []byte) frontSplit {
	var sp frontSplit
	open, openLine := firstLine(data)
	switch open {
	case "---":
		sp.format = "yaml"
	case "+++":
		sp.format = "toml"
	default:
		return sp
	}
	sp.open = openLine
	pos := 0 // the start of the line after the opening one
	for line := 1; line <= openLine && pos < len(data); line++ {
		if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
			pos += i + 1
		} else {
			pos = len(data)
		}
	}
	line := openLine + 1
	frontStart := pos
	var toml tomlStrings
	indented := 0 // a "  ---" line, for the hint when YAML is never closed
	for pos < len(data) {
		end := len(data)
		next := end
		if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
			end, next = pos+i, pos+i+1
		}
		l := string(data[pos:end])
		closes := false
		if sp.format == "yaml" {
			closes = strings.TrimRight(l, " \t") == "---"
			if !closes && indented == 0 && strings.TrimSpace(l) == "---" {
				indented = line
			}
		} else {
			closes = !toml.inside() && strings.TrimSpace(l) == "+++"
			if !closes {
				toml.scan(l, line)
			}
		}
		if closes {
			sp.close = line
			sp.front = data[frontStart:pos]
			sp.body = data[next:]
			sp.bodyLine = 1 + bytes.Count(data[:next], []byte("\n"))
			return sp
		}
		pos = next
		line++
	}
	delim := map[string]string{"yaml": "---", "toml": "+++"}[sp.format]
	msg := fmt.Sprintf("front matter opened with %q is never closed: add a line with only %q after the last field", delim, delim)
	at := openLine
	switch {
	case sp.format == "yaml" && indented > 0:
		msg += fmt.Sprintf(", at the start of the line (the \"---\" on line %d is indented, so it is text, not the end of the front matter)", indented)
	case sp.format == "toml" && toml.inside():
		at = toml.from
		msg = fmt.Sprintf("the multi-line string opened on this line with %s is never closed, so the front matter opened with \"+++\" on line %d never ends (a \"+++\" line inside the string is part of its text): close the string with %s", toml.quote(), openLine, toml.quote())
	}
	sp.unclosed = &Error{Line: at, Msg: msg}
	return sp
}

// tomlStrings follows TOML's multi-line strings across lines, so that a
// "+++" line inside one is known to be text.
type tomlStrings struct {
	state int // 0 outside, 1 in """...""", 2 in '''...'''
	from  int // line where the string opened
}

func (t *tomlStrings) inside() bool { return t.state != 0 }

func (t *tomlStrings) quote() string {
	if t.state == 2 {
		return "'''"
	}
	return `"""`
}

// scan reads one line of TOML, updating the state.
func (t *tomlStrings) scan(l string, line int) {
	for i := 0; i < len(l); {
		switch t.state {
		case 0:
			switch {
			case l[i] == '#':
				return
			case strings.HasPrefix(l[i:], `"""`):
				t.state, t.from = 1, line
				i += 3
			case strings.HasPrefix(l[i:], "'''"):
				t.state, t.from = 2, line
				i += 3
			case l[i] == '"':
				for i++; i < len(l) && l[i] != '"'; i++ {
					if l[i] == '\\' {
						i++
					}
				}
				i++
			case l[i] == '\'':
				for i++; i < len(l) && l[i] != '\''; i++ {
				}
				i++
			default:
				i++
			}
		case 1:
			switch {
			case l[i] == '\\':
				i += 2
			case strings.HasPrefix(l[i:], `"""`):
				i += 3
				for k := 0; k < 2 && i < len(l) && l[i] == '"'; k++ {
					i++
				}
				t.state = 0
			default:
				i++
			}
		case 2:
			if strings.HasPrefix(l[i:], "'''") {
				i += 3
				for k := 0; k < 2 && i < len(l) && l[i] == '\''; k++ {
					i++
				}
				t.state = 0
			} else {
				i++
			}
		}
	}
}

// keyLike matches a line that looks like a YAML field.
var keyLike = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:(\s|$)`)

// blockScalarEnds refuses a front matter whose last value is a block of
// text (key: | or key: >) when the "---" that ends it looks like part of that
// text: the lines after it are indented as the block's were, or are more
// fields followed by another "---". YAML ends the block, and the front
// matter, at any "---" at the start of a line; what followed would silently
// become the body.
func blockScalarEnds(y *yaml.Node, sp frontSplit, at func(int) int) error {
	if y == nil {
		return nil
	}
	key, keyLine := "", 0
	for {
		switch y.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			if len(y.Content) == 0 {
				return nil
			}
			y = y.Content[len(y.Content)-1]
			continue
		case yaml.MappingNode:
			if len(y.Content) < 2 {
				return nil
			}
			k := y.Content[len(y.Content)-2]
			key, keyLine = k.Value, at(k.Line)
			y = y.Content[len(y.Content)-1]
			continue
		}
		break
	}
	if y.Kind != yaml.ScalarNode || y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return nil
	}
	lines := strings.Split(string(sp.body), "\n")
	suspect := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		suspect = l[0] == ' ' || l[0] == '\t'
		break
	}
	if !suspect {
		fields := false
		for _, l := range lines {
			if strings.TrimRight(l, " \t") == "---" {
				suspect = fields
				break
			}
			fields = fields || keyLike.MatchString(l)
		}
	}
	if !suspect {
		return nil
	}
	return &Error{Line: sp.close, Msg: fmt.Sprintf("a \"---\" line inside the block of text of %q (line %d) ends the front matter here, and what follows becomes the body: indent the \"---\" to keep it in the text, or quote the text", key, keyLine)}
}

func firstLine(data []byte) (string, int) {
	line := 1
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		var l []byte
		if i < 0 {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		if t := strings.TrimSpace(string(l)); t != "" {
			return t, line
		}
		line++
	}
	return "", line
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

// decodeYAML turns YAML into a Node tree, and returns yaml.v3's document
// node too; offset is the line of the opening delimiter, so node line L in
// the block is file line offset+L, counted as this package counts lines (see
// yamlLines).
func decodeYAML(data []byte, offset int) (*Node, *yaml.Node, error) {
	if errs := checkText(data, offset+1, true); len(errs) > 0 {
		return nil, nil, errs
	}
	if errs := yamlDocuments(data, offset+1); len(errs) > 0 {
		return nil, nil, errs
	}
	at := yamlLines(data, offset)
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil, yamlError(err, at)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, nil, nil
	}
	d := yamlDecoder{at: at}
	n, err := d.node(root.Content[0], "", false)
	if err != nil {
		d.errs = append(d.errs, err.(*Error))
	}
	if len(d.errs) == 0 {
		d.errs = checkNode(n, "")
	}
	if len(d.errs) > 0 {
		return nil, nil, d.errs
	}
	return n, &root, nil
}

// yamlDocuments refuses the lines that would end the front matter's YAML
// document early, losing the fields after them: "..." (end of document) and
// "--- something" (a new document) at the start of a line. yaml.v3 reads
// only the first document of a stream.
func yamlDocuments(data []byte, first int) Errors {
	var errs Errors
	for i, l := range strings.Split(string(data), "\n") {
		for _, m := range []string{"---", "..."} {
			if rest, ok := strings.CutPrefix(l, m); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
				errs = append(errs, &Error{Line: first + i, Msg: fmt.Sprintf("a line starting with %q ends the front matter's YAML document here, and the fields after it would be lost: remove the line, or indent it or put it in quotes if it is part of a text", m)})
			}
		}
	}
	return errs
}

// yamlLines maps yaml.v3's line numbers to the file's. yaml.v3 (a port of
// libyaml, YAML 1.1) also breaks lines at NEL (U+0085), LS (U+2028) and PS
// (U+2029); the file's lines, like an editor's, break only at LF. Lines past
// the end of the block map to the block's last line.
func yamlLines(data []byte, offset int) func(int) int {
	file := []int{0, offset + 1} // file[L] is the file line of YAML line L
	n := offset + 1
	for _, r := range string(data) {
		switch r {
		case '\n':
			n++
			file = append(file, n)
		case '\u0085', '\u2028', '\u2029':
			file = append(file, n)
		}
	}
	return func(l int) int {
		switch {
		case l < 1:
			return offset
		case l >= len(file):
			return file[len(file)-1]
		}
		return file[l]
	}
}

// yamlError turns yaml.v3's error text into a positioned error. yaml.v3 has
// no structured position for syntax errors, only the "line N:" in its text.
func yamlError(err error, at func(int) int) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := at(0)
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				line = at(n)
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &Error{Line: line, Msg: "front matter is not valid YAML: " + msg + " (check indentation, and quote values that contain ': ' or start with a quote mark)"}
}

// yamlDecoder turns yaml.v3 nodes into Nodes; problems that do not stop
// the decoding (YAML tags) are collected in errs.
type yamlDecoder struct {
	at   func(int) int
	errs Errors
}

// name is the field the node belongs to ("" at the top), item whether it
// is an item of that field's list; both for messages.
func (d *yamlDecoder) node(y *yaml.Node, name string, item bool) (*Node, error) {
	line := d.at(y.Line)
	switch {
	case name == "":
		d.tag(y, "the front matter", "", line)
	case item:
		d.tag(y, fmt.Sprintf("an item of %q", name), "", line)
	default:
		d.tag(y, fmt.Sprintf("the value of %q", name), name, line)
	}
	switch y.Kind {
	case yaml.MappingNode:
		n := &Node{Kind: Map, Line: line}
		seen := map[string]int{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{Line: d.at(k.Line), Msg: "a key must be a plain name"}
			}
			d.tag(k, fmt.Sprintf("the key %q", k.Value), "", d.at(k.Line))
			if prev, dup := seen[k.Value]; dup {
				return nil, &Error{Line: d.at(k.Line), Msg: fmt.Sprintf("field %q is given twice (first on line %d): keep one", k.Value, prev)}
			}
			seen[k.Value] = d.at(k.Line)
			val, err := d.node(v, k.Value, false)
			if err != nil {
				return nil, err
			}
			n.Fields = append(n.Fields, Field{Key: k.Value, Line: d.at(k.Line), Value: val})
		}
		return n, nil
	case yaml.SequenceNode:
		n := &Node{Kind: List, Line: line}
		for _, c := range y.Content {
			val, err := d.node(c, name, true)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, val)
		}
		return n, nil
	case yaml.ScalarNode:
		t := "string"
		switch y.ShortTag() {
		case "!!int":
			t = "int"
		case "!!float":
			t = "float"
		case "!!bool":
			t = "bool"
		case "!!null":
			t = "null"
		case "!!timestamp":
			t = "date"
		}
		return &Node{Kind: Scalar, Value: y.Value, Type: t, Line: line}, nil
	case yaml.AliasNode:
		return nil, &Error{Line: line, Msg: "YAML aliases (*name) are not supported: write the value out"}
	}
	return nil, &Error{Line: line, Msg: "unsupported YAML construct"}
}

// tag refuses an explicit YAML tag (!!int, !!binary, !!str, !custom ...):
// the fields' types are the generator's to decide, and a tag either
// contradicts what the value looks like or silently turns it into text.
// what names the node in the message; name is the field it is the value of.
func (d *yamlDecoder) tag(y *yaml.Node, what, name string, line int) {
	if y.Style&yaml.TaggedStyle == 0 {
		return
	}
	tag := y.ShortTag()
	fix := "remove the tag"
	if y.Kind == yaml.ScalarNode && name != "" {
		v := y.Value
		if y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 || strings.ContainsAny(v, "\n\"':#") {
			v = strconv.Quote(v)
		}
		fix = fmt.Sprintf("remove the tag and write the value alone, in quotes if it is text (%s: %s)", name, v)
	}
	d.errs = append(d.errs, &Error{Line: line, Msg: fmt.Sprintf("%s has the YAML tag %s: tags are not accepted (each field's type is fixed); %s", what, tag, fix)})
}

// decodeTOML turns TOML into a Node tree. Values come from go-toml's decoder;
// the line of every key comes from its parser.
func decodeTOML(data []byte, offset int) (*Node, error) {
	if errs := checkText(data, offset+1, true); len(errs) > 0 {
		return nil, errs
	}
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, &Error{Line: offset + row, Msg: "front matter is not valid TOML: " + de.Error() + ` (text values need quotes: key = "value")`}
		}
		return nil, &Error{Line: offset, Msg: "front matter is not valid TOML: " + err.Error()}
	}
	lines := tomlLines(data)
	n := fromTOML(m, "", offset+1, offset, lines)
	if errs := checkNode(n, ""); len(errs) > 0 {
		return nil, errs
	}
	return n, nil
}

// keepParents gives the tables a [a.b.c] header opens implicitly (a, a.b)
// the header's line, unless they have one already.
func keepParents(lines map[string]int, key string, line int) {
	for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
		if _, ok := lines[key[:i]]; !ok {
			lines[key[:i]] = line
		}
	}
}

// tomlLines maps dotted key paths (array tables get [i]) to 1-based lines.
func tomlLines(data []byte) map[string]int {
	lines := map[string]int{}
	p := unstable.Parser{}
	p.Reset(data)
	prefix := ""
	counts := map[string]int{}
	keyOf := func(it unstable.Iterator) (string, int) {
		var parts []string
		line := 0
		for it.Next() {
			n := it.Node()
			if line == 0 {
				line = p.Shape(n.Raw).Start.Line
			}
			parts = append(parts, string(n.Data))
		}
		return strings.Join(parts, "."), line
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			k, l := keyOf(e.Key())
			prefix = k
			lines[k] = l
			keepParents(lines, k, l)
		case unstable.ArrayTable:
			k, l := keyOf(e.Key())
			keepParents(lines, k, l)
			if _, ok := lines[k]; !ok {
				lines[k] = l // the array itself: its first table's line
			}
			i := counts[k]
			counts[k] = i + 1
			prefix = fmt.Sprintf("%s[%d]", k, i)
			lines[prefix] = l
		case unstable.KeyValue:
			k, l := keyOf(e.Key())
			if prefix != "" {
				k = prefix + "." + k
			}
			lines[k] = l
		}
	}
	return lines
}

func fromTOML(v any, path string, line, offset int, lines map[string]int) *Node {
	if l, ok := lines[path]; ok {
		line = offset + l
	}
	switch x := v.(type) {
	case map[string]any:
		n := &Node{Kind: Map, Line: line}
		for k, val := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			child := fromTOML(val, p, line, offset, lines)
			n.Fields = append(n.Fields, Field{Key: k, Line: child.Line, Value: child})
		}
		sort.Slice(n.Fields, func(i, j int) bool {
			if n.Fields[i].Line != n.Fields[j].Line {
				return n.Fields[i].Line < n.Fields[j].Line
			}
			return n.Fields[i].Key < n.Fields[j].Key
		})
		return n
	case []any:
		n := &Node{Kind: List, Line: line}
		for i, item := range x {
			n.Items = append(n.Items, fromTOML(item, fmt.Sprintf("%s[%d]", path, i), line, offset, lines))
		}
		return n
	case []map[string]any:
		n := &Node{Kind: List, Line: line}
		for i, item := range x {
			n.Items = append(n.Items, fromTOML(item, fmt.Sprintf("%s[%d]", path, i), line, offset, lines))
		}
		return n
	case string:
		return &Node{Kind: Scalar, Type: "string", Value: x, Line: line}
	case bool:
		return &Node{Kind: Scalar, Type: "bool", Value: strconv.FormatBool(x), Line: line}
	case int64:
		return &Node{Kind: Scalar, Type: "int", Value: strconv.FormatInt(x, 10), Line: line}
	case float64:
		return &Node{Kind: Scalar, Type: "float", Value: strconv.FormatFloat(x, 'g', -1, 64), Line: line}
	case time.Time:
		return &Node{Kind: Scalar, Type: "date", Value: x.Format(time.RFC3339), Line: line}
	case toml.LocalDate:
		return &Node{Kind: Scalar, Type: "date", Value: x.String(), Line: line}
	case toml.LocalDateTime:
		return &Node{Kind: Scalar, Type: "date", Value: x.String(), Line: line}
	case toml.LocalTime:
		return &Node{Kind: Scalar, Type: "string", Value: x.String(), Line: line}
	}
	return &Node{Kind: Scalar, Type: "string", Value: fmt.Sprint(v), Line: line}
}

// Characters refused in contributor text. Tabs and line breaks are text;
// these are not, and most of them are invisible in an editor and in a
// review of the change:
//   - C0 and C1 control characters and DEL: they make the site's XML (RSS
//     feeds, sitemaps) ill-formed and mean nothing in text;
//   - noncharacters (U+FDD0-U+FDEF, and the last two of every plane,
//     U+FFFE, U+FFFF, U+1FFFE ...): not for interchange;
//   - bidirectional embeddings, overrides and isolates (U+202A-U+202E,
//     U+2066-U+2069): they make text display in another order than it is
//     written, so that what a reviewer reads is not what the text says.
//
// In front matter (ids, names, titles, quotes), the direction marks
// U+200E, U+200F and U+061C are refused too: invisible, and never needed
// in a field. Bodies and article text may keep them: right-to-left prose
// uses them, and they reorder nothing but the neutral characters beside
// them.

// badRune says what kind of refused character r is, or "" when it is
// accepted. front is true in front matter.
func badRune(r rune, front bool) string {
	switch {
	case r == '\t' || r == '\n':
		return ""
	case r < 0x20 || r == 0x7f || 0x80 <= r && r <= 0x9f:
		return "a control character"
	case 0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe && r <= unicode.MaxRune:
		return "a Unicode noncharacter"
	case 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069:
		return "an invisible bidirectional control, which makes text display in another order than it is written"
	case front && (r == 0x200e || r == 0x200f || r == 0x061c):
		return "an invisible direction mark"
	}
	return ""
}

// Clean returns s without the characters refused in contributor text
// (those of front matter, see badRune), for text that is shown on pages and
// in feeds but is not a contributor's file to refuse, such as commit
// messages and author names: control characters other than line feeds
// become spaces, the invisible ones are dropped.
func Clean(s string) string { return clean(s, true) }

// CleanBody is Clean for the text of a body or an article, which may keep
// the direction marks (see badRune), such as the text of a page imported
// as a source.
func CleanBody(s string) string { return clean(s, false) }

func clean(s string, front bool) string {
	bad := false
	for _, r := range s {
		if badRune(r, front) != "" {
			bad = true
			break
		}
	}
	if !bad {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch kind := badRune(r, front); {
		case kind == "a control character":
			return ' '
		case kind != "":
			return -1
		}
		return r
	}, s)
}

// maxCharProblems caps the problems reported about characters in one file.
const maxCharProblems = 20

// checkText reports the refused characters of data, whose first line is
// file line first: one problem per character and line.
func checkText(data []byte, first int, front bool) Errors {
	var errs Errors
	if isASCIIText(data) {
		return nil
	}
	where := "the text"
	if front {
		where = "the front matter"
	}
	line, more := first, 0
	seen := map[rune]bool{}
	for _, r := range string(data) {
		if r == '\n' {
			line++
			clear(seen)
			continue
		}
		kind := badRune(r, front)
		if kind == "" || seen[r] {
			continue
		}
		seen[r] = true
		if len(errs) == maxCharProblems {
			more++
			continue
		}
		errs = append(errs, &Error{Line: line, Msg: fmt.Sprintf("%s is not allowed in %s: it is %s; delete it (an editor may not show it: search for %s)", RuneName(r), where, kind, escape(r))})
	}
	if more > 0 {
		errs = append(errs, &Error{Line: errs[len(errs)-1].Line, Msg: fmt.Sprintf("and %d more such characters after this line: delete them all", more)})
	}
	return errs
}

// isASCIIText reports whether data holds only printable ASCII, tabs and
// line feeds (the common case, checked fast).
func isASCIIText(data []byte) bool {
	for _, c := range data {
		if c >= 0x7f || c < 0x20 && c != '\t' && c != '\n' {
			return false
		}
	}
	return true
}

// checkNode reports refused characters in the keys and values of a decoded
// front matter: those written as escapes ("\f", "\u202e"), which the
// check of the file's text does not see. name is the field n belongs to.
func checkNode(n *Node, name string) Errors {
	if n == nil {
		return nil
	}
	var errs Errors
	bad := func(s string, line int, what string) {
		var seen []rune
		for _, r := range s {
			if kind := badRune(r, true); kind != "" && !slices.Contains(seen, r) {
				seen = append(seen, r)
				errs = append(errs, &Error{Line: line, Msg: fmt.Sprintf("%s contains %s, %s (written as an escape such as %s): remove it", what, RuneName(r), kind, escapes(r))})
			}
		}
	}
	switch n.Kind {
	case Scalar:
		what := "the value"
		if name != "" {
			what = fmt.Sprintf("field %q", name)
		}
		bad(n.Value, n.Line, what)
	case List:
		for _, it := range n.Items {
			errs = append(errs, checkNode(it, name)...)
		}
	case Map:
		for _, f := range n.Fields {
			bad(f.Key, f.Line, fmt.Sprintf("the key %q", f.Key))
			errs = append(errs, checkNode(f.Value, f.Key)...)
		}
	}
	return errs
}

// escapes lists the ways YAML and TOML write r as an escape.
func escapes(r rune) string {
	short := map[rune]string{0: `\0`, 7: `\a`, 8: `\b`, 0xb: `\v`, 0xc: `\f`, 0x1b: `\e`, 0x85: `\N`}
	if s, ok := short[r]; ok {
		return s + " or " + escape(r)
	}
	return escape(r)
}

// escape writes r as a \u escape, as YAML, TOML and most editors' search
// take it.
func escape(r rune) string {
	if r > 0xffff {
		return fmt.Sprintf("\\U%08X", r)
	}
	return fmt.Sprintf("\\u%04X", r)
}

// c0Names are the names of the C0 control characters and DEL, which
// runenames calls only "<control>".
var c0Names = [...]string{
	"NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "BELL",
	"BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
	"DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK",
	"CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
}

// RuneName names a character for a message: "U+0430 CYRILLIC SMALL LETTER
// A", "U+000C FORM FEED".
func RuneName(r rune) string {
	name := runenames.Name(r)
	switch {
	case r < 0x20:
		name = c0Names[r]
	case r == 0x7f:
		name = "DELETE"
	case r == 0x85:
		name = "NEXT LINE"
	case 0x80 <= r && r <= 0x9f:
		name = "C1 CONTROL"
	case 0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe:
		name = "NONCHARACTER"
	case name == "" || strings.HasPrefix(name, "<"):
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}

// ForeignRune describes the first character of s that is not ASCII, for
// messages about ids and tags, which are ASCII only:
// `"а" (U+0430 CYRILLIC SMALL LETTER A), which looks like the Latin "a"`.
// It returns "" when s is all ASCII.
func ForeignRune(s string) string {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		d := RuneName(r)
		if unicode.IsGraphic(r) && !unicode.Is(unicode.Mn, r) {
			d = fmt.Sprintf("%q (%s)", string(r), d)
		}
		if l, ok := lookalikes[r]; ok {
			d += fmt.Sprintf(", which looks like the Latin %q", string(l))
		}
		return d
	}
	return ""
}

// SuggestID is a valid id close to s: letters of other scripts that look
// like Latin ones replaced by them, then Slug.
func SuggestID(s string) string {
	return Slug(strings.Map(func(r rune) rune {
		if l, ok := lookalikes[r]; ok {
			return l
		}
		return r
	}, s))
}

// IDAdvice says how to write an id that is not ValidID; ext is added to the
// example (".md" for a file name, "" for an id written in a field).
func IDAdvice(id, ext string) string {
	if c := ForeignRune(id); c != "" {
		return fmt.Sprintf("it contains %s: use only lower-case Latin letters a-z, digits and hyphens (e.g. %s%s)", c, SuggestID(id), ext)
	}
	return fmt.Sprintf("use lower-case letters, digits and hyphens (e.g. %s%s)", SuggestID(id), ext)
}

// lookalikes maps letters of other scripts to the Latin letters they are
// mistaken for (Cyrillic, Greek and fullwidth forms).
var lookalikes = func() map[rune]rune {
	m := map[rune]rune{}
	for latin, others := range map[rune]string{
		'a': "аα", 'b': "Ьβ", 'c': "сϲ", 'd': "ԁ", 'e': "еε", 'h': "һ", 'i': "іι", 'j': "ј", 'k': "κк",
		'l': "ӏ", 'n': "η", 'o': "оοσ", 'p': "рρ", 'q': "ԛ", 's': "ѕ", 't': "τ", 'u': "υ", 'v': "ν", 'w': "ԝω",
		'x': "хχ", 'y': "уγ",
		'A': "АΑ", 'B': "ВΒ", 'C': "С", 'E': "ЕΕ", 'H': "НΗ", 'K': "КΚ", 'M': "МΜ", 'N': "Ν", 'O': "ОΟ",
		'P': "РΡ", 'S': "Ѕ", 'T': "ТΤ", 'X': "ХΧ", 'Y': "ΥҮ", 'Z': "Ζ", 'J': "Ј", 'I': "ΙІ",
	} {
		for _, r := range others {
			m[r] = latin
		}
	}
	for r := rune(0); r < 26; r++ {
		m[0xff41+r] = 'a' + r
		m[0xff21+r] = 'A' + r
	}
	for r := rune(0); r < 10; r++ {
		m[0xff10+r] = '0' + r
	}
	return m
}()
