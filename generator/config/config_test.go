package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

func TestCheckBaseURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://fuente-factcheck.netlify.app/", true},
		{"https://deploy-preview-7--fuente.netlify.app", true},
		{"http://localhost:1313/", true},
		{"https://example.org/fact-checks/", true},
		{"javascript:alert(1)//", false},
		{"JavaScript:alert(1)", false},
		{"data:text/html,x", false},
		{"/", false},
		{"example.org", false},
		{"//example.org/", false},
		{"ftp://example.org/", false},
		{"https://user:pass@example.org/", false},
		{"https://example.org/?q=1", false},
		{"https://example.org/#x", false},
		{`https://example.org/"><script>`, false},
		{"https://example.org/ x", false},
		{"https://example.org/\n", false},
		{"https://exämple.org/", false},
		{"https://example.org/a/../b/", false},
		{"https:///path", false},
		{"HTTPS://example.org/", false},
	}
	for _, tt := range tests {
		if msg := CheckBaseURL(tt.url); (msg == "") != tt.ok {
			t.Errorf("CheckBaseURL(%q) = %q, want ok %v", tt.url, msg, tt.ok)
		}
	}
}

// The real config.toml passes, and Hugo is given what it sets but
// [security], which Policy replaces.
func TestRealConfig(t *testing.T) {
	var probs diag.List
	c := Load("../..", &probs)
	if len(probs) > 0 {
		t.Fatalf("config.toml: %v", probs)
	}
	for _, key := range []string{"baseURL", "title", "taxonomies", "outputs", "segments", "params", "pagination"} {
		if _, ok := c.Hugo[key]; !ok {
			t.Errorf("Hugo is not given %s", key)
		}
	}
	if _, ok := c.Hugo["security"]; ok {
		t.Error("Hugo is given config.toml's [security]")
	}
}

// Whatever config.toml holds, what Hugo is given holds only allowed keys,
// and never a value check refused without an error.
func FuzzHugoSettings(f *testing.F) {
	real, _ := os.ReadFile(filepath.Join("..", "..", File))
	f.Add(string(real))
	f.Add("baseURL = \"https://example.org/\"\n[module]\n[[module.mounts]]\nsource = \"/etc\"\ntarget = \"static\"\n")
	f.Add("[security.exec]\nallow = ['.*']\n[Security]\nenableInlineShortcodes = true\n")
	f.Add("[markup.goldmark.renderer]\nunsafe = true\n[outputFormats.x]\nbaseName = \"../x\"\npath = \"/\"\n")
	f.Add("THEME = \"x\"\n[Permalinks]\nclaims = \"/\"\n")
	f.Fuzz(func(t *testing.T, text string) {
		n, err := meta.DecodeTOMLFile(File, []byte(text))
		if err != nil {
			return
		}
		var probs diag.List
		out := hugoSettings(n, &probs)
		errs, _ := probs.Counts()
		b, err := json.Marshal(out)
		if err != nil {
			t.Fatalf("the settings do not encode: %v", err)
		}
		for key := range out {
			if _, ok := allowed[strings.ToLower(key)]; !ok || strings.EqualFold(key, "security") {
				t.Errorf("Hugo is given %q", key)
			}
		}
		if errs == 0 && strings.Contains(strings.ToLower(string(b)), `"unsafe":true`) {
			t.Errorf("raw HTML switched on without an error: %s", b)
		}
	})
}

// An address CheckBaseURL accepts is an absolute http(s) URL that needs no
// escaping in HTML, XML or JSON.
func FuzzCheckBaseURL(f *testing.F) {
	for _, s := range []string{"https://example.org/", "javascript:alert(1)//", "http://a/b?c#d", "https://a/\"<>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if CheckBaseURL(u) != "" {
			return
		}
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			t.Errorf("accepted %q", u)
		}
		if strings.ContainsAny(u, "\"'<>&\\ \t\r\n?#@") {
			t.Errorf("accepted %q, which needs escaping or holds a query, fragment or user", u)
		}
	})
}

