package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSegmentsMakeTheWholeSite builds the site whole, then each segment of
// config.toml alone (as separate machines would), and checks that the
// parts copied into one folder are the whole site, byte for byte; that
// each page is rendered by one part only; and that an unknown segment is
// refused.
func TestSegmentsMakeTheWholeSite(t *testing.T) {
	ctx := context.Background()
	dir := newSite(t, nil, true)
	if _, _, err := Build(ctx, Options{Root: dir}); err != nil {
		t.Fatal(err)
	}
	whole := treeBytes(t, filepath.Join(dir, "public"))
	l, err := Load(ctx, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Config.Segments) < 2 {
		t.Fatalf("config.toml has segments %v", l.Config.Segments)
	}
	merged := map[string][]byte{}
	renderedBy := map[string]string{}
	for _, seg := range l.Config.Segments {
		dest := filepath.Join(t.TempDir(), "public")
		sum, _, err := Build(ctx, Options{Root: dir, Dest: dest, Segments: []string{seg}, Search: "pagefind-is-not-run"})
		if err != nil {
			t.Fatalf("segment %s: %v", seg, err)
		}
		if sum.Search || !strings.Contains(sum.String(), "segments "+seg+" only") {
			t.Errorf("segment %s: summary %q", seg, sum)
		}
		part := treeBytes(t, dest)
		pages := 0
		for p, b := range part {
			if old, ok := merged[p]; ok && string(old) != string(b) {
				t.Errorf("%s differs between segments %s and %s", p, renderedBy[p], seg)
			}
			if strings.HasSuffix(p, "index.html") {
				pages++
				if by, ok := renderedBy[p]; ok {
					t.Errorf("%s rendered by segments %s and %s", p, by, seg)
				}
			}
			merged[p] = b
			renderedBy[p] = seg
		}
		if pages == 0 || pages == len(whole) {
			t.Errorf("segment %s rendered %d of the site's pages", seg, pages)
		}
		t.Logf("segment %s: %d files, %d pages", seg, len(part), pages)
	}
	if d := diffTrees(merged, whole); d != "" {
		t.Errorf("the merged segments differ from the whole site:\n%s", d)
	}
	_, _, err = Build(ctx, Options{Root: dir, Dest: t.TempDir(), Segments: []string{"nonesuch"}})
	if err == nil || !strings.Contains(err.Error(), `config.toml: there is no segment "nonesuch"`) {
		t.Errorf("unknown segment: %v", err)
	}
}
