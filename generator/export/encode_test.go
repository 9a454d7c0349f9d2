package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// stdlib is how the files were encoded before indented: one
// json.Encoder, SetIndent("", " ").
func stdlib(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestIndentedMatchesEncoder(t *testing.T) {
	name := "Ana <b>&</b> \u2028 Ñúñez"
	person := func(i int) Person {
		return Person{
			ID: fmt.Sprintf("p%d", i), Name: name, Aliases: []string{"A", "B"},
			Claims: []string{}, Scorecard: map[string]int{"z": 1, "a": i}, Mentioned: nil, Quotes: []string{"q"},
		}
	}
	people := func(n int) []Person {
		out := make([]Person, n)
		for i := range out {
			out[i] = person(i)
		}
		return out
	}
	group := "g1"
	tests := []struct {
		name string
		v    any
	}{
		{"empty lists", Quotes{Version: Version, Quotes: []Quote{}, Groups: []Group{}}},
		{"nil lists", Sources{Version: Version}},
		{"one item", People{Version: Version, People: people(1)}},
		{"fewer items than runs", People{Version: Version, People: people(3)}},
		{"many items", People{Version: Version, People: people(1001)}},
		{"two lists", Quotes{Version: Version,
			Quotes: []Quote{{ID: "q1", Text: name, Group: &group}, {ID: "q2", Text: "\"x\"\n"}},
			Groups: []Group{{ID: "g1", Quotes: []string{"q1", "q2"}}}}},
		{"nested lists", Sources{Version: Version,
			Sources:   []Source{{ID: "s1", Cites: []Citation{{Outlet: name, Paragraph: 2}}}},
			Relations: []Relation{{A: "s1", B: "s2", SharedA: 0.5, Paragraphs: [][2]int{{1, 2}, {3, 4}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := indented(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if want := stdlib(t, tt.v); !bytes.Equal(got, want) {
				t.Errorf("indented differs from json.Encoder:\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestIndentedRejectsWhatItCannotMatch(t *testing.T) {
	for _, v := range []any{
		[]int{1},
		struct {
			A []int `json:"a,omitempty"`
		}{},
		struct{ A int }{},
	} {
		if _, err := indented(v); err == nil {
			t.Errorf("indented(%#v): no error", v)
		}
	}
}
