package card

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

func painter(t testing.TB) *Painter {
	t.Helper()
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var contradicted = Rating{Label: "Contradicted", Colour: "#b3261e", Icon: "cross"}

// long is a title far longer than a card holds, of wide letters.
var long = strings.Repeat("WMW Mexico’s “unusual” diplomatic boost to Russia, Łódź and Санкт-Петербург — ", 6)

func TestWrap(t *testing.T) {
	p := painter(t)
	c := p.canvas()
	face := c.face(true, 40)
	for _, tc := range []struct {
		name, s string
		w, max  int
		lines   int
		cut     bool
	}{
		{"fits", "A short title", 1000, 3, 1, false},
		{"wraps", "one two three four five six seven eight nine ten", 300, 5, 4, false},
		{"cut at a space", "one two three four five six seven eight nine ten", 300, 2, 2, true},
		{"a word wider than the line", "Supercalifragilisticexpialidocious", 200, 6, -1, false},
		{"empty", "", 300, 3, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, cut := wrap(face, tc.s, tc.w, tc.max)
			if (tc.lines >= 0 && len(lines) != tc.lines) || (tc.lines < 0 && len(lines) < 2) || cut != tc.cut {
				t.Fatalf("wrap(%q) = %q (cut %v): want %d lines, cut %v", tc.s, lines, cut, tc.lines, tc.cut)
			}
			for _, l := range lines {
				if width(face, l) > tc.w {
					t.Errorf("line %q is %d wide, over %d", l, width(face, l), tc.w)
				}
			}
			if !cut {
				if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(tc.s, " ", "") {
					t.Errorf("lines %q lose text of %q", lines, tc.s)
				}
				return
			}
			last := lines[len(lines)-1]
			if !strings.HasSuffix(last, "…") {
				t.Fatalf("cut text %q does not end with an ellipsis", last)
			}
			// The ellipsis follows a whole word: what is shown is the
			// start of the text, ending at a space of it.
			shown := strings.Join(lines, " ")
			shown = strings.TrimSuffix(shown, "…")
			if !strings.HasPrefix(tc.s, shown) || tc.s[len(shown)] != ' ' {
				t.Errorf("cut at %q, not at a space of %q", shown, tc.s)
			}
		})
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, Width, Height) {
		t.Fatalf("card is %v, want %dx%d", img.Bounds(), Width, Height)
	}
	return img
}

func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// TestClaimCard draws a claim's card twice (the same bytes), and finds in
// it the rating's colour down the edge and in the badge, white (the icon
// and label) on the badge, and the title in ink within its area however
// long the title is.
func TestClaimCard(t *testing.T) {
	p := painter(t)
	cl := Claim{Site: "Fuente", Kind: "Fact check", Title: long, Byline: "Claim by current and former U.S. and Western intelligence officials, as reported by The New York Times", Rating: contradicted}
	a, err := p.Claim(cl)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := p.Claim(cl)
	if !bytes.Equal(a, b) {
		t.Fatal("the same card drawn twice differs")
	}
	img := decode(t, a)
	if _, ok := img.(*image.Paletted); !ok {
		t.Errorf("card is a %T, want a paletted image", img)
	}
	red := color.RGBA{0xb3, 0x26, 0x1e, 0xff}
	if got := rgba(img.At(5, 300)); got != red {
		t.Errorf("edge is %v, want the rating's colour %v", got, red)
	}
	badge := count(img, image.Rect(72, 150, 600, 226))
	if badge[red] < 5000 || badge[paper] < 300 {
		t.Errorf("badge has %d pixels of the rating's colour and %d white: want its background and its label", badge[red], badge[paper])
	}
	if title := count(img, image.Rect(72, 262, 1128, 520)); title[ink] < 20000 {
		t.Errorf("title area has %d pixels of ink", title[ink])
	}
	// Nothing between the title's last line and the byline: the title
	// stopped at four lines.
	if gap := count(img, image.Rect(72, 522, 1128, 534)); gap[paper] != 1056*12 {
		t.Errorf("the title runs into the byline: %d of %d pixels white below it", gap[paper], 1056*12)
	}
	if len(a) > 64<<10 {
		t.Errorf("card of a long title weighs %d bytes, over 64 KB", len(a))
	}
}

func count(img image.Image, r image.Rectangle) map[color.RGBA]int {
	out := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			out[rgba(img.At(x, y))]++
		}
	}
	return out
}

// TestColours: the label is white on the site's dark rating colours, and
// ink on a pale one, where white would not be read.
func TestColours(t *testing.T) {
	for _, tc := range []struct {
		bg   string
		want color.RGBA
	}{
		{"#1f7a4d", paper}, {"#2f5f98", paper}, {"#7d5700", paper}, {"#a8481a", paper}, {"#b3261e", paper},
		{"#ffd60a", ink}, {"#e0e0e0", ink},
	} {
		if got := onColour(parseColour(tc.bg)); got != tc.want {
			t.Errorf("on %s: %v, want %v", tc.bg, got, tc.want)
		}
	}
}

