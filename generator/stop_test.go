package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/synth"
)

// TestStop sends SIGTERM to build, check and serve at several moments of
// their work on a synthetic site of 3,000 claims, and checks that each
// stops (exit status 130), says so, and leaves public/ and content/ as
// they were; a command that finished before a signal is let be, as long
// as each was stopped once. How long each took to
// stop is logged (go test -v), not asserted: the generous limit only
// catches a command that ignores the signal (before, build ignored it
// until its content stage ended).
func TestStop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a synthetic site of 3,000 claims")
	}
	dir := t.TempDir()
	if err := synth.Skeleton("..", dir); err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Write(dir, 3000, 1); err != nil {
		t.Fatal(err)
	}
	sentinels := []string{"public/index.html", "content/claims/old/index.md"}
	for _, s := range sentinels {
		p := filepath.Join(dir, filepath.FromSlash(s))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("earlier build"), 0o644)
	}
	cases := []struct {
		args  []string
		after []time.Duration
	}{
		{[]string{"build", "-search=false", "-root", dir}, []time.Duration{300 * time.Millisecond, 1500 * time.Millisecond, 4 * time.Second}},
		{[]string{"check", "-root", dir}, []time.Duration{200 * time.Millisecond, 600 * time.Millisecond}},
		{[]string{"serve", "-root", dir, "-port", "18911"}, []time.Duration{1500 * time.Millisecond, 4 * time.Second}},
	}
	stopped := map[string]bool{}
	for _, c := range cases {
		for _, after := range c.after {
			cmd := exec.Command(os.Args[0], c.args...)
			cmd.Env = append(os.Environ(), asProgram+"=1")
			out := &readyBuffer{ready: make(chan struct{})}
			cmd.Stdout, cmd.Stderr = out, out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The delay counts from when the program can take a signal: a
			// busy machine may take longer than that to start it at all.
			select {
			case <-out.ready:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("%s never became ready:\n%s", c.args[0], out.String())
			}
			time.Sleep(after)
			sent := time.Now()
			cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("%s did not stop 20 s after SIGTERM:\n%s", c.args[0], out.String())
			}
			took := time.Since(sent)
			code := cmd.ProcessState.ExitCode()
			t.Logf("%s, SIGTERM after %s: exit %d, stopped in %s", c.args[0], after, code, took.Round(time.Millisecond))
			if code != 0 {
				stopped[c.args[0]] = true
			}
			if code != 0 && !strings.Contains(out.String(), "unchanged") && !strings.Contains(out.String(), "as they were") {
				t.Errorf("%s stopped without saying output is unchanged:\n%s", c.args[0], out.String())
			}
			for _, s := range sentinels {
				if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(s))); err != nil || string(b) != "earlier build" {
					t.Errorf("%s, stopped after %s, changed %s", c.args[0], after, s)
				}
			}
		}
		if !stopped[c.args[0]] {
			t.Errorf("%s finished before every signal: the site is too small to test stopping it", c.args[0])
		}
	}
}

// readyBuffer collects a child's output and closes ready when readyLine
// appears in it.
type readyBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	ready chan struct{}
	seen  bool
}

func (b *readyBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if !b.seen && strings.Contains(b.buf.String(), readyLine) {
		b.seen = true
		close(b.ready)
	}
	return n, err
}

func (b *readyBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
