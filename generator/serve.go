package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"github.com/factcheck-mx/factcheck/generator/card"
	"io"
	"maps"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/export"
	"github.com/factcheck-mx/factcheck/generator/preview"
	"github.com/factcheck-mx/factcheck/generator/search"
	"github.com/factcheck-mx/factcheck/generator/site"
)

// watched are the folders whose changes the generator follows: the inputs
// and the hand-written pages. The previewer follows the templates, assets
// and static files itself.
var watched = []string{"corpus", "people", "claims", "content"}

// cmdServe previews the site on localhost. A child process of this program
// renders the site with the embedded Hugo as Hugo's server does and serves
// it (package preview); this process keeps the preview's content folder up
// to date: after each change to an input it loads the site again with a
// build.Builder, which re-reads and re-derives only what changed, writes
// only the content files whose bytes changed, and tells the child which, so
// that it renders them at once. A change with errors prints them and leaves
// the preview as it was.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", stderr)
	root := fs.String("root", ".", "the site root (the folder with config.toml)")
	port := fs.Int("port", 1313, "the port to serve on (localhost only)")
	drafts := fs.Bool("drafts", true, "include draft claims")
	withSearch := searchFlag(fs)
	if fs.Parse(args) != nil {
		return 2
	}
	// The child binds the port; fail early, with a hint, when it is taken.
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(*port))
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v (choose another -port)\n", err)
		return 1
	}
	ln.Close()
	// What earlier builds and previews left is deleted while the preview
	// starts (seconds of disk work at 10,000 claims); serve waits for it
	// before it returns.
	cleaned := build.RemoveStaleAsync(*root)
	defer func() { <-cleaned }()
	dir, err := build.TempDir(*root, "preview")
	if err != nil {
		fmt.Fprintln(stderr, "serve:", diag.PrintableLines(err.Error()))
		return 1
	}
	defer os.RemoveAll(dir)
	p := &session{
		root: *root, content: filepath.Join(dir, "content"), public: filepath.Join(dir, "public"),
		base:    "http://localhost:" + strconv.Itoa(*port) + "/",
		builder: build.NewBuilder(*root, *drafts), rendered: make(chan struct{}, 1),
		cards:  card.OpenCache(card.DefaultCacheDir()),
		stdout: stdout, stderr: stderr,
	}
	if !p.update(ctx) {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, stoppedMsg)
			return 130
		}
		return 1
	}

	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		fmt.Fprintln(stderr, "serve:", diag.PrintableLines(err.Error()))
		return 1
	}
	addWatches(watcher, *root)
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		for range debounce(ctx, watcher, *root) {
			p.update(ctx)
		}
	}()
	// Before the preview folder is removed: no update may still be writing.
	defer func() {
		watcher.Close()
		<-watching
	}()

	childArgs := []string{"-root", *root, "-content", p.content, "-public", p.public,
		"-port", strconv.Itoa(*port), "-drafts=" + strconv.FormatBool(*drafts)}
	child, in, out, err := startPreviewer(ctx, childArgs, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "serve: starting the previewer:", err)
		return 1
	}
	p.setChild(in)
	ready := false
	for line := range out {
		fmt.Fprintln(stdout, "hugo:", line)
		if strings.HasPrefix(line, preview.Done) {
			select {
			case p.rendered <- struct{}{}:
			default:
			}
		}
		if !ready && strings.Contains(line, preview.Ready) {
			ready = true
			fmt.Fprintf(stdout, "serve: %s (Ctrl+C to stop)\n", p.base)
			if *withSearch {
				go p.index(ctx)
			}
		}
	}
	if err := child.Wait(); err != nil && ctx.Err() == nil {
		fmt.Fprintln(stderr, "serve: the previewer stopped:", err)
		return 1
	}
	return 0
}

// session is the state of a running serve: the Builder that loads the site
// again after each edit and the content files it wrote last.
type session struct {
	root, content, public, base string
	builder                     *build.Builder
	cards                       *card.Cache // share cards kept between loads and runs; nil keeps none
	stdout, stderr              io.Writer

	mu    sync.Mutex
	files map[string][]byte // the preview's content/ as last written
	child io.Writer         // where the previewer hears of changed files; nil before it starts
	// rendered has word (from the previewer's output) of each render that
	// followed a change.
	rendered chan struct{}
}

// setChild says where to tell the previewer of the files each update changes.
func (p *session) setChild(w io.Writer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.child = w
}

// update loads the site again and writes the content files that changed
// into the preview's content folder, and tells the previewer which.
func (p *session) update(ctx context.Context) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	start := time.Now()
	l, err := p.builder.Load(ctx)
	if err != nil {
		if ctx.Err() == nil {
			fmt.Fprintln(p.stderr, "serve:", diag.PrintableLines(err.Error()))
		}
		return false
	}
	printProblems(p.stderr, l.Probs, "text")
	if l.Probs.Err() != nil {
		fmt.Fprintln(p.stderr, "serve: fix the errors above; the preview shows the last good version")
		return false
	}
	if err := l.ReadHistory(ctx, p.root); err != nil {
		fmt.Fprintln(p.stderr, "serve:", diag.PrintableLines(err.Error()))
		return false
	}
	l.CardCache = p.cards
	files, err := l.Content(p.base)
	if err == nil {
		maps.Copy(files, l.HandWritten())
	}
	var ch site.Changes
	if err == nil {
		ch, err = site.Update(p.content, files, p.files)
	}
	if err != nil {
		fmt.Fprintln(p.stderr, "serve:", diag.PrintableLines(err.Error()))
		return false
	}
	p.files = files
	took := time.Since(start)
	if p.child != nil && len(ch.Paths) > 0 {
		paths := make([]string, len(ch.Paths))
		for i, f := range ch.Paths {
			paths[i] = filepath.Join(p.content, filepath.FromSlash(f))
		}
		select { // an earlier render's word, not this one's
		case <-p.rendered:
		default:
		}
		if err := preview.Changes(p.child, paths); err != nil {
			fmt.Fprintln(p.stderr, "serve: telling the previewer:", err)
		} else {
			// The JSON export waits for the previewer's render: on two
			// cores it would slow the render that the edit waits for.
			select {
			case <-p.rendered:
			case <-time.After(30 * time.Second):
			case <-ctx.Done():
			}
		}
	}
	data, err := export.Files(l.Result, p.base)
	if err == nil {
		err = export.Write(p.public, data)
	}
	if err != nil {
		fmt.Fprintln(p.stderr, "serve: the data export:", err)
	}
	fmt.Fprintf(p.stdout, "serve: %d claim, %d person and %d source pages; content: %d files written, %d unchanged, %d removed in %s\n",
		len(l.Result.Claims), len(l.Result.People), len(l.Result.Sources), ch.Written, ch.Same, ch.Removed, took.Round(time.Millisecond))
	return true
}

