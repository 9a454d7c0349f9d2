// Package card draws share cards: the 1200×630 PNG images that social
// networks and messengers show when a page is shared (Open Graph's
// og:image, Twitter's summary_large_image).
//
// A claim's card shows its title, its rating (badge in the rating's colour,
// with its icon and label), who made the claim and the site's name; a
// person's card shows their name, role and scorecard. The cards are drawn
// with Go's image packages and the Go fonts shipped in fonts/ (BSD licence:
// fonts/LICENSE), which cover Latin (with the accents and letters such as ł
// of the corpus's names), Greek and Cyrillic. Drawing is deterministic: the
// same card gives the same bytes (on one architecture: floating-point
// rounding may differ between, say, amd64 and arm64).
package card

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// Width and Height are a card's size in pixels: Open Graph's recommended
// 1.91:1 at the size Facebook, LinkedIn and X show large.
const (
	Width  = 1200
	Height = 630
)

//go:embed fonts/Go-Regular.ttf
var regularTTF []byte

//go:embed fonts/Go-Bold.ttf
var boldTTF []byte

// Rating is a rating as a card shows it.
type Rating struct {
	Label  string
	Colour string // #rrggbb
	Icon   string // one of claims.Icons
}

// Claim is what a claim's card shows.
type Claim struct {
	Site   string // the site's name
	Kind   string // what the page is ("Fact check")
	Title  string
	Byline string // who made the claim ("Claim by …")
	Rating Rating
}

// Person is what a person's (or organisation's) card shows.
type Person struct {
	Site   string
	Kind   string // "Person", "Organisation"
	Name   string
	Role   string
	Total  string // "12 fact checks"
	Scores []Score
}

// Score is one row of a person's scorecard.
type Score struct {
	Rating Rating
	Count  int
}

// Site is the card of pages with none of their own (home, lists, sources,
// hand-written pages).
type Site struct {
	Site    string
	Tagline string
}

// A Painter draws cards. It is safe for concurrent use.
type Painter struct {
	regular, bold *sfnt.Font
}

// New parses the fonts.
func New() (*Painter, error) {
	regular, err := opentype.Parse(regularTTF)
	if err != nil {
		return nil, fmt.Errorf("card font: %w", err)
	}
	bold, err := opentype.Parse(boldTTF)
	if err != nil {
		return nil, fmt.Errorf("card font: %w", err)
	}
	return &Painter{regular: regular, bold: bold}, nil
}

// MaxMissing is the most letters Missing reports.
const MaxMissing = 20

// Missing returns the letters of s that the cards' fonts cannot draw (each
// once, in order; at most MaxMissing), so that a title can be warned of
// before it shows boxes. Controls and invisible format characters (zero
// width spaces and joiners, direction marks), which cards leave out, are
// not counted.
func (p *Painter) Missing(s string) []rune {
	var buf sfnt.Buffer
	var out []rune
	seen := map[rune]bool{}
	for _, r := range norm.NFC.String(s) {
		if seen[r] || invisible(r) {
			continue
		}
		seen[r] = true
		if !p.has(&buf, r) {
			out = append(out, r)
			if len(out) == MaxMissing {
				break
			}
		}
	}
	return out
}

