package search

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
)

var exactVersion = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)

// Check reports what in the repository would make the build install or
// run something other than Pagefind from npm's registry: package.json
// naming a package by path, link, git or URL, or anything but exact
// versions; a lock file resolving a package elsewhere or linking one; an
// .npmrc choosing another registry or settings.
func Check(root string, probs *diag.List) {
	if _, err := os.Lstat(filepath.Join(root, ".npmrc")); err == nil {
		probs.Errorf(".npmrc", 0, "not accepted: it could point npm at another registry or change how packages are installed; npm's settings belong to the build machine")
	}
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return // no search index without it: Find says so
	}
	var pkg map[string]json.RawMessage
	if err := json.Unmarshal(data, &pkg); err != nil {
		probs.Errorf("package.json", 0, "not valid JSON: %v", err)
		return
	}
	var keys []string
	for k := range pkg {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains([]string{"name", "private", "description", "license", "dependencies"}, k) {
			probs.Errorf("package.json", lineOf(data, `"`+k+`"`), "%q is not accepted: package.json holds only the build's dependencies (name, private, description, license, dependencies)", k)
		}
	}
	var deps map[string]string
	if raw, ok := pkg["dependencies"]; ok {
		if err := json.Unmarshal(raw, &deps); err != nil {
			probs.Errorf("package.json", lineOf(data, `"dependencies"`), "dependencies must map package names to versions")
		}
	}
	var names []string
	for name := range deps {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		v := deps[name]
		if name != "pagefind" {
			probs.Errorf("package.json", lineOf(data, `"`+name+`"`), "dependency %q is not accepted: the build needs Pagefind only, and hosts such as Netlify install package.json's dependencies with their install scripts before the build", name)
			continue
		}
		if !exactVersion.MatchString(v) {
			probs.Errorf("package.json", lineOf(data, `"`+name+`"`), "dependency %q: %q is not an exact version such as \"1.6.0\": a path, link, git or URL dependency (or a range) would install code from outside npm's registry into the build", name, v)
		}
	}
	lock, err := os.ReadFile(filepath.Join(root, "package-lock.json"))
	if err != nil {
		return
	}
	var l struct {
		Packages map[string]struct {
			Resolved string `json:"resolved"`
			Link     bool   `json:"link"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(lock, &l); err != nil {
		probs.Errorf("package-lock.json", 0, "not valid JSON: %v", err)
		return
	}
	names = nil
	for n := range l.Packages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := l.Packages[n]
		switch {
		case p.Link:
			probs.Errorf("package-lock.json", lineOf(lock, `"`+n+`"`), "%q is a link to a folder: the build installs packages from npm's registry only", n)
		case p.Resolved != "" && !strings.HasPrefix(p.Resolved, "https://registry.npmjs.org/"):
			probs.Errorf("package-lock.json", lineOf(lock, `"`+n+`"`), "%q resolves to %q: the build installs packages from npm's registry only", n, p.Resolved)
		}
	}
}

// lineOf returns the line of the first occurrence of s in data, or 0.
func lineOf(data []byte, s string) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0
	}
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

// Env is the environment Pagefind and npm run with: what they need to
// find programs, write temporary files and reach the registry, and none
// of the build's other variables (deploy secrets, tokens).
func Env(environ []string) []string {
	keep := []string{"PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "SYSTEMROOT"}
	var out []string
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if slices.Contains(keep, k) {
			out = append(out, kv)
		}
	}
	return out
}
