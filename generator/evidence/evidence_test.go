package evidence

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

func TestFind(t *testing.T) {
	text := "CIA Director William Burns said his agency is “sharply focused” on Russia’s expanding footprint — in Mexico. … So they’re looking"
	tests := []struct {
		quote string
		want  string // the original text found; "" when not found
	}{
		{"William Burns said", "William Burns said"},
		{`is "sharply focused" on Russia's`, "is “sharply focused” on Russia’s"},
		{"WILLIAM   BURNS\n said", "William Burns said"},
		{"footprint - in Mexico", "footprint — in Mexico"},
		{"Mexico. ... So they're", "Mexico. … So they’re"},
		{"deeply focused", ""},
		{"", ""},
		{"   ", ""},
	}
	n := Normalize(text)
	for _, tt := range tests {
		sp, ok := n.Find(tt.quote)
		got := ""
		if ok {
			got = text[sp.Start:sp.End]
		}
		if got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.quote, got, tt.want)
		}
	}
}

func TestFindAccents(t *testing.T) {
	text := "President Andrés Manuel López Obrador said"
	sp, ok := Normalize(text).Find("Andres Manuel Lopez Obrador")
	if !ok || text[sp.Start:sp.End] != "Andrés Manuel López Obrador" {
		t.Fatalf("accent-insensitive find failed: %v %q", ok, text[sp.Start:sp.End])
	}
}

func TestClosest(t *testing.T) {
	paras := []string{
		"Mexico’s response",
		"CIA Director William Burns said earlier this month that his agency and the U.S. government are “sharply focused” on Russia’s expanding footprint in Mexico.",
	}
	p, ok := Closest("the U.S. government are deeply focused on Russia's growing footprint", paras)
	if !ok || p.Index != 1 {
		t.Fatalf("Closest found %+v, want paragraph 1", p)
	}
	want := "the U.S. government are “sharply focused” on Russia’s expanding footprint"
	if p.Text != want {
		t.Errorf("Closest text = %q, want %q", p.Text, want)
	}
	if p.Score <= 0.5 || p.Score >= 1 {
		t.Errorf("score = %v, want between 0.5 and 1", p.Score)
	}
	if _, ok := Closest("", paras); ok {
		t.Error("Closest of an empty quote found something")
	}
}

// A quote longer than MaxClosestWords is placed by its first words: the
// suggestion is the passage those words match.
func TestClosestLongQuote(t *testing.T) {
	var head []string
	for i := range MaxClosestWords {
		head = append(head, fmt.Sprintf("w%d", i))
	}
	quote := strings.Join(head, " ") + strings.Repeat(" tail words the source never had", 100)
	texts := []string{"an unrelated paragraph", "before " + strings.Join(head, " ") + " after"}
	p, ok := Closest(quote, texts)
	if !ok || p.Index != 1 || p.Text != strings.Join(head, " ") || p.Score != 1 {
		t.Errorf("Closest = %+v, %v; want the %d matching words of paragraph 1, score 1", p, ok, MaxClosestWords)
	}
}

// slowNormalize is Normalize without its ASCII fast path: every rune goes
// through the general mapping. The fast path must give the same result.
func slowNormalize(s string) string {
	var b strings.Builder
	space := true
	for _, r := range s {
		if r == utf8.RuneError {
			continue
		}
		var out string
		if m, ok := runeMap[r]; ok {
			out = m
		} else if unicode.IsSpace(r) {
			out = " "
		} else {
			out = strings.ToLower(meta.Fold(string(r)))
		}
		if out == "" {
			continue
		}
		if out == " " {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteString(out)
	}
	return strings.TrimSuffix(b.String(), " ")
}

func TestNormalizeASCIIFastPath(t *testing.T) {
	const alphabet = "aZ m\t\n\r\v\f`'\".,-:;!?0Q“’é—…"
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		rs := []rune(alphabet)
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteRune(rs[r.IntN(len(rs))])
		}
		s := b.String()
		got := Normalize(s)
		if want := slowNormalize(s); got.Norm != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got.Norm, want)
		}
		if len(got.Orig) != len(got.Norm)+1 {
			t.Fatalf("Normalize(%q): %d offsets for %d bytes", s, len(got.Orig), len(got.Norm))
		}
	}
}

func TestFindWholeWords(t *testing.T) {
	text := "It was this unusual move. They’re ready: 1,500 agents, the U.S. said; Russia’s footprint grew; a usual move."
	tests := []struct {
		quote string
		want  string // the original text found; "" when not found on word boundaries
		cut   Cut    // for quotes found only cut
	}{
		{"usual move", "usual move", 0}, // the second, whole-word occurrence
		{"this unusual", "this unusual", 0},
		{"unusual mov", "", CutEnd},
		{"re ready", "", CutStart},
		{"’re ready", "", CutStart},
		{"They’", "", CutEnd},
		{"They're ready", "They’re ready", 0},
		{"500 agents", "", CutStart},
		{"1,5", "", CutEnd},
		{"1,500 agents", "1,500 agents", 0},
		{"s footprint", "", CutStart},
		{"Russia's footprint", "Russia’s footprint", 0},
		{"ready: 1,500", "ready: 1,500", 0},
		{"agents, the", "agents, the", 0},
		{"t was", "", CutStart},
	}
	n := Normalize(text)
	for _, tt := range tests {
		sp, ok := n.Find(tt.quote)
		got := ""
		if ok {
			got = text[sp.Start:sp.End]
		}
		if got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.quote, got, tt.want)
		}
		if tt.cut != 0 {
			o, ok := n.Search(Normalize(tt.quote).Norm)
			if !ok || o.Cut != tt.cut {
				t.Errorf("Search(%q) = %+v, %v; want cut %v", tt.quote, o, ok, tt.cut)
			}
		}
		// A Source finds the same.
		l := NewSource([]string{"x", text}).Locate(Normalize(tt.quote).Norm)
		if got := (l.Para == 1 && text[l.Span.Start:l.Span.End] == tt.want) || l.Para < 0 && tt.want == ""; !got {
			t.Errorf("Locate(%q) = %+v, want %q", tt.quote, l, tt.want)
		}
		if tt.cut != 0 && l.Cut != tt.cut {
			t.Errorf("Locate(%q) cut %v, want %v", tt.quote, l.Cut, tt.cut)
		}
	}
}

