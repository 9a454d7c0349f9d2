// Package render is the embedded Hugo, set up the one way the site allows,
// for builds and previews alike. A pull request can change config.toml,
// add hugo.toml or a config/ folder, and the build machine's environment
// may hold HUGO_* variables; none of them decides what Hugo may do. Hugo
// reads only the settings config.toml may set (package config: the rest is
// refused by check, with its line), written to a file of the build's own,
// under the site's security policy (config.Policy); it reads no other
// configuration file or folder and no HUGO_* environment variable, and its
// folders (content, layouts, static, output, cache) are the generator's.
package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/loggers"
	hconfig "github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/identity"
	"github.com/spf13/afero"

	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/diag"
)

// Options say what Hugo renders, from where, to where.
type Options struct {
	Root    string // the site root (config.toml, layouts/, static/, ...)
	Content string // the content folder to render
	Public  string // where pages are rendered
	Work    string // a folder of the caller's for Hugo's configuration file and, in Site, the copy of the site's folders Hugo works in
	BaseURL string
	// Environment is Hugo's: "production", "preview" (drafts, banner,
	// noindex) or "development".
	Environment string
	Drafts      bool
	Segments    []string // render only these segments of config.toml
	// Server sets Hugo up as its server does (running, watching, fast
	// render mode), for previews.
	Server bool
	Stderr io.Writer // Hugo's warnings and errors; nil discards them
	// Written, when set, is told each file Site writes into Public.
	Written *Written

	hugoDir string // Hugo's working folder, if not Root (see Site)
}

// ConfigFile is the name of the configuration file Hugo is given, in
// Options.Work.
const ConfigFile = "hugo-enforced.json"

// abs makes opt's folders absolute: Hugo takes a relative folder as
// relative to its working folder, and its messages name files absolutely.
func (opt *Options) abs() error {
	if opt.hugoDir == "" {
		opt.hugoDir = opt.Root
	}
	for _, d := range []*string{&opt.Root, &opt.Content, &opt.Public, &opt.Work, &opt.hugoDir} {
		abs, err := filepath.Abs(*d)
		if err != nil {
			return err
		}
		*d = abs
	}
	return nil
}

// Sites sets Hugo up for opt.
func Sites(opt Options) (*hugolib.HugoSites, error) {
	if opt.Environment == "" {
		opt.Environment = "production"
	}
	if err := opt.abs(); err != nil {
		return nil, err
	}
	var probs diag.List
	cfg := config.Load(opt.Root, &probs) // its problems are check's to report
	settings := cfg.Hugo
	if settings == nil {
		settings = map[string]any{}
	}
	settings["security"] = config.Policy()
	data, err := json.MarshalIndent(settings, "", "  ")
	if err != nil {
		return nil, err
	}
	file := filepath.Join(opt.Work, ConfigFile)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return nil, err
	}
	flags := hconfig.New()
	if opt.Server {
		flags.Set("internal", hmaps.Params{"running": true, "watch": true, "fastRenderMode": true})
	}
	flags.Set("workingDir", opt.hugoDir)
	flags.Set("contentDir", opt.Content)
	flags.Set("publishDir", opt.Public)
	flags.Set("baseURL", opt.BaseURL)
	flags.Set("security", config.Policy())
	// No Markdown attributes on headings or blocks in hand-written pages
	// ({#id .class data-…}): they would let a page dress text up as a
	// rating badge or set search metadata.
	flags.Set("markup", map[string]any{"goldmark": map[string]any{"parser": map[string]any{
		"attribute": map[string]any{"block": false, "title": false},
	}}})
	// Dates come from the front matter's own keys alone: a page's lastmod
	// (the sitemap's) is the day of its input file's last commit, which the
	// generator writes, or none; never its date (a source's date is the
	// article's, not the page's), the file's time or Hugo's git lookup.
	// And lastmod is not a date: a person's page has none.
	flags.Set("frontmatter", map[string]any{"date": []any{"date"}, "lastmod": []any{"lastmod"}})
	flags.Set("environment", opt.Environment)
	if opt.Drafts {
		flags.Set("buildDrafts", true)
	}
	if len(opt.Segments) > 0 {
		flags.Set("renderSegments", opt.Segments)
	}
	var stderr io.Writer = io.Discard
	if opt.Stderr != nil {
		stderr = diag.PrintableWriter{W: opt.Stderr}
	}
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: io.Discard, StdErr: stderr})
	cfgs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags: flags, Fs: afero.NewOsFs(), Filename: file, Environment: opt.Environment,
		Environ: Environ(os.Environ()), Logger: logger,
	})
	if err != nil {
		return nil, Errorf(opt, err)
	}
	hfs := hugofs.NewFrom(afero.NewOsFs(), cfgs.LoadingInfo.BaseConfig)
	if opt.Written != nil {
		rec := recording{hfs.PublishDir, opt.Written, opt.Public}
		hfs.PublishDir, hfs.PublishDirServer, hfs.PublishDirStatic = rec, rec, rec
	}
	dcfg := deps.DepsCfg{
		Configs: cfgs, Fs: hfs,
		LogLevel: logger.Level(), StdOut: io.Discard, StdErr: stderr,
	}
	if opt.Server {
		changes := make(chan []identity.Identity, 10)
		go func() {
			for range changes { // what Hugo's server would reload browsers for; the previewer reloads the whole page
			}
		}()
		dcfg.ChangesFromBuild = changes
	}
	h, err := hugolib.NewHugoSites(dcfg)
	if err != nil {
		return nil, Errorf(opt, err)
	}
	return h, nil
}

