// Package preview renders a site with the embedded Hugo as `hugo server`
// does and serves it on localhost with live reload. It renders again as
// soon as it is told that content files changed, instead of collecting file
// events for up to half a second as Hugo's own server does (its watcher
// hands them on every 500 ms): serve's generator knows which files it wrote
// and says so (see Changes). Templates, assets, i18n, data, static files and
// the configuration are watched here.
package preview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/common/urls"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/livereload"

	"github.com/factcheck-mx/factcheck/generator/render"
)

// Options say what to preview and where.
type Options struct {
	Root    string // the site root (config.toml, layouts/, static/, ...)
	Content string // the content folder to render
	Public  string // where pages are rendered, and served from
	Port    int    // served on 127.0.0.1:Port
	Drafts  bool   // drafts included, environment "preview" (else "development")
	// Stdout gets progress lines (Ready, Done), Stderr Hugo's
	// warnings and errors.
	Stdout, Stderr io.Writer
}

// Ready starts the line Run prints when the site is served, Done the line
// it prints after each render that followed a change (whether it succeeded
// or not).
const (
	Ready = "Web Server is available at"
	Done  = "Total in"
)

// Sites sets Hugo up for the site as its server does (running, watching,
// fast render mode: after an edit Hugo renders again only the touched pages
// among those recently visited; the others when they are asked for),
// serving at baseURL, with live reload on the same address.
func Sites(opt Options, baseURL string) (*hugolib.HugoSites, error) {
	env := "development"
	if opt.Drafts {
		env = "preview"
	}
	h, err := render.Sites(render.Options{
		Root: opt.Root, Content: opt.Content, Public: opt.Public, Work: filepath.Dir(opt.Public),
		BaseURL: baseURL, Environment: env, Drafts: opt.Drafts, Server: true, Stderr: opt.Stderr,
	})
	if err != nil {
		return nil, err
	}
	base, err := urls.NewBaseURLFromString(baseURL)
	if err != nil {
		return nil, err
	}
	for _, c := range h.Configs.LanguageConfigMap {
		c.C.SetServerInfo(base, base, "127.0.0.1")
	}
	return h, nil
}

// Run renders the site, serves it until ctx ends, and renders again after
// each change: the content files named on changes (absolute paths, one a
// line, a blank line ending each batch: see Changes), and what changes in
// the site's layouts/, assets/, i18n/, data/, static/ and configuration. A
// render that fails is reported and the last good pages stay served.
func Run(ctx context.Context, opt Options, changes io.Reader) error {
	// Hugo takes the names of changed files as absolute paths.
	for _, d := range []*string{&opt.Root, &opt.Content, &opt.Public} {
		abs, err := filepath.Abs(*d)
		if err != nil {
			return err
		}
		*d = abs
	}
	p := &previewer{opt: opt, base: "http://localhost:" + strconv.Itoa(opt.Port) + "/", visited: types.NewEvictingQueue[string](20)}
	if p.opt.Stdout == nil {
		p.opt.Stdout = io.Discard
	}
	if p.opt.Stderr == nil {
		p.opt.Stderr = io.Discard
	}
	if err := os.MkdirAll(opt.Public, 0o755); err != nil {
		return err
	}
	if err := p.load(); err != nil {
		return err
	}
	defer func() { p.sites.Close() }()
	start := time.Now()
	if err := p.render(); err != nil {
		return err
	}
	fmt.Fprintf(p.opt.Stdout, "Built in %d ms\n", time.Since(start).Milliseconds())
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(opt.Port))
	if err != nil {
		return err
	}
	livereload.Initialize()
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	fmt.Fprintf(p.opt.Stdout, "%s %s (bind address 127.0.0.1)\n", Ready, p.base)

	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, d := range watchedDirs {
		addTree(w, filepath.Join(opt.Root, d))
	}
	w.Add(opt.Root) // config.toml
	batches := readBatches(changes)
	var pending []fsnotify.Event
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case names, ok := <-batches:
			if !ok {
				batches = nil
				continue
			}
			pending = append(pending, Events(names)...)
			// The generator's batch is complete: render at once.
			timer = time.After(0)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !p.relevant(ev.Name) {
				continue
			}
			if ev.Op&fsnotify.Create != 0 {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					addTree(w, ev.Name)
				}
			}
			pending = append(pending, ev)
			// An editor's save is a burst of events: wait for its end.
			timer = time.After(20 * time.Millisecond)
		case <-w.Errors:
		case <-timer:
			timer = nil
			evs := pending
			pending = nil
			start := time.Now()
			err := p.rebuild(evs)
			took := time.Since(start).Milliseconds()
			if err != nil {
				fmt.Fprintln(p.opt.Stderr, "Error:", err)
				fmt.Fprintf(p.opt.Stdout, "%s %d ms (failed: the last good pages are served)\n", Done, took)
				continue
			}
			fmt.Fprintf(p.opt.Stdout, "%s %d ms\n", Done, took)
			livereload.ForceRefresh()
		}
	}
}

