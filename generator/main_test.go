package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
)

// site copies the repository's site into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"config.toml", "layouts", "i18n", "assets", "content", "corpus", "people", "claims"} {
		src := filepath.Join("..", name)
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("..", p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckExitStatus(t *testing.T) {
	dir := copySite(t)
	code, out, _ := runCmd("check", "-root", dir)
	if code != 0 || !strings.Contains(out, "0 errors") {
		t.Fatalf("check on the real site: exit %d\n%s", code, out)
	}
	bad := filepath.Join(dir, "claims", "broken.md")
	os.WriteFile(bad, []byte("---\nclaim: x\nratng: corroborated\n---\n"), 0o644)
	code, out, _ = runCmd("check", "-root", dir)
	if code != 1 {
		t.Errorf("check with a broken claim: exit %d, want 1", code)
	}
	if !strings.Contains(out, `claims/broken.md:3: unknown field "ratng": did you mean "rating"?`) {
		t.Errorf("check output lacks the typo with its line:\n%s", out)
	}
	if code, _, _ := runCmd("frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

// Under GitHub Actions, check prints workflow annotations, which GitHub
// shows on the changed lines of a pull request; -format chooses either way.
func TestCheckAnnotations(t *testing.T) {
	dir := copySite(t)
	os.WriteFile(filepath.Join(dir, "claims", "broken.md"), []byte("---\nclaim: x\nratng: corroborated\n---\n"), 0o644)
	t.Setenv("GITHUB_ACTIONS", "true")
	code, out, _ := runCmd("check", "-root", dir)
	want := `::error file=claims/broken.md,line=3,title=check::unknown field "ratng": did you mean "rating"?`
	if code != 1 || !strings.Contains(out, want+"\n") || strings.Contains(out, "\nclaims/broken.md:3:") {
		t.Errorf("check under GitHub Actions: exit %d, want annotations such as\n%s\ngot:\n%s", code, want, out)
	}
	if _, out, _ := runCmd("check", "-root", dir, "-format", "text"); !strings.Contains(out, `claims/broken.md:3: unknown field "ratng"`) {
		t.Errorf("-format text under GitHub Actions:\n%s", out)
	}
	if code, _, _ := runCmd("check", "-root", dir, "-format", "xml"); code != 2 {
		t.Errorf("-format xml: exit %d, want 2", code)
	}
}

// Search is part of the build: without Pagefind, and no npm to install it,
// the build stops and says how to go on, leaving public/ as it was.
func TestBuildWithoutPagefind(t *testing.T) {
	dir := copySite(t)
	t.Setenv("PATH", t.TempDir())
	code, _, errs := runCmd("build", "-root", dir)
	if code != 1 || !strings.Contains(errs, "npm is not on PATH") || !strings.Contains(errs, "-search=false") || !strings.Contains(errs, "content/ and public/ are unchanged") {
		t.Errorf("build without Pagefind or npm: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("a build that stopped wrote public/")
	}
}

func TestBuildFailureLeavesOutput(t *testing.T) {
	dir := copySite(t)
	claims := originals(filepath.Join(dir, "claims", "*.md"))
	code, out, errs := runCmd("build", "-root", dir, "-search=false")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("built %d claim", len(claims))) {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	// The build says each stage as it starts, on stderr, in order (no
	// progress line: stderr is not a terminal).
	inputs := build.CountInputs(dir)
	stages := []string{
		fmt.Sprintf("loading %d input files from claims/, people/ and corpus/…\n", inputs),
		"reading the inputs' history…\n",
		fmt.Sprintf("making the content of %d claim, ", len(claims)),
		"writing ", " content files…\n",
		"rendering ", " pages with Hugo…\n",
		"publishing…\n",
	}
	rest := errs
	for _, s := range stages {
		i := strings.Index(rest, s)
		if i < 0 {
			t.Fatalf("build's stderr lacks %q after the stages before it:\n%s", s, errs)
		}
		rest = rest[i+len(s):]
	}
	if strings.Contains(errs, "\r") {
		t.Errorf("a progress line was drawn on stderr that is not a terminal:\n%q", errs)
	}
	// The summary counts the files published.
	published := 0
	filepath.WalkDir(filepath.Join(dir, "public"), func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			published++
		}
		return nil
	})
	if want := fmt.Sprintf(" %d files in public/", published); !strings.Contains(out, want) {
		t.Errorf("the summary does not say%s:\n%s", want, out)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	os.WriteFile(filepath.Join(dir, "claims", "broken.md"), []byte("---\nclaim: x\n---\n"), 0o644)
	code, _, errs = runCmd("build", "-root", dir, "-search=false", "-quiet")
	if code != 1 || !strings.Contains(errs, "content/ and public/ are unchanged") {
		t.Fatalf("build with errors: exit %d\n%s", code, errs)
	}
	if strings.Contains(errs, "…") {
		t.Errorf("build -quiet said its stages:\n%s", errs)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if !bytes.Equal(before, after) || len(before) == 0 {
		t.Error("a failed build changed public/index.html")
	}
}

// Each scaffold written by new must pass check as it stands.
func TestNewScaffoldsPassCheck(t *testing.T) {
	dir := copySite(t)
	count := func(pattern string) int { return len(originals(filepath.Join(dir, pattern))) }
	want := fmt.Sprintf("%d claims, %d people, %d sources: 0 errors", count("claims/*.md")+1, count("people/*.md")+2, count("corpus/*.txt")+1)
	steps := [][]string{
		{"new", "person", "jane-roe", "-root", dir, "-name", "Jane Roe"},
		{"new", "source", "roe-interview", "-root", dir, "-title", "An interview"},
		{"new", "claim", "roe-claim", "-root", dir, "-claimant", "jane-roe", "-source", "roe-interview"},
		{"new", "person", "roe-agency", "-root", dir, "-name", "Roe Agency", "-kind", "organization"},
	}
	for _, s := range steps {
		if code, out, errs := runCmd(s...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", s, code, out, errs)
		}
	}
	code, out, _ := runCmd("check", "-root", dir)
	if code != 0 || !strings.Contains(out, want) || strings.Contains(out, "roe-") {
		t.Fatalf("check after new: exit %d\n%s", code, out)
	}
	if org, _ := os.ReadFile(filepath.Join(dir, "people", "roe-agency.md")); !strings.HasPrefix(string(org), "---\nkind: organization\nname: \"Roe Agency\"\n") {
		t.Errorf("new person -kind organization wrote:\n%s", org)
	}
	if code, _, _ := runCmd("new", "person", "roe-club", "-root", dir, "-kind", "club"); code != 2 {
		t.Errorf("new person -kind club: exit %d, want 2", code)
	}
	if code, _, errs := runCmd("new", "person", "jane-roe", "-root", dir); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("new over an existing file: exit %d, %s", code, errs)
	}
	if code, _, _ := runCmd("new", "claim", "x", "-root", dir, "-claimant", "nobody", "-source", "roe-interview"); code != 1 {
		t.Errorf("new claim with an unknown claimant: exit %d, want 1", code)
	}
	if code, _, _ := runCmd("new", "person", "../escape", "-root", dir); code != 2 {
		t.Errorf("new with a path as id: exit %d, want 2", code)
	}
}

// new source -from imports a saved page: the text and metadata become a
// source that passes check, the page is kept beside it, and the source
// page links to it. Importing over an existing id changes nothing.
func TestNewSourceFrom(t *testing.T) {
	dir := copySite(t)
	page, err := filepath.Abs("ingest/testdata/jsonld-news.html")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd("new", "source", "-root", dir, "-from", page)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	id := "russia-is-expanding-its-spy-network-in-mexico-officials-say"
	src, err := os.ReadFile(filepath.Join(dir, "corpus", id+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"outlet: Example News\n", "published: \"2023-03-27\"\n", "author: Dan De Luce, Ken Dilanian\n", "original: " + id + ".original.html\n",
		"\nRussian intelligence services are building up their presence in Mexico,"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("corpus/%s.txt lacks %q", id, want)
		}
	}
	orig, _ := os.ReadFile(filepath.Join(dir, "corpus", id+".original.html"))
	want, _ := os.ReadFile(page)
	if !bytes.Equal(orig, want) {
		t.Errorf("the original is not kept byte for byte")
	}
	// The real site's own warnings (methodology findings) may stand; the
	// imported source adds none.
	if code, out, _ := runCmd("check", "-root", dir); code != 0 || !strings.Contains(out, "6 sources: 0 errors,") || strings.Contains(out, "corpus/"+id) {
		t.Fatalf("check after import: exit %d\n%s", code, out)
	}
	if code, _, errs := runCmd("new", "source", id, "-root", dir, "-from", "ingest/testdata/plain.txt"); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("import over an existing source: exit %d, %s", code, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "corpus", id+".txt")); !bytes.Equal(after, src) {
		t.Error("a refused import changed the existing source")
	}
	if code, _, _ := runCmd("new", "source", "x", "-root", dir, "-from", "ingest/testdata/missing.html"); code != 1 {
		t.Errorf("import of a missing file: exit %d, want 1", code)
	}
	if code, out, errs := runCmd("build", "-root", dir, "-search=false"); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "public", "sources", id, "index.html"))
	if !strings.Contains(string(html), "/blob/main/corpus/"+id+".original.html") {
		t.Error("the source page does not link to the original")
	}
}

