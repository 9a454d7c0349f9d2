package host

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/claims/x/", true},
		{"/css/*", "/css/site.123.css", true},
		{"/css/*", "/cssx/a", false},
		{"/css/*", "/claims/", false},
		{"/robots.txt", "/robots.txt", true},
		{"/robots.txt", "/robots.txt/x", false},
	} {
		if got := Match(tc.pattern, tc.path); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

// The project's own netlify.toml: every response gets the security headers,
// CSS and scripts under /css/ and /js/ are cached for a year, and the policy
// allows what the search page needs (WebAssembly) and nothing inline.
func TestProjectConfig(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Build.Publish != "public" || !strings.Contains(c.Build.Command, "go run ./generator build") {
		t.Errorf("build: %+v", c.Build)
	}
	for _, ctx := range []string{"deploy-preview", "branch-deploy"} {
		if cmd := c.Context[ctx].Command; !strings.Contains(cmd, "--drafts") || !strings.Contains(cmd, "$DEPLOY_PRIME_URL") {
			t.Errorf("context %s: command %q should build drafts at $DEPLOY_PRIME_URL", ctx, cmd)
		}
	}
	page := HeadersFor(c.Headers, "/claims/x/")
	csp := page.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
		t.Errorf("CSP allows inline or eval: %q", csp)
	}
	for _, h := range []string{"Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if page.Get(h) == "" {
			t.Errorf("no %s on pages", h)
		}
	}
	if page.Get("Cache-Control") != "" {
		t.Errorf("pages are cached: %q", page.Get("Cache-Control"))
	}
	for _, p := range []string{"/css/site.abc.css", "/js/search.abc.js", "/pagefind/fragment/en_abc.pf_fragment"} {
		if cc := HeadersFor(c.Headers, p).Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q, want a long immutable lifetime", p, cc)
		}
	}
	// Pagefind's entry files keep their names from build to build: they
	// must not be cached for long, or readers would load a stale index.
	for _, p := range []string{"/pagefind/pagefind.js", "/pagefind/pagefind-entry.json"} {
		if cc := HeadersFor(c.Headers, p).Get("Cache-Control"); strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q: its name does not change with its content", p, cc)
		}
	}
}

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "index.html"), []byte("page a"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("not here"), 0o644)
	os.MkdirAll(filepath.Join(dir, "es"), 0o755)
	os.WriteFile(filepath.Join(dir, "es", "404.html"), []byte("no está"), 0o644)
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	rules := []Rule{{For: "/*", Values: map[string]string{"X-Test": "all"}}, {For: "/a/*", Values: map[string]string{"X-Test": "a"}}}
	srv := httptest.NewServer(Handler(dir, rules, []Redirect{{From: "/es/*", To: "/es/404.html", Status: 404}}))
	defer srv.Close()
	for _, tc := range []struct {
		path, body, header string
		status             int
	}{
		{"/a/", "page a", "a", 200},
		{"/missing/", "not here", "all", 404},
		{"/empty/", "not here", "all", 404},
		{"/../etc/passwd", "not here", "all", 404},
		{"/es/missing/", "no está", "all", 404},
		{"/es/../missing/", "not here", "all", 404},
	} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 100)
		n, _ := resp.Body.Read(b)
		resp.Body.Close()
		if resp.StatusCode != tc.status || string(b[:n]) != tc.body || resp.Header.Get("X-Test") != tc.header {
			t.Errorf("%s: %d %q X-Test=%q, want %d %q %q", tc.path, resp.StatusCode, b[:n], resp.Header.Get("X-Test"), tc.status, tc.body, tc.header)
		}
	}
}
