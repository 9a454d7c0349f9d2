package e2e

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLValid runs the Nu Html Checker (npm vnu-jar, on Java) over every
// HTML file of the built site, the 404 page included: zero errors.
func TestHTMLValid(t *testing.T) {
	public, _ := publishedSite(t)
	pages := len(pagePaths(t, public)) + 1 // and 404.html
	errs := checkHTML(t, public, public)
	if pages < 70 {
		t.Errorf("only %d pages checked", pages)
	}
	t.Logf("%d HTML pages checked, %d errors", pages, errs)
}

// checkHTML runs the Nu Html Checker over files (HTML files, or folders of
// them), reports each error as a test error with its path under public and
// line, and returns how many there were.
func checkHTML(t *testing.T, public string, files ...string) int {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatalf("java is not installed: %s", install)
	}
	jar := filepath.Join(repoRoot(t), "testtools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	nodePackage(t, "vnu-jar")
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--skip-non-html"}, files...)...)
	out, err := cmd.CombinedOutput()
	var res struct {
		Messages []struct {
			Type, URL, Message, SubType string
			LastLine                    int
		}
	}
	if jerr := json.Unmarshal(out[strings.Index(string(out)+"{", "{"):], &res); jerr != nil {
		t.Fatalf("vnu: %v (%v)\n%s", jerr, err, out)
	}
	for _, m := range res.Messages {
		rel, _ := filepath.Rel(public, strings.TrimPrefix(m.URL, "file:"))
		t.Errorf("%s:%d: %s: %s", rel, m.LastLine, m.Type, m.Message)
	}
	if err != nil && len(res.Messages) == 0 {
		t.Fatalf("vnu failed without messages: %v\n%s", err, out)
	}
	return len(res.Messages)
}
