package build

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/factcheck-mx/factcheck/generator/synth"
)

// repoRoot is the site root of this repository, relative to this package.
const repoRoot = "../.."

// newSite makes a site in a temporary folder from the repository's
// templates and configuration (synth.Skeleton: not the generated
// sections), its inputs too when withInputs, plus the files of archive
// (if any).
func newSite(t testing.TB, archive *txtar.Archive, withInputs bool) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Skeleton(repoRoot, dir); err != nil {
		t.Fatal(err)
	}
	if withInputs {
		for _, name := range []string{"corpus", "people", "claims"} {
			if err := copyTree(filepath.Join(repoRoot, name), filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if archive != nil {
		if cfg, ok := section(archive, "config.toml"); ok && !strings.Contains(cfg, "[languages") {
			// A site of one language: the skeleton's translations of the
			// hand-written pages would be translations into a language it
			// does not have (an error of their own, tested apart).
			tr, _ := filepath.Glob(filepath.Join(dir, "content", "*.*.md"))
			more, _ := filepath.Glob(filepath.Join(dir, "content", "*", "_index.*.md"))
			for _, p := range append(tr, more...) {
				os.Remove(p)
			}
		}
		for _, f := range archive.Files {
			if f.Name == "config-edit" {
				editConfig(t, dir, string(f.Data))
			}
			if isDirective(f.Name) {
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func isDirective(name string) bool {
	return name == "check" || name == "assert" || name == "build-error" || name == "config-edit"
}

// editConfig changes the site's config.toml as a "config-edit" section
// says: one change a line, "old => new", each old text found exactly once.
// (Hugo reads config.toml alone: a config/ folder is not read.)
func editConfig(t testing.TB, dir, edits string) {
	t.Helper()
	p := filepath.Join(dir, "config.toml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, line := range strings.Split(strings.TrimSpace(edits), "\n") {
		old, repl, ok := strings.Cut(line, " => ")
		if !ok || strings.Count(s, old) != 1 {
			t.Fatalf("config-edit %q: want \"old => new\" with old found once in config.toml", line)
		}
		s = strings.Replace(s, old, strings.ReplaceAll(repl, `\n`, "\n"), 1)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == src {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

func section(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// TestSites runs every archive in testdata/sites: its problems must be
// exactly the "check" section; a build must succeed when there are no errors,
// unless a "build-error" section names the error Hugo must stop with; a
// failed build must leave earlier output untouched; and every line of the
// "assert" section must hold.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no test sites found")
	}
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			runSite(t, a)
		})
	}
}

// runSite builds the site of archive a and checks it as TestSites says.
func runSite(t *testing.T, a *txtar.Archive) {
	t.Helper()
	dir := newSite(t, a, false)
	l, err := Load(context.Background(), dir, false)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := section(a, "check")
	if got := problemsText(l); got != strings.TrimSpace(want) {
		t.Errorf("check problems:\n%s\n\nwant:\n%s", got, strings.TrimSpace(want))
	}
	// Earlier output that a failed build must leave alone.
	sentinels := []string{"public/old.html", "content/claims/old.md"}
	for _, s := range sentinels {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, s)), 0o755)
		os.WriteFile(filepath.Join(dir, s), []byte("earlier build"), 0o644)
	}
	untouched := func() {
		for _, s := range sentinels {
			if b, err := os.ReadFile(filepath.Join(dir, s)); err != nil || string(b) != "earlier build" {
				t.Errorf("failed build changed %s", s)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "content", "people")); err == nil {
			t.Error("failed build wrote content/people")
		}
	}
	opt := Options{Root: dir}
	// An "options" section builds as a preview would: "drafts", "base-url URL".
	if o, ok := section(a, "options"); ok {
		for _, line := range strings.Split(strings.TrimSpace(o), "\n") {
			switch f := strings.Fields(line); {
			case len(f) == 1 && f[0] == "drafts":
				opt.Drafts = true
			case len(f) == 2 && f[0] == "base-url":
				opt.BaseURL = f[1]
			default:
				t.Fatalf("options: unknown line %q", line)
			}
		}
	}
	_, _, err = Build(context.Background(), opt)
	if l.Probs.Err() != nil {
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("build with errors returned %v, want ErrInvalid", err)
		}
		untouched()
	} else if wantErr, ok := section(a, "build-error"); ok {
		if err == nil || !strings.Contains(err.Error(), strings.TrimSpace(wantErr)) {
			t.Fatalf("build error = %v, want one containing %q", err, strings.TrimSpace(wantErr))
		}
		untouched()
	} else {
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		for _, s := range sentinels {
			if _, err := os.Stat(filepath.Join(dir, s)); err == nil {
				t.Errorf("successful build kept stale %s", s)
			}
		}
	}
	asserts, _ := section(a, "assert")
	runAsserts(t, dir, asserts)
}

func problemsText(l *Loaded) string {
	var lines []string
	for _, p := range l.Probs {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// runAsserts checks lines of the form
//
//	PATH exists | PATH missing | PATH contains TEXT | PATH !contains TEXT
//
// where PATH is relative to the site root. Blank lines and # comments are
// skipped.
func runAsserts(t *testing.T, dir, script string) {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(script))
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		path, rest, _ := strings.Cut(line, " ")
		verb, arg, _ := strings.Cut(rest, " ")
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
		switch verb {
		case "exists":
			if err != nil {
				t.Errorf("%s: want it to exist: %v", path, err)
			}
		case "missing":
			if err == nil {
				t.Errorf("%s: want it missing, it exists", path)
			}
		case "contains", "!contains":
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			if has := strings.Contains(string(data), arg); has != (verb == "contains") {
				t.Errorf("%s: %s %q failed", path, verb, arg)
			}
		default:
			t.Fatalf("bad assert line %q", line)
		}
	}
	if strings.TrimSpace(script) != "" && n == 0 {
		t.Fatal("assert section has no assertions")
	}
}