// watchedDirs are the site's folders that Run follows itself.
var watchedDirs = []string{"layouts", "assets", "i18n", "data", "static", "config"}

// Changes writes a batch of changed content files for Run to render: their
// paths, one a line, and a blank line.
func Changes(w io.Writer, paths []string) error {
	var b strings.Builder
	for _, p := range paths {
		if strings.ContainsAny(p, "\r\n") {
			continue // not a name Run could read back; never one the generator writes
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// Events are the file events Run hands Hugo for content files the
// generator named: a file that is there was created (site.Update renames
// each file over the old one, which a file watcher reports as created, and
// Hugo handles a created file faster than a written one), one that is not
// was removed.
func Events(names []string) []fsnotify.Event {
	evs := make([]fsnotify.Event, len(names))
	for i, n := range names {
		evs[i] = fsnotify.Event{Name: n, Op: fsnotify.Create}
		if _, err := os.Stat(n); errors.Is(err, fs.ErrNotExist) {
			evs[i].Op = fsnotify.Remove
		}
	}
	return evs
}

// readBatches reads what Changes wrote, a batch at a time, until r ends.
func readBatches(r io.Reader) <-chan []string {
	out := make(chan []string)
	if r == nil {
		return out
	}
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		var batch []string
		for sc.Scan() {
			if line := sc.Text(); line != "" {
				batch = append(batch, line)
				continue
			}
			out <- batch
			batch = nil
		}
	}()
	return out
}

// addTree watches dir and every folder under it.
func addTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			w.Add(p)
		}
		return nil
	})
}

// previewer is Run's state: Hugo's sites, and a lock that keeps requests
// out while a render writes pages.
type previewer struct {
	opt     Options
	base    string
	mu      sync.RWMutex
	sites   *hugolib.HugoSites
	failed  bool                         // the last render failed
	visited *types.EvictingQueue[string] // pages recently asked for, which a render brings up to date
}

// relevant reports whether a watched event concerns the site: a
// configuration file or a non-hidden file under a watched folder.
func (p *previewer) relevant(name string) bool {
	rel, err := filepath.Rel(p.opt.Root, name)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	base := path.Base(rel)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
		return false
	}
	if isConfig(rel) {
		return true
	}
	first, _, nested := strings.Cut(rel, "/")
	return nested && slices.Contains(watchedDirs, first)
}

// isConfig reports whether rel, a slash path under the site root, is part
// of the configuration: hugo.* or config.* at the root, or under config/.
func isConfig(rel string) bool {
	first, _, nested := strings.Cut(rel, "/")
	if !nested {
		return strings.HasPrefix(first, "hugo.") || strings.HasPrefix(first, "config.")
	}
	return first == "config"
}

// load sets Hugo up anew (at start, and after the configuration changed).
func (p *previewer) load() error {
	h, err := Sites(p.opt, p.base)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sites != nil {
		p.sites.Close()
	}
	p.sites = h
	return nil
}

// render renders the whole site and copies the static files.
func (p *previewer) render() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	err := p.sites.Build(hugolib.BuildCfg{})
	if p.failed = err != nil; p.failed {
		return err
	}
	return render.CopyTree(filepath.Join(p.opt.Root, "static"), p.opt.Public, true)
}

