package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// A buffer written by the ticker while the test reads it.
type buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestLine(t *testing.T) {
	for _, tc := range []struct {
		unit  string
		total int
		count int64
		after time.Duration
		want  string
	}{
		{"", 0, 0, 1500 * time.Millisecond, "  1s"},
		{"files", 0, 12345, 3 * time.Second, "  12,345 files, 3s"},
		{"pages", 46114, 12345, 83 * time.Second, "  12,345 of 46,114 pages (26%), 1m23s"},
		{"pages", 10, 10, 0, "  10 of 10 pages (100%), 0s"},
	} {
		r := New(nil, false)
		r.what, r.total = tc.unit, tc.total
		if got := r.Line(tc.count, tc.after); got != tc.want {
			t.Errorf("Line(%q, total %d, %d, %s) = %q, want %q", tc.unit, tc.total, tc.count, tc.after, got, tc.want)
		}
	}
}

// Off a terminal each stage is one line, numbers with thousands
// separators, and nothing else.
func TestStagesOffTerminal(t *testing.T) {
	var b buffer
	r := New(&b, false)
	r.Stage(0, "", "loading %d input files", 12500)
	r.Add(3)
	r.Stage(100, "files", "writing %d files", 100)
	r.Add(100)
	time.Sleep(2 * Every)
	r.End()
	r.End() // a second End is harmless
	want := "loading 12,500 input files…\nwriting 100 files…\n"
	if got := b.String(); got != want {
		t.Errorf("stderr:\n%q\nwant\n%q", got, want)
	}
}

// On a terminal a live line counts the stage's items and is wiped when the
// stage ends, before the next stage's line.
func TestLiveLine(t *testing.T) {
	var b buffer
	r := New(&b, true)
	r.Stage(40, "pages", "rendering %d pages", 40)
	r.Add(10)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(b.String(), "\r  10 of 40 pages (25%), 0s") {
		if time.Now().After(deadline) {
			t.Fatalf("no live line after 5s:\n%q", b.String())
		}
		time.Sleep(Every / 4)
	}
	r.Stage(0, "", "publishing")
	got := b.String()
	wipe := "\r" + strings.Repeat(" ", len("  10 of 40 pages (25%), 0s")) + "\r"
	if !strings.HasPrefix(got, "rendering 40 pages…\n") || !strings.HasSuffix(got, wipe+"publishing…\n") {
		t.Errorf("terminal output:\n%q\nwant the stage line, live lines, a wipe and the next stage", got)
	}
	r.End()
}

// A nil Reporter (-quiet) is safe to use and says nothing.
func TestNil(t *testing.T) {
	var r *Reporter
	r.Stage(1, "files", "x")
	r.Add(1)
	r.End()
}
