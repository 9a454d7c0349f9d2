package preview

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// The site the tests preview: a page, a layout, a 404 page, a static file.
const testSite = `
-- config.toml --
baseURL = "https://example.org/"
title = "Test"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotsTXT"]
-- layouts/baseof.html --
<!doctype html><html lang="en"><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
-- layouts/page.html --
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
-- layouts/home.html --
{{ define "main" }}<h1>Home</h1><ul>{{ range site.RegularPages }}<li>{{ .Title }}: {{ .Plain }}</li>{{ end }}</ul>{{ end }}
-- layouts/404.html --
{{ define "main" }}<h1>Not here</h1>{{ end }}
-- static/hello.txt --
hello
-- preview-content/a/index.md --
---
title: A
---
First text.
`

func TestRun(t *testing.T) {
	root := t.TempDir()
	for _, f := range txtar.Parse([]byte(testSite)).Files {
		p := filepath.Join(root, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	content := filepath.Join(root, "preview-content")
	changes, tell := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- Run(ctx, Options{Root: root, Content: content, Public: filepath.Join(root, "preview-public"), Port: port}, changes)
	}()
	defer func() {
		cancel()
		tell.Close()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	site := "http://127.0.0.1:" + strconv.Itoa(port)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, string, http.Header) {
		resp, err := client.Get(site + path)
		if err != nil {
			return 0, "", nil
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	// waitFor asks for path until its body contains want (and its status is
	// status), for up to 20 s.
	waitFor := func(path, want string, status int) {
		t.Helper()
		var code int
		var body string
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if code, body, _ = get(path); code == status && strings.Contains(body, want) {
				return
			}
		}
		t.Fatalf("GET %s: %d %q, want %d and %q", path, code, body, status, want)
	}
	waitFor("/a/", "First text.", 200)
	if _, body, h := get("/a/"); !strings.Contains(body, "/livereload.js?") || h.Get("Cache-Control") != "no-store" {
		t.Errorf("the page has no live-reload script or is cached: %s %v", body, h)
	}
	if code, body, _ := get("/livereload.js"); code != 200 || !strings.Contains(body, "LiveReload") {
		t.Errorf("/livereload.js: %d", code)
	}
	// What is not there gets the site's 404 page, and nothing outside the
	// rendered site is served.
	waitFor("/nope/", "Not here", 404)
	waitFor("/../config.toml", "Not here", 404)
	waitFor("/%2e%2e/config.toml", "Not here", 404)
	if code, _, h := get("/a"); code != http.StatusMovedPermanently || h.Get("Location") != "/a/" {
		t.Errorf("/a: %d to %q, want a redirect to /a/", code, h.Get("Location"))
	}
	waitFor("/hello.txt", "hello", 200)

	// A content file the generator rewrote, said on changes: rendered again.
	page := filepath.Join(content, "a", "index.md")
	os.WriteFile(page, []byte("---\ntitle: A\n---\nSecond text.\n"), 0o644)
	if err := Changes(tell, []string{page}); err != nil {
		t.Fatal(err)
	}
	waitFor("/a/", "Second text.", 200)
	// The home page shows it too: not asked for since the start, it was
	// left stale by the render (fast render mode) and is rendered when
	// asked for.
	if _, body, _ := get("/"); !strings.Contains(body, "Second text.") {
		t.Errorf("the home page, first asked for after the edit, is stale:\n%s", body)
	}
	// A new page, and a removed one.
	added := filepath.Join(content, "b", "index.md")
	os.MkdirAll(filepath.Dir(added), 0o755)
	os.WriteFile(added, []byte("---\ntitle: B\n---\nB text.\n"), 0o644)
	os.Remove(page)
	Changes(tell, []string{added, page})
	waitFor("/b/", "B text.", 200)
	waitFor("/a/", "Not here", 404)

	// Templates and static files are followed here.
	os.WriteFile(filepath.Join(root, "layouts", "page.html"), []byte(`{{ define "main" }}<h1 class="edited">{{ .Title }}</h1>{{ .Content }}{{ end }}`), 0o644)
	waitFor("/b/", `class="edited"`, 200)
	os.WriteFile(filepath.Join(root, "static", "new.txt"), []byte("new file"), 0o644)
	waitFor("/new.txt", "new file", 200)
	os.Remove(filepath.Join(root, "static", "hello.txt"))
	waitFor("/hello.txt", "Not here", 404)

	// A broken template: the last good pages stay; mended, it renders again.
	os.WriteFile(filepath.Join(root, "layouts", "page.html"), []byte(`{{ define "main" }}{{ if }}{{ end }}`), 0o644)
	time.Sleep(time.Second)
	waitFor("/b/", `class="edited"`, 200)
	os.WriteFile(filepath.Join(root, "layouts", "page.html"), []byte(`{{ define "main" }}<h1 class="mended">{{ .Title }}</h1>{{ .Content }}{{ end }}`), 0o644)
	waitFor("/b/", `class="mended"`, 200)

	// The configuration: everything rendered again with it.
	cfg := filepath.Join(root, "config.toml")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(b), `title = "Test"`, `title = "Retitled"`, 1)), 0o644)
	waitFor("/", "<title>Retitled</title>", 200)
}

func TestChangesRoundTrip(t *testing.T) {
	r, w := io.Pipe()
	go func() {
		Changes(w, []string{"/a/b.md", "/c\nd.md", "/e.md"})
		Changes(w, nil)
		Changes(w, []string{"/f.md"})
		w.Close()
	}()
	var got [][]string
	for batch := range readBatches(r) {
		got = append(got, batch)
	}
	want := [][]string{{"/a/b.md", "/e.md"}, nil, {"/f.md"}}
	if len(got) != len(want) {
		t.Fatalf("batches %q, want %q", got, want)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("batch %d: %q, want %q", i, got[i], want[i])
		}
	}
}

func TestRelevant(t *testing.T) {
	p := &previewer{opt: Options{Root: "/site"}}
	for name, want := range map[string]bool{
		"/site/config.toml":            true,
		"/site/hugo.toml":              true,
		"/site/config/_default/x.toml": true,
		"/site/layouts/page.html":      true,
		"/site/layouts/.page.html.swp": false,
		"/site/layouts/page.html~":     false,
		"/site/static/x.css":           true,
		"/site/assets/css/main.css":    true,
		"/site/i18n/en.toml":           true,
		"/site/claims/a.md":            false, // the generator's
		"/site/README.md":              false,
		"/elsewhere/layouts/x.html":    false,
	} {
		if got := p.relevant(name); got != want {
			t.Errorf("relevant(%q) = %v, want %v", name, got, want)
		}
	}
}
