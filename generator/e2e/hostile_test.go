package e2e

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// secret stands for a deploy secret in the build's environment; made at
// run time, so that the copy of this file in the copied repository does
// not hold it.
var secret = strings.Repeat("7f3a9c", 2) + "-e2e-deploy-secret"

// loosePolicy is config.toml's [security] as a hostile pull request writes it.
const loosePolicy = `
[security]
  enableInlineShortcodes = true
  [security.exec]
    allow = ['.*']
    osEnv = ['.*']
  [security.funcs]
    getenv = ['.*']
  [security.http]
    urls = ['.*']
    methods = ['.*']
`

// leakPartial tries every way a template has to reach the build machine,
// each under try, so that a denial does not stop the build: the page
// then shows nothing of it.
const leakPartial = `{{ with (try (os.Getenv "E2E_DEPLOY_SECRET")).Value }}<p class="leak">{{ . }}</p>{{ end }}
{{ with (try (os.Getenv "HUGO_E2E_SECRET")).Value }}<p class="leak">{{ . }}</p>{{ end }}
{{ with (try (readFile "/proc/self/environ")).Value }}<p class="leak">{{ . }}</p>{{ end }}
{{ with (try (readFile "../../../../../proc/self/environ")).Value }}<p class="leak">{{ . }}</p>{{ end }}
{{ with (try (readFile "outside/secret.txt")).Value }}<p class="leak">{{ . }}</p>{{ end }}
{{ with (try (resources.GetRemote "http://127.0.0.1:9/")).Value }}<p class="leak">{{ .Content }}</p>{{ end }}
`

