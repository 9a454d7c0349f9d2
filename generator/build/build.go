// Package build runs the pipeline: load the inputs, check and derive, write
// content/, and render the site with Hugo, embedded as a library. Output is
// built in a staging folder and swapped in only when everything succeeded,
// so a failed build leaves the previous content/ and public/ as they were.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/factcheck-mx/factcheck/generator/card"
	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/export"
	"github.com/factcheck-mx/factcheck/generator/history"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/pages"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/progress"
	"github.com/factcheck-mx/factcheck/generator/render"
	"github.com/factcheck-mx/factcheck/generator/revisions"
	"github.com/factcheck-mx/factcheck/generator/search"
	"github.com/factcheck-mx/factcheck/generator/site"
	"github.com/factcheck-mx/factcheck/generator/state"
)

// Options say what to build.
type Options struct {
	Root    string // the site root (where config.toml is)
	BaseURL string // overrides config.toml's baseURL when set
	Drafts  bool   // publish draft claims too
	Dest    string // where the site is published (default Root/public)
	// Search is the Pagefind command (see package search) that indexes the
	// built site for the search page; empty builds no search index.
	Search string
	// Segments, when set, renders only these segments of config.toml's
	// [segments]: one part of the site, for builds split across machines.
	// Their public/ folders copied into one are the whole site. No search
	// index is built for a part (index the whole, once merged).
	Segments []string
	// CardCache is the folder that keeps share cards between builds
	// (card.DefaultCacheDir); empty draws every card anew.
	CardCache string
	// StateDir is the folder that keeps, between builds, what a build
	// parsed and derived (package state; state.DefaultDir); empty keeps
	// nothing, and everything is done again.
	StateDir string
	// Progress is told each stage as it starts, and counts its items
	// (nil: nothing is said until the summary).
	Progress *progress.Reporter
}

// ErrInvalid is returned (wrapped) when the inputs have errors.
var ErrInvalid = errors.New("the inputs have errors")

// Loaded is the checked site and its configuration.
type Loaded struct {
	Config  *config.Config
	Result  *derive.Result
	History *revisions.Result      // nil until ReadHistory
	Pages   []pages.Page           // the hand-written pages of content/, checked
	Labels  map[string]card.Labels // the words of the share cards and section titles (i18n), by language code
	// CardCache keeps share cards between builds; nil keeps none.
	CardCache *card.Cache
	// Progress counts the content files Content makes; nil counts none.
	Progress *progress.Reporter
	Probs    diag.List
	// HistoryErr is why a repository that exists could not be read (a
	// damaged pack, index or object), after ReadHistory; nil when it was
	// read, or when there is none.
	HistoryErr error

	builder *Builder // the builder that loaded it, whose history it reuses
}

// Load reads and checks every input. Problems are sorted.
func Load(ctx context.Context, root string, drafts bool) (*Loaded, error) {
	// Loading once: no cache to fill (a nil cache keeps nothing).
	return (&Builder{root: root, drafts: drafts}).Load(ctx)
}

// A Builder loads the same site again and again, as serve does after each
// edit, keeping what it read and derived: loading again reads and parses
// only the files that changed, derives the sources' relations again only
// when a source or person changed, and reads the git history again only
// when HEAD moved. Its methods are not safe for concurrent use.
type Builder struct {
	root   string
	drafts bool
	cache  *meta.Cache
	prev   *derive.Result
	saved  *derive.Saved // another process's derived work, for the first Load
	log    *history.Log
	pages  map[string]*site.Cache // by language code
}

// NewBuilder returns a Builder for the site at root.
func NewBuilder(root string, drafts bool) *Builder {
	return &Builder{root: root, drafts: drafts, cache: meta.NewCache(), pages: map[string]*site.Cache{}}
}

