package derive_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/derive"
)

// TestRealAppearances finds where the real corpus's claims appear. Most
// claims cite every place their statement appears; VanHerck's GRU
// statement is worded three ways in three sources (and NDTV, listed, only
// mentions the testimony), and López Obrador's answer appears in the hub
// article, which the claim does not cite.
func TestRealAppearances(t *testing.T) {
	l, err := build.Load(context.Background(), "../..", false)
	if err != nil {
		t.Fatal(err)
	}
	type where struct {
		Source string
		Para   int
		Found  []string
		Cited  bool
	}
	const (
		abbasi    = "abbasi-mexico-diplomatic-boost-russia"
		militarny = "militarnyi-russian-intelligence-network-mexico"
		ndtv      = "ndtv-us-accuses-mexico-sheltering-russian-spies"
		hub       = "russia-uses-mexico-as-espionage-hub"
		unn       = "unn-mexico-refused-to-expel-russian-spies"
		cited     = derive.FoundCited
		variant   = derive.FoundVariant
		shared    = derive.FoundShared
		attrib    = derive.FoundAttributed
		listed    = derive.FoundListed
	)
	want := map[string][]where{
		"vanherck-largest-portion-of-gru-in-mexico": {
			{abbasi, 19, []string{cited}, true}, // "has noted that there are more Russian military spies in Mexico": a paraphrase, the only dated source
			{militarny, 12, []string{cited, variant, attrib}, true},
			{ndtv, 0, []string{listed}, true}, // names the testimony, not its words
			{hub, 13, []string{cited, variant, attrib}, true},
		},
		"lopez-obrador-no-information-on-russian-spies": {
			{militarny, 14, []string{cited, attrib}, true},
			{ndtv, 7, []string{cited, attrib}, true},
			{hub, 15, []string{shared, variant, attrib}, false}, // the same answer, retold: not cited by the claim
		},
		"gonzalez-us-gave-mexico-names-of-russian-spies": {
			{ndtv, 11, []string{cited, variant, shared, attrib}, true},
			{unn, 11, []string{cited, variant, shared, attrib}, true},
		},
		"london-mexico-favorable-environment-for-russians": {
			{abbasi, 0, []string{listed}, true}, // listed for its support, not for the claim's words
			{militarny, 0, []string{listed}, true},
			{ndtv, 0, []string{listed}, true},
			{hub, 31, []string{cited, attrib}, true},
			{unn, 0, []string{listed}, true},
		},
	}
	for id, w := range want {
		var got []where
		for _, a := range l.Result.Appearances[id] {
			got = append(got, where{a.Source, a.Para, a.Found, a.Cited})
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s:\n%+v\nwant\n%+v", id, got, w)
		}
	}
	// Only López Obrador's claim appears somewhere its evidence and
	// sources do not cite.
	for _, c := range l.Result.Claims {
		n := 0
		for _, a := range l.Result.Appearances[c.ID] {
			if !a.Cited {
				n++
			}
		}
		if want := map[bool]int{true: 1}[c.ID == "lopez-obrador-no-information-on-russian-spies"]; n != want {
			t.Errorf("%s: %d appearances not cited, want %d", c.ID, n, want)
		}
		if len(l.Result.Appearances[c.ID]) == 0 {
			t.Errorf("%s: no appearance at all", c.ID)
		}
	}
}
