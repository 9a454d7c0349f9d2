package history

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/history/historytest"
)

// realClaim reads a claim of the real site's claims/ folder.
func realClaim(t *testing.T, id string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "claims", id+".md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit moves a claim as an editor would while renaming it: a new title, a
// quote added to its evidence, its summary rewritten.
func edit(t *testing.T, text string) string {
	t.Helper()
	out := regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(text, `title: "A new headline for the same fact check, after the rename"`)
	out = regexp.MustCompile(`(?m)^summary: .*$`).ReplaceAllString(out, `summary: "Rewritten: the verdict now says in other words what the evidence below shows, and what it does not."`)
	out = strings.Replace(out, "evidence:\n", "evidence:\n  - source: russia-uses-mexico-as-espionage-hub\n    quote: \"Mexico has long been a hub for Russian intelligence operations\"\n    stance: context\n    note: \"Added with the rename.\"\n", 1)
	if out == text || strings.Count(out, "Rewritten:") != 1 || strings.Count(out, "Added with the rename.") != 1 {
		t.Fatal("the edit did not apply")
	}
	return out
}

// TestSimilarityThreshold: different claims of the real site, which share
// their front-matter keys, reviewer and stances (and, for the first pair,
// a speaker and his statement), stay well under RenameSimilarity; the same
// claims moved with edits stay well over it.
func TestSimilarityThreshold(t *testing.T) {
	tests := []struct {
		name  string
		a, b  func() string
		alike bool
	}{
		{"different claims about one statement", func() string { return realClaim(t, "abbasi-vanherck-noted-more-russian-military-spies-in-mexico") },
			func() string { return realClaim(t, "vanherck-largest-portion-of-gru-in-mexico") }, false},
		{"different claims of one claimant", func() string { return realClaim(t, "gonzalez-mexico-did-help-but-could-have-done-more") },
			func() string { return realClaim(t, "gonzalez-us-gave-mexico-names-of-russian-spies") }, false},
		{"different claims from one source", func() string { return realClaim(t, "abbasi-mexico-authorized-37-new-russian-diplomats") },
			func() string { return realClaim(t, "abbasi-mexico-russia-trade-one-day-of-us-trade") }, false},
		{"different claims of different people", func() string { return realClaim(t, "burns-expelled-officers-looking-for-places-to-operate") },
			func() string { return realClaim(t, "lopez-obrador-no-information-on-russian-spies") }, false},
		{"moved and edited", func() string { return realClaim(t, "gonzalez-us-gave-mexico-names-of-russian-spies") },
			func() string { return edit(t, realClaim(t, "gonzalez-us-gave-mexico-names-of-russian-spies")) }, true},
		{"moved and edited, a shorter claim", func() string { return realClaim(t, "feeley-mexico-always-number-one-target-for-russia") },
			func() string { return edit(t, realClaim(t, "feeley-mexico-always-number-one-target-for-russia")) }, true},
		{"moved and edited, the longest claim", func() string { return realClaim(t, "vanherck-largest-portion-of-gru-in-mexico") },
			func() string { return edit(t, realClaim(t, "vanherck-largest-portion-of-gru-in-mexico")) }, true},
		{"moved unchanged", func() string { return realClaim(t, "kolbe-russia-willing-to-take-higher-risks") },
			func() string { return realClaim(t, "kolbe-russia-willing-to-take-higher-risks") }, true},
		{"nothing in common", func() string { return "one two three four" }, func() string { return "five six seven eight" }, false},
		{"empty", func() string { return "" }, func() string { return "" }, false},
	}
	for _, tt := range tests {
		sim := Similarity([]byte(tt.a()), []byte(tt.b()))
		t.Logf("%-40s %.3f", tt.name, sim)
		// A margin on each side: the threshold is not a close call.
		if tt.alike && sim < RenameSimilarity+0.15 || !tt.alike && sim > RenameSimilarity-0.15 {
			t.Errorf("%s: similarity %.3f, threshold %.2f: want alike %v with a margin of 0.15", tt.name, sim, RenameSimilarity, tt.alike)
		}
	}
}

// TestRenamesByContent: one commit deletes and adds files in one folder;
// each addition is paired with the deletion it resembles, and an unrelated
// addition is not a rename.
func TestRenamesByContent(t *testing.T) {
	r := newRepo(t)
	r.Write("claims/gonzalez.md", realClaim(t, "gonzalez-us-gave-mexico-names-of-russian-spies"))
	r.Write("claims/feeley.md", realClaim(t, "feeley-mexico-always-number-one-target-for-russia"))
	r.Write("claims/burns.md", realClaim(t, "burns-expelled-officers-looking-for-places-to-operate"))
	r.Commit("publish")
	// The one deletion and the one addition of the folder, unrelated.
	r.Remove("claims/burns.md")
	r.Write("claims/lopez.md", realClaim(t, "lopez-obrador-no-information-on-russian-spies"))
	r.Commit("withdraw burns, publish lopez")
	// Two moves with edits, listed in the other order, and a new claim.
	r.Remove("claims/gonzalez.md")
	r.Remove("claims/feeley.md")
	r.Write("claims/a-feeley-moved.md", edit(t, realClaim(t, "feeley-mexico-always-number-one-target-for-russia")))
	r.Write("claims/b-gonzalez-moved.md", edit(t, realClaim(t, "gonzalez-us-gave-mexico-names-of-russian-spies")))
	r.Write("claims/c-new.md", realClaim(t, "kolbe-russia-willing-to-take-higher-risks"))
	r.Commit("move two, add one")

	want := []string{
		"move two, add one: R claims/a-feeley-moved.md <- claims/feeley.md",
		"move two, add one: R claims/b-gonzalez-moved.md <- claims/gonzalez.md",
		"move two, add one: A claims/c-new.md",
		"withdraw burns, publish lopez: D claims/burns.md",
		"withdraw burns, publish lopez: A claims/lopez.md",
		"publish: A claims/burns.md",
		"publish: A claims/feeley.md",
		"publish: A claims/gonzalez.md",
	}
	if got := changes(read(t, r.Dir)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPairAlikeMostSimilarFirst: two additions resembling one deletion;
// the closer one is the rename, whatever the paths' order.
func TestPairAlikeMostSimilarFirst(t *testing.T) {
	base := realClaim(t, "gonzalez-us-gave-mexico-names-of-russian-spies")
	edited := edit(t, base)
	lightly := strings.Replace(base, "seasoned spies", "experienced spies", 1)
	for _, names := range [][2]string{{"a.md", "b.md"}, {"b.md", "a.md"}} {
		r := historytest.New(t, "")
		r.Write("claims/old.md", base)
		r.Commit("publish")
		r.Remove("claims/old.md")
		r.Write("claims/"+names[0], edited)
		r.Write("claims/"+names[1], lightly)
		r.Commit("split")
		got := changes(read(t, r.Dir))
		want := "split: R claims/" + names[1] + " <- claims/old.md"
		if !strings.Contains(strings.Join(got, "\n"), want) || !strings.Contains(strings.Join(got, "\n"), "split: A claims/"+names[0]) {
			t.Errorf("changes %q: want %q", got, want)
		}
	}
}