// Environ is env without the variables Hugo would read as configuration
// (HUGO_*, HUGOxPARAMSx…): the build machine's environment does not
// configure the site either.
func Environ(env []string) []string {
	out := []string{"FUENTE_RENDER=1"} // never empty: Hugo reads os.Environ() for an empty list
	for _, kv := range env {
		if !strings.HasPrefix(strings.ToUpper(kv), "HUGO") {
			out = append(out, kv)
		}
	}
	return out
}

// Folders are the site's folders Hugo reads besides content: the only
// files of the repository a build's templates can reach.
var Folders = []string{"layouts", "assets", "i18n", "data", "archetypes"}

// Site renders the whole site (or opt.Segments) into opt.Public and copies
// the static files. Hugo works in a copy of the site's Folders in
// opt.Work: templates read files (readFile, os.ReadDir, resources.Get)
// relative to Hugo's working folder, and the repository's own holds
// .git/config (where CI keeps its token), node_modules and whatever else
// is not part of the site.
func Site(opt Options) error {
	if err := opt.abs(); err != nil {
		return err
	}
	work := filepath.Join(opt.Work, "site")
	for _, d := range Folders {
		if err := CopyTree(filepath.Join(opt.Root, d), filepath.Join(work, d), false); err != nil {
			return err
		}
	}
	opt.hugoDir = work
	var logged bytes.Buffer
	if opt.Stderr == nil {
		opt.Stderr = &logged
	} else {
		opt.Stderr = io.MultiWriter(opt.Stderr, &logged)
	}
	h, err := Sites(opt)
	if err != nil {
		return err
	}
	defer h.Close()
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		if msg := errorLines(logged.String()); msg != "" {
			err = fmt.Errorf("%w\n%s", err, msg)
		}
		return Errorf(opt, err)
	}
	return copyTree(filepath.Join(opt.Root, "static"), opt.Public, false, opt.Written)
}

// errorLines returns the ERROR lines of Hugo's log.
func errorLines(log string) string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if strings.HasPrefix(l, "ERROR ") {
			out = append(out, strings.TrimPrefix(l, "ERROR "))
		}
	}
	return strings.Join(out, "\n")
}

var hugoPos = regexp.MustCompile(`"?((?:content|layouts|i18n|assets|data|static)/[^":\s]+):(\d+)(?::\d+)?"?(:?)`)

// Errorf rewrites an error of Hugo's so that it names files as the
// contributor knows them: content/about.md:40, not the staging folder's
// "/…/.build-…/content/about.md:40:1".
func Errorf(opt Options, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, dir := range []string{opt.Content, opt.hugoDir, opt.Root} {
		if dir == "" {
			continue
		}
		prefix := dir + string(filepath.Separator)
		repl := ""
		if dir == opt.Content {
			repl = "content/"
		}
		msg = strings.ReplaceAll(msg, prefix, repl)
	}
	msg = hugoPos.ReplaceAllString(msg, "$1:$2$3")
	return &Error{msg: msg, err: err}
}

// Error is Hugo's error with the contributor's file names.
type Error struct {
	msg string
	err error
}

func (e *Error) Error() string { return e.msg }
func (e *Error) Unwrap() error { return e.err }

// CopyTree copies the regular files of src (static/, or a folder of the
// site's Folders) into dst; symbolic links are left out, as Hugo leaves
// them out. Unless overwrite, a file already in dst (a page Hugo
// rendered) is not replaced: the copy fails, naming it.
func CopyTree(src, dst string, overwrite bool) error {
	return copyTree(src, dst, overwrite, nil)
}

// copyTree is CopyTree, telling w (when not nil) each file it writes.
func copyTree(src, dst string, overwrite bool, w *Written) error {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if overwrite {
			if w != nil {
				w.add(rel)
			}
			return os.WriteFile(target, data, 0o644)
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s/%s would replace %s, which the site renders: rename or move it", filepath.Base(src), filepath.ToSlash(rel), filepath.ToSlash(rel))
		}
		if err != nil {
			return err
		}
		if w != nil {
			w.add(rel)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
