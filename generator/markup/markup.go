// Package markup says whether contributor Markdown is safe to render, with
// the line of every problem, and holds the one converter that renders it.
//
// goldmark, the Markdown renderer, takes time quadratic in the nesting of
// block quotes and lists and in runs of unmatched inline openers ("[a](",
// "[[[[", "![](", backticks) within one paragraph, and a GFM table pads every
// short row to the header's width: a 2 MiB file could take minutes to render,
// or render to gigabytes. Check refuses such text in one pass over it, before
// anything renders it; with its bounds, any text it accepts renders in time
// and output proportional to its length. Check also finds, from goldmark's own
// parse, the links the renderer would drop (any scheme but http, https and
// mailto) and the images it refuses (from other sites, or data: URLs).
//
// The converter New returns enforces the same link and image policy on its
// own, whatever Check said: a dropped link keeps its text, without <a>; a
// refused image keeps its alternative text.
package markup

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

// The bounds Check enforces. Each is far above what prose needs (the largest
// analysis on the site is 3.5 KB) and low enough that the worst text within
// them renders in well under a second (see BenchmarkWorst).
const (
	// MaxBody is the size of a Markdown body, in bytes: a claim's analysis
	// or a person's biography.
	MaxBody = 128 << 10
	// MaxDepth is how deep block quotes and list items may nest, counted
	// together ("> - > -" is four levels).
	MaxDepth = 16
	// MaxBrackets is the number of '[' (the openers of links and images)
	// in one paragraph, heading or table row.
	MaxBrackets = 64
	// MaxCodeRuns is the number of runs of backticks (each opening or
	// closing a code span) in one paragraph, heading or table row.
	MaxCodeRuns = 128
	// MaxDelims is the number of emphasis and strike-through characters
	// ('*', '_', '~') in one paragraph, heading or table row.
	MaxDelims = 512
	// MaxAngles is the number of '<' (autolinks, HTML) in one paragraph,
	// heading or table row.
	MaxAngles = 256
	// MaxColumns is the number of columns of a table.
	MaxColumns = 64
	// MaxPadding is the number of cells, in a whole text, that tables
	// add to rows shorter than their header.
	MaxPadding = 1024
)

// Problem is one thing wrong with the text, on the line of the file given.
type Problem struct {
	Line    int // line of the file (firstLine is the text's first line)
	Warning bool
	Msg     string
}

// Report adds Check's problems with text, the Markdown of path starting on
// line firstLine of the file, to probs.
func Report(probs *diag.List, path, text string, firstLine int) {
	for _, p := range Check(text, firstLine) {
		if p.Warning {
			probs.Warnf(path, p.Line, "%s", p.Msg)
		} else {
			probs.Errorf(path, p.Line, "%s", p.Msg)
		}
	}
}

// Check says what is wrong with text, Markdown whose first line is line
// firstLine of its file: errors (the text must not be rendered) and
// warnings (links the renderer drops). It takes time linear in the text.
func Check(text string, firstLine int) []Problem {
	if firstLine < 1 {
		firstLine = 1
	}
	if len(text) > MaxBody {
		return []Problem{{Line: firstLine, Msg: fmt.Sprintf("the text is %d KiB, over the limit of %d KiB: shorten it, or split it", (len(text)+1023)/1024, MaxBody/1024)}}
	}
	probs := Structure(text, firstLine)
	if len(probs) > 0 {
		return probs
	}
	return append(probs, links(text, firstLine)...)
}

// Structure checks what makes rendering slow or large (nesting, inline
// openers, tables) in one pass over text, whatever its size; Check adds the
// size limit and the links. Hand-written pages, which Hugo renders, are
// checked with Check as well.
func Structure(text string, firstLine int) []Problem {
	var s scanner
	s.first = firstLine
	for n := 0; ; n++ {
		line, rest, more := strings.Cut(text, "\n")
		s.line(strings.TrimSuffix(line, "\r"), n)
		if !more {
			break
		}
		text = rest
	}
	return s.probs
}

// A container is an open block quote or list item.
type container struct {
	quote  bool
	indent int // list item: the columns its content is indented by
}

