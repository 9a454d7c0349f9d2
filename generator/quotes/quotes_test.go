package quotes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/people"
)

var registry = people.NewMatcher([]*people.Person{
	{ID: "ana-ruiz", Name: "Ana Ruiz", Aliases: []string{"Gen. Ana Ruiz"}},
	{ID: "bo-chen", Name: "Bo Chen"},
	{ID: "carl-london", Name: "Carl London"},
})

// extract runs Extract on paragraphs and returns "speaker/rule: text" lines.
func extract(paras ...string) []string {
	s := &corpus.Source{ID: "s"}
	for i, p := range paras {
		s.Paras = append(s.Paras, corpus.Para{N: i + 1, Text: p})
	}
	var out []string
	for _, q := range Extract(s, registry) {
		out = append(out, fmt.Sprintf("%s/%s: %s", q.Speaker, q.Rule, q.Text))
	}
	return out
}

func TestAttribution(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []string
	}{
		{"name said after", []string{`“The border is open to them,” Ruiz said.`}, []string{"ana-ruiz/after: The border is open to them"}},
		{"said name after, with a title", []string{`“The border is open to them,” said Gen. Ana Ruiz, who retired in May.`}, []string{"ana-ruiz/after: The border is open to them"}},
		{"name said before, colon", []string{`Bo Chen, a former analyst, said: "They came in large numbers."`}, []string{"bo-chen/before: They came in large numbers."}},
		{"according to", []string{`According to Bo Chen, a former analyst, “they came in large numbers.”`}, []string{"bo-chen/according-to: they came in large numbers."}},
		{"pronoun refers back", []string{`Agents meet in the capital, Chen said. “They want every trip to look clean,” he said.`}, []string{"bo-chen/pronoun: They want every trip to look clean"}},
		{"continuation in the paragraph", []string{`“It is a favourable place,” said Bo Chen. “It makes perfect sense to them.”`}, []string{"bo-chen/after: It is a favourable place", "bo-chen/continuation: It makes perfect sense to them."}},
		{"surname that is also a city names a speaker only next to a verb", []string{`Officials met in London this week. “Nothing has changed since then,” London said.`}, []string{"carl-london/after: Nothing has changed since then"}},
		{"an unnamed official stays unattributed", []string{`“Russia has really invested in this,” the official said.`}, []string{"/: Russia has really invested in this"}},
		{"an institution stays unattributed", []string{`The embassy said it was “the target of unfounded accusations.”`}, []string{"/: the target of unfounded accusations."}},
		{"a pronoun with nobody named before stays unattributed", []string{`“We will not comment on it,” she said.`}, []string{"/: We will not comment on it"}},
		{"a quote after an unattributed one is not continued", []string{`“Russia has invested a lot,” an official said. “It is working on it.”`}, []string{"/: Russia has invested a lot", "/: It is working on it."}},
		{"the other speaker in a paragraph", []string{`Ruiz spoke first. “The agents are here in numbers,” said Bo Chen.`}, []string{"bo-chen/after: The agents are here in numbers"}},
		{"dash attribution of a block quote", []string{"Russia can act with impunity here and nobody watches.", "– said Ana Ruiz, a former general."}, []string{"ana-ruiz/dash: Russia can act with impunity here and nobody watches."}},
		{"titles and scare quotes are not quotations", []string{`The film “The Falcon and the Snowman” told of “pension” payments and “deep cover” agents.`}, nil},
		{"straight quotation marks, a title and a time after the name", []string{`"The border is open to them," Gen. Ana Ruiz said on Monday.`}, []string{"ana-ruiz/after: The border is open to them"}},
		{"according to a surname, straight marks", []string{`According to Ruiz, "the agents are here in numbers."`}, []string{"ana-ruiz/according-to: the agents are here in numbers."}},
		{"a pronoun before the quotation", []string{`Bo Chen spoke first. He added: “They want every trip to look clean.”`}, []string{"bo-chen/pronoun: They want every trip to look clean."}},
		{"a pronoun opening a paragraph refers to the previous paragraph's speaker", []string{`“The border is open to them,” Ruiz said.`, `She added: “We watch them closely every day.”`}, []string{"ana-ruiz/after: The border is open to them", "ana-ruiz/pronoun: We watch them closely every day."}},
		{"not past a paragraph that names someone else", []string{`“The border is open to them,” Ruiz said.`, `Bo Chen disagreed. “They come and go,” he said.`}, []string{"ana-ruiz/after: The border is open to them", "bo-chen/pronoun: They come and go"}},
		{"not past a paragraph without quotations", []string{`“The border is open to them,” Ruiz said.`, `Officials met later.`, `“We watch them closely,” she said.`}, []string{"ana-ruiz/after: The border is open to them", "/: We watch them closely"}},
		{"a verb joined by and after the quotation shares the subject before it", []string{`Bo Chen said the agents were “here in large numbers” and added that talks continue.`}, []string{"bo-chen/before: here in large numbers"}},
		{"a verb after the quotation naming nobody is not joined to the subject before it", []string{`Bo Chen said so first. Then “the agents have all gone home,” an official added.`}, []string{"/: the agents have all gone home"}},
		{"an unclosed quotation runs to the end", []string{`Ruiz said: “The border is open and it will stay open`}, []string{"ana-ruiz/before: The border is open and it will stay open"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extract(tt.paras...)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestGroup(t *testing.T) {
	qs := []Quote{
		{Source: "a", Speaker: "p", Text: "They're willing to take much higher risks now than maybe they would have in the immediate post-Cold War"},
		{Source: "b", Speaker: "p", Text: "They're willing to take much greater risks now than they might have taken right after the Cold War"},
		{Source: "c", Speaker: "q", Text: "They're willing to take much greater risks now than they might have taken right after the Cold War"},
		{Source: "a", Speaker: "p", Text: "They're willing to take much greater risks now than they might have taken right after the Cold War"},
		{Source: "d", Speaker: "", Text: "They're willing to take much greater risks now than they might have taken"},
		{Source: "e", Speaker: "p", Text: "The border is open to everyone"},
	}
	got := fmt.Sprint(Group(qs))
	// 0 and 1: same speaker, reworded, two sources. 2: another speaker. 3:
	// same source as 0. 4: unattributed but near-identical to 1.
	if want := "[[0 1 3 4]]"; got != want {
		t.Errorf("Group = %s, want %s", got, want)
	}
}
