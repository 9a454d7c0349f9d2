package e2e

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
)

// The real site, built once with its search index for the tests that only
// read it, and served with netlify.toml's headers.
var (
	siteOnce  sync.Once
	siteDir   string // the copy of the repository (public/ inside)
	siteURL   string
	siteErr   error
	siteClean []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range siteClean {
		f()
	}
	os.Exit(code)
}

// publishedSite returns the built site's folder and its address.
func publishedSite(t *testing.T) (public, url string) {
	t.Helper()
	pf := pagefind(t)
	siteOnce.Do(func() {
		var dir string
		dir, siteErr = copyRepoTo(repoRoot(t))
		if siteErr != nil {
			return
		}
		siteClean = append(siteClean, func() { os.RemoveAll(dir) })
		if _, probs, err := build.Build(context.Background(), build.Options{Root: dir, Search: pf}); err != nil {
			siteErr = fmt.Errorf("build: %v\n%v", err, probs)
			return
		}
		siteDir = dir
		var stop func()
		siteURL, stop, siteErr = serveDir(filepath.Join(dir, "public"), filepath.Join(repoRoot(t), "netlify.toml"))
		siteClean = append(siteClean, stop)
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return filepath.Join(siteDir, "public"), siteURL
}

// pagePaths returns the address path of every page of the built site
// ("/claims/x/"), sorted; the 404 page is not among them.
func pagePaths(t *testing.T, public string) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(public, filepath.Dir(p))
		if rel == "." {
			paths = append(paths, "/")
		} else {
			paths = append(paths, "/"+filepath.ToSlash(rel)+"/")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	return paths
}

// pageType names the kind of page at a path: "home", "claims list",
// "claims list, later page", "claim", "search", "page" (hand-written), and
// so on; a Spanish page's with "es " before it ("es claim").
func pageType(path string) string {
	if rest, ok := strings.CutPrefix(path, "/es/"); ok {
		// The Spanish edition's pages are types of their own: "es claim".
		return "es " + pageType("/"+rest)
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if n := len(parts); n >= 3 && parts[n-2] == "page" {
		if _, err := strconv.Atoi(parts[n-1]); err == nil {
			// A later page of a paged list: /claims/page/2/, /tags/x/page/2/.
			return pageType("/"+strings.Join(parts[:n-2], "/")+"/") + ", later page"
		}
	}
	switch {
	case path == "/":
		return "home"
	case len(parts) == 1 && lists[parts[0]] != "":
		return parts[0] + " list"
	case len(parts) == 1 && (parts[0] == "search" || parts[0] == "quotes" || parts[0] == "corrections"):
		return parts[0]
	case len(parts) == 1:
		return "page"
	case lists[parts[0]] != "":
		return lists[parts[0]]
	}
	return parts[0]
}

// lists are the sections with a page per item.
var lists = map[string]string{"claims": "claim", "people": "person", "sources": "source", "ratings": "rating", "tags": "tag"}

func TestPageType(t *testing.T) {
	for path, want := range map[string]string{
		"/":                     "home",
		"/claims/":              "claims list",
		"/claims/page/2/":       "claims list, later page",
		"/claims/x/":            "claim",
		"/claims/page/":         "claim", // a claim whose id is "page"
		"/tags/agents/":         "tag",
		"/tags/agents/page/12/": "tag, later page",
		"/quotes/page/3/":       "quotes, later page",
		"/search/":              "search",
		"/about/":               "page",
		"/es/":                  "es home",
		"/es/claims/x/":         "es claim",
		"/es/claims/page/2/":    "es claims list, later page",
	} {
		if got := pageType(path); got != want {
			t.Errorf("pageType(%q) = %q, want %q", path, got, want)
		}
	}
}
