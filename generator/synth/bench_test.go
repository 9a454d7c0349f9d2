package synth

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/export"
	"github.com/factcheck-mx/factcheck/generator/site"
)

var benchClaims = flag.Int("claims", 2000, "claims in the synthetic site of the stage benchmarks")

// benchSite writes a synthetic site of -claims claims for a benchmark that
// changes it.
func benchSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := writeSite(dir); err != nil {
		b.Fatal(err)
	}
	return dir
}

// readOnly holds the site the benchmarks that only read it share, written
// once per run (at 100,000 claims writing it takes a minute); TestMain
// removes it.
var readOnly struct {
	sync.Mutex
	dir string
}

// sharedSite returns the synthetic site of -claims claims shared by the
// benchmarks that do not change it.
func sharedSite(b *testing.B) string {
	b.Helper()
	readOnly.Lock()
	defer readOnly.Unlock()
	if readOnly.dir == "" {
		dir, err := os.MkdirTemp("", "synth-bench-")
		if err != nil {
			b.Fatal(err)
		}
		if err := writeSite(dir); err != nil {
			os.RemoveAll(dir)
			b.Fatal(err)
		}
		readOnly.dir = dir
	}
	return readOnly.dir
}

func writeSite(dir string) error {
	if err := Skeleton(filepath.Join("..", ".."), dir); err != nil {
		return err
	}
	_, err := Write(dir, *benchClaims, 1)
	return err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if readOnly.dir != "" {
		os.RemoveAll(readOnly.dir)
	}
	os.Exit(code)
}

// BenchmarkLoad: read, check and derive every input (build.Load).
func BenchmarkLoad(b *testing.B) {
	dir := sharedSite(b)
	for b.Loop() {
		if _, err := build.Load(context.Background(), dir, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchClaims), "ns/claim")
}

// BenchmarkContent: turn the derived site into Hugo content files.
func BenchmarkContent(b *testing.B) {
	dir := sharedSite(b)
	l, err := build.Load(context.Background(), dir, false)
	if err != nil {
		b.Fatal(err)
	}
	l.ReadHistory(context.Background(), dir)
	for b.Loop() {
		if _, err := l.Content(""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchClaims), "ns/claim")
}

// BenchmarkExport: the JSON export of the derived site (data/*.json).
func BenchmarkExport(b *testing.B) {
	dir := sharedSite(b)
	l, err := build.Load(context.Background(), dir, false)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for b.Loop() {
		files, err := export.Files(l.Result, "https://example.org/")
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range files {
			size += len(f)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchClaims), "ns/claim")
	b.ReportMetric(float64(size)/1e6, "MB")
}

// BenchmarkWrite: write the content files into a new folder, as the build does.
func BenchmarkWrite(b *testing.B) {
	dir := sharedSite(b)
	l, _ := build.Load(context.Background(), dir, false)
	l.ReadHistory(context.Background(), dir)
	files, err := l.Content("")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		out := b.TempDir()
		if _, err := site.WriteNew(out, files, "", nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchClaims), "ns/claim")
}

// BenchmarkRebuild: what serve does after one claim file changes, with a
// Builder that loaded the site before: read, check and derive again, make
// the content, and write the files that changed into the preview's folder.
// Reports the files written per rebuild.
func BenchmarkRebuild(b *testing.B) {
	dir := benchSite(b)
	ctx := context.Background()
	old := time.Now().Add(-time.Hour) // files not just written (see meta.Cache)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return err
	})
	bl := build.NewBuilder(dir, false)
	out := b.TempDir()
	prev, err := rebuild(ctx, bl, dir, out, nil)
	if err != nil {
		b.Fatal(err)
	}
	claim := filepath.Join(dir, "claims", fmt.Sprintf("c%07d.md", *benchClaims/2))
	orig, err := os.ReadFile(claim)
	if err != nil {
		b.Fatal(err)
	}
	written := 0
	for i := 0; b.Loop(); i++ {
		edited := strings.Replace(string(orig), "summary: ", "summary: Edit "+strconv.Itoa(i)+". ", 1)
		os.WriteFile(claim, []byte(edited), 0o644)
		var ch site.Changes
		if prev, err = rebuild(ctx, bl, dir, out, prev, &ch); err != nil {
			b.Fatal(err)
		}
		written += ch.Written
	}
	b.ReportMetric(float64(written)/float64(b.N), "files/op")
}

func rebuild(ctx context.Context, bl *build.Builder, dir, out string, prev map[string][]byte, ch ...*site.Changes) (map[string][]byte, error) {
	l, err := bl.Load(ctx)
	if err != nil {
		return nil, err
	}
	if err := l.Probs.Err(); err != nil {
		return nil, err
	}
	if err := l.ReadHistory(ctx, dir); err != nil {
		return nil, err
	}
	files, err := l.Content("")
	if err != nil {
		return nil, err
	}
	c, err := site.Update(out, files, prev)
	if len(ch) > 0 {
		*ch[0] = c
	}
	return files, err
}
