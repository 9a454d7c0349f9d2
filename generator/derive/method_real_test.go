package derive_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
)

// TestRealOrigins gathers the real corpus's evidence into origins. The
// corpus's relations decide them: Militarnyi and the unsigned "hub"
// article share 57% of their words and both relay NBC News; NDTV and UNN
// both relay The New York Times; Abbasi's article relays no one. So the
// Burns check's two supporting passages (NDTV, UNN) are one origin, and
// the Sipher check's support is all in the origin of its statement.
func TestRealOrigins(t *testing.T) {
	l, err := build.Load(context.Background(), "../..", false)
	if err != nil {
		t.Fatal(err)
	}
	r := l.Result
	// claim -> its origins, each "label: stance@source..., why" in order.
	got := func(id string) []string {
		ind := r.Independent[id]
		located := r.Evidence[id]
		var out []string
		for _, o := range ind.Origins {
			var pieces []string
			for _, i := range o.Pieces {
				pieces = append(pieces, located[i].Stance+"@"+strings.SplitN(located[i].Source, "-", 2)[0])
			}
			out = append(out, fmt.Sprintf("%s: %s; %s", o.Label, strings.Join(pieces, " "), strings.Join(o.Why, "; ")))
		}
		return out
	}
	const (
		nbc = "militarnyi-russian-intelligence-network-mexico and russia-uses-mexico-as-espionage-hub share 57% of their words and both relay NBC News"
		nyt = "ndtv-us-accuses-mexico-sheltering-russian-spies and unn-mexico-refused-to-expel-russian-spies both relay The New York Times"
	)
	want := map[string][]string{
		"burns-expelled-officers-looking-for-places-to-operate": {
			"NBC News’s reporting: statement@militarnyi statement@russia; " + nbc,
			"The New York Times’s reporting: supports@ndtv supports@unn; " + nyt,
		},
		"sipher-volunteers-told-to-travel-to-mexico-city": {
			"NBC News’s reporting: statement@russia supports@russia supports@russia; ",
		},
		"norman-russia-acts-with-greater-impunity-in-mexico": {
			"The New York Times’s reporting: statement@unn supports@unn; ",
			"NBC News’s reporting: supports@militarnyi supports@russia; " + nbc,
			"“Mexico’s Unusual Diplomatic Boost to Russia Raises Questions”: supports@abbasi; ",
		},
		"vanherck-largest-portion-of-gru-in-mexico": {
			"NBC News’s reporting: statement@militarnyi statement@russia; " + nbc,
			"“Mexico’s Unusual Diplomatic Boost to Russia Raises Questions”: statement@abbasi; ",
		},
	}
	for id, w := range want {
		if g := got(id); !slices.Equal(g, w) {
			t.Errorf("%s origins:\n  %s\nwant:\n  %s", id, strings.Join(g, "\n  "), strings.Join(w, "\n  "))
		}
	}
	// What the page shows: Norman's four supporting passages come from three
	// origins, one of them the statement's own.
	var counts []string
	for _, sc := range r.Independent["norman-russia-acts-with-greater-impunity-in-mexico"].Counts {
		counts = append(counts, fmt.Sprintf("%s %d/%d", sc.Stance, sc.Passages, len(sc.Origins)))
	}
	if w := []string{"statement 1/1", "supports 4/3"}; !slices.Equal(counts, w) {
		t.Errorf("Norman's counts = %v, want %v", counts, w)
	}
}
