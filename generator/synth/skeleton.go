package synth

import (
	"os"
	"path/filepath"
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
