package corpus

import (
	"fmt"
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