// rebuild renders what evs touch: static files are copied (or removed),
// a configuration change renders everything with the new configuration,
// and Hugo renders the pages that depend on the rest.
func (p *previewer) rebuild(evs []fsnotify.Event) error {
	static := filepath.Join(p.opt.Root, "static") + string(filepath.Separator)
	var hugo []fsnotify.Event
	for _, ev := range evs {
		rel, _ := filepath.Rel(p.opt.Root, ev.Name)
		if isConfig(filepath.ToSlash(rel)) {
			if err := p.load(); err != nil {
				return err
			}
			return p.render()
		}
		if strings.HasPrefix(ev.Name, static) {
			if err := p.copyStatic(ev.Name, strings.TrimPrefix(ev.Name, static)); err != nil {
				return err
			}
			continue
		}
		hugo = append(hugo, ev)
	}
	hugo = hugoEvents(hugo)
	if len(hugo) == 0 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	// Hugo does not delete the pages of removed content files: their
	// published files are noted before and removed after, unless the
	// render wrote them again (another page took the address).
	removed := map[string]bool{}
	for _, ev := range hugo {
		if _, err := os.Stat(ev.Name); errors.Is(err, fs.ErrNotExist) {
			removed[ev.Name] = true
		}
	}
	stale := p.published(removed)
	start := time.Now()
	err := p.sites.Build(hugolib.BuildCfg{RecentlyTouched: p.visited, ErrRecovery: p.failed}, hugo...)
	p.failed = err != nil
	if err != nil {
		return err
	}
	for _, f := range stale {
		if fi, err := os.Stat(f); err == nil && fi.ModTime().Before(start) {
			os.Remove(f)
		}
	}
	return nil
}

// published returns the files in public of the pages rendered from the
// content files named in files.
func (p *previewer) published(files map[string]bool) []string {
	if len(files) == 0 {
		return nil
	}
	var out []string
	for _, s := range p.sites.Sites {
		for _, pg := range s.Pages() {
			if pg.File() == nil || !files[pg.File().Filename()] {
				continue
			}
			for _, of := range pg.OutputFormats() {
				rel := path.Clean("/" + of.RelPermalink())
				if strings.HasSuffix(of.RelPermalink(), "/") {
					rel += "/index.html"
				}
				out = append(out, filepath.Join(p.opt.Public, filepath.FromSlash(rel)))
			}
		}
	}
	return out
}

// hugoEvents keeps of evs what Hugo's server would hand on to Hugo: one
// event a file, none for a file that is gone again (an editor's temporary
// file), none for a change of mode only.
func hugoEvents(evs []fsnotify.Event) []fsnotify.Event {
	seen := map[string]bool{}
	var out []fsnotify.Event
	for _, ev := range evs {
		if ev.Op == fsnotify.Chmod || seen[ev.Name] {
			continue
		}
		if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) {
			if _, err := os.Stat(ev.Name); err != nil {
				continue
			}
		}
		seen[ev.Name] = true
		out = append(out, ev)
	}
	return out
}

// copyStatic brings one static file's copy in public up to date.
func (p *previewer) copyStatic(src, rel string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	dst := filepath.Join(p.opt.Public, rel)
	fi, err := os.Lstat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		os.Remove(dst)
		return nil
	case err != nil:
		return err
	case fi.IsDir():
		return render.CopyTree(src, dst, true)
	case !fi.Mode().IsRegular():
		return nil
	}
	return copyFile(src, dst)
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// ServeHTTP serves the rendered site: a folder's index.html, the site's
// 404 page for what is not there, and the live-reload script and socket.
func (p *previewer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/livereload.js":
		livereload.ServeJS(w, r)
		return
	case "/livereload":
		livereload.Handler(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	clean := path.Clean("/" + r.URL.Path)
	if page := strings.HasSuffix(r.URL.Path, "/") || strings.HasSuffix(clean, ".html") || !strings.Contains(path.Base(clean), "."); page && !p.visited.Contains(r.URL.Path) {
		// A page not asked for lately may be stale (fast render mode):
		// Hugo renders it, if it must, before it is served.
		p.mu.Lock()
		p.visited.Add(r.URL.Path)
		if !p.failed {
			one := types.NewEvictingQueue[string](1)
			one.Add(r.URL.Path)
			if err := p.sites.Build(hugolib.BuildCfg{RecentlyTouched: one, PartialReRender: true}); err != nil {
				fmt.Fprintln(p.opt.Stderr, "Error:", err)
			}
		}
		p.mu.Unlock()
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	w.Header().Set("Cache-Control", "no-store")
	name := filepath.Join(p.opt.Public, filepath.FromSlash(clean))
	fi, err := os.Stat(name)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, clean+"/", http.StatusMovedPermanently)
			return
		}
		name = filepath.Join(name, "index.html")
		fi, err = os.Stat(name)
	}
	status := http.StatusOK
	if err != nil || !fi.Mode().IsRegular() {
		name, status = filepath.Join(p.opt.Public, "404.html"), http.StatusNotFound
	}
	f, err := os.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	if status != http.StatusOK {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		io.Copy(w, f)
		return
	}
	http.ServeContent(w, r, name, fi.ModTime(), f)
}