type scanner struct {
	first int
	probs []Problem
	stack []container // open containers, at most MaxDepth+1 kept

	para                           bool // a paragraph is open
	brackets, codeRuns, delims, lt int  // counts in the current paragraph
	fence                          bool // in a fenced code block
	fenceDepth, fenceLen           int
	fenceChar                      byte
	table                          int // columns of the table being read, 0 when none
	padding                        int // cells added to short rows, whole text
	prevCells                      int // cells of the previous line, were it a table header
	reported                       map[string]bool
	tb                             []bool // per position: the rest of the line is a thematic break
}

func (s *scanner) problem(n int, kind, format string, args ...any) {
	if s.reported[kind] {
		return
	}
	if s.reported == nil {
		s.reported = map[string]bool{}
	}
	s.reported[kind] = true
	s.probs = append(s.probs, Problem{Line: s.first + n, Msg: fmt.Sprintf(format, args...)})
}

// spaces returns the position after the spaces and tabs from i, and the
// columns they take starting at column col.
func spaces(line string, i, col int) (int, int) {
	c := col
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			c++
		case '\t':
			c += 4 - c%4
		default:
			return i, c - col
		}
	}
	return i, c - col
}

// advance consumes w columns of whitespace from i (a tab may be consumed in
// part: it then counts whole, which only shortens what follows).
func advance(line string, i, col, w int) (int, int) {
	for w > 0 && i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		d := 1
		if line[i] == '\t' {
			d = 4 - col%4
		}
		i, col, w = i+1, col+d, w-d
	}
	return i, col
}

func blank(s string) bool {
	return strings.TrimLeft(s, " \t") == ""
}

// breaks marks, for each position of line, whether the rest of the line is
// a thematic break (three or more '-', '*' or '_', alone but for spaces).
func (s *scanner) breaks(line string) []bool {
	if cap(s.tb) < len(line)+1 {
		s.tb = make([]bool, len(line)+1)
	}
	tb := s.tb[:len(line)+1]
	var ch byte
	count, ok := 0, true
	tb[len(line)] = false
	for i := len(line) - 1; i >= 0; i-- {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
		case ok && (c == '-' || c == '*' || c == '_') && (ch == 0 || ch == c):
			ch = c
			count++
		default:
			ok = false
		}
		tb[i] = ok && count >= 3
	}
	return tb
}

// marker returns the width of a list marker at i ("-", "+", "*", or up to
// nine digits and "." or ")"), followed by a space, a tab or the end of the
// line; 0 if there is none.
func marker(line string, i int) int {
	if i >= len(line) {
		return 0
	}
	w := 0
	switch c := line[i]; {
	case c == '-' || c == '+' || c == '*':
		w = 1
	case c >= '0' && c <= '9':
		for w < 9 && i+w < len(line) && line[i+w] >= '0' && line[i+w] <= '9' {
			w++
		}
		if i+w >= len(line) || (line[i+w] != '.' && line[i+w] != ')') {
			return 0
		}
		w++
	default:
		return 0
	}
	if i+w < len(line) && line[i+w] != ' ' && line[i+w] != '\t' {
		return 0
	}
	return w
}

