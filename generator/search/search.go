// Package search builds the site's full-text search index with Pagefind, the
// npm package pagefind pinned in the root package.json and package-lock.json.
// The index is written into the built site's pagefind/ folder; the search
// page loads it in the reader's browser, so search needs no server.
//
// Templates choose what is indexed: only elements marked data-pagefind-body
// (claim, person and source pages), without the parts marked
// data-pagefind-ignore, with the filters marked data-pagefind-filter (rating,
// person, kind).
package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Bin is where npm installs Pagefind's command, relative to the site root.
const Bin = "node_modules/.bin/pagefind"

// ErrMissing is returned (wrapped) when Pagefind is not installed and cannot
// be installed.
var ErrMissing = errors.New("pagefind is not installed")

// Find returns the Pagefind command under root. When it is missing and
// install is true, it installs the version pinned in root's package.json and
// package-lock.json with `npm install` (no install scripts, nothing saved),
// saying so on log. Not `npm ci`: the lock file holds Pagefind's binary
// package for the platforms it was made on, and ci refuses a lock file that
// lacks the others, while install fetches the one this machine needs.
func Find(ctx context.Context, root string, install bool, log io.Writer) (string, error) {
	if log == nil {
		log = io.Discard
	}
	bin, err := filepath.Abs(filepath.Join(root, Bin))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	fix := "install Node.js and run `npm install` in " + root + ", or build without search (-search=false)"
	if !install {
		return "", fmt.Errorf("%w (%s): %s", ErrMissing, Bin, fix)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("%w and npm is not on PATH: %s", ErrMissing, fix)
	}
	fmt.Fprintln(log, "search: installing Pagefind with npm install (package-lock.json)")
	cmd := exec.CommandContext(ctx, npm, "install", "--ignore-scripts", "--no-save", "--no-audit", "--no-fund")
	cmd.Dir = root
	cmd.Env = Env(os.Environ())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%w: npm install failed (%v):\n%s\n%s", ErrMissing, err, tail(out.String(), 12), fix)
	}
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("%w: npm install did not install %s: is pagefind in package.json?", ErrMissing, Bin)
	}
	return bin, nil
}

// Index runs Pagefind over the built site in dir, writing dir/pagefind/.
// Pagefind's output is deterministic: the same pages give the same bytes.
func Index(ctx context.Context, bin, dir string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, "--site", dir, "--silent")
	cmd.Dir = dir // no pagefind.yml from elsewhere can change the options
	cmd.Env = Env(os.Environ())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pagefind: %v\n%s", err, tail(out.String(), 12))
	}
	if _, err := os.Stat(filepath.Join(dir, "pagefind", "pagefind.js")); err != nil {
		return fmt.Errorf("pagefind wrote no index into %s: %s", dir, strings.TrimSpace(out.String()))
	}
	return nil
}

// tail returns the last n lines of a command's output.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
