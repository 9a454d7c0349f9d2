package synth

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/site"
)

var benchClaims = flag.Int("claims", 2000, "claims in the synthetic site of the stage benchmarks")

// benchSite writes a synthetic site of -claims claims once per run.
func benchSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	cfg, err := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644)
	if _, err := Write(dir, *benchClaims, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkLoad: read, check and derive every input (build.Load).
func BenchmarkLoad(b *testing.B) {
	dir := benchSite(b)
	for b.Loop() {
		if _, err := build.Load(context.Background(), dir, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchClaims), "ns/claim")
}

// BenchmarkContent: turn the derived site into Hugo content files.
func BenchmarkContent(b *testing.B) {
	dir := benchSite(b)
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

// BenchmarkWrite: write the content files into a new folder, as the build does.
func BenchmarkWrite(b *testing.B) {
	dir := benchSite(b)
	l, _ := build.Load(context.Background(), dir, false)
	l.ReadHistory(context.Background(), dir)
	files, err := l.Content("")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		out := b.TempDir()
		if _, err := site.WriteNew(out, files, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*benchClaims), "ns/claim")
}
