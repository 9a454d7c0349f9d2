package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the program when serve starts
// Hugo in a child process.
func TestMain(m *testing.M) {
	runPreviewerIfChild()
	if os.Getenv(asProgram) == "1" {
		// The line tells TestStop that a signal now reaches the program's
		// handler, not Go's default (which ends the process at once).
		os.Exit(program(func() { fmt.Fprintln(os.Stderr, readyLine) }))
	}
	// build and serve keep share cards in the user's cache folder: the
	// tests keep theirs in a folder of their own, removed after.
	cache, err := os.MkdirTemp("", "fuente-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// asProgram makes the test binary run as the program (TestStop).
const asProgram = "FUENTE_TEST_AS_PROGRAM"

// readyLine is what the program run as a test prints once its signal
// handler is in place.
const readyLine = "(test: signal handler ready)"

func TestRelevant(t *testing.T) {
	root := "/site"
	for name, want := range map[string]bool{
		"/site/config.toml":                true,
		"/site/claims/a.md":                true,
		"/site/corpus/s.txt":               true,
		"/site/layouts/_partials/x.html":   false, // Hugo's server follows templates
		"/site/content/about.md":           true,
		"/site/content/claims/a/index.md":  false, // generated
		"/site/content/sources/s/index.md": false, // generated
		"/site/claims/.a.md.swp":           false,
		"/site/claims/a.md~":               false,
		"/site/public/index.html":          false,
		"/site/.preview-123/index.html":    false,
		"/site/README.md":                  false,
		"/elsewhere/claims/a.md":           false,
	} {
		if got := relevant(root, name); got != want {
			t.Errorf("relevant(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestServeShowsEdits runs serve on a copy of the site, edits a claim and
// waits (up to a generous limit) for the served page to change; then breaks
// the claim and checks the last good version stays.
func TestServeShowsEdits(t *testing.T) {
	dir := copySite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	// A preview left by a serve that was killed (no such process) goes;
	// one of a running process (init) stays.
	stale, live := filepath.Join(dir, ".preview-4194305-1"), filepath.Join(dir, ".preview-1-1")
	for _, d := range []string{stale, live} {
		if err := os.MkdirAll(filepath.Join(d, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "-root", dir, "-port", strconv.Itoa(port), "-search=false"}, io.Discard, io.Discard)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d", code)
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".preview-*")); len(m) != 1 || m[0] != live {
			t.Errorf("serve left %v behind, want only %s", m, live)
		}
	}()
	site := "http://127.0.0.1:" + strconv.Itoa(port) + "/"
	page := site + "claims/kolbe-russia-willing-to-take-higher-risks/"
	// Pages that show the claim's summary too, written in the same update:
	// another claim (related), its claimant's page, a source it quotes.
	others := []string{"claims/vanherck-largest-portion-of-gru-in-mexico/", "people/paul-kolbe/", "sources/unn-mexico-refused-to-expel-russian-spies/"}
	getURL := func(u string) string {
		resp, err := http.Get(u)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	get := func() string { return getURL(page) }
	waitFor := func(want string, urls ...string) bool {
		if len(urls) == 0 {
			urls = []string{page}
		}
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			n := 0
			for _, u := range urls {
				if strings.Contains(getURL(u), want) {
					n++
				}
			}
			if n == len(urls) {
				return true
			}
		}
		return false
	}
	if !waitFor("livereload.js") {
		t.Fatal("serve never served the claim page with the live-reload script")
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the preview of a killed serve is still there: %v", err)
	}
	claim := filepath.Join(dir, "claims", "kolbe-russia-willing-to-take-higher-risks.md")
	orig, _ := os.ReadFile(claim)
	edited := strings.Replace(string(orig), `summary: "A veteran`, `summary: "Edited in the test. A veteran`, 1)
	os.WriteFile(claim, []byte(edited), 0o644)
	for _, o := range others {
		if !strings.Contains(getURL(site+o), "A veteran officer") {
			t.Fatalf("%s does not show the claim's summary", o)
		}
	}
	if !waitFor("Edited in the test.") {
		t.Fatal("the edited summary never appeared")
	}
	for _, o := range others {
		if !waitFor("Edited in the test.", site+o) {
			t.Errorf("the edited summary never appeared on %s", o)
		}
	}
	// The JSON export follows, once Hugo has rendered the edit.
	if !waitFor("Edited in the test.", site+"data/claims.json") {
		t.Error("the edited summary never appeared in /data/claims.json")
	}
	broken := strings.Replace(edited, "claimant: paul-kolbe", "claimant: nobody-at-all", 1)
	os.WriteFile(claim, []byte(broken), 0o644)
	time.Sleep(time.Second)
	if body := get(); !strings.Contains(body, "Edited in the test.") || !strings.Contains(body, `href="/people/paul-kolbe/"`) {
		t.Error("after a broken edit the preview no longer shows the last good version")
	}
}
