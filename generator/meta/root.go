package meta

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Root returns dir as an absolute path with every symbolic link resolved:
// the form in which the repository's root is compared with the folders
// and files read from it, so that "inside the repository" means inside
// the folder the files really are in. Every command resolves its -root
// with it before anything else.
func Root(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("site root %q: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("site root %q: %w", dir, err)
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", fmt.Errorf("site root %q: %w", dir, err)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("site root %q is not a folder", dir)
	}
	return real, nil
}

// Inside reports whether rel (a path under root) resolves, with every
// symbolic link followed, to a place inside root. A path that does not
// exist is inside (there is nothing to read); any other error deciding it
// means outside.
func Inside(root, rel string) bool {
	realRoot, err := Root(root)
	if err != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(filepath.Join(realRoot, rel))
	if err != nil {
		_, statErr := os.Lstat(filepath.Join(realRoot, rel))
		return os.IsNotExist(err) && os.IsNotExist(statErr)
	}
	r, err := filepath.Rel(realRoot, real)
	if err != nil || filepath.IsAbs(r) {
		return false
	}
	return r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}
