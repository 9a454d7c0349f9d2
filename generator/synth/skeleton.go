package synth

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/site"
)

// Skeleton copies the site's configuration, templates, assets and
// hand-written pages (not the generated sections) from root into dir.
func Skeleton(root, dir string) error {
	generated := map[string]bool{}
	for _, s := range site.Sections {
		generated[filepath.Join("content", s)] = true
	}
	for _, name := range []string{"config.toml", "layouts", "i18n", "assets", "static", "content"} {
		err := filepath.WalkDir(filepath.Join(root, name), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if generated[rel] {
				return filepath.SkipDir
			}
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// languageTable is a line opening one of config.toml's tables of a
// language ([languages.es], [languages.es.params],
// [params.ratings.translations.es]…): group 1 is "languages" for the
// language's own, group 2 the code.
var languageTable = regexp.MustCompile(`^\s*\[(languages|[\w.]*translations)\.([A-Za-z-]+)[.\]]`)

// Monolingual makes the site in dir, as Skeleton left it, a site of one
// language, the first config.toml names: the tables of the others (their
// own, and their translations of the rating scale) are cut from
// config.toml and their hand-written pages (content/x.CODE.md)
// removed. A site of 100,000 claims in one language fits where its Hugo
// in two does not.
func Monolingual(dir string) error {
	cfg := filepath.Join(dir, "config.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		return err
	}
	var out []string
	first, skip := "", false
	var others []string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if m := languageTable.FindStringSubmatch(line); m != nil {
			if first == "" && m[1] == "languages" {
				first = m[2]
			}
			skip = m[2] != first
			if skip && !slices.Contains(others, m[2]) {
				others = append(others, m[2])
			}
		} else if strings.HasPrefix(trimmed, "[") {
			skip = false // another table
		}
		if !skip {
			out = append(out, line)
		}
	}
	if err := os.WriteFile(cfg, []byte(strings.Join(out, "")), 0o644); err != nil {
		return err
	}
	return filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, code := range others {
			if strings.HasSuffix(d.Name(), "."+code+".md") {
				return os.Remove(p)
			}
		}
		return nil
	})
}
