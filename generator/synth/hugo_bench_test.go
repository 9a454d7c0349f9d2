package synth

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/hugolib"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/preview"
	"github.com/factcheck-mx/factcheck/generator/site"
)

// BenchmarkHugoRebuild: Hugo's share of what serve does after one claim
// file changes, the floor under serve's time per edit (the generator's
// share is BenchmarkRebuild). The content files an edit changes are worked
// out first, for two edits of two claims: of the summary (shown on the
// claim's, its claimant's and its source's pages: three files) and of the
// analysis (the claim's page only: one file). Then Hugo, set up as serve's
// previewer sets it up (package preview: running, watching, fast render
// mode, the edited claims' pages recently visited), builds the site, and
// each op of a sub-benchmark writes that edit's files, before or after the
// edit by turns (untimed), and times Hugo's incremental rebuild from them,
// as the previewer asks for it. No browser. Reports the content files the
// edit changes.
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
	h, err := preview.Sites(preview.Options{Root: dir, Content: filepath.Join(dir, "content"), Public: b.TempDir()}, "http://localhost:1313/")
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		b.Fatal(err)
	}
	// The edited claims' pages, visited in the browser.
	visited := types.NewEvictingQueue[string](20)
	for _, e := range edits {
		visited.Add("/claims/" + e.id + "/")
	}
	content := filepath.Join(dir, "content")
	// Written as serve writes them (site.Update), then announced to Hugo as
	// the previewer announces them (preview.Events: as created, which Hugo
	// handles faster than a write: at 5,000 claims 0.27-0.30 against
	// 0.39-0.44 s per analysis edit).
	write := func(b *testing.B, files map[string][]byte) []fsnotify.Event {
		if _, err := site.Update(content, files, nil); err != nil {
			b.Fatal(err)
		}
		var names []string
		for name := range files {
			names = append(names, filepath.Join(content, filepath.FromSlash(name)))
		}
		return preview.Events(names)
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
