// Package meta splits a contributor's file into front matter and body, and
// decodes the front matter (YAML or TOML) into a tree that keeps the line of
// every key and value, so that every later problem can name its line.
//
// Delimiting is done by github.com/adrg/frontmatter; decoding is strict and
// positional (yaml.v3 nodes, go-toml's parser), because the library's default
// decoders forget positions and silently drop unknown keys.
package meta

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
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

type captured struct {
	format string
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*captured)
		c.format = format
		c.data = append([]byte(nil), data...)
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
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
func Parse(path string, data []byte, required bool) (*Doc, error) {
	if !utf8.Valid(data) {
		return nil, &Error{Path: path, Line: firstInvalidLine(data), Msg: "the file is not valid UTF-8 text: save it as UTF-8"}
	}
	open, openLine := firstLine(data)
	var c captured
	rest, err := frontmatter.Parse(bytes.NewReader(data), &c, formats...)
	if err != nil {
		return nil, &Error{Path: path, Line: openLine, Msg: err.Error()}
	}
	doc := &Doc{Path: path}
	if c.format == "" {
		if open == "---" || open == "+++" {
			return nil, &Error{Path: path, Line: openLine, Msg: fmt.Sprintf("front matter opened with %q is never closed: add a line with only %q after the last field", open, open)}
		}
		if required {
			return nil, &Error{Path: path, Line: 1, Msg: "no front matter: start the file with a line '---', the fields, and another '---' (see README, Formats)"}
		}
		doc.Body = string(data)
		doc.BodyLine = 1
		return doc, nil
	}
	doc.Format = c.format
	doc.FrontLine = openLine
	doc.BodyLine = 1 + bytes.Count(data[:len(data)-len(rest)], []byte("\n"))
	doc.Body = string(rest)
	var n *Node
	if c.format == "yaml" {
		n, err = decodeYAML(c.data, openLine)
	} else {
		n, err = decodeTOML(c.data, openLine)
	}
	if err != nil {
		var me *Error
		if errors.As(err, &me) {
			me.Path = path
		}
		return nil, err
	}
	if n == nil {
		n = &Node{Kind: Map, Line: openLine}
	}
	if n.Kind != Map {
		return nil, &Error{Path: path, Line: n.Line, Msg: "front matter must be a set of 'key: value' fields"}
	}
	doc.Front = n
	return doc, nil
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

// decodeYAML turns YAML into a Node tree; offset is the line of the opening
// delimiter, so node line L in the block is file line offset+L, counted as
// this package counts lines (see yamlLines).
func decodeYAML(data []byte, offset int) (*Node, error) {
	at := yamlLines(data, offset)
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(err, at)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, nil
	}
	return fromYAML(root.Content[0], at)
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

func fromYAML(y *yaml.Node, at func(int) int) (*Node, error) {
	line := at(y.Line)
	switch y.Kind {
	case yaml.MappingNode:
		n := &Node{Kind: Map, Line: line}
		seen := map[string]int{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{Line: at(k.Line), Msg: "a key must be a plain name"}
			}
			if prev, dup := seen[k.Value]; dup {
				return nil, &Error{Line: at(k.Line), Msg: fmt.Sprintf("field %q is given twice (first on line %d): keep one", k.Value, prev)}
			}
			seen[k.Value] = at(k.Line)
			val, err := fromYAML(v, at)
			if err != nil {
				return nil, err
			}
			n.Fields = append(n.Fields, Field{Key: k.Value, Line: at(k.Line), Value: val})
		}
		return n, nil
	case yaml.SequenceNode:
		n := &Node{Kind: List, Line: line}
		for _, c := range y.Content {
			val, err := fromYAML(c, at)
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

// decodeTOML turns TOML into a Node tree. Values come from go-toml's decoder;
// the line of every key comes from its parser.
func decodeTOML(data []byte, offset int) (*Node, error) {
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
	return fromTOML(m, "", offset+1, offset, lines), nil
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
		case unstable.ArrayTable:
			k, l := keyOf(e.Key())
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
