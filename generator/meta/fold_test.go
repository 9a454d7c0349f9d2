package meta

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"López Obrador", "Lopez Obrador"},
		{"Lech Wałęsa", "Lech Walesa"},
		{"ŁÓDŹ", "LODZ"},
		{"Straße ẞ", "Strasse SS"},
		{"ą ę ř ș ț ğ ş ţ ő ů", "a e r s t g s t o u"},
		{"Đorđević Ðuro", "Dordevic Duro"},
		{"Søren Ærø Œuvre Þór Ħal ı", "Soren AEro OEuvre THor Hal i"},
		{"İstanbul", "Istanbul"},
		{"Lo\u0301pez", "Lopez"},                     // NFD: combining acute
		{"Wa\u0142e\u0328sa", "Walesa"},              // NFD ogonek
		{"sharp\u00adly", "sharply"},                 // soft hyphen
		{"ﬁnal ﬂow", "final flow"},                   // ligatures
		{"Ελληνικά Кириллица", "Ελληνικα Кириллица"}, // accents of other alphabets too
		{"東京 (Tōkyō)", "東京 (Tokyo)"},
		{"plain ASCII, kept", "plain ASCII, kept"},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(norm.NFD.String(tt.in)); got != tt.want {
			t.Errorf("Fold(NFD %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Fold is FoldRune of each character, so that callers can keep an offset
// map, and NFC and NFD forms of any text fold alike.
func TestFoldRuneByRune(t *testing.T) {
	var all strings.Builder
	for r := rune(0x20); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	for _, r := range []rune{0xac00, 0xd7a3, 0x1e9e, 0xfb01, 0x1f600, 0xfeff} {
		all.WriteRune(r)
	}
	s := all.String()
	var b strings.Builder
	for _, r := range s {
		b.WriteString(FoldRune(r))
	}
	if got := Fold(s); got != b.String() {
		t.Error("Fold differs from FoldRune character by character")
	}
	if Fold(norm.NFD.String(s)) != Fold(norm.NFC.String(s)) {
		for _, r := range s {
			c := string(r)
			if Fold(norm.NFD.String(c)) != Fold(norm.NFC.String(c)) {
				t.Errorf("%U: NFD folds to %q, NFC to %q", r, Fold(norm.NFD.String(c)), Fold(norm.NFC.String(c)))
			}
		}
	}
}

func TestSlugKeepsLetters(t *testing.T) {
	for in, want := range map[string]string{
		"Wałęsa":                 "walesa",
		"Lech Wa\u0142e\u0328sa": "lech-walesa",
		"Straße":                 "strasse",
		"Łódź, Ørsted & Æsir":    "lodz-orsted-aesir",
		"Ștefan Țiriac, Ğ":       "stefan-tiriac-g",
		"Jose\u0301 Marti\u0301": "jose-marti",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