// TestNetlifyHostilePreview builds deploy previews of a copy of the
// repository carrying a hostile pull request, with the real Netlify CLI and
// a secret in the build's environment, as Netlify builds every pull
// request. First what check cannot refuse, because the generator never
// gives it to Hugo (hugo.toml, a config/ folder, HUGO_* variables, templates
// trying every way to read the machine): the preview is built, every fact
// check is there, and the secret is nowhere in public/. Then what check
// refuses (config.toml loosening [security] or mounting a folder, a
// hand-written page taking over a fact check's address or hiding every
// claim page, a Netlify _redirects sending the fact checks elsewhere): the preview fails, naming the file and line, and publishes
// nothing.
func TestNetlifyHostilePreview(t *testing.T) {
	netlify := tool(t, "netlify")
	dir := copyRepo(t)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret), 0o644)
	env := []string{
		"E2E_DEPLOY_SECRET=" + secret, "HUGO_E2E_SECRET=" + secret,
		"HUGO_SECURITY_FUNCS_GETENV=.*", "HUGO_SECURITY_HTTP_URLS=.*", "HUGOxSECURITYxEXECxALLOW=.*",
		"URL=https://fuente-e2e.example.org", "NETLIFY_SITE_ID=", "DEPLOY_PRIME_URL=",
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mount := "\n[module]\n[[module.mounts]]\nsource = \"" + outside + "\"\ntarget = \"static/outside\"\n"
	write("hugo.toml", "baseURL = \"https://example.org/\"\n"+loosePolicy+mount)
	write("config/_default/hugo.toml", loosePolicy+mount)
	write("config/preview/security.toml", strings.ReplaceAll(strings.ReplaceAll(loosePolicy, "[security.", "["), "[security]\n", ""))
	write("layouts/_partials/leak.html", leakPartial)
	baseof, err := os.ReadFile(filepath.Join(dir, "layouts", "baseof.html"))
	if err != nil {
		t.Fatal(err)
	}
	write("layouts/baseof.html", strings.Replace(string(baseof), "</body>", `{{ partial "leak.html" . }}</body>`, 1))
	if !strings.Contains(string(baseof), "</body>") {
		t.Fatal("layouts/baseof.html has no </body> to add the partial before")
	}

	t.Run("neutralised", func(t *testing.T) {
		public := filepath.Join(dir, "public")
		out := run(t, dir, env, netlify, "build", "--offline", "--context", "deploy-preview")
		for _, name := range []string{"hugo.toml", "config"} {
			if !strings.Contains(out, name+": warning: not read") {
				t.Errorf("the build did not warn that %s is not read:\n%s", name, out)
			}
		}
		noSecret(t, public, out)
		claims, _ := filepath.Glob(filepath.Join(dir, "claims", "*.md"))
		for _, c := range claims {
			id := strings.TrimSuffix(filepath.Base(c), ".md")
			if strings.Contains(id, ".") {
				// A translation (x.es.md): published at /es/claims/x/.
				id, lang, _ := strings.Cut(id, ".")
				if _, err := os.Stat(filepath.Join(public, lang, "claims", id, "index.html")); err != nil {
					t.Errorf("fact check %s missing from the preview in %s", id, lang)
				}
				continue
			}
			if _, err := os.Stat(filepath.Join(public, "claims", id, "index.html")); err != nil {
				t.Errorf("fact check %s missing from the preview", id)
			}
		}
		if len(claims) < 10 {
			t.Errorf("only %d claims in the copy", len(claims))
		}
		if _, err := os.Stat(filepath.Join(public, "outside")); err == nil {
			t.Error("the mounted folder outside the repository was published")
		}
		home := read(t, public, "index.html")
		if i := strings.Index(home, `class="leak"`); i >= 0 {
			t.Errorf("a denied call printed something: %q", home[i:min(len(home), i+200)])
		}
	})

	refused := []struct{ name, file, text, want string }{
		{"loosened security", "config.toml", "", `security.funcs.getenv must be "none"`},
		{"page taking over a fact check", "content/about.md", "---\ntitle: About\nurl: /claims/abbasi-mexico-authorized-37-new-russian-diplomats/\n---\nTaken over.\n", `content/about.md:3: field "url" is not allowed in a hand-written page`},
		{"redirect of every fact check", "static/_redirects", "/claims/* https://evil.example/:splat 301!\n", "static/_redirects: Netlify's _redirects is not accepted"},
		{"cascade hiding every claim", "content/_index.md", "---\ntitle: Home\ncascade:\n  - build:\n      render: never\n    target:\n      path: /claims/**\n---\n", "content/_index.md: the home page is made from layouts/home.html"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, filepath.FromSlash(tc.file))
			old, had := os.ReadFile(p)
			text := tc.text
			if tc.file == "config.toml" {
				text = strings.Replace(string(old), "getenv = ['none']", "getenv = ['.*']", 1) + mount
			}
			write(tc.file, text)
			defer func() {
				if had == nil {
					os.WriteFile(p, old, 0o644)
				} else {
					os.Remove(p)
				}
			}()
			public := filepath.Join(dir, "public")
			os.RemoveAll(public)
			cmd := exec.Command(netlify, "build", "--offline", "--context", "deploy-preview")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), env...)
			b, err := cmd.CombinedOutput()
			out := string(b)
			if err == nil {
				t.Fatalf("the hostile preview was built:\n%s", out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("the failed build does not say %q:\n%s", tc.want, out)
			}
			if _, err := os.Stat(public); err == nil {
				t.Error("a failed build published public/")
			}
			noSecret(t, dir, out)
		})
	}
}

// noSecret fails if the secret is in the build's output or in any file
// under dir.
func noSecret(t *testing.T, dir, out string) {
	t.Helper()
	if strings.Contains(out, secret) {
		t.Error("the build's output shows the secret")
	}
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".netlify") {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		n++
		if b, _ := os.ReadFile(p); strings.Contains(string(b), secret) {
			rel, _ := filepath.Rel(dir, p)
			t.Errorf("%s holds the secret", rel)
		}
		return nil
	})
	if n == 0 {
		t.Errorf("no files under %s", dir)
	}
}