// originals are the files matching pattern that are not translations
// (claims/x.md, not claims/x.es.md).
func originals(pattern string) []string {
	m, _ := filepath.Glob(pattern)
	var out []string
	for _, p := range m {
		if strings.Count(filepath.Base(p), ".") == 1 {
			out = append(out, p)
		}
	}
	return out
}

// check starts from the state a build saved, and says what a check from
// scratch says, before and after an edit; it leaves the state as it was.
func TestCheckFromSavedState(t *testing.T) {
	dir := copySite(t)
	states := t.TempDir()
	if code, out, errs := runCmd("build", "-root", dir, "-search=false", "-state", states); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	saved, _ := filepath.Glob(filepath.Join(states, "*.state"))
	if len(saved) != 1 {
		t.Fatalf("the build saved %d state files, want 1", len(saved))
	}
	before, _ := os.ReadFile(saved[0])
	same := func(when string) {
		t.Helper()
		code, got, _ := runCmd("check", "-root", dir, "-state", states)
		wantCode, want, _ := runCmd("check", "-root", dir, "-state", "")
		if code != wantCode || got != want {
			t.Errorf("%s: check from the saved state (exit %d):\n%s\nfrom scratch (exit %d):\n%s", when, code, got, wantCode, want)
		}
	}
	same("as built")
	claims := originals(filepath.Join(dir, "claims", "*.md"))
	data, _ := os.ReadFile(claims[0])
	os.WriteFile(claims[0], []byte(strings.Replace(string(data), "\nrating: ", "\nratng: ", 1)), 0o644)
	same("after a claim is broken")
	if after, _ := os.ReadFile(saved[0]); !bytes.Equal(before, after) {
		t.Error("check changed the saved state")
	}
}
