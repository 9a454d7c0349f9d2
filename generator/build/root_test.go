package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A root given relative to the working directory (build -root site) builds
// the whole site into root/public. Hugo reads a relative --contentDir as
// relative to --source, so this once rendered no page at all, quietly.
func TestBuildRelativeRoot(t *testing.T) {
	dir := newSite(t, nil, true)
	t.Chdir(filepath.Dir(dir))
	rel := filepath.Base(dir)
	s, probs, err := Build(context.Background(), Options{Root: rel})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, probs)
	}
	l, err := Load(context.Background(), dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range l.Result.Claims {
		if _, err := os.Stat(filepath.Join(dir, "public", "claims", c.ID, "index.html")); err != nil {
			t.Errorf("claim %s has no page: %v", c.ID, err)
		}
	}
	if s.PublicFiles < s.Claims+s.People+s.Sources {
		t.Errorf("%d files in public/ for %d claims, %d people and %d sources", s.PublicFiles, s.Claims, s.People, s.Sources)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.Base(dir))); err == nil {
		t.Errorf("the build wrote into %s inside the site", filepath.Base(dir))
	}
}
