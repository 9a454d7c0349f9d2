// Package progress tells the person waiting on a long command what it is
// doing. Each stage prints one line when it starts ("loading 12,500 input
// files…"); on a terminal a live line under it shows how far the stage has
// got and for how long it has run, redrawn a few times a second and cleared
// when the stage ends. A nil *Reporter says nothing (-quiet).
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Every is how often the live line is redrawn.
const Every = 200 * time.Millisecond

// A Reporter prints the stages of one command. Its methods may be called
// from any goroutine; Add is cheap enough to call once per item.
type Reporter struct {
	w    io.Writer
	live bool
	p    *message.Printer

	mu    sync.Mutex // guards w, the stage and the ticker
	what  string     // the stage's unit ("pages"), "" for none
	total int
	start time.Time
	stop  chan struct{}
	done  chan struct{}
	count atomic.Int64
}

// New returns a Reporter writing to w; live draws the progress line (use
// Terminal to decide).
func New(w io.Writer, live bool) *Reporter {
	return &Reporter{w: w, live: live, p: message.NewPrinter(language.English)}
}

// Terminal reports whether w is a terminal, where a live line can be drawn.
func Terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Stage ends the current stage and starts the next one: it prints
// "MESSAGE…", and on a live Reporter counts units (say "pages") towards
// total (0: unknown, only the time is shown).
func (r *Reporter) Stage(total int, unit, format string, args ...any) {
	if r == nil {
		return
	}
	r.End()
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintln(r.w, r.p.Sprintf(format, args...)+"…")
	r.what, r.total, r.start = unit, total, time.Now()
	r.count.Store(0)
	if !r.live {
		return
	}
	r.stop, r.done = make(chan struct{}), make(chan struct{})
	go r.tick(r.stop, r.done)
}

// Add counts n more units of the current stage done.
func (r *Reporter) Add(n int) {
	if r != nil {
		r.count.Add(int64(n))
	}
}

// End ends the current stage, clearing its live line. Printing anything
// else to the same terminal should wait for it.
func (r *Reporter) End() {
	if r == nil {
		return
	}
	r.mu.Lock()
	stop, done := r.stop, r.done
	r.stop, r.done = nil, nil
	r.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}

func (r *Reporter) tick(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(Every)
	defer t.Stop()
	width := 0
	for {
		select {
		case <-stop:
			if width > 0 {
				r.mu.Lock()
				fmt.Fprint(r.w, "\r"+strings.Repeat(" ", width)+"\r")
				r.mu.Unlock()
			}
			return
		case <-t.C:
			r.mu.Lock()
			line := r.Line(r.count.Load(), time.Since(r.start))
			fmt.Fprint(r.w, "\r"+line+strings.Repeat(" ", max(0, width-len(line))))
			width = max(width, len(line))
			r.mu.Unlock()
		}
	}
}

// Line is the live line for count units done after elapsed: "  12,345 of
// 46,114 pages (26%), 3s".
func (r *Reporter) Line(count int64, elapsed time.Duration) string {
	secs := elapsed.Truncate(time.Second).String()
	switch {
	case r.what == "":
		return "  " + secs
	case r.total > 0:
		return r.p.Sprintf("  %d of %d %s (%d%%), %s", count, r.total, r.what, 100*count/int64(r.total), secs)
	}
	return r.p.Sprintf("  %d %s, %s", count, r.what, secs)
}