// line reads line number n (0-based) of the text.
func (s *scanner) line(line string, n int) {
	i, col := 0, 0
	isBlank := blank(line)
	// Containers already open that this line continues.
	matched := 0
	for matched < len(s.stack) {
		c := s.stack[matched]
		if c.quote {
			j, w := spaces(line, i, col)
			if w > 3 || j >= len(line) || line[j] != '>' {
				break
			}
			i, col = j+1, col+w+1
			if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i, col = advance(line, i, col, 1)
			}
		} else if !isBlank {
			if _, w := spaces(line, i, col); w < c.indent {
				break
			}
			i, col = advance(line, i, col, c.indent)
		}
		matched++
	}
	if s.fence && s.fenceDepth > matched {
		s.fence = false
	}
	// Containers this line opens.
	depth, opened := matched, 0
	var tb []bool
	for !s.fence {
		j, w := spaces(line, i, col)
		if w > 3 || j >= len(line) {
			break
		}
		if line[j] == '>' {
			s.open(matched, opened, container{quote: true})
			opened++
			i, col = j+1, col+w+1
			if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i, col = advance(line, i, col, 1)
			}
			continue
		}
		m := marker(line, j)
		if m == 0 {
			break
		}
		if tb == nil {
			tb = s.breaks(line)
		}
		if tb[j] {
			break
		}
		k, after := spaces(line, j+m, col+w+m)
		if k >= len(line) || after > 4 {
			after = 1
		}
		s.open(matched, opened, container{indent: w + m + after})
		opened++
		i, col = advance(line, j+m, col+w+m, after)
	}
	depth += opened
	closed := false
	if opened == 0 && matched < len(s.stack) && !(s.para && !isBlank) {
		s.stack = s.stack[:matched] // lazy continuation lines keep them open
		closed = true
	}
	if depth > MaxDepth {
		s.problem(n, "depth", "block quotes and lists nested %d deep: nest at most %d levels", depth, MaxDepth)
	}
	rest := line[i:]
	if opened > 0 || closed || blank(rest) {
		s.endBlock()
	}
	j, w := spaces(rest, 0, col)
	body := rest[j:]
	// Fenced code is not Markdown.
	if s.fence {
		after := strings.TrimLeft(body, string(s.fenceChar))
		if w <= 3 && len(body)-len(after) >= s.fenceLen && blank(after) {
			s.fence = false
		}
		return
	}
	if blank(rest) || w >= 4 && !s.para {
		return // nothing, or indented code
	}
	if w <= 3 && (strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~")) {
		s.endBlock()
		s.fence, s.fenceDepth, s.fenceChar = true, len(s.stack), body[0]
		s.fenceLen = len(body) - len(strings.TrimLeft(body, body[:1]))
		return
	}
	heading := w <= 3 && atxHeading(body)
	if heading {
		s.endBlock()
	}
	// Tables: a delimiter row under a header row of as many cells; each
	// row is then parsed on its own.
	cells := tableCells(body)
	if s.table == 0 && s.para && s.prevCells > 0 && delimiterRow(body) && cells == s.prevCells {
		if cells > MaxColumns {
			s.problem(n, "columns", "table of %d columns: tables may have at most %d", cells, MaxColumns)
		}
		s.table = cells
		s.resetCounts()
		return
	}
	if s.table > 0 {
		if cells < s.table {
			s.padding += s.table - cells
			if s.padding > MaxPadding {
				s.problem(n, "padding", "table rows are %d cells short of their header, in all, over the limit of %d: give each row the header's number of cells", s.padding, MaxPadding)
			}
		}
		s.resetCounts()
	}
	s.prevCells = cells
	s.para = true
	s.count(body, n)
	if heading {
		s.endBlock()
	}
}

// atxHeading says whether line starts with 1 to 6 '#' and a space, a tab
// or its end.
func atxHeading(line string) bool {
	k := len(line) - len(strings.TrimLeft(line, "#"))
	return k >= 1 && k <= 6 && (k == len(line) || line[k] == ' ' || line[k] == '\t')
}

// open adds a container at depth matched+opened, closing the ones this line
// did not continue; past MaxDepth+1 levels only the count is kept.
func (s *scanner) open(matched, opened int, c container) {
	if opened == 0 {
		s.stack = s.stack[:matched]
	}
	if len(s.stack) <= MaxDepth {
		s.stack = append(s.stack, c)
	}
}

// endBlock ends the paragraph or table being read.
func (s *scanner) endBlock() {
	s.para = false
	s.resetCounts()
	s.table, s.prevCells = 0, 0
}

func (s *scanner) resetCounts() {
	s.brackets, s.codeRuns, s.delims, s.lt = 0, 0, 0, 0
}

