package people

import (
	"reflect"
	"testing"
)

func TestMatcherFind(t *testing.T) {
	m := NewMatcher([]*Person{
		{ID: "glen-vanherck", Name: "Glen VanHerck", Aliases: []string{"VanHerck"}},
		{ID: "amlo", Name: "Andrés Manuel López Obrador", Aliases: []string{"Lopez Obrador"}},
		{ID: "lee", Name: "Andrew Daulton Lee", Aliases: []string{"Lee"}},
		{ID: "douglas-london", Name: "Douglas London"},
	})
	tests := []struct {
		text string
		want []string
	}{
		{"“I would point out,” VanHerck said.", []string{"glen-vanherck"}},
		{"Since VanHerck’s comments", []string{"glen-vanherck"}},
		{"then-President Andres Manuel Lopez Obrador rejected", []string{"amlo"}},
		{"López Obrador said", []string{"amlo"}},
		{"Burns said in London this month", []string{}},
		{"said Douglas London, a retired officer", []string{"douglas-london"}},
		{"his friend Andrew Daulton Lee were convicted. Lee traveled", []string{"lee"}},
		{"Leeward and vanherck and VanHercks", []string{}},
	}
	for _, tt := range tests {
		got := m.Find(tt.text)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
