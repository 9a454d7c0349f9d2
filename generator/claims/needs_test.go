package claims

import (
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// TestRatingNeeds reads what ratings need of the evidence (needs, at-most)
// and refuses tables that make no sense, with their lines.
func TestRatingNeeds(t *testing.T) {
	const head = "[[params.ratings]]\nid = \"a\"\nlabel = \"A\"\ndescription = \"d\"\norder = 1\ncolour = \"#000000\"\nicon = \"check\"\n"
	tests := []struct {
		name, toml string
		needs      Counts
		limits     map[string]int
		probs      string
	}{
		{"none", "", Counts{Statement: 1}, nil, ""},
		{"needs and at-most", "needs = { statement = 1, supports = 2 }\nat-most = { contradicts = 0 }\n", Counts{Statement: 1, Supports: 2}, map[string]int{"contradicts": 0}, ""},
		{"needs above at-most", "needs = { supports = 2 }\nat-most = { supports = 1 }\n", Counts{Statement: 1, Supports: 2}, map[string]int{"supports": 1},
			`config.toml:8: rating "a" needs supports evidence from 2 origins but allows it from at most 1: lower needs or raise at-most`},
		{"negative", "needs = { supports = -1 }\n", Counts{Statement: 1}, nil, "config.toml:8: supports = -1: a number of origins is between 0 and 100"},
		{"huge", "needs = { supports = 9223372036854775807 }\n", Counts{Statement: 1}, nil, "config.toml:8: supports = 9223372036854775807: a number of origins is between 0 and 100"},
		{"no statement", "needs = { statement = 0 }\n", Counts{Statement: 1}, nil, `config.toml:8: rating "a": statement = 0: every fact check needs the claim's statement from at least 1 origin`},
		{"unknown stance", "needs = { support = 2 }\n", Counts{Statement: 1}, nil, `config.toml:8: unknown field "support": did you mean "supports"?`},
		{"not a table", "needs = 2\n", Counts{Statement: 1}, nil, `config.toml:8: field "needs" must be a set of fields, e.g. needs = { supports = 2 }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := meta.DecodeTOMLFile("config.toml", []byte(head+tt.toml))
			if err != nil {
				t.Fatal(err)
			}
			var probs diag.List
			s := ParseScale("config.toml", n.Fields[0].Value.Fields[0].Value, &probs)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != tt.probs {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.probs)
			}
			if len(s) != 1 || s[0].Needs != tt.needs {
				t.Fatalf("scale %+v, want needs %+v", s, tt.needs)
			}
			for _, st := range CountedStances {
				want, ok := tt.limits[st]
				if !ok {
					want = -1
				}
				if got := s[0].Limit(st); got != want {
					t.Errorf("Limit(%s) = %d, want %d", st, got, want)
				}
			}
		})
	}
}
