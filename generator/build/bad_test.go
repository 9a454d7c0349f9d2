package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/factcheck-mx/factcheck/generator/meta"
)

// TestBadInputs runs the committed suite of broken and hostile inputs in
// testdata/bad: each archive is laid over the valid site of base.txtar, and
// must produce exactly the problems of its "check" section (and, like every
// test site, a failed build must leave earlier output alone).
func TestBadInputs(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	cases, _ := filepath.Glob("testdata/bad/*.txtar")
	n := 0
	for _, path := range cases {
		if filepath.Base(path) == "base.txtar" {
			continue
		}
		n++
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			c, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			runSite(t, overlay(base, c))
		})
	}
	if n < 30 {
		t.Errorf("only %d bad-input cases found", n)
	}
}

// overlay returns base with the files of top added or replacing its own.
func overlay(base, top *txtar.Archive) *txtar.Archive {
	out := &txtar.Archive{}
	names := map[string]bool{}
	for _, f := range top.Files {
		names[f.Name] = true
	}
	for _, f := range base.Files {
		if !names[f.Name] {
			out.Files = append(out.Files, f)
		}
	}
	out.Files = append(out.Files, top.Files...)
	return out
}

// TestBadFilesystem covers what an archive cannot hold: oversized files and
// symbolic links out of the repository.
func TestBadFilesystem(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\nname: Secret\n---\n"), 0o644)
	tests := []struct {
		name  string
		setup func(dir string)
		want  string
	}{
		{"file over the size limit", func(dir string) {
			big := append([]byte("---\nname: Big\n---\n"), bytes.Repeat([]byte("a"), meta.MaxFileSize)...)
			os.WriteFile(filepath.Join(dir, "people", "big.md"), big, 0o644)
		}, "people/big.md: file is 2097170 bytes, over the limit of 2097152: split it or trim it"},
		{"symbolic link to a file outside", func(dir string) {
			os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "people", "secret.md"))
		}, "people/secret.md: symbolic links are not accepted: put the file itself here"},
		{"symbolic link to a file inside", func(dir string) {
			os.Symlink(filepath.Join(dir, "people", "the-minister.md"), filepath.Join(dir, "people", "twin.md"))
		}, "people/twin.md: symbolic links are not accepted: put the file itself here"},
		{"input folder linked outside", func(dir string) {
			os.RemoveAll(filepath.Join(dir, "people"))
			os.Symlink(outside, filepath.Join(dir, "people"))
		}, `claims/base-claim.md:3: claimant "the-minister" is not in the registry: add people/the-minister.md (a person, or kind: organization)` + "\n" +
			"people: the folder is a symbolic link to a place outside the repository: make people/ a real folder"},
		{"sub-folder in an input folder", func(dir string) {
			os.MkdirAll(filepath.Join(dir, "claims", "nested"), 0o755)
		}, "claims/nested: warning: sub-folders are not read: move its files up into claims/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t, base, false)
			tt.setup(dir)
			l, err := Load(context.Background(), dir, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := problemsText(l); got != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestRootThroughLinks runs the symbolic-link cases from inside the site
// with the default relative root ("."), as Netlify does, and with a root
// that is itself a link: "inside the repository" is decided against the
// real, absolute root, and any doubt means outside.
func TestRootThroughLinks(t *testing.T) {
	base, err := txtar.ParseFile("testdata/bad/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "leak.txt"), []byte("---\ntitle: Leak\n---\nSecret text.\n"), 0o644)
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\nname: Secret\n---\n"), 0o644)
	tests := []struct {
		name  string
		setup func(dir string)
		want  []string
	}{
		{"corpus linked outside", func(dir string) {
			os.RemoveAll(filepath.Join(dir, "corpus"))
			os.Symlink(outside, filepath.Join(dir, "corpus"))
		}, []string{"corpus: the folder is a symbolic link to a place outside the repository: make corpus/ a real folder"}},
		{"corpus linked outside by a relative link", func(dir string) {
			os.RemoveAll(filepath.Join(dir, "corpus"))
			rel, _ := filepath.Rel(dir, outside)
			os.Symlink(rel, filepath.Join(dir, "corpus"))
		}, []string{"corpus: the folder is a symbolic link to a place outside the repository: make corpus/ a real folder"}},
		{"dangling folder link", func(dir string) {
			os.RemoveAll(filepath.Join(dir, "people"))
			os.Symlink(filepath.Join(outside, "gone"), filepath.Join(dir, "people"))
		}, []string{"people: the folder is a symbolic link to a place outside the repository: make people/ a real folder"}},
		{"content linked outside", func(dir string) {
			os.RemoveAll(filepath.Join(dir, "content"))
			os.Symlink(outside, filepath.Join(dir, "content"))
		}, []string{"content: the folder is a symbolic link to a place outside the repository: make content/ a real folder"}},
		{"layout linked outside", func(dir string) {
			os.Symlink(filepath.Join(outside, "leak.txt"), filepath.Join(dir, "layouts", "_partials", "leak.html"))
		}, []string{"layouts/_partials/leak.html: symbolic link to a place outside the repository"}},
		{"static folder linked outside", func(dir string) {
			os.Symlink(outside, filepath.Join(dir, "static", "files"))
		}, []string{"static/files: symbolic link to a place outside the repository"}},
		{"link at the root to /proc", func(dir string) {
			os.Symlink("/proc/self/environ", filepath.Join(dir, "env.txt"))
		}, []string{"env.txt: symbolic link to a place outside the repository"}},
	}
	for _, tt := range tests {
		for _, how := range []string{"relative root", "root through a link"} {
			t.Run(tt.name+", "+how, func(t *testing.T) {
				dir := newSite(t, base, false)
				tt.setup(dir)
				root := "."
				t.Chdir(dir)
				if how == "root through a link" {
					link := filepath.Join(t.TempDir(), "site")
					if err := os.Symlink(dir, link); err != nil {
						t.Fatal(err)
					}
					t.Chdir(filepath.Dir(link))
					root = "site"
				}
				l, err := Load(context.Background(), root, false)
				if err != nil {
					t.Fatal(err)
				}
				got := problemsText(l)
				for _, w := range tt.want {
					if !strings.Contains(got, w) {
						t.Errorf("problems:\n%s\nwant one starting %q", got, w)
					}
				}
				if strings.Contains(got, "Leak") || strings.Contains(got, "Secret") {
					t.Errorf("a file outside was read:\n%s", got)
				}
			})
		}
	}
}