// Load reads and checks every input. Problems are sorted.
func (b *Builder) Load(ctx context.Context) (*Loaded, error) {
	root, err := meta.Root(b.root)
	if err != nil {
		return nil, err
	}
	b.root = root
	var probs diag.List
	cfg := config.Load(b.root, &probs)
	others := cfg.Codes()[1:] // the languages of translations
	in := derive.Input{
		Scale:   cfg.Scale,
		Lenient: cfg.Lenient,
		Sources: corpus.Load(b.root, b.cache, &probs),
		Drafts:  b.drafts,
		Context: ctx,
	}
	in.People, in.PeopleTr = people.LoadIn(b.root, others, b.cache, &probs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	in.Claims, in.ClaimTr = claims.LoadIn(b.root, cfg.Scale, others, time.Now(), b.cache, &probs)
	hand := pages.LoadIn(b.root, site.Sections, others, &probs)
	labels := map[string]card.Labels{}
	for _, code := range cfg.Codes() {
		labels[code] = card.LoadLabels(b.root, code, &probs)
	}
	checkSymlinks(b.root, &probs)
	checkStatic(b.root, others, &probs)
	search.Check(b.root, &probs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	prev := b.prev
	if prev == nil {
		prev = derive.Restore(b.saved, in)
	}
	res := derive.Again(prev, in, &probs)
	b.prev, b.saved = res, nil
	checkCardLetters(res, &probs)
	probs.Sort()
	return &Loaded{Config: cfg, Result: res, Pages: hand, Labels: labels, Probs: probs, builder: b}, ctx.Err()
}

// ReadHistory reads the repository's history of the input files (one walk)
// and turns it into revisions. Without a repository the site still builds;
// l.History.Notes says what could not be known.
func (l *Loaded) ReadHistory(ctx context.Context, root string) error {
	b := l.builder
	var log *history.Log
	if b != nil && b.log != nil && b.log.Known {
		// The walk is reused while HEAD names the same commit on the same branch.
		if head, branch, ok := history.Head(root); ok && head == b.log.Head && branch == b.log.Branch {
			log = b.log
		}
	}
	if log == nil {
		var err error
		log, err = history.Read(ctx, history.Options{Root: root, Folders: []string{corpus.Dir, people.Dir, claims.Dir}})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// A repository that is there but cannot be read is not "no
			// history": publishing would drop every page's revisions and
			// the corrections log. A warning here; Build refuses to
			// publish it (a preview may go on).
			l.HistoryErr = err
			l.Probs.Warnf(".git", 0, "the git repository cannot be read (%v): pages would show no revisions and no corrections; repair it (git fsck) or clone it again", err)
			l.Probs.Sort()
			log = &history.Log{Why: "the repository cannot be read"}
		}
		if b != nil {
			b.log = log
		}
	}
	var files []revisions.File
	for _, s := range l.Result.Sources {
		files = append(files, revisions.File{Path: s.Path, Hash: s.Hash})
	}
	for _, p := range l.Result.People {
		files = append(files, revisions.File{Path: p.Path, Hash: p.Hash})
	}
	for _, c := range l.Result.Claims {
		files = append(files, revisions.File{Path: c.Path, Hash: c.Hash})
	}
	opt := revisions.Options{Scale: l.Config.Scale}
	if l.Config.RepoURL != "" {
		opt.CommitURL = l.Config.RepoURL + "/commit/"
	}
	l.History = revisions.Derive(log, files, opt)
	return nil
}

// Content returns the generated content files for l.
func (l *Loaded) Content(baseURL string) (map[string][]byte, error) {
	if baseURL == "" {
		baseURL = l.Config.BaseURL
	}
	painter, err := card.New()
	if err != nil {
		return nil, err
	}
	// Each language's pages: the default's as they are, another's from the
	// site as its translations show it (derive.Result.In), under its own
	// file names (site.InLang), at /CODE/.
	var files map[string][]byte
	for i, lang := range l.Config.Languages {
		opt := site.Options{
			Title: l.Config.Title, Language: lang.Locale, BaseURL: config.NormalizeBaseURL(baseURL),
			History: l.History, Excerpts: l.Config.Excerpts, Labels: l.Labels[lang.Code], Description: lang.Description,
			Cards: &site.Cards{Painter: painter, Cache: l.CardCache}, Original: l.Config.Default().Locale,
			Progress: l.Progress,
		}
		r := l.Result
		if i > 0 {
			opt.Lang = lang.Code
			opt.BaseURL += lang.Code + "/"
			r = r.In(lang.Code)
		}
		if l.builder != nil && l.builder.pages != nil {
			opt.Cache = l.builder.pages[lang.Code]
			if opt.Cache == nil {
				opt.Cache = site.NewCache()
				l.builder.pages[lang.Code] = opt.Cache
			}
		}
		out, err := site.Files(r, opt)
		if err != nil {
			return nil, err
		}
		if files == nil {
			files = out
			continue
		}
		maps.Copy(files, out)
	}
	return files, nil
}

// Summary describes a finished build.
type Summary struct {
	Claims, People, Sources int
	ContentFiles            int
	Changes                 site.Changes // how content/ differs from the last build's
	PublicFiles             int
	Warnings                int
	Duration                time.Duration
	History                 string // what history was read, or could not be
	// State says what the build took from the state the last one saved
	// (Options.StateDir); Made and Reused count the content files it made
	// and those it took as the last build made them.
	State        string
	Made, Reused int
	// Refreshed says content/ was made by bringing the build before
	// last's up to date (a generation the state named), not anew.
	Refreshed bool
	BaseURL   string   // the address the site was built for
	Search    bool     // whether the search index was built
	Segments  []string // the segments rendered; none for the whole site
	// Where the time went: Hugo rendering, Pagefind indexing, and the rest
	// (the generator's own work: load, check, derive, history, write, export).
	HugoTime, SearchTime, OwnTime time.Duration
	// Stages splits the generator's own work, in order.
	Stages []Stage
}

// A Stage is one step of the generator's own work and the time it took.
type Stage struct {
	Name string
	Time time.Duration
}

// lap records the time since the last lap as the stage name.
type laps struct {
	last   time.Time
	stages []Stage
}

func (l *laps) lap(name string) {
	now := time.Now()
	l.stages = append(l.stages, Stage{name, now.Sub(l.last)})
	l.last = now
}

func (s Summary) String() string {
	search := "search index built"
	if !s.Search {
		search = "no search index"
	}
	if len(s.Segments) > 0 {
		search = "segments " + strings.Join(s.Segments, ", ") + " only; no search index (index the merged parts)"
	}
	var stages []string
	for _, st := range s.Stages {
		stages = append(stages, st.Name+" "+st.Time.Round(time.Millisecond).String())
	}
	return fmt.Sprintf("built %d claim, %d person and %d source pages (%d content files, %d files in public/) in %s; %d warnings\ncontent: %d files written, %d unchanged, %d removed\nfor %s; %s\ntime: generator %s, Hugo %s, search %s\ngenerator: %s\nhistory: %s\nstate: %s%s",
		s.Claims, s.People, s.Sources, s.ContentFiles, s.PublicFiles, s.Duration.Round(time.Millisecond), s.Warnings,
		s.Changes.Written, s.Changes.Same, s.Changes.Removed, s.BaseURL, search,
		s.OwnTime.Round(time.Millisecond), s.HugoTime.Round(time.Millisecond), s.SearchTime.Round(time.Millisecond),
		strings.Join(stages, ", "), s.History, s.State, refreshed(s.Refreshed))
}

// Build checks the inputs, writes content/ and renders public/. On any error
// content/ and public/ are left untouched. The previous content/ and
// public/ are left in root/.old-PID-… for the next Build to delete.
func Build(ctx context.Context, opt Options) (Summary, diag.List, error) {
	start := time.Now()
	root, err := meta.Root(opt.Root)
	if err != nil {
		return Summary{}, nil, err
	}
	opt.Root = root
	if opt.BaseURL != "" {
		if msg := config.CheckBaseURL(opt.BaseURL); msg != "" {
			return Summary{}, nil, fmt.Errorf("-base-url %s", msg)
		}
	}
	t := &laps{last: start}
	pr := opt.Progress
	defer pr.End()
	pr.Stage(0, "", "loading %d input files from %s/, %s/ and %s/", CountInputs(opt.Root), claims.Dir, people.Dir, corpus.Dir)
	kept := openState(opt)
	stage, err := TempDir(opt.Root, "build")
	if err != nil {
		return Summary{}, nil, err
	}
	defer os.RemoveAll(stage)
	content := filepath.Join(stage, "content")
	// The content folder of the build before last, when a build that
	// keeps a state left it, becomes this build's, to be brought up to
	// date (refresh).
	claimed := kept.claim(opt.Root, content)
	// What earlier builds left is deleted while this one works: deleting
	// is mostly waiting on the disk, and the system's own work on a
	// thread of the lowest priority, so that it takes what CPU the build
	// leaves idle (on two cores, deleting 49,000 files beside the load
	// made its own work a quarter longer). A build that fails does not wait for
	// it (what is left, the next build deletes); one that succeeds does.
	cleaned := make(chan struct{})
	go idle(func() { // at the lowest priority: the build's own work comes first
		defer close(cleaned)
		RemoveStale(opt.Root)
		if kept.file == "" {
			removeGenerations(opt.Root) // a build that keeps no state keeps no generation
		}
	})
	gen := ""
	if claimed {
		gen = content
	}
	have := kept.unchanged(filepath.Join(opt.Root, "content"), gen)
	l, err := kept.builder(opt.Root, opt.Drafts, have).Load(ctx)
	if err != nil {
		return Summary{}, nil, err
	}
	if kept.why != "" {
		l.Probs.Warnf(kept.file, 0, "the build's saved state %s: not used; everything is parsed and derived again", kept.why)
		l.Probs.Sort()
	}
	t.lap("load")
	if l.Probs.Err() != nil {
		return Summary{}, l.Probs, ErrInvalid
	}
	for _, seg := range opt.Segments {
		if !slices.Contains(l.Config.Segments, seg) {
			return Summary{}, l.Probs, fmt.Errorf("%s: there is no segment %q: the segments are %s", config.File, seg, strings.Join(l.Config.Segments, ", "))
		}
	}
	if len(opt.Segments) > 0 {
		opt.Search = ""
	}
	pr.Stage(0, "", "reading the inputs' history")
	if err := l.ReadHistory(ctx, opt.Root); err != nil {
		return Summary{}, l.Probs, err
	}
	if l.HistoryErr != nil && !opt.Drafts {
		return Summary{}, l.Probs, fmt.Errorf("the git repository cannot be read, and publishing without it would delete the public record of revisions and corrections: %w; repair it (git fsck) or clone it again (a preview build, -drafts, goes on without history)", l.HistoryErr)
	}
	t.lap("history")
	cards := card.OpenCache(opt.CardCache)
	l.CardCache = cards
	base := opt.BaseURL
	if base == "" {
		base = l.Config.BaseURL
	}
	base = config.NormalizeBaseURL(base)
	r := l.Result
	pr.Stage(0, "files", "making the content of %d claim, %d person and %d source pages%s", len(r.Claims), len(r.People), len(r.Sources), inLanguages(len(l.Config.Languages)))
	l.Progress = pr
	files, err := l.Content(base)
	if err != nil {
		return Summary{}, l.Probs, err
	}
	t.lap("content")
	// Every card this build uses is known: the caches are pruned while
	// the build goes on (reading folders of tens of thousands of entries
	// is mostly waiting on the disk).
	pruned := make(chan struct{})
	go idle(func() {
		defer close(pruned)
		if pruneDue(opt.CardCache, time.Now()) {
			cards.Prune(30 * 24 * time.Hour) // cards no build has used for a month
		}
		if pruneDue(opt.StateDir, time.Now()) {
			state.Prune(opt.StateDir, 30*24*time.Hour) // sites no build has used for a month
		}
	})
	defer func() { <-pruned }()
	if err := os.MkdirAll(content, 0o755); err != nil {
		return Summary{}, l.Probs, err
	}
	// The export reads the derived site only: it is made while the
	// content is written.
	type exported struct {
		data map[string][]byte
		err  error
	}
	exports := make(chan exported, 1)
	go func() {
		data, err := export.Files(l.Result, base)
		exports <- exported{data, err}
	}()
	hand := l.HandWritten()
	pr.Stage(len(files)+len(hand), "files", "writing %d content files", len(files)+len(hand))
	var changes site.Changes
	var desc map[string]state.FileStat // the files as described, for the state
	if claimed {
		if changes, desc, err = kept.refresh(content, filepath.Join(opt.Root, "content"), files, have, pr); err != nil {
			// Something in the generation could not be removed: it is
			// dropped, and a new folder made as without one. The pages
			// reused from it are made again: content/ may not have them.
			if err := os.RemoveAll(content); err != nil {
				return Summary{}, l.Probs, fmt.Errorf("the content folder of the build before last cannot be removed: %w", err)
			}
			claimed = false
			l.builder.pages = map[string]*site.Cache{}
			if files, err = l.Content(base); err != nil {
				return Summary{}, l.Probs, err
			}
		}
	}
	if !claimed {
		if err := os.MkdirAll(content, 0o755); err != nil {
			return Summary{}, l.Probs, err
		}
		if changes, err = site.WriteNew(content, files, filepath.Join(opt.Root, "content"), pr); err != nil {
			return Summary{}, l.Probs, err
		}
	}
	if _, err := site.WriteNew(content, hand, "", pr); err != nil {
		return Summary{}, l.Probs, err
	}
	t.lap("write")
	made, reused := 0, 0
	for _, c := range l.builder.pages {
		made, reused = made+c.Built(), reused+c.Reused()
	}
	stateSays := kept.describe(l, made, reused)
	// Everything after Hugo needs only the export and a few counts: let the
	// derived site and its content go before Hugo's own memory peak.
	exp := <-exports
	if exp.err != nil {
		return Summary{}, l.Probs, exp.err
	}
	data := exp.data
	_, warns := l.Probs.Counts()
	s := Summary{
		Claims: len(l.Result.Claims), People: len(l.Result.People), Sources: len(l.Result.Sources),
		ContentFiles: len(files), Changes: changes, Warnings: warns, History: l.History.Describe(),
		BaseURL: base, Search: opt.Search != "", Segments: opt.Segments,
		State: stateSays, Made: made, Reused: reused, Refreshed: claimed,
	}
	probs := l.Probs
	var expected []string
	if len(opt.Segments) == 0 {
		others := l.Config.Codes()[1:]
		expected = pagesExpected(files, others, opt.Drafts)
		expected = append(expected, pagesExpected(hand, others, opt.Drafts)...)
		expected = append(expected, sitePages(others)...)
	}
	t.lap("export")
	if kept.file != "" {
		if !claimed {
			desc = described(content, slices.Collect(maps.Keys(files)))
			if err := kept.linked(files, desc); err != nil {
				return Summary{}, l.Probs, err
			}
		}
		if err := kept.save(l, desc); err != nil {
			probs.Warnf(kept.file, 0, "the build's state could not be saved (%v): the next build parses and derives everything again", err)
		}
	}
	t.lap("save state")
	// Hugo's memory is the build's peak: nothing of the generator's work
	// is kept through it.
	l, files, kept.snap = nil, nil, nil
	runtime.GC()
	t.lap("release")
	public := filepath.Join(stage, "public")
	if err := ctx.Err(); err != nil {
		return Summary{}, probs, err
	}
	if len(expected) > 0 {
		pages := 0
		for _, p := range expected {
			if strings.HasSuffix(p, ".html") {
				pages++
			}
		}
		pr.Stage(0, "", "rendering %d pages with Hugo", pages)
	} else {
		pr.Stage(0, "", "rendering segments %s with Hugo", strings.Join(opt.Segments, ", "))
	}
	hugoStart := time.Now()
	rendered, err := Hugo(opt.Root, content, public, s.BaseURL, opt.Drafts, opt.Segments...)
	if err != nil {
		return Summary{}, probs, fmt.Errorf("hugo: %w", err)
	}
	s.HugoTime = time.Since(hugoStart)
	t.last = time.Now()
	if err := checkRendered(rendered, expected); err != nil {
		return Summary{}, probs, err
	}
	t.lap("verify")
	if err := export.Write(public, data); err != nil {
		return Summary{}, probs, err
	}
	for name := range data {
		rendered[filepath.ToSlash(name)] = true
	}
	t.lap("export write")
	searchStart := time.Now()
	if opt.Search != "" {
		pr.Stage(0, "", "indexing the site for search with Pagefind")
		if err := search.Index(ctx, opt.Search, public); err != nil {
			return Summary{}, probs, err
		}
	}
	s.SearchTime = time.Since(searchStart)
	t.last = time.Now()
	dest := opt.Dest
	if dest == "" {
		dest = filepath.Join(opt.Root, "public")
	}
	s.PublicFiles = len(rendered)
	if opt.Search != "" {
		s.PublicFiles += len(filesIn(filepath.Join(public, "pagefind")))
	}
	pr.Stage(0, "", "publishing")
	if err := swap(opt.Root, dest, stage); err != nil {
		return Summary{}, probs, err
	}
	t.lap("swap")
	<-cleaned
	<-pruned
	t.lap("clean")
	pr.End()
	// The previous content, now in the staging folder, is kept for the
	// next build to bring up to date when the state names it (see
	// refresh); the previous site is left for the next build to delete
	// while it works (see RemoveStale): on some disks deleting 25,000
	// files takes longer than the generator's own work on them.
	if kept.file != "" {
		os.Rename(content, filepath.Join(opt.Root, generation))
	}
	os.Rename(stage, filepath.Join(filepath.Dir(stage), ".old-"+strings.TrimPrefix(filepath.Base(stage), ".build-")))
	s.Stages = t.stages
	s.Duration = time.Since(start)
	s.OwnTime = s.Duration - s.HugoTime - s.SearchTime
	return s, probs, nil
}

// caseFolds is true where the disk is usually case-insensitive: a page
// written as claims/x/index.html may land in a folder Claims/X made before,
// which the list of files written would not tell.
const caseFolds = runtime.GOOS == "darwin" || runtime.GOOS == "windows"

// Hugo renders the site at root with the given content folder into dest,
// a new folder, and returns the files it wrote there (slash paths): the
// whole site, or only the segments named. Hugo is set up by package
// render: the site's enforced configuration, whatever config.toml says.
func Hugo(root, content, dest, baseURL string, drafts bool, segments ...string) (map[string]bool, error) {
	env := "production"
	if drafts {
		// A preview: drafts included, and templates mark every page as a
		// preview (banner, noindex) through the environment's name.
		env = "preview"
	}
	var w render.Written
	if err := render.Site(render.Options{
		Root: root, Content: content, Public: dest, Work: filepath.Dir(dest),
		BaseURL: baseURL, Environment: env, Drafts: drafts, Segments: segments, Written: &w,
	}); err != nil {
		return nil, err
	}
	files, exact := w.Files()
	if !exact || files == nil || caseFolds {
		files = filesIn(dest) // the list cannot say: the folder does
	}
	return files, nil
}

// HandWritten returns the hand-written pages as Hugo is given them, keyed
// by slash path under content/.
func (l *Loaded) HandWritten() map[string][]byte {
	files := make(map[string][]byte, len(l.Pages))
	for _, p := range append(l.Pages, pages.Fallbacks(l.Pages, l.Config.Codes()[1:], l.Config.Default().Locale)...) {
		files[p.Path] = p.Bytes()
	}
	return files
}

var errExchangeUnsupported = errors.New("atomic exchange not supported")

// swap moves the staged site into dest and the staged generated sections
// into root/content. Where the system can, each folder is exchanged with its
// staged version atomically, so a build killed at any moment leaves every
// folder either wholly old or wholly new; elsewhere it falls back to two
// renames. The old versions end up in the staging folder, which the caller
// removes.
func swap(root, dest, stage string) error {
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		return err
	}
	moves := [][2]string{{filepath.Join(stage, "public"), dest}}
	for _, s := range site.Sections {
		moves = append(moves, [2]string{filepath.Join(stage, "content", s), filepath.Join(root, "content", s)})
	}
	for i, m := range moves {
		staged, cur := m[0], m[1]
		if _, err := os.Stat(staged); err != nil {
			// Nothing generated for this folder (an empty section): make it empty.
			if err := os.MkdirAll(staged, 0o755); err != nil {
				return err
			}
		}
		if _, err := os.Lstat(cur); err != nil {
			if err := os.Rename(staged, cur); err != nil {
				return err
			}
			continue
		}
		err := exchange(staged, cur)
		if errors.Is(err, errExchangeUnsupported) {
			old := filepath.Join(stage, "old-"+strconv.Itoa(i))
			if err = os.Rename(cur, old); err == nil {
				err = os.Rename(staged, cur)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// TempDir makes a working folder in root for this process: root/.KIND-PID-
// and a random suffix (kind "build" for a build's staging folder, "preview"
// for serve's), returned as an absolute path, since Hugo reads a relative
// --contentDir or --destination as relative to its --source. If the
// process is killed, RemoveStale removes it later.
func TempDir(root, kind string) (string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	return os.MkdirTemp(abs, "."+kind+"-"+strconv.Itoa(os.Getpid())+"-")
}

// RemoveStale deletes the working folders (see TempDir) left in root by
// builds and previews that were killed (those whose process no longer
// runs), and the previous outputs finished builds set aside (.old-*).
func RemoveStale(root string) {
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if strings.HasPrefix(e.Name(), ".old-") {
			os.RemoveAll(filepath.Join(root, e.Name()))
			continue
		}
		rest, ok := strings.CutPrefix(e.Name(), ".build-")
		if !ok {
			rest, ok = strings.CutPrefix(e.Name(), ".preview-")
		}
		if !ok {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		if pid, err := strconv.Atoi(pidText); err == nil && pid != os.Getpid() && !alive(pid) {
			os.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
}

// RemoveStaleAsync runs RemoveStale in the background; the channel is
// closed when it is done.
func RemoveStaleAsync(root string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		RemoveStale(root)
	}()
	return done
}

// filesIn returns the files under dir, by slash path relative to it.
func filesIn(dir string) map[string]bool {
	files := map[string]bool{}
	var mu sync.Mutex
	walk(dir, func(rel string, d fs.DirEntry) error {
		if !d.IsDir() {
			mu.Lock()
			files[rel] = true
			mu.Unlock()
		}
		return nil
	})
	return files
}

// CountInputs is how many files the input folders (claims/, people/ and
// corpus/) hold, as a build announces before loading them: translations
// are counted, the captured originals of sources and READMEs are not
// (files the loaders will refuse are).
func CountInputs(root string) int {
	n := 0
	for _, dir := range []string{claims.Dir, people.Dir, corpus.Dir} {
		entries, _ := os.ReadDir(filepath.Join(root, dir))
		for _, e := range entries {
			name := e.Name()
			if e.Type().IsRegular() && !strings.HasPrefix(name, ".") && name != "README.md" && !meta.IsOriginal(name) {
				n++
			}
		}
	}
	return n
}

// inLanguages says, after a count of pages, in how many languages they
// are made ("" for one).
func inLanguages(n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" in %d languages", n)
}

func refreshed(yes bool) string {
	if yes {
		return "; content/ brought up to date from the build before last's"
	}
	return ""
}

// pruned names the file whose time says when a build last pruned the
// folder it is in (a cache of cards, or of states).
const pruneMark = ".pruned"

// pruneEvery is how often a cache folder is pruned: reading a folder of
// tens of thousands of cards costs a build most of a second of a core,
// and pruning removes what no build has used for a month.
const pruneEvery = 24 * time.Hour

// pruneDue reports whether dir ("" for none) is due to be pruned at now
// (not pruned for pruneEvery, or never), and if so records now as its
// last pruning.
func pruneDue(dir string, now time.Time) bool {
	if dir == "" {
		return false
	}
	mark := filepath.Join(dir, pruneMark)
	if info, err := os.Stat(mark); err == nil && now.Sub(info.ModTime()) < pruneEvery && !info.ModTime().After(now) {
		return false
	}
	if err := os.WriteFile(mark, nil, 0o644); err != nil {
		return false // a folder that cannot be written: nothing to prune there
	}
	return os.Chtimes(mark, now, now) == nil
}