// index builds the search index of the preview as Hugo first rendered it.
// Hugo's server re-renders only the pages a browser shows, so the index is
// not brought up to date after edits.
func (p *session) index(ctx context.Context) {
	bin, err := search.Find(ctx, p.root, true, p.stderr)
	if err == nil {
		err = search.Index(ctx, bin, p.public)
	}
	if err != nil {
		fmt.Fprintf(p.stderr, "serve: the search page will not work: %v\n", err)
		return
	}
	fmt.Fprintln(p.stdout, "serve: search index built (of the site as served first; restart serve to index edits)")
}

// hugoEnv, set in a child's environment, makes this program (or a test
// binary of it) run the previewer with its arguments instead.
const hugoEnv = "FACTCHECK_RUN_HUGO"

// runPreviewerIfChild runs the previewer (package preview) and exits when this
// process was started by startPreviewer: it reads the files that changed from
// its standard input, and stops at an interrupt.
func runPreviewerIfChild() {
	if os.Getenv(hugoEnv) != "1" {
		return
	}
	fs := flag.NewFlagSet("preview", flag.ExitOnError)
	var opt preview.Options
	fs.StringVar(&opt.Root, "root", ".", "the site root")
	fs.StringVar(&opt.Content, "content", "", "the content folder")
	fs.StringVar(&opt.Public, "public", "", "where to render")
	fs.IntVar(&opt.Port, "port", 1313, "the port")
	fs.BoolVar(&opt.Drafts, "drafts", true, "include drafts")
	fs.Parse(os.Args[1:])
	opt.Stdout, opt.Stderr = os.Stdout, os.Stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(runStoppable(ctx, func(ctx context.Context) int {
		if err := preview.Run(ctx, opt, os.Stdin); err != nil {
			fmt.Fprintln(os.Stderr, "Error:", err)
			return 1
		}
		return 0
	}))
}

// startPreviewer runs the previewer with args in a child process (this program
// again), so that it can be stopped when ctx ends; it returns where to
// write the child's changes, and its output, line by line, until it exits.
// Its errors go to stderr.
func startPreviewer(ctx context.Context, args []string, stderr io.Writer) (*exec.Cmd, io.Writer, <-chan string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, nil, nil, err
	}
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = append(os.Environ(), hugoEnv+"=1")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = StopGrace + 200*time.Millisecond
	cmd.Stderr = stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, nil, err
	}
	out := make(chan string)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			out <- sc.Text()
		}
	}()
	return cmd, in, out, nil
}

// addWatches watches config.toml's folder and every folder under watched,
// skipping the generated content sections.
func addWatches(w *fsnotify.Watcher, root string) {
	w.Add(root)
	skip := map[string]bool{}
	for _, s := range site.Sections {
		skip[filepath.Join(root, "content", s)] = true
	}
	for _, d := range watched {
		filepath.WalkDir(filepath.Join(root, d), func(p string, e os.DirEntry, err error) error {
			if err != nil || !e.IsDir() {
				return nil
			}
			if skip[p] {
				return filepath.SkipDir
			}
			w.Add(p)
			return nil
		})
	}
}

// debounce sends once per burst of relevant changes, 50 ms after the last:
// an editor's save (a temporary file renamed over the old) is one burst; a
// longer one, such as a git checkout, may give two updates, the second
// cheap.
func debounce(ctx context.Context, w *fsnotify.Watcher, root string) <-chan struct{} {
	out := make(chan struct{})
	go func() {
		defer close(out)
		var timer <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if relevant(root, ev.Name) {
					if ev.Op&fsnotify.Create != 0 {
						if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
							w.Add(ev.Name)
						}
					}
					timer = time.After(50 * time.Millisecond)
				}
			case <-w.Errors:
			case <-timer:
				timer = nil
				select {
				case out <- struct{}{}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}

// relevant reports whether a change to name should rebuild the preview: the
// configuration, or a non-hidden file in a watched folder outside the
// generated sections.
func relevant(root, name string) bool {
	rel, err := filepath.Rel(root, name)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	if rel == "config.toml" {
		return true
	}
	parts := strings.Split(rel, "/")
	if strings.HasPrefix(parts[len(parts)-1], ".") || strings.HasSuffix(rel, "~") {
		return false
	}
	for _, d := range watched {
		if parts[0] == d {
			return !(d == "content" && len(parts) > 1 && slices.Contains(site.Sections, parts[1]))
		}
	}
	return false
}
