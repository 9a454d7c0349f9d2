package e2e

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/host"
)

const install = "run .ci/run, which installs it (npm install --prefix testtools; apt-get install chromium)"

// repoRoot is the repository's root folder.
func repoRoot(t testing.TB) string {
	t.Helper()
	r, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tool returns the npm-installed command name from testtools/.
func tool(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "testtools", "node_modules", ".bin", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is not installed: %s", name, install)
	}
	return p
}

// nodePackage fails the test unless the npm package name is installed in
// testtools/.
func nodePackage(t testing.TB, name string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot(t), "testtools", "node_modules", name, "package.json")); err != nil {
		t.Fatalf("npm package %s is not installed: %s", name, install)
	}
}

// chromium returns Debian's Chromium (or $CHROMIUM).
func chromium(t testing.TB) string {
	t.Helper()
	p := os.Getenv("CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("chromium is not installed at %s: %s", p, install)
	}
	return p
}

// pagefind returns the site's Pagefind command (root package.json).
func pagefind(t testing.TB) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("pagefind is not installed: run npm install in the repository root (go run ./generator build does it too)")
	}
	return p
}

// copyRepo copies the repository's files as a clone would have them (tracked
// and new files, not ignored ones: no content/ sections, public/ or
// node_modules/) into a new folder, and links the root's node_modules there.
func copyRepo(t testing.TB) string {
	t.Helper()
	dir, err := copyRepoTo(repoRoot(t))
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyRepoTo(root string) (string, error) {
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return "", fmt.Errorf("git ls-files: %v", err)
	}
	dir, err := os.MkdirTemp("", "e2e-site-")
	if err != nil {
		return "", err
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		}
		if err != nil {
			return dir, err
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return dir, err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return dir, err
		}
	}
	return dir, os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(dir, "node_modules"))
}

// serve serves the built site in dir with netlify.toml's headers on a
// loopback port and returns its address.
func serve(t testing.TB, dir string) string {
	t.Helper()
	url, stop, err := serveDir(dir, filepath.Join(repoRoot(t), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return url
}

func serveDir(dir, netlifyTOML string) (url string, stop func(), err error) {
	cfg, err := host.Load(netlifyTOML)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: host.Handler(dir, cfg.Headers, cfg.Redirects)}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// run runs a command in dir with extra environment variables and returns its
// combined output, failing the test if it fails.
func run(t testing.TB, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return out.String()
}
