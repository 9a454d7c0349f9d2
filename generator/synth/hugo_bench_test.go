package synth

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/identity"
	"github.com/spf13/afero"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/site"
)

// BenchmarkHugoRebuild: Hugo's share of what serve does after one claim
// file changes, the floor under serve's time per edit (the generator's
// share is BenchmarkRebuild). The content files an edit changes are worked
// out first, for two edits of two claims: of the summary (shown on the
// claim's, its claimant's and its source's pages: three files) and of the
// analysis (the claim's page only: one file). Then Hugo, in-process and set
// up as its server runs (watching, fast render, the edited claims' pages
// recently visited), builds the site, and each op of a sub-benchmark writes
// that edit's files, before or after the edit by turns (untimed), and times
// Hugo's incremental rebuild from them. No file watcher, no batching of
// events, no browser. Reports the content files the edit changes.
func BenchmarkHugoRebuild(b *testing.B) {
	dir := b.TempDir()
	if err := Skeleton(filepath.Join("..", ".."), dir); err != nil {
		b.Fatal(err)
	}
	if _, err := Write(dir, *benchClaims, 1); err != nil {
		b.Fatal(err)
	}
	// The content before and after each edit, worked out before Hugo starts
	// and the Builder let go: serve's generator runs in another process
	// than Hugo's server, so its memory must not burden Hugo's collector.
	edits := []struct{ field, id string }{
		{Summary, fmt.Sprintf("c%07d", *benchClaims/2)},
		{Analysis, fmt.Sprintf("c%07d", *benchClaims/2+1)},
	}
	before, after := make([]map[string][]byte, len(edits)), make([]map[string][]byte, len(edits))
	for i, e := range edits {
		var err error
		if before[i], after[i], err = editedContent(dir, e.id, e.field); err != nil {
			b.Fatal(err)
		}
	}
	h, err := hugoServer(dir, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		b.Fatal(err)
	}
	visited := types.NewEvictingQueue[string](20)
	for _, e := range edits {
		visited.Add("/claims/" + e.id + "/")
	}
	content := filepath.Join(dir, "content")
	// Written as serve writes them (site.Update), then announced to Hugo as
	// its watcher sees them: a file renamed over another is created (Hugo
	// handles a created file faster than a written one: at 5,000 claims
	// 0.27-0.30 against 0.39-0.44 s per analysis edit).
	write := func(b *testing.B, files map[string][]byte) []fsnotify.Event {
		if _, err := site.Update(content, files, nil); err != nil {
			b.Fatal(err)
		}
		var events []fsnotify.Event
		for name := range files {
			events = append(events, fsnotify.Event{Name: filepath.Join(content, filepath.FromSlash(name)), Op: fsnotify.Create})
		}
		return events
	}
	for i, e := range edits {
		b.Run(e.field, func(b *testing.B) {
			for n := 0; b.Loop(); n++ {
				b.StopTimer()
				files := after[i]
				if n%2 == 1 {
					files = before[i]
				}
				events := write(b, files)
				b.StartTimer()
				if err := h.Build(hugolib.BuildCfg{RecentlyTouched: visited}, events...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(after[i])), "files/op")
		})
	}
}

// editedContent writes the site's content into dir/content, edits field
// (see Edit) of claim id, and returns the content files the edit changes,
// before and after it. The claim file and dir/content are left edited.
func editedContent(dir, id, field string) (before, after map[string][]byte, err error) {
	ctx := context.Background()
	bl := build.NewBuilder(dir, false)
	content := filepath.Join(dir, "content")
	files, err := rebuild(ctx, bl, dir, content, nil)
	if err != nil {
		return nil, nil, err
	}
	claim := filepath.Join(dir, "claims", id+".md")
	if err := Edit(dir, id, field, "Edited"); err != nil {
		return nil, nil, err
	}
	edited, err := rebuild(ctx, bl, dir, content, files)
	if err != nil {
		return nil, nil, err
	}
	before, after = map[string][]byte{}, map[string][]byte{}
	for name, data := range edited {
		old, ok := files[name]
		if !ok {
			return nil, nil, fmt.Errorf("editing %s added the content file %s", claim, name)
		}
		if !bytes.Equal(old, data) {
			before[name], after[name] = old, data
		}
	}
	if len(after) == 0 {
		return nil, nil, fmt.Errorf("editing %s changed no content file", claim)
	}
	return before, after, nil
}

// hugoServer sets up Hugo for the site in dir as `hugo server` does
// (running, watching, fast render mode), rendering into dest.
func hugoServer(dir, dest string) (*hugolib.HugoSites, error) {
	flags := config.New()
	flags.Set("internal", hmaps.Params{"running": true, "watch": true, "fastRenderMode": true})
	flags.Set("workingDir", dir)
	flags.Set("publishDir", dest)
	flags.Set("baseURL", "http://localhost:1313/")
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: io.Discard, StdErr: os.Stderr})
	res, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{Flags: flags, Fs: afero.NewOsFs(), Logger: logger})
	if err != nil {
		return nil, err
	}
	changes := make(chan []identity.Identity, 10)
	go func() {
		for range changes { // what Hugo's server would rebuild for; not used here
		}
	}()
	return hugolib.NewHugoSites(deps.DepsCfg{
		Configs: res, Fs: hugofs.NewFrom(afero.NewOsFs(), res.LoadingInfo.BaseConfig),
		LogLevel: logger.Level(), StdOut: io.Discard, StdErr: os.Stderr, ChangesFromBuild: changes,
	})
}
