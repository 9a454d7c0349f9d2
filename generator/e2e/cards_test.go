package e2e

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShareCards opens a few claim and person pages and the home page in
// Chromium, follows each page's og:image and screenshots the card at full
// size: the browser must get a PNG of 1200×630 that shows, pixel for pixel,
// the card published in public/. The screenshots are kept in
// $E2E_SCREENSHOTS when it is set (to look at), in a temporary folder
// otherwise.
func TestShareCards(t *testing.T) {
	script := filepath.Join(repoRoot(t), "testtools", "cards.mjs")
	nodePackage(t, "playwright-core")
	chrome := chromium(t)
	public, base := publishedSite(t)
	pages := []string{
		"/claims/lopez-obrador-no-information-on-russian-spies/",               // Contradicted, a long title
		"/claims/nyt-officials-moscow-reassigned-expelled-officers-to-mexico/", // unnamed, as reported by
		"/claims/abbasi-mexico-took-part-in-russias-independence-day-parade/",  // Distorted
		"/people/mohammed-abbasi/",                                             // a scorecard
		"/",                                                                    // the site's card
	}
	shots := os.Getenv("E2E_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(pages)
	out := run(t, repoRoot(t), []string{"CHROMIUM=" + chrome}, "node", script, base, string(js), shots)
	var got []struct {
		Page, Image, Alt, Type, Shot string
		Status, Width, Height        int
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "["):]), &got); err != nil {
		t.Fatalf("cards.mjs: %v\n%s", err, out)
	}
	if len(got) != len(pages) {
		t.Fatalf("%d cards seen, want %d", len(got), len(pages))
	}
	for _, g := range got {
		u, err := url.Parse(g.Image)
		if err != nil || !u.IsAbs() {
			t.Errorf("%s: og:image %q is not an absolute address", g.Page, g.Image)
			continue
		}
		if g.Status != 200 || g.Type != "image/png" || g.Width != 1200 || g.Height != 630 || g.Alt == "" {
			t.Errorf("%s: card %s: status %d, %s, %dx%d, alt %q", g.Page, g.Image, g.Status, g.Type, g.Width, g.Height, g.Alt)
			continue
		}
		shot := decodePNG(t, g.Shot)
		card := decodePNG(t, filepath.Join(public, filepath.FromSlash(u.Path)))
		if shot.Bounds() != card.Bounds() {
			t.Errorf("%s: screenshot %v, card %v", g.Page, shot.Bounds(), card.Bounds())
			continue
		}
		// The browser shows the card as published: every pixel within a
		// step or two of rounding (colour management may nudge them).
		off := 0
		for y := 0; y < 630; y++ {
			for x := 0; x < 1200; x++ {
				r1, g1, b1, _ := shot.At(x, y).RGBA()
				r2, g2, b2, _ := card.At(x, y).RGBA()
				if diff(r1, r2) > 3<<8 || diff(g1, g2) > 3<<8 || diff(b1, b2) > 3<<8 {
					off++
				}
			}
		}
		if off > 0 {
			t.Errorf("%s: %d of the screenshot's pixels differ from the card's", g.Page, off)
		}
		t.Logf("%s: %s, alt %q, screenshot %s", g.Page, g.Image, g.Alt, g.Shot)
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
