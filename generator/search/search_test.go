package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindMissing(t *testing.T) {
	dir := t.TempDir()
	_, err := Find(context.Background(), dir, false, nil)
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "-search=false") || !strings.Contains(err.Error(), "npm install") {
		t.Errorf("Find without Pagefind: %v, want ErrMissing saying how to install it or build without search", err)
	}
	// With install but no npm on PATH, the error says so.
	t.Setenv("PATH", dir)
	if _, err := Find(context.Background(), dir, true, nil); !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "npm is not on PATH") {
		t.Errorf("Find without npm: %v", err)
	}
}

// TestIndex indexes a two-page site with the Pagefind the repository
// installs (npm install in the root), twice, and checks the index holds what
// the pages marked and is the same bytes both times.
func TestIndex(t *testing.T) {
	bin, err := Find(context.Background(), filepath.Join("..", ".."), false, nil)
	if err != nil {
		t.Fatalf("%v (go run ./generator build installs it)", err)
	}
	site := func() string {
		dir := t.TempDir()
		for name, body := range map[string]string{
			"a/index.html": `<html lang="en"><body><main data-pagefind-body data-kind="Fact check" data-pagefind-filter="kind[data-kind]"><h1>Spies</h1><p>An embassy in Mexico City.</p></main></body></html>`,
			"b/index.html": `<html lang="en"><body><nav>Menu</nav><main data-pagefind-body><h1>Trade</h1><p>One day of trade.</p></main></body></html>`,
		} {
			os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
			os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
		}
		if err := Index(context.Background(), bin, dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	one, two := site(), site()
	entry, err := os.ReadFile(filepath.Join(one, "pagefind", "pagefind-entry.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(entry), `"page_count":2`) {
		t.Errorf("pagefind-entry.json: %s, want 2 pages", entry)
	}
	if a, b := tree(t, filepath.Join(one, "pagefind")), tree(t, filepath.Join(two, "pagefind")); a != b {
		t.Error("the same pages gave different indexes")
	}
	if err := Index(context.Background(), bin, t.TempDir()); err == nil {
		t.Error("indexing an empty folder succeeded")
	}
}

// tree returns every file's name and bytes under dir, in order.
func tree(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p[len(dir):] + "\n" + string(data))
		return err
	})
	return b.String()
}

func TestEnv(t *testing.T) {
	got := Env([]string{"PATH=/bin", "HOME=/root", "DEPLOY_SECRET=x", "NETLIFY_AUTH_TOKEN=y", "HUGO_X=1", "NPM_TOKEN=z", "TMPDIR=/tmp"})
	if strings.Join(got, " ") != "PATH=/bin HOME=/root TMPDIR=/tmp" {
		t.Errorf("Env = %q", got)
	}
}
