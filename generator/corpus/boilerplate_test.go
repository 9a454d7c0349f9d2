package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMarkBoilerplate(t *testing.T) {
	lines := []struct{ text, want string }{
		{"Advertisement", Advert},
		{"Officials warn of spies", ""},
		{"Russian intelligence services are building up their presence in Mexico.", ""},
		{"Officials warn of spies", Repeated},
		{"Representational Image", Promo},
		{"Destroyed building.", Caption},
		{"A view of a destroyed building after a Russian bombardment in Pokrovsk, Donetsk Oblast, Ukraine, on September 13.Vincenzo Circosta / Anadolu via Getty Images", Caption},
		{"The Biden administration has raised the issue with the Mexican government, a U.S. official told NBC News.", ""},
		{"SUPPORT MILITARNYI", Appeal},
		{"Even a single donation or a $1 subscription will help us continue working.", Appeal},
		{"Track Latest News Live on NDTV.com and get news updates from India and around the world", Promo},
		{"You May Also Like", Promo},
		{"More From Author", Promo},
		{"Leave a comment", Promo},
		{"Mexico’s response", ""},
		{"A ‘benign environment’", ""},
		// A long paragraph that mentions subscriptions is still article text.
		{"The agency said " + strings.Repeat("many words ", 25) + "and that subscriptions to the channel rose.", ""},
		// A credit in mid-sentence is not a caption.
		{"Getty Images reported that the photo was taken in 2020, and the agency later withdrew it from sale worldwide.", ""},
	}
	paras := make([]Para, len(lines))
	for i, l := range lines {
		paras[i] = Para{N: i + 1, Text: l.text}
	}
	markBoilerplate(paras)
	for i, l := range lines {
		if paras[i].Boilerplate != l.want {
			t.Errorf("%q: marked %q, want %q", l.text, paras[i].Boilerplate, l.want)
		}
	}
}

func ExampleSource_Article() {
	s := &Source{Paras: []Para{{N: 1, Text: "Text."}, {N: 2, Text: "Advertisement", Boilerplate: Advert}, {N: 3, Text: "More text."}}}
	for _, p := range s.Article() {
		fmt.Println(p.N, p.Text)
	}
	// Output:
	// 1 Text.
	// 3 More text.
}

// The longest lines navLine and promo match, with letters written as their
// widest (?i) folds, fit within navMax and promoMax bytes.
func TestBoilerplateBounds(t *testing.T) {
	wide := strings.NewReplacer("k", "\u212a", "s", "\u017f")
	tail := strings.Repeat(" and more words of the article", 20)
	for _, s := range []string{
		"Photo: " + strings.Repeat("\U0001d538", 40) + ".",
		"Image " + strings.Repeat("\u212a", 40) + ".",
		wide.Replace("representational image."),
		wide.Replace("sponsored content."),
		wide.Replace("share this article."),
	} {
		if !navLine.MatchString(s) {
			t.Errorf("navLine does not match %q", s)
		}
		if len(s) > navMax {
			t.Errorf("%q is %d bytes, over navMax %d", s, len(s), navMax)
		}
		if navLine.MatchString(s+"x") || navLine.MatchString(s+tail) {
			t.Errorf("navLine matches a longer line than %q", s)
		}
	}
	for _, s := range []string{
		wide.Replace("listen to the latest"),
		wide.Replace("track latest news"),
		wide.Replace("download the app"),
	} {
		if len(s) > promoMax {
			t.Errorf("%q is %d bytes, over promoMax %d", s, len(s), promoMax)
		}
		if line := s + tail; !promo.MatchString(line[:promoMax]) {
			t.Errorf("promo does not match %q", s)
		}
	}
}

// creditTail keeps every match of credit: on lines made of agency names,
// "file", punctuation, spaces, wide (?i) folds and words, in any order,
// matching the tail gives the same answer as matching the whole line.
func TestCreditTail(t *testing.T) {
	parts := []string{"Getty Images", "AFP", "afp", "Reuters", "reuters", "AP Photo", "Associated Press Photo",
		"\u017fhutter\u017ftoc\u212a", "File Photo", "file", "FILE", "/", " ", "\t", "—", ".", "(", ")", "x", "pafp", "profile",
		"Anadolu", "Bettmann Archive", "words of the caption", "é", "\U0001d538", "_", "9"}
	rng := rand.New(rand.NewPCG(1, 2))
	matched, cut := 0, 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		line := b.String()
		if got, want := credit.MatchString(creditTail(line)), credit.MatchString(line); got != want {
			t.Fatalf("%q: tail %q matches %v, the whole line %v", line, creditTail(line), got, want)
		} else if got {
			matched++
		}
		if len(creditTail(line)) < len(line) {
			cut++
		}
	}
	// The lines must try both answers, and tails shorter than the line.
	if matched < 2000 || matched > 18000 || cut < 2000 {
		t.Errorf("%d of 20000 lines matched, %d were cut: the test lines want changing", matched, cut)
	}
}