// has reports whether both fonts have a glyph for r.
func (p *Painter) has(buf *sfnt.Buffer, r rune) bool {
	for _, f := range []*sfnt.Font{p.regular, p.bold} {
		if i, err := f.GlyphIndex(buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// invisible reports whether r is a control or format character: nothing a
// card should draw or measure.
func invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// clean is s as a card draws it: composed (NFC, so that a letter and its
// accent are one glyph), without controls and format characters, and with
// a box (□) for each letter the fonts lack, so that what is measured is
// what is drawn.
func (p *Painter) clean(s string) string {
	var buf sfnt.Buffer
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case invisible(r):
		case p.has(&buf, r):
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// A combining mark the fonts lack: left out.
		default:
			b.WriteRune(box)
		}
	}
	return b.String()
}

func (p *Painter) cleanAll(fields ...*string) {
	for _, f := range fields {
		*f = p.clean(*f)
	}
}

// box stands for a letter the fonts lack.
const box = '□'

// Colours of the cards: the site's ink and muted text on white.
var (
	paper = color.RGBA{0xff, 0xff, 0xff, 0xff}
	ink   = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	muted = color.RGBA{0x4d, 0x4d, 0x4d, 0xff}
	track = color.RGBA{0xe6, 0xe6, 0xe6, 0xff}
)

// Layout, in pixels.
const (
	margin = 72
	stripe = 18 // the coloured band down the left edge
	textW  = Width - 2*margin
)

// canvas is a card being drawn, straight into a paletted image: flat
// areas are one palette index, and only edge pixels blend (fill). Faces
// are made for each card, as they are not safe for concurrent use.
type canvas struct {
	p     *Painter
	img   *image.Paletted
	index map[color.RGBA]uint8
	// blends are, per colour drawn, the palette index of each step of it
	// over each palette colour (-1: not yet worked out).
	blends map[color.RGBA]*[256 * levels]int16
	faces  map[string]font.Face
}

func (p *Painter) canvas() *canvas {
	c := &canvas{p: p, img: image.NewPaletted(image.Rect(0, 0, Width, Height), color.Palette{paper}), index: map[color.RGBA]uint8{paper: 0}, blends: map[color.RGBA]*[256 * levels]int16{}, faces: map[string]font.Face{}}
	return c
}

// colour is the palette index of col, added when new. A card has far
// fewer than 256 colours (edges are quantized: levels); were it to have
// more, the nearest colour already in the palette stands in.
func (c *canvas) colour(col color.RGBA) uint8 {
	if i, ok := c.index[col]; ok {
		return i
	}
	if len(c.img.Palette) == 256 {
		return uint8(c.img.Palette.Index(col))
	}
	i := uint8(len(c.img.Palette))
	c.img.Palette = append(c.img.Palette, col)
	c.index[col] = i
	return i
}

func (c *canvas) face(bold bool, size float64) font.Face {
	key := strconv.FormatBool(bold) + strconv.FormatFloat(size, 'f', -1, 64)
	if f, ok := c.faces[key]; ok {
		return f
	}
	f := c.p.regular
	if bold {
		f = c.p.bold
	}
	// The sizes used are fixed and the fonts parsed, so this cannot fail.
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err)
	}
	c.faces[key] = face
	return face
}

func (c *canvas) rect(r image.Rectangle, col color.RGBA) {
	r = r.Intersect(c.img.Bounds())
	i := c.colour(col)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := c.img.Pix[c.img.PixOffset(r.Min.X, y):c.img.PixOffset(r.Max.X, y)]
		for x := range row {
			row[x] = i
		}
	}
}

// text draws s with its baseline's left end at (x, y), kerned as the
// font says (what font.Drawer does, with each glyph's coverage quantized:
// see fill). Every string drawn has been cleaned (clean): the fonts have
// each of its letters.
func (c *canvas) text(face font.Face, col color.RGBA, x, y int, s string) {
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, mp, adv, _ := face.Glyph(dot, r)
		if a, isAlpha := mask.(*image.Alpha); isAlpha && !dr.Empty() {
			c.fill(dr, a, mp, col)
		}
		dot.X += adv
		prev = r
	}
}

// levels is how many steps of coverage an edge pixel can have: 16 keeps
// text and shapes smooth to the eye, and the whole card within 256
// colours, so that it is stored as a paletted PNG (a quarter of the bytes
// of RGB to compress, and several times smaller).
const levels = 16

// fill draws col through the coverage mask (from mp) into r, with the
// coverage rounded to one of levels steps. What a step of col over each
// palette colour gives is worked out once per card (blends): most pixels
// are the same few cases.
func (c *canvas) fill(r image.Rectangle, mask *image.Alpha, mp image.Point, col color.RGBA) {
	r = r.Intersect(c.img.Bounds())
	table := c.blends[col]
	if table == nil {
		table = new([256 * levels]int16)
		for i := range table {
			table[i] = -1
		}
		c.blends[col] = table
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			a := int(mask.AlphaAt(mp.X+x-r.Min.X, mp.Y+y-r.Min.Y).A)
			if a == 0 {
				continue
			}
			step := (a*(levels-1) + 127) / 255
			i := c.img.PixOffset(x, y)
			key := int(c.img.Pix[i])*levels + step
			if table[key] < 0 {
				a := step * 255 / (levels - 1)
				under := c.img.Palette[c.img.Pix[i]].(color.RGBA)
				table[key] = int16(c.colour(color.RGBA{blend(under.R, col.R, a), blend(under.G, col.G, a), blend(under.B, col.B, a), 0xff}))
			}
			c.img.Pix[i] = uint8(table[key])
		}
	}
}