// Only enforce = false relaxes the methodology; a value in error is
// reported and leaves the rules enforced.
func TestMethodologyEnforce(t *testing.T) {
	real, err := os.ReadFile(filepath.Join("..", "..", File))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		value   string
		lenient bool
		probs   int
	}{{"false", true, 0}, {"true", false, 0}, {`"no"`, false, 1}, {"0", false, 1}} {
		dir := t.TempDir()
		if !strings.Contains(string(real), "enforce = true") {
			t.Fatal("config.toml does not say enforce = true")
		}
		text := strings.Replace(string(real), "enforce = true", "enforce = "+tt.value, 1)
		if err := os.WriteFile(filepath.Join(dir, File), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var probs diag.List
		c := Load(dir, &probs)
		if c.Lenient != tt.lenient || len(probs) != tt.probs {
			t.Errorf("enforce = %s: lenient %v, problems %v; want lenient %v, %d problems", tt.value, c.Lenient, probs, tt.lenient, tt.probs)
		}
	}
}

// Every fact the IFCN code asks a fact-checker to publish is in
// [params.organisation]; check names each one missing, and refuses a
// contact readers cannot use.
func TestOrganisation(t *testing.T) {
	real, err := os.ReadFile(filepath.Join("..", "..", File))
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(real), "  [params.organisation]\n")
	end := strings.Index(string(real), "\n\n  # Where the site's files are edited")
	if start < 0 || end < start {
		t.Fatal("config.toml has no [params.organisation] table before [params.repository]")
	}
	table := string(real[start:end])
	// The [params] line, where a missing table is reported.
	paramsLine := strings.Count(string(real[:strings.Index(string(real), "\n[params]\n")+1]), "\n") + 1
	for _, tt := range []struct {
		name, old, new string
		want           []string // messages, in order
	}{
		{"complete", "", "", nil},
		{"table missing", table, "", []string{fmt.Sprintf("config.toml:%d: warning: [params.organisation] is missing: add it with form, ownership, funding, editors, reviewers, contact, reply, answer-days, ifcn-signatory", paramsLine)}},
		{"funding missing", "    funding = ", "    # funding = ", []string{"warning: [params.organisation] has no funding: where its money comes from (or that it has none)"}},
		{"contact missing", "    contact = ", "    # contact = ", []string{"has no contact: an address readers can write to besides GitHub"}},
		{"signatory missing", "    ifcn-signatory = false", "", []string{"has no ifcn-signatory"}},
		{"contact on GitHub", `contact = "/contact/"`, `contact = "https://github.com/factcheck-mx/factcheck/issues"`, []string{`contact "https://github.com/factcheck-mx/factcheck/issues" is on GitHub`}},
		{"contact not an address", `contact = "/contact/"`, `contact = "javascript:alert(1)"`, []string{`contact "javascript:alert(1)" is not an address readers can use`}},
		{"contact protocol-relative", `contact = "/contact/"`, `contact = "//evil.example/"`, []string{`is not an address readers can use`}},
		{"contact e-mail", `contact = "/contact/"`, `contact = "mailto:desk@example.org"`, nil},
		{"empty editors", `editors = "The fact-check desk`, `editors = "" # "`, []string{`field "editors" is empty`}},
		{"answer-days out of range", "answer-days = 7", "answer-days = 0", []string{"answer-days 0 must be between 1 and 90"}},
		{"answer-days text", "answer-days = 7", `answer-days = "a week"`, []string{`field "answer-days" must be a whole number`}},
		{"unknown key", "    answer-days = 7", "    answer-days = 7\n    fundng = \"x\"", []string{`unknown field "fundng": did you mean "funding"?`}},
		{"not a table", table, "", []string{"params.organisation must be a table", "warning: [params.organisation] is missing"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := string(real)
			if tt.old != "" {
				if !strings.Contains(text, tt.old) {
					t.Fatalf("config.toml has no %q", tt.old)
				}
				// The table of [params]: the Spanish edition's
				// [languages.es.params.organisation] comes earlier.
				text = text[:start] + strings.Replace(text[start:], tt.old, tt.new, 1)
			}
			if tt.name == "not a table" {
				text = strings.Replace(text, "[params]\n", "[params]\n  organisation = \"us\"\n", 1)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, File), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			var probs diag.List
			c := Load(dir, &probs)
			if len(probs) != len(tt.want) {
				t.Fatalf("got %d problems %v; want %d: %q", len(probs), probs, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if got := probs[i].String(); !strings.Contains(got, w) {
					t.Errorf("problem %d = %q; want it to contain %q", i, got, w)
				}
			}
			if tt.name == "complete" && (c.Organisation.AnswerDays != 7 || c.Organisation.Contact != "/contact/" || c.Organisation.Signatory || c.Organisation.Funding == "") {
				t.Errorf("organisation = %+v", c.Organisation)
			}
		})
	}
}
