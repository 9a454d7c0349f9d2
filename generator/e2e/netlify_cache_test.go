package e2e

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestNetlifyCache builds a copy of the repository three times with the
// real Netlify CLI (`netlify build --offline`), each time with Go's module
// and build caches (and the share-card cache) empty, as Netlify starts
// every build (netlify/build-image#415), and checks that the go-cache plugin
// (netlify/plugins/go-cache) keeps them in Netlify's build cache: the first
// build, production, restores nothing (a pull request's build can write the
// cache), downloads every module, compiles every package, Hugo's included,
// and saves the caches; the second, a deploy preview of a one-claim change,
// gets them back, compiles nothing and publishes the changed claim; the
// third, the next push to that pull request, gets back what the preview
// saved and again compiles nothing.
//
// Modules come from this machine's own module cache through a file://
// GOPROXY, so the test needs no network. GOFLAGS=-v makes `go run` name
// every package it compiles on stderr; a fully cached `go run` names none
// (Go caches its executables too).
func TestNetlifyCache(t *testing.T) {
	netlify := tool(t, "netlify")
	dir := copyRepo(t)
	t.Cleanup(func() { makeWritable(dir) }) // runs before copyRepo's removal

	caches, err := os.MkdirTemp("", "e2e-go-caches-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeAll(caches) })
	modCache := filepath.Join(caches, "mod")
	buildCache := filepath.Join(caches, "build")
	userCache := filepath.Join(caches, "user")
	emptyCaches := func() {
		t.Helper()
		for _, d := range []string{modCache, buildCache, userCache} {
			if err := removeAll(d); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}

	proxy := filepath.Join(goEnv(t, dir, "GOMODCACHE"), "cache", "download")
	if _, err := os.Stat(proxy); err != nil {
		t.Fatalf("this machine's module cache has no downloads to serve as GOPROXY: %v", err)
	}
	env := []string{
		"GOMODCACHE=" + modCache,
		"GOCACHE=" + buildCache,
		"XDG_CACHE_HOME=" + userCache, // the share cards' cache
		"GOPROXY=file://" + filepath.ToSlash(proxy),
		"GOSUMDB=off", // go.sum still checks every module
		"GOTOOLCHAIN=local",
		"GOFLAGS=" + strings.TrimSpace(goEnv(t, dir, "GOFLAGS")+" -v"),
		"URL=https://fuente-e2e.example.org", "NETLIFY_SITE_ID=", "DEPLOY_PRIME_URL=",
	}
	// The packages `go run ./generator` builds: what -v may name.
	deps := map[string]bool{}
	for _, p := range strings.Fields(run(t, dir, nil, "go", "list", "-deps", "./generator")) {
		deps[p] = true
	}

	const claimFile = "claims/abbasi-mexico-authorized-37-new-russian-diplomats.md"
	const claimPage = "claims/abbasi-mexico-authorized-37-new-russian-diplomats/index.html"
	const oldText, newText = "Other reporting agrees", "Independent reporting agrees"

	build := func(name, context string) (out string, compiled, downloaded int, took time.Duration) {
		t.Helper()
		os.RemoveAll(filepath.Join(dir, "public"))
		start := time.Now()
		out = run(t, dir, env, netlify, "build", "--offline", "--context", context)
		took = time.Since(start)
		seen := map[string]bool{}
		for _, line := range strings.Split(out, "\n") {
			line = strings.TrimSpace(line)
			if deps[line] && !seen[line] {
				seen[line] = true
				compiled++
			}
			if strings.HasPrefix(line, "go: downloading ") {
				downloaded++
			}
		}
		for _, line := range regexp.MustCompile(`(?m)go-cache: .*$`).FindAllString(out, -1) {
			t.Logf("%s: %s", name, line)
		}
		if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
			t.Fatalf("%s published no home page:\n%s", name, out)
		}
		return out, compiled, downloaded, took
	}

	emptyCaches()
	out1, compiled1, downloaded1, took1 := build("first build", "production")
	page := read(t, filepath.Join(dir, "public"), claimPage)
	mustContain(t, claimPage, page, oldText)
	if strings.Contains(page, newText) {
		t.Fatalf("%s already says %q: the edit below would prove nothing", claimPage, newText)
	}
	// Hugo alone is hundreds of packages; the standard library's are
	// compiled too, GOCACHE being empty.
	if compiled1 < 300 {
		t.Errorf("the first build compiled %d packages, want hundreds (is GOFLAGS=-v still honoured?):\n%s", compiled1, out1)
	}
	if downloaded1 == 0 {
		t.Errorf("the first build downloaded no modules with GOMODCACHE empty:\n%s", out1)
	}
	for _, name := range []string{"GOMODCACHE", "GOCACHE", "share cards"} {
		mustMatch(t, "first build", out1, `go-cache: `+name+` not restored \(.*\): a production build starts from empty caches`)
		mustMatch(t, "first build", out1, `go-cache: `+name+` saved to Netlify's cache \(.*\): [1-9]\d* files, [1-9]\d* bytes`)
	}

	// A one-claim change, built as Netlify builds it: Go's caches empty
	// again, only Netlify's cache (.netlify/cache with the CLI) kept.
	emptyCaches()
	src := read(t, dir, claimFile)
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(claimFile)), []byte(strings.Replace(src, oldText, newText, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out2, compiled2, downloaded2, took2 := build("second build", "deploy-preview")
	for _, name := range []string{"GOMODCACHE", "GOCACHE", "share cards"} {
		mustMatch(t, "second build", out2, `go-cache: `+name+` restored from Netlify's cache \(.*\): [1-9]\d* files, [1-9]\d* bytes`)
		mustMatch(t, "second build", out2, `go-cache: `+name+` saved to Netlify's cache \(.*\): [1-9]\d* files, [1-9]\d* bytes`)
	}
	if compiled2 != 0 {
		t.Errorf("the second build compiled %d packages, want none: Go's caches were not restored whole:\n%s", compiled2, out2)
	}
	if downloaded2 != 0 {
		t.Errorf("the second build downloaded %d modules, want none:\n%s", downloaded2, out2)
	}
	page = read(t, filepath.Join(dir, "public"), claimPage)
	mustContain(t, claimPage, page, newText)
	if strings.Contains(page, oldText) {
		t.Errorf("%s still says %q after the edit", claimPage, oldText)
	}

	// The next push to the pull request: what the preview saved comes back.
	emptyCaches()
	out3, compiled3, downloaded3, took3 := build("third build", "deploy-preview")
	for _, name := range []string{"GOMODCACHE", "GOCACHE", "share cards"} {
		mustMatch(t, "third build", out3, `go-cache: `+name+` restored from Netlify's cache \(.*\): [1-9]\d* files, [1-9]\d* bytes`)
	}
	if compiled3 != 0 || downloaded3 != 0 {
		t.Errorf("the third build compiled %d packages and downloaded %d modules, want none: the preview did not save what it restored:\n%s", compiled3, downloaded3, out3)
	}

	t.Logf("first build with empty Go caches: %.0f s, %d packages compiled, %d modules downloaded", took1.Seconds(), compiled1, downloaded1)
	t.Logf("second build (a preview of a one-claim change), caches restored: %.0f s, %d packages compiled, %d modules downloaded", took2.Seconds(), compiled2, downloaded2)
	t.Logf("third build (the next push), caches restored: %.0f s", took3.Seconds())
}

// goEnv returns `go env name` as the test process sees it.
func goEnv(t *testing.T, dir, name string) string {
	t.Helper()
	cmd := exec.Command("go", "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func mustMatch(t *testing.T, name, s, pattern string) {
	t.Helper()
	if !regexp.MustCompile(pattern).MatchString(s) {
		t.Errorf("%s: no line matches %q:\n%s", name, pattern, s)
	}
}

// makeWritable gives the owner write permission on every folder under dir:
// Go makes its module cache's read-only, and os.RemoveAll cannot delete
// their files.
func makeWritable(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}

func removeAll(dir string) error {
	makeWritable(dir)
	return os.RemoveAll(dir)
}
