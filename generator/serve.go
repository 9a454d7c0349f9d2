package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/livereload"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/search"
	"github.com/factcheck-mx/factcheck/generator/site"
)

// watched are the folders whose changes trigger a rebuild: the inputs and
// the Hugo site itself. Generated content sections are left out.
var watched = []string{"corpus", "people", "claims", "content", "layouts", "i18n", "assets", "static"}

// cmdServe previews the site on localhost. Every change to an input or to
// the site's templates runs a full build (the same one as `build`) into a
// private folder, then tells open browsers to reload. A change with errors
// prints them and leaves the preview as it was.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", stderr)
	root := fs.String("root", ".", "the site root (the folder with config.toml)")
	port := fs.Int("port", 1313, "the port to serve on (localhost only)")
	drafts := fs.Bool("drafts", true, "include draft claims")
	withSearch := searchFlag(fs)
	if fs.Parse(args) != nil {
		return 2
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(*port))
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v (choose another -port)\n", err)
		return 1
	}
	defer ln.Close()
	dest, err := os.MkdirTemp(*root, ".preview-")
	if err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	defer os.RemoveAll(dest)

	opt := build.Options{Root: *root, Drafts: *drafts, Dest: dest,
		BaseURL: "http://localhost:" + strconv.Itoa(*port) + "/"}
	if *withSearch {
		// A local preview is still useful without search: say so and go on.
		if bin, err := search.Find(ctx, *root, true, stderr); err != nil {
			fmt.Fprintf(stderr, "serve: the search page will not work: %v\n", err)
		} else {
			opt.Search = bin
		}
	}
	var mu sync.Mutex
	rebuild := func() bool {
		mu.Lock()
		defer mu.Unlock()
		sum, probs, err := build.Build(ctx, opt)
		printProblems(stderr, probs, "text")
		if err != nil {
			if errors.Is(err, build.ErrInvalid) {
				fmt.Fprintln(stderr, "serve: fix the errors above; the preview shows the last good version")
			} else {
				fmt.Fprintln(stderr, "serve:", err)
			}
			return false
		}
		fmt.Fprintf(stdout, "serve: %s\n", sum)
		return true
	}
	if !rebuild() {
		return 1
	}

	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	defer watcher.Close()
	addWatches(watcher, *root)
	go func() {
		for range debounce(ctx, watcher, *root) {
			if rebuild() {
				livereload.ForceRefresh()
			}
		}
	}()

	livereload.Initialize()
	mux := http.NewServeMux()
	mux.HandleFunc("/livereload.js", livereload.ServeJS)
	mux.HandleFunc("/livereload", livereload.Handler)
	mux.Handle("/", injectReload(http.FileServer(http.Dir(dest)), *port))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	fmt.Fprintf(stdout, "serve: http://localhost:%d/ (Ctrl+C to stop)\n", *port)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	return 0
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

// debounce sends once per burst of relevant changes, 100 ms after the last.
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
					timer = time.After(100 * time.Millisecond)
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

// injectReload adds the live-reload script to HTML pages.
func injectReload(h http.Handler, port int) http.Handler {
	tag := []byte(fmt.Sprintf(`<script src="/livereload.js?mindelay=10&amp;v=2&amp;port=%d&amp;path=livereload" defer></script></body>`, port))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		body := rec.body.Bytes()
		if strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
			body = bytes.Replace(body, []byte("</body>"), tag, 1)
			rec.header.Del("Content-Length")
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(rec.status)
		w.Write(body)
	})
}

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