// count adds line's inline openers to the paragraph's counts.
func (s *scanner) count(line string, n int) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			if i+1 < len(line) && line[i+1] != '`' && util.IsPunct(line[i+1]) {
				i++
			}
		case '[':
			s.brackets++
		case '`':
			s.codeRuns++
			for i+1 < len(line) && line[i+1] == '`' {
				i++
			}
		case '*', '_', '~':
			s.delims++
		case '<':
			s.lt++
		}
	}
	if s.brackets > MaxBrackets {
		s.problem(n, "brackets", "%d '[' in one paragraph, over the limit of %d (each may open a link or an image): split the paragraph, or write a literal bracket as \\[", s.brackets, MaxBrackets)
	}
	if s.codeRuns > MaxCodeRuns {
		s.problem(n, "code", "%d runs of backticks in one paragraph, over the limit of %d: split the paragraph, or write a literal backtick as \\`", s.codeRuns, MaxCodeRuns)
	}
	if s.delims > MaxDelims {
		s.problem(n, "delims", "%d '*', '_' and '~' in one paragraph, over the limit of %d: split the paragraph, or escape literal ones as \\*, \\_ and \\~", s.delims, MaxDelims)
	}
	if s.lt > MaxAngles {
		s.problem(n, "angles", "%d '<' in one paragraph, over the limit of %d: split the paragraph, or write a literal one as \\<", s.lt, MaxAngles)
	}
}

// tableCells returns the number of cells line would have as a table row.
func tableCells(line string) int {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, "\\|") {
		line = line[:len(line)-1]
	}
	cells := 1
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			cells++
		}
	}
	return cells
}

// delimiterRow says whether line is a table's delimiter row ("|---|:-:|").
func delimiterRow(line string) bool {
	line = strings.TrimSpace(line)
	if !strings.Contains(line, "-") {
		return false
	}
	return strings.Trim(line, "|-: \t") == ""
}

// New returns the converter for contributor Markdown: CommonMark with GFM and
// typographic punctuation, raw HTML off, links to any scheme but http, https
// and mailto dropped (their text kept), and images only from site paths.
// goldmark does not say a converter is safe for concurrent use: use one per
// goroutine.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(policy{}, 100))),
	)
}

// links finds the links the renderer drops and the images it refuses.
// parsers keeps converters for links: making one costs more than parsing
// most texts.
var parsers = sync.Pool{New: func() any { return New() }}

func links(md string, firstLine int) []Problem {
	// A link or an image needs "[" or "<"; an autolink "www.", "://" or
	// "@". Text without them (most analyses) is not parsed again.
	if !strings.ContainsAny(md, "[<@") && !strings.Contains(md, "www.") && !strings.Contains(md, "://") {
		return nil
	}
	src := []byte(md)
	md2 := parsers.Get().(goldmark.Markdown)
	defer parsers.Put(md2)
	doc := md2.Parser().Parse(text.NewReader(src))
	// Lines start at these offsets.
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	lineOf := func(n ast.Node) int {
		p := n.Pos()
		for q := n.Parent(); p < 0 && q != nil; q = q.Parent() {
			p = q.Pos()
			if p < 0 && q.Type() == ast.TypeBlock && q.Lines().Len() > 0 {
				p = q.Lines().At(0).Start
			}
		}
		if p < 0 {
			return firstLine
		}
		lo, hi := 0, len(starts)
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if starts[mid] <= p {
				lo = mid
			} else {
				hi = mid
			}
		}
		return firstLine + lo
	}
	var probs []Problem
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !LinkAllowed(string(n.Destination)) {
				probs = append(probs, Problem{Line: lineOf(n), Warning: true, Msg: fmt.Sprintf("link to %s dropped: links must be http(s), mailto or site paths (/claims/…)", quoteURL(shown(string(n.Destination))))})
			}
		case *ast.AutoLink:
			if url := autoURL(n, src); !LinkAllowed(url) {
				probs = append(probs, Problem{Line: lineOf(n), Warning: true, Msg: fmt.Sprintf("link to %s dropped: links must be http(s), mailto or site paths (/claims/…)", quoteURL(url))})
			}
		case *ast.Image:
			if !ImageAllowed(string(n.Destination)) {
				dest := shown(string(n.Destination))
				why := "images from other sites are not allowed (the site's Content-Security-Policy blocks them and they track readers); put the image in static/ and use a site path"
				if scheme(dest) == "data" {
					why = "data: images are not allowed; put the image in static/ and use a site path"
				} else if s := scheme(dest); s != "" && s != "http" && s != "https" {
					why = "images must be files of the site; put the image in static/ and use a site path"
				}
				probs = append(probs, Problem{Line: lineOf(n), Msg: fmt.Sprintf("image from %s : %s", short(dest), why)})
			}
		}
		return ast.WalkContinue, nil
	})
	return probs
}

