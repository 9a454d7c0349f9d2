package card

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Found by a hostile review of the cards (each failed before its fix).

// A title with letters the fonts lack (emoji, CJK, combining marks, zero-width
// characters: check only warns of them) is measured with one advance (the
// font's .notdef, or 0) and drawn with another (U+FFFD's): its lines run past
// the right margin and off the card, and the ellipsis never comes.
func TestMissingLettersStayOnCard(t *testing.T) {
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{
		"Claim about " + strings.Repeat("😀", 200),
		"Claim about a" + strings.Repeat("\u0301", 200),
		"Claim about " + strings.Repeat("習", 200),
		"Claim about " + strings.Repeat("\u200b", 200),
		"CONTROL (passes) " + strings.Repeat("wordy ", 200) + strings.Repeat("W", 300),
	} {
		b, err := p.Claim(Claim{Site: "Fuente", Kind: "Fact check", Title: title, Byline: "Claim by X", Rating: Rating{Label: "False", Colour: "#aa3311", Icon: "cross"}})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
	rows:
		for y := 262; y < 520; y++ {
			for x := Width - margin + 8; x < Width; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); r != 0xffff || g != 0xffff || bl != 0xffff {
					t.Errorf("%.30q: ink at (%d,%d), in the right margin: the title is wider than the text column", title, x, y)
					break rows
				}
			}
		}
	}
}

// Missing reports each letter once and at most MaxMissing of them, however
// long the title (a 2 MiB title of distinct letters the fonts lack once made
// check run for minutes: BenchmarkMissing).
func TestMissingIsBounded(t *testing.T) {
	p, _ := New()
	var b strings.Builder
	for r := rune(0x4e00); r < 0x4e00+6000; r++ {
		b.WriteRune(r)
	}
	s := strings.Repeat(b.String(), 10)
	m := p.Missing(s)
	if len(m) != MaxMissing || m[0] != 0x4e00 || m[MaxMissing-1] != 0x4e00+MaxMissing-1 {
		t.Errorf("Missing = %q, want the first %d letters", string(m), MaxMissing)
	}
	// What a card draws has nothing the fonts lack: boxes stand in.
	for _, s := range []string{s[:300], "a\u0301 b\u200b c\u202e d😀 e\x07", "Łódź"} {
		if m := p.Missing(p.clean(s)); len(m) > 0 {
			t.Errorf("clean(%.20q) keeps %q, which the fonts lack", s, string(m))
		}
	}
	if got := p.clean("a\u0301 b\u200bc \u202e😀"); got != "á bc □" {
		t.Errorf("clean = %q, want the accent composed, invisible characters left out and a box for the emoji", got)
	}
}

func BenchmarkMissing(b *testing.B) {
	p, _ := New()
	var sb strings.Builder
	for r := rune(0x4e00); r < 0x4e00+20000; r++ {
		sb.WriteRune(r)
	}
	s := sb.String()
	for b.Loop() {
		p.Missing(s)
	}
}

// Prune deletes every file in the cache folder that this build did not use
// and that is a month old, and every ".tmp-*" file whatever its age: with
// -cache pointing at a folder that is not only the cache (a typo, -cache .,
// -cache ~), a build deletes the user's own files; and two builds sharing the
// cache delete each other's temporary files mid-write.
func TestPruneOnlyCards(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-60 * 24 * time.Hour)
	mine := filepath.Join(dir, "thesis.txt")
	other := filepath.Join(dir, ".tmp-123") // another build's card, being written now
	for _, f := range []string{mine, other} {
		if err := os.WriteFile(f, []byte("keep"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(mine, old, old)
	c := OpenCache(dir)
	if c == nil {
		t.Fatal("no cache")
	}
	c.Prune(30 * 24 * time.Hour)
	for _, f := range []string{mine, other} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("Prune removed %s, which is not a card it wrote (or is another build's, in progress)", filepath.Base(f))
		}
	}
}
