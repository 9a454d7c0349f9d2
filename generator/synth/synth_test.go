package synth

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
)

// A synthetic site passes check with no errors: every claim's evidence is
// found in its source, every claimant and source exists. The same seed
// writes the same bytes.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "config.toml"), b, 0o644)
	st, err := Write(dir, 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Claims: 200, Sources: 40, People: 10}) {
		t.Errorf("stats %+v", st)
	}
	l, err := build.Load(context.Background(), dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := l.Probs.Counts(); n > 0 {
		for _, p := range l.Probs {
			t.Log(p)
		}
		t.Fatalf("%d errors in a synthetic site", n)
	}
	if len(l.Result.Claims) != 200 || len(l.Result.Sources) != 40 || len(l.Result.People) != 10 {
		t.Errorf("loaded %d claims, %d sources, %d people", len(l.Result.Claims), len(l.Result.Sources), len(l.Result.People))
	}
	again := t.TempDir()
	Write(again, 200, 1)
	for _, f := range []string{"claims/c0000199.md", "corpus/s000039.txt", "people/person-9.md"} {
		a, _ := os.ReadFile(filepath.Join(dir, f))
		b, _ := os.ReadFile(filepath.Join(again, f))
		if string(a) != string(b) || len(a) == 0 {
			t.Errorf("%s differs between two writes with the same seed", f)
		}
	}
}