// autoURL is the address an autolink points to, as the renderer writes it.
func autoURL(n *ast.AutoLink, src []byte) string {
	url := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
		url = "mailto:" + url
	}
	return url
}

// short quotes a URL for a message, cut to 60 bytes.
func short(url string) string {
	if len(url) > 60 {
		cut := 57
		for cut > 0 && !utf8Start(url[cut]) {
			cut--
		}
		url = url[:cut] + "…"
	}
	return strings.ToValidUTF8(strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, url), "")
}

func quoteURL(url string) string { return `"` + short(url) + `"` }

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// scheme returns the lower-case scheme of url as a browser reads it (tabs
// and line breaks removed, leading spaces and control characters trimmed),
// or "" for a relative URL.
func scheme(url string) string {
	url = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, url)
	url = strings.TrimLeft(url, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	for i := 0; i < len(url); i++ {
		c := url[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(url[:i])
		default:
			return ""
		}
	}
	return ""
}

// network says whether a relative URL names another host ("//host/…";
// browsers read backslashes as slashes).
func network(url string) bool {
	url = strings.TrimLeft(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, url), "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	return len(url) >= 2 && (url[0] == '/' || url[0] == '\\') && (url[1] == '/' || url[1] == '\\')
}

// forms returns the ways a destination may be read: as written, with
// entity and numeric references and backslash escapes resolved, and as each
// of those is written into the page (goldmark's URL escaping drops some
// control characters, which would join "java\tscript:").
func forms(dest string) [4]string {
	b := []byte(dest)
	resolved := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
	return [4]string{dest, string(resolved), string(util.URLEscape(b, true)), string(util.URLEscape(b, false))}
}

// Shown is a destination as a message shows it: references resolved.
func shown(dest string) string { return forms(dest)[1] }

// LinkAllowed says whether the renderer keeps a link to dest (a link's
// destination as written in the Markdown): http, https, mailto, and
// relative URLs (site paths, #fragments), however dest is read.
func LinkAllowed(dest string) bool {
	for _, f := range forms(dest) {
		switch scheme(f) {
		case "", "http", "https", "mailto":
		default:
			return false
		}
	}
	return true
}

// ImageAllowed says whether the renderer keeps an image from dest: only
// relative URLs of this site (no scheme, no other host).
func ImageAllowed(dest string) bool {
	if strings.TrimSpace(dest) == "" {
		return false
	}
	for _, f := range forms(dest) {
		if scheme(f) != "" || network(f) {
			return false
		}
	}
	return true
}

// policy renders links, autolinks and images by the policy of LinkAllowed
// and ImageAllowed, in place of goldmark's own renderers.
type policy struct{}

func (policy) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, renderLink)
	r.Register(ast.KindAutoLink, renderAutoLink)
	r.Register(ast.KindImage, renderImage)
}

func renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !LinkAllowed(string(n.Destination)) {
		return ast.WalkContinue, nil // the text alone
	}
	if entering {
		w.WriteString(`<a href="`)
		w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
		w.WriteByte('"')
		writeTitle(w, n.Title)
		w.WriteByte('>')
	} else {
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	label := util.EscapeHTML(n.Label(src))
	url := autoURL(n, src)
	if !LinkAllowed(url) {
		w.Write(label)
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	w.Write(util.EscapeHTML(util.URLEscape([]byte(url), false)))
	w.WriteString(`">`)
	w.Write(label)
	w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	var alt bytes.Buffer
	altText(&alt, src, n)
	if !ImageAllowed(string(n.Destination)) {
		w.Write(util.EscapeHTML(alt.Bytes()))
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<img src="`)
	w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
	w.WriteString(`" alt="`)
	w.Write(util.EscapeHTML(alt.Bytes()))
	w.WriteByte('"')
	writeTitle(w, n.Title)
	w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

// writeTitle writes a link's or image's title attribute, if it has one.
func writeTitle(w util.BufWriter, title []byte) {
	if title != nil {
		w.WriteString(` title="`)
		html.DefaultWriter.Write(w, title)
		w.WriteByte('"')
	}
}

// altText writes the plain text of n's descendants.
func altText(b *bytes.Buffer, src []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
		case *ast.String:
			b.Write(c.Value)
		default:
			altText(b, src, c)
		}
	}
}