// blend is dst with src over it at coverage a (0-255).
func blend(dst, src uint8, a int) uint8 {
	return uint8((int(dst)*(255-a) + int(src)*a + 127) / 255)
}

func width(face font.Face, s string) int {
	return font.MeasureString(face, s).Ceil()
}

// encode writes the card as a paletted PNG, compressed at deflate's
// fastest level: twice as fast as its default (about 11 against 21 ms a
// card on this project's 2-core machine) for a fifth more bytes (33 against
// 27 KB for a four-line title), which matters at 100,000 claims.
func (c *canvas) encode() ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, c.img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// wrap breaks s into lines no wider than w, at most max of them. When s
// does not fit, the last line ends at a space with an ellipsis; a word
// wider than a line is broken between letters.
func wrap(face font.Face, s string, w, max int) (lines []string, cut bool) {
	words := strings.Fields(s)
	var line string
	for i := 0; i < len(words); i++ {
		word := words[i]
		try := word
		if line != "" {
			try = line + " " + word
		}
		if width(face, try) <= w {
			line = try
			continue
		}
		if line == "" { // one word wider than the line: break it
			head, tail := fit(face, word, w)
			lines = append(lines, head)
			words[i] = tail
			i--
		} else {
			lines = append(lines, line)
			line = ""
			i--
		}
		if len(lines) == max {
			return ellipsis(face, lines, w), true
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > max {
		return ellipsis(face, lines[:max], w), true
	}
	return lines, false
}

// fit splits word where its head (at least one letter) is as wide as w
// allows.
func fit(face font.Face, word string, w int) (head, tail string) {
	n := 0
	for i := range word {
		if i > 0 && width(face, word[:i]) > w {
			break
		}
		n = i
	}
	if n == 0 {
		_, size := utf8.DecodeRuneInString(word)
		n = size
	}
	return word[:n], word[n:]
}

// ellipsis ends the last of lines with "…", dropping words from its end
// (and a dangling comma, colon or dash) until it fits in w.
func ellipsis(face font.Face, lines []string, w int) []string {
	last := lines[len(lines)-1]
	for {
		t := strings.TrimRight(last, " ,;:–—-") + "…"
		if width(face, t) <= w {
			lines[len(lines)-1] = t
			return lines
		}
		i := strings.LastIndexByte(last, ' ')
		if i <= 0 {
			head, _ := fit(face, last, w-width(face, "…"))
			lines[len(lines)-1] = head + "…"
			return lines
		}
		last = last[:i]
	}
}

// line draws s on one line no wider than w, ending it with an ellipsis
// when it does not fit.
func (c *canvas) line(face font.Face, col color.RGBA, x, y, w int, s string) {
	lines, _ := wrap(face, s, w, 1)
	if len(lines) > 0 {
		c.text(face, col, x, y, lines[0])
	}
}

// header draws the site's name and the page's kind at the top.
func (c *canvas) header(site, kind string) {
	name := c.face(true, 40)
	c.text(name, ink, margin, 110, site)
	if kind != "" {
		x := margin + width(name, site) + 24
		c.line(c.face(false, 32), muted, x, 110, Width-margin-x, kind)
	}
}

// Claim draws a claim's card.
func (p *Painter) Claim(cl Claim) ([]byte, error) {
	p.cleanAll(&cl.Site, &cl.Kind, &cl.Title, &cl.Byline, &cl.Rating.Label)
	c := p.canvas()
	colour := parseColour(cl.Rating.Colour)
	c.rect(image.Rect(0, 0, stripe, Height), colour)
	c.header(cl.Site, cl.Kind)

	// The rating badge: icon and label on the rating's colour.
	label := c.face(true, 40)
	fg := onColour(colour)
	const badgeY, badgeH, pad, icon = 150, 76, 22, 40
	bw := pad + icon + 16 + width(label, cl.Rating.Label) + pad + 6
	bw = min(bw, textW)
	c.roundRect(margin, badgeY, bw, badgeH, 12, colour)
	c.icon(cl.Rating.Icon, margin+pad, badgeY+(badgeH-icon)/2, icon, fg)
	c.line(label, fg, margin+pad+icon+16, badgeY+52, bw-(pad+icon+16)-pad, cl.Rating.Label)

	// The title, as large as fits in four lines or fewer.
	const top, bottom = 262, 520
	var lines []string
	var face font.Face
	var lh int
	for _, size := range []float64{64, 56, 48} {
		face = c.face(true, size)
		lh = int(size * 1.2)
		var cut bool
		lines, cut = wrap(face, cl.Title, textW, (bottom-top)/lh)
		if !cut {
			break
		}
	}
	y := top + face.Metrics().Ascent.Ceil()
	for _, l := range lines {
		c.text(face, ink, margin, y, l)
		y += lh
	}
	// Who made the claim: one line, or two when it is long (an unnamed
	// source and the outlet that reported it).
	by := c.face(false, 30)
	lines, _ = wrap(by, cl.Byline, textW, 2)
	y = 578
	if len(lines) == 2 {
		y = 562
	}
	for _, l := range lines {
		c.text(by, muted, margin, y, l)
		y += 36
	}
	return c.encode()
}

// Person draws a person's card: name, role, and their claims by rating.
func (p *Painter) Person(pe Person) ([]byte, error) {
	p.cleanAll(&pe.Site, &pe.Kind, &pe.Name, &pe.Role, &pe.Total)
	pe.Scores = append([]Score(nil), pe.Scores...)
	for i := range pe.Scores {
		p.cleanAll(&pe.Scores[i].Rating.Label)
	}
	c := p.canvas()
	c.rect(image.Rect(0, 0, stripe, Height), ink)
	c.header(pe.Site, pe.Kind)
	name := c.face(true, 64)
	if width(name, pe.Name) > textW {
		name = c.face(true, 52)
	}
	c.line(name, ink, margin, 210, textW, pe.Name)
	y := 262
	if pe.Role != "" {
		c.line(c.face(false, 32), muted, margin, y, textW, pe.Role)
		y += 48
	}
	c.line(c.face(true, 32), ink, margin, y, textW, pe.Total)

	most := 0
	for _, s := range pe.Scores {
		most = max(most, s.Count)
	}
	label := c.face(true, 30)
	count := c.face(true, 30)
	labelW := 0
	for _, s := range pe.Scores {
		labelW = max(labelW, width(label, s.Rating.Label))
	}
	const rowH, icon = 50, 30
	barX := margin + icon + 14 + labelW + 28
	barW := Width - margin - 90 - barX
	rows := 630 - 40 - len(pe.Scores)*rowH
	for i, s := range pe.Scores {
		colour := parseColour(s.Rating.Colour)
		ry := rows + i*rowH
		c.icon(s.Rating.Icon, margin, ry+(rowH-icon)/2-4, icon, colour)
		c.text(label, colour, margin+icon+14, ry+30, s.Rating.Label)
		c.roundRect(barX, ry+8, barW, 26, 6, track)
		if s.Count > 0 && most > 0 {
			c.roundRect(barX, ry+8, max(26, barW*s.Count/most), 26, 6, colour)
		}
		c.text(count, ink, barX+barW+24, ry+30, strconv.Itoa(s.Count))
	}
	return c.encode()
}

// Site draws the site's own card.
func (p *Painter) Site(s Site) ([]byte, error) {
	p.cleanAll(&s.Site, &s.Tagline)
	c := p.canvas()
	c.rect(image.Rect(0, 0, stripe, Height), ink)
	name := c.face(true, 120)
	c.line(name, ink, margin, 300, textW, s.Site)
	face := c.face(false, 44)
	lines, _ := wrap(face, s.Tagline, textW, 3)
	y := 390
	for _, l := range lines {
		c.text(face, muted, margin, y, l)
		y += 56
	}
	return c.encode()
}

func parseColour(s string) color.RGBA {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 {
		return ink
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// onColour is the text colour for a background: white where it contrasts
// enough (WCAG's 4.5:1), the ink otherwise.
func onColour(bg color.RGBA) color.RGBA {
	if (1.05)/(luminance(bg)+0.05) >= 4.5 {
		return paper
	}
	return ink
}

func luminance(c color.RGBA) float64 {
	ch := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}
