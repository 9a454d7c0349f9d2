package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const secret = "s3cr3t-deploy-token"

// site writes files (slash paths) into a new folder and returns it.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// renderSite renders dir as a build does and returns the error, after
// checking that the secret is nowhere in what was written.
func renderSite(t *testing.T, dir string) error {
	t.Helper()
	work := t.TempDir()
	public := filepath.Join(work, "public")
	content := filepath.Join(dir, "content")
	os.MkdirAll(content, 0o755)
	err := Site(Options{Root: dir, Content: content, Public: public, Work: work, BaseURL: "https://example.org/"})
	filepath.WalkDir(work, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), secret) {
				t.Errorf("%s holds the secret", p)
			}
		}
		return nil
	})
	if err != nil && strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows the secret: %v", err)
	}
	return err
}

// loose is a security policy as a hostile pull request would write it.
const loose = `
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

// Whatever config.toml, hugo.toml, a config/ folder or the environment
// say, templates may not read the environment, run programs or fetch URLs.
func TestPolicyWhateverTheConfigurationSays(t *testing.T) {
	t.Setenv("FUENTE_TEST_SECRET", secret)
	t.Setenv("HUGO_SECURITY_FUNCS_GETENV", ".*")
	t.Setenv("HUGOxSECURITYxFUNCSxGETENV", ".*")
	base := map[string]string{
		"config.toml":                     "baseURL = \"https://example.org/\"\ntitle = \"T\"\n" + loose,
		"hugo.toml":                       "baseURL = \"https://example.org/\"\n" + loose,
		"config/_default/hugo.toml":       loose,
		"config/production/security.toml": strings.ReplaceAll(strings.ReplaceAll(loose, "[security.", "["), "[security]\n", ""),
		"layouts/baseof.html":             `{{ block "main" . }}{{ end }}`,
		"layouts/page.html":               `{{ .Content }}`,
		"layouts/section.html":            `{{ .Content }}`,
		"layouts/taxonomy.html":           ``,
		"layouts/term.html":               ``,
	}
	tests := []struct {
		name, file, text, want string
	}{
		{"getenv", "layouts/home.html", `{{ os.Getenv "FUENTE_TEST_SECRET" }}`, `is not whitelisted in policy "security.funcs.getenv"`},
		{"getenv of HUGO_", "layouts/home.html", `{{ os.Getenv "HUGO_SECURITY_FUNCS_GETENV" }}`, `is not whitelisted in policy "security.funcs.getenv"`},
		{"remote", "layouts/home.html", `{{ with resources.GetRemote "https://example.org/x" }}{{ .Content }}{{ end }}`, `is not whitelisted in policy "security.http.urls"`},
		{"exec", "layouts/home.html", `{{ with resources.FromString "x.css" "a{}" | css.PostCSS }}{{ .Content }}{{ end }}`, `is not whitelisted in policy "security.exec.allow"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{tc.file: tc.text}
			for k, v := range base {
				files[k] = v
			}
			err := renderSite(t, site(t, files))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("render: %v; want an error containing %q", err, tc.want)
			}
		})
	}
}

// An inline shortcode in a page is not run, whatever config.toml says.
func TestNoInlineShortcodes(t *testing.T) {
	t.Setenv("FUENTE_TEST_SECRET", secret)
	dir := site(t, map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\ntitle = \"T\"\n" + loose,
		"layouts/home.html":    `home`,
		"layouts/page.html":    `{{ .Content }}`,
		"layouts/section.html": ``, "layouts/taxonomy.html": ``, "layouts/term.html": ``,
		"content/x.md": "---\ntitle: x\n---\n{{< leak.inline >}}{{ os.Getenv \"FUENTE_TEST_SECRET\" }}{{< /leak.inline >}}\n",
	})
	renderSite(t, dir) // the secret must not be written, error or not
}

// Module mounts, imports, themes and other folders named in config.toml
// are not read: a pull request cannot publish a folder of the build machine.
func TestNoFoldersOutside(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "leak.txt"), []byte(secret), 0o644)
	os.MkdirAll(filepath.Join(outside, "layouts"), 0o755)
	os.WriteFile(filepath.Join(outside, "layouts", "home.html"), []byte(secret), 0o644)
	dir := site(t, map[string]string{
		"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"T\"\ntheme = \"evil\"\nthemesDir = " + quote(filepath.Dir(outside)) +
			"\nstaticDir = " + quote(outside) + "\nlayoutDir = " + quote(filepath.Join(outside, "layouts")) +
			"\n[module]\n[[module.mounts]]\nsource = " + quote(outside) + "\ntarget = \"static\"\n" +
			"[[module.mounts]]\nsource = " + quote(filepath.Join(outside, "layouts")) + "\ntarget = \"layouts\"\n",
		"layouts/home.html":    `home {{ readFile "leak.txt" }}`,
		"layouts/page.html":    ``,
		"layouts/section.html": ``, "layouts/taxonomy.html": ``, "layouts/term.html": ``,
	})
	if err := renderSite(t, dir); err != nil && !strings.Contains(err.Error(), "leak.txt") {
		t.Fatalf("render: %v", err)
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `\`, `\\`) + `"` }

// Hugo's errors name files as the contributor knows them.
func TestErrorNamesTheContributorsFile(t *testing.T) {
	dir := site(t, map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\ntitle = \"T\"\n",
		"layouts/home.html":    `home`,
		"layouts/page.html":    `{{ .Content }}`,
		"layouts/section.html": ``, "layouts/taxonomy.html": ``, "layouts/term.html": ``,
		"content/about.md": "---\ntitle: About\n---\nText\n\nMore\n\n{{< nosuchshortcode >}}\n",
	})
	err := renderSite(t, dir)
	if err == nil {
		t.Fatal("no error for an unknown shortcode")
	}
	if !strings.Contains(err.Error(), "content/about.md:8:") || strings.Contains(err.Error(), dir) {
		t.Errorf("error %q: want content/about.md:8: and no folder of the build", err)
	}
}

func TestEnviron(t *testing.T) {
	got := Environ([]string{"PATH=/bin", "HUGO_SECURITY_FUNCS_GETENV=.*", "hugo_x=1", "HUGOxPARAMSxA=b", "HOME=/root"})
	want := []string{"FUENTE_RENDER=1", "PATH=/bin", "HOME=/root"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Environ = %q, want %q", got, want)
	}
}

// Templates read files relative to Hugo's working folder, which is a copy
// of the site's folders: not the repository, whose .git/config holds CI's
// token, nor anything else in it that is not part of the site.
func TestTemplatesReadOnlyTheSite(t *testing.T) {
	dir := site(t, map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\ntitle = \"T\"\n",
		".git/config":          "[http]\n\textraheader = AUTHORIZATION: basic " + secret + "\n",
		"node_modules/x.txt":   secret,
		"claims/raw.md":        secret,
		"layouts/home.html":    `{{ range slice ".git/config" "node_modules/x.txt" "claims/raw.md" "config.toml" }}{{ with (try (readFile .)).Value }}[{{ . }}]{{ end }}{{ end }}{{ range (try (os.ReadDir ".")).Value }}{{ .Name }} {{ end }}`,
		"layouts/page.html":    ``,
		"layouts/section.html": ``, "layouts/taxonomy.html": ``, "layouts/term.html": ``,
		"data/x.json": `{"a": 1}`,
	})
	if err := renderSite(t, dir); err != nil {
		t.Fatal(err)
	}
}