func TestFindUnicode(t *testing.T) {
	nfc := "El presidente Andrés Manuel López Obrador y Lech Wałęsa en Straße Iğdır, Ștefan Dvořák."
	nfd := norm.NFD.String(nfc)
	for _, tt := range []struct{ text, quote, want string }{
		{nfc, norm.NFD.String("Andrés Manuel López"), "Andrés Manuel López"},
		{nfd, "Andrés Manuel López", norm.NFD.String("Andrés Manuel López")},
		{nfd, "Obrador y Lech Walesa", norm.NFD.String("Obrador y Lech Wałęsa")}, // ends after the ogonek of ę's a
		{nfc, "en Strasse Igdir", "en Straße Iğdır"},
		{nfc, "STRASSE IĞDIR", "Straße Iğdır"},
		{nfc, "Stefan Dvorak.", "Ștefan Dvořák."},
		{nfc, "Lech Wał", ""}, // cut inside Wałęsa
		{nfc, "Stras", ""},    // cut inside Straße's ss
	} {
		sp, ok := Normalize(tt.text).Find(tt.quote)
		got := ""
		if ok {
			got = tt.text[sp.Start:sp.End]
		}
		if got != tt.want {
			t.Errorf("Find(%q) in %q = %q, want %q", tt.quote, tt.text, got, tt.want)
		}
	}
}

func TestSubstance(t *testing.T) {
	for q, ok := range map[string]bool{
		".": false, "a": false, "the": false, "of the": false, "on the": false, "sharply": false, "in 2022": false,
		"a b": false, "“”": false, "... ...": false,
		"usual move": true, "the agency": true, "150 KGB": true, "el presidente": true, "東京": true,
		"the agency was “sharply focused”": true,
	} {
		if got := Substance(Normalize(q).Norm) == ""; got != ok {
			t.Errorf("Substance(%q) = %q, want ok=%v", q, Substance(Normalize(q).Norm), ok)
		}
	}
}

// Every evidence quote of the site's claims has substance.
func TestSiteQuotesHaveSubstance(t *testing.T) {
	files, _ := filepath.Glob("../../claims/*.md")
	re := regexp.MustCompile(`(?m)^\s*quote:\s*(.*)$`)
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			n++
			q := strings.Trim(m[1], `"'`)
			if why := Substance(Normalize(q).Norm); why != "" {
				t.Errorf("%s: quote %q: %s", f, q, why)
			}
		}
	}
	if n == 0 {
		t.Skip("no claims found")
	}
}

// A Source locates quotes as Text.Search does paragraph by paragraph.
func TestLocateAgreesWithSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	vocab := []string{"the", "agency", "was", "they're", "1,500", "re", "a", "Wałęsa", "Straße", "ss", "e\u0301", "é", "x.", "—", "usual", "unusual"}
	for range 3000 {
		var paras []string
		for range 1 + r.IntN(3) {
			var b []string
			for range r.IntN(12) {
				b = append(b, vocab[r.IntN(len(vocab))])
			}
			paras = append(paras, strings.Join(b, " "))
		}
		var qb []string
		for range 1 + r.IntN(4) {
			qb = append(qb, vocab[r.IntN(len(vocab))])
		}
		q := Normalize(strings.Join(qb, " ")).Norm
		l := NewSource(paras).Locate(q)
		want := -1
		for i, p := range paras {
			if _, ok := Normalize(p).FindNorm(q); ok {
				want = i
				break
			}
		}
		if l.Para != want {
			t.Fatalf("Locate(%q) in %q: paragraph %d, want %d", q, paras, l.Para, want)
		}
		if want >= 0 {
			sp, _ := Normalize(paras[want]).FindNorm(q)
			if sp != l.Span {
				t.Fatalf("Locate(%q) in %q: span %v, want %v", q, paras, l.Span, sp)
			}
		}
	}
}

// In a long text of few words, quotes are looked up in its suffix array.
func TestLocateLongText(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	vocab := []string{"the", "agency", "they're", "1,500", "said."}
	var b []string
	for range 40000 {
		b = append(b, vocab[r.IntN(len(vocab))])
	}
	paras := []string{strings.Join(b[:20000], " "), strings.Join(b[20000:], " ")}
	src := NewSource(paras)
	texts := []Text{Normalize(paras[0]), Normalize(paras[1])}
	for range 300 {
		start := r.IntN(len(b) - 12)
		qs := append([]string(nil), b[start:start+1+r.IntN(10)]...)
		if r.IntN(2) == 0 {
			qs[r.IntN(len(qs))] = vocab[r.IntN(len(vocab))]
		}
		q := strings.Join(qs, " ")
		if r.IntN(4) == 0 {
			q = q[1:] // cut
		}
		q = Normalize(q).Norm
		l := src.Locate(q)
		want, wantSp := -1, Span{}
		for i, tx := range texts {
			if sp, ok := tx.FindNorm(q); ok {
				want, wantSp = i, sp
				break
			}
		}
		if l.Para != want || want >= 0 && l.Span != wantSp {
			t.Fatalf("Locate(%q) = %d %v, want %d %v", q, l.Para, l.Span, want, wantSp)
		}
	}
}