func TestPersonAndSiteCards(t *testing.T) {
	p := painter(t)
	scores := []Score{{Rating{"Corroborated", "#1f7a4d", "check"}, 1}, {Rating{"Attributed only", "#2f5f98", "scale"}, 0}, {Rating{"Unsupported", "#a8481a", "question"}, 8}}
	b, err := p.Person(Person{Site: "Fuente", Kind: "Person", Name: "Mohammed Abbasi", Role: "Author", Total: "9 fact checks", Scores: scores})
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	// The longest bar is the one of the most claims, in its colour.
	orange := color.RGBA{0xa8, 0x48, 0x1a, 0xff}
	rows := count(img, image.Rect(500, 0, 1000, Height))
	if rows[orange] < 10000 || rows[track] < 10000 {
		t.Errorf("scorecard bars: %d pixels of Unsupported's colour, %d of the empty track", rows[orange], rows[track])
	}
	s, err := p.Site(Site{Site: "Fuente", Tagline: "Fact checks of claims about Russian intelligence activity in Mexico."})
	if err != nil {
		t.Fatal(err)
	}
	decode(t, s)
}

func TestMissing(t *testing.T) {
	p := painter(t)
	if m := p.Missing("Andrés Manuel López Obrador, Łukasz Wałęsa, Владимир Путин, Αλέξης Τσίπρας, Ştefan, “quoted” — 1–2…"); len(m) != 0 {
		t.Errorf("the fonts lack %q", string(m))
	}
	if m := p.Missing("習近平 and 習"); string(m) != "習近平" {
		t.Errorf("Missing = %q, want each letter the fonts lack once", string(m))
	}
}

func TestLabels(t *testing.T) {
	var probs diag.List
	l := LoadLabels("../..", "en", &probs)
	if len(probs) > 0 || l.Claim == "" || l.Checks(1) != "1 fact check" || l.Checks(12) != "12 fact checks" {
		t.Fatalf("the site's labels: %+v, problems %v", l, probs)
	}
	for _, tc := range []struct{ file, want string }{
		{"[card_claim]\nother = \"Fact check\"\n", "i18n/xx.toml: card_claimant is missing"},
		{"card_claim = \"Fact check\"\ncard_claimant = \"Claim by {{ .Name \"\n", "i18n/xx.toml:2: card_claimant is not a valid template"},
		{"[card_checks]\nother = \"{{ .Count }} checks\"\n", "i18n/xx.toml:1: card_checks (its one form) is missing"},
	} {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
		os.WriteFile(filepath.Join(dir, "i18n", "xx.toml"), []byte(tc.file), 0o644)
		var probs diag.List
		LoadLabels(dir, "xx", &probs)
		found := false
		for _, p := range probs {
			found = found || strings.HasPrefix(p.String(), tc.want)
		}
		if !found {
			t.Errorf("%q: problems %v, want one starting %q", tc.file, probs, tc.want)
		}
	}
}

// TestCache: a card is drawn once and then read from the folder; a
// damaged entry is drawn again; Prune removes what no build used for long,
// and keeps what this one used.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	c := OpenCache(dir)
	if c == nil {
		t.Fatal("no cache")
	}
	drawn := 0
	draw := func() ([]byte, error) {
		drawn++
		return painter(t).Site(Site{Site: "Fuente"})
	}
	a, _ := c.draw("site", "x", draw)
	b, _ := c.draw("site", "x", draw)
	if drawn != 1 || !bytes.Equal(a, b) {
		t.Fatalf("drawn %d times for two uses of one card", drawn)
	}
	if _, err := c.draw("site", "y", draw); err != nil || drawn != 2 {
		t.Fatalf("another card: drawn %d times", drawn)
	}
	entry := filepath.Join(dir, c.key("site", "x"))
	os.WriteFile(entry, []byte("damaged"), 0o644)
	if got, _ := c.draw("site", "x", draw); drawn != 3 || !bytes.Equal(got, a) {
		t.Errorf("a damaged entry was used (drawn %d times)", drawn)
	}
	// A new build uses only "x"; "y" was last used long ago.
	old := time.Now().Add(-60 * 24 * time.Hour)
	os.Chtimes(filepath.Join(dir, c.key("site", "y")), old, old)
	os.Chtimes(entry, old, old)
	c2 := OpenCache(dir)
	c2.draw("site", "x", draw)
	c2.Prune(30 * 24 * time.Hour)
	if _, err := os.Stat(entry); err != nil {
		t.Errorf("the card this build used was pruned: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, c.key("site", "y"))); err == nil {
		t.Error("a card unused for 60 days was kept")
	}
	var nothing *Cache
	if _, err := nothing.draw("site", "x", draw); err != nil {
		t.Error(err)
	}
	nothing.Prune(0)
}

func BenchmarkClaim(b *testing.B) {
	p := painter(b)
	cl := Claim{Site: "Fuente", Kind: "Fact check", Title: "Andrés Manuel López Obrador says Mexico has no information on Russian spies operating in the country", Byline: "Claim by Andrés Manuel López Obrador", Rating: contradicted}
	for b.Loop() {
		if _, err := p.Claim(cl); err != nil {
			b.Fatal(err)
		}
	}
}
