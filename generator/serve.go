package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/commands"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/site"
)

// cmdServe regenerates content/ whenever an input changes and runs Hugo's
// own server (with live reload) on the result.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", stderr)
	root := fs.String("root", ".", "the site root (the folder with config.toml)")
	port := fs.Int("port", 1313, "the port to serve on (localhost only)")
	drafts := fs.Bool("drafts", true, "include draft claims")
	if fs.Parse(args) != nil {
		return 2
	}
	base := "http://localhost:" + strconv.Itoa(*port) + "/"
	regen := func() bool {
		l, err := build.Load(ctx, *root, *drafts)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return false
		}
		printProblems(stderr, l.Probs)
		if l.Probs.Err() != nil {
			fmt.Fprintln(stderr, "serve: fix the errors above; the preview keeps the last good version")
			return false
		}
		files, err := l.Content(base)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return false
		}
		w, r, err := site.Write(filepath.Join(*root, "content"), files)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return false
		}
		if w+r > 0 {
			fmt.Fprintf(stdout, "serve: content updated (%d files written, %d removed)\n", w, r)
		}
		return true
	}
	if !regen() {
		return 1
	}
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer watcher.Close()
	for _, d := range []string{corpus.Dir, people.Dir, claims.Dir, "."} {
		if err := watcher.Add(filepath.Join(*root, d)); err != nil {
			fmt.Fprintf(stderr, "serve: cannot watch %s: %v\n", d, err)
		}
	}
	go watch(ctx, watcher, *root, regen)
	hugoArgs := []string{"server", "--source", filepath.Clean(*root), "--port", strconv.Itoa(*port),
		"--bind", "127.0.0.1", "--baseURL", base, "--disableFastRender"}
	if *drafts {
		hugoArgs = append(hugoArgs, "--buildDrafts")
	}
	if err := commands.Execute(hugoArgs); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// watch calls regen after input files change, at most once per quiet 100 ms.
func watch(ctx context.Context, w *fsnotify.Watcher, root string, regen func() bool) {
	var timer <-chan time.Time
	cfg := filepath.Join(root, config.File)
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			dir := filepath.Base(filepath.Dir(ev.Name))
			if dir == corpus.Dir || dir == people.Dir || dir == claims.Dir || filepath.Clean(ev.Name) == filepath.Clean(cfg) {
				timer = time.After(100 * time.Millisecond)
			}
		case <-w.Errors:
		case <-timer:
			timer = nil
			regen()
		}
	}
}
