package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"

	"github.com/factcheck-mx/factcheck/generator/host"
)

// draftClaim is a claim under review, added to the copy of the repository:
// previews must show it, production must not.
const draftClaim = "claims/e2e-claim-under-review.md"

// TestNetlifyBuild builds a copy of the repository with the real Netlify
// CLI (`netlify build --offline`) once per deploy context of netlify.toml,
// and checks what each published: production at $URL without drafts and
// open to search engines; deploy previews and branch deploys at the address
// Netlify gives them ($DEPLOY_PRIME_URL), with the claim under review, the
// preview banner, noindex and a robots.txt that disallows everything.
func TestNetlifyBuild(t *testing.T) {
	netlify := tool(t, "netlify")
	dir := copyRepo(t)
	cfg, err := host.Load(filepath.Join(dir, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	checkGoVersion(t, dir, cfg.Build.Environment["GO_VERSION"])

	src, err := os.ReadFile(filepath.Join(dir, "claims", "abbasi-mexico-authorized-37-new-russian-diplomats.md"))
	if err != nil {
		t.Fatal(err)
	}
	draft := strings.Replace(string(src), "\n---\n", "\ndraft: true\n---\n", 1)
	draft = strings.Replace(draft, "title: \"", "title: \"Under review: ", 1)
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(draftClaim)), []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	draftPage := "claims/e2e-claim-under-review/index.html"

	const production = "https://fuente-e2e.example.org/"
	configBase := "https://fuente-factcheck.netlify.app/" // config.toml's baseURL: never used on Netlify
	builtFor := regexp.MustCompile(`(?m)^for (\S+); search index built$`)
	for _, context := range []string{"production", "deploy-preview", "branch-deploy"} {
		t.Run(context, func(t *testing.T) {
			public := filepath.Join(dir, "public")
			os.RemoveAll(public)
			out := run(t, dir, []string{"URL=" + strings.TrimSuffix(production, "/"), "NETLIFY_SITE_ID=", "DEPLOY_PRIME_URL="},
				netlify, "build", "--offline", "--context", context)
			m := builtFor.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("the build did not say what address it built for (or built no search index):\n%s", out)
			}
			base := m[1]
			preview := context != "production"
			if preview {
				// Netlify gives previews their own address: the links must
				// follow it, whatever it is.
				if base == production || base == configBase || !regexp.MustCompile(`^https://[a-z0-9-]+--[a-z0-9-]+\.netlify\.app/$`).MatchString(base) {
					t.Fatalf("a %s was built for %s, want the preview's own address ($DEPLOY_PRIME_URL)", context, base)
				}
			} else if base != production {
				t.Fatalf("production was built for %s, want $URL %s", base, production)
			}
			t.Logf("%s built for %s", context, base)

			home := read(t, public, "index.html")
			mustContain(t, "index.html", home, `<link rel="canonical" href="`+base+`">`)
			if got := strings.Contains(home, "Preview build, not the published site."); got != preview {
				t.Errorf("preview banner on the home page: %v, want %v", got, preview)
			}
			if got := strings.Contains(home, `<meta name="robots" content="noindex">`); got != preview {
				t.Errorf("noindex on the home page: %v, want %v", got, preview)
			}
			robots := read(t, public, "robots.txt")
			if preview {
				mustContain(t, "robots.txt", robots, "Disallow: /")
			} else {
				mustContain(t, "robots.txt", robots, "Sitemap: "+base+"sitemap.xml")
				if strings.Contains(robots, "Disallow: /\n") {
					t.Error("production robots.txt disallows the whole site")
				}
			}

			sitemap := read(t, public, "en/sitemap.xml") // the English pages' (sitemap.xml indexes each language's)
			_, err := os.Stat(filepath.Join(public, filepath.FromSlash(draftPage)))
			if hasDraft := err == nil; hasDraft != preview {
				t.Errorf("claim under review published: %v, want %v", hasDraft, preview)
			}
			if listed := strings.Contains(read(t, public, "claims/index.html"), "Under review: "); listed != preview {
				t.Errorf("claim under review in the list of fact checks: %v, want %v", listed, preview)
			}
			if inMap := strings.Contains(sitemap, base+"claims/e2e-claim-under-review/"); inMap != preview {
				t.Errorf("claim under review in the sitemap: %v, want %v", inMap, preview)
			}
			if preview {
				page := read(t, public, draftPage)
				mustContain(t, draftPage, page, `<link rel="canonical" href="`+base+`claims/e2e-claim-under-review/">`)
				mustContain(t, draftPage, page, `Draft: under review, not published`)
			}
			if _, err := os.Stat(filepath.Join(public, "pagefind", "pagefind.js")); err != nil {
				t.Error("no search index in the published site")
			}

			// No file may point at another deploy's address.
			others := []string{configBase, ".netlify.app"} // production is at example.org
			if preview {
				others = []string{configBase, strings.TrimSuffix(production, "/")}
			}
			files := 0
			filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".xml") && !strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, ".txt") {
					return err
				}
				files++
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				for _, o := range others {
					if strings.Contains(string(b), o) {
						rel, _ := filepath.Rel(public, p)
						t.Errorf("%s links to %s, another deploy's address", rel, o)
					}
				}
				return nil
			})
			if files < 70 {
				t.Errorf("only %d pages and feeds published", files)
			}
		})
	}
}

// checkGoVersion checks that netlify.toml pins Go for the build image, at a
// version go.mod accepts.
func checkGoVersion(t *testing.T, dir, pinned string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := modfile.ParseLax("go.mod", b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pinned == "" || !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(pinned) {
		t.Fatalf("netlify.toml pins GO_VERSION %q: want an exact release such as 1.26.8", pinned)
	}
	if semver.Compare("v"+pinned, "v"+mod.Go.Version) < 0 {
		t.Errorf("netlify.toml pins Go %s, older than go.mod's go %s", pinned, mod.Go.Version)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustContain(t *testing.T, name, s, want string) {
	t.Helper()
	if !strings.Contains(s, want) {
		t.Errorf("%s lacks %q", name, want)
	}
}
