package build

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childEnv makes the test binary act as a builder: see TestMain.
const childEnv = "FACTCHECK_BUILD_CHILD_ROOT"

// childStateEnv is the child builder's state folder (Options.StateDir).
const childStateEnv = "FACTCHECK_BUILD_CHILD_STATE"

func TestMain(m *testing.M) {
	if root := os.Getenv(childEnv); root != "" {
		if _, _, err := Build(context.Background(), Options{Root: root, StateDir: os.Getenv(childStateEnv)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKilledBuildLeavesOutputWhole kills builds at staggered moments. After
// each kill, public/ and every generated content folder must be exactly the
// previous build's or exactly the new build's: never missing, never mixed.
func TestKilledBuildLeavesOutputWhole(t *testing.T) {
	dir := newSite(t, nil, true)
	claim := filepath.Join(dir, "claims", "kolbe-russia-willing-to-take-higher-risks.md")
	orig, _ := os.ReadFile(claim)
	edited := bytes.Replace(orig, []byte(`summary: "A veteran`), []byte(`summary: "Rebuilt. A veteran`), 1)

	// The new generation, built in a copy (builds are deterministic).
	newDir := newSite(t, nil, true)
	os.WriteFile(filepath.Join(newDir, "claims", filepath.Base(claim)), edited, 0o644)
	if _, _, err := Build(context.Background(), Options{Root: newDir}); err != nil {
		t.Fatal(err)
	}
	folders := []string{"public", "content/claims", "content/people", "content/sources", "content/ratings"}
	newGen := snapshot(t, newDir, folders)

	// The builds keep a state, so that each brings up to date the content
	// folder the build before last left (a generation) instead of making
	// a new one: a kill must leave that whole too.
	states := t.TempDir()
	kills, finished := 0, 0
	for i := 0; i < 12; i++ {
		os.WriteFile(claim, orig, 0o644)
		if _, _, err := Build(context.Background(), Options{Root: dir, StateDir: states}); err != nil {
			t.Fatal(err)
		}
		oldGen := snapshot(t, dir, folders)
		os.WriteFile(claim, edited, 0o644)

		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+dir, childStateEnv+"="+states)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(i*25) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err == nil {
			finished++
		} else {
			kills++
		}
		got := snapshot(t, dir, folders)
		for _, f := range folders {
			if got[f] != oldGen[f] && got[f] != newGen[f] {
				t.Errorf("kill after %d ms: %s is neither the old nor the new build", i*25, f)
			}
		}
	}
	t.Logf("%d builds killed midway, %d finished before the kill", kills, finished)
	if kills == 0 {
		t.Error("no build was killed midway: the test proves nothing")
	}
	// The next build cleans up what the killed ones left, and leaves one
	// generation.
	if _, _, err := Build(context.Background(), Options{Root: dir, StateDir: states}); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".build-*")); len(left) != 0 {
		t.Errorf("staging folders of killed builds were not removed: %v", left)
	}
	if gens, _ := filepath.Glob(filepath.Join(dir, ".gen-*")); len(gens) > 1 {
		t.Errorf("%d generations left, want at most one: %v", len(gens), gens)
	}
}

// snapshot reduces each folder to one string: its files and their bytes.
func snapshot(t *testing.T, root string, folders []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range folders {
		files := treeBytes(t, filepath.Join(root, f))
		var b strings.Builder
		for _, p := range slices.Sorted(maps.Keys(files)) {
			fmt.Fprintf(&b, "%s %x\n", p, files[p])
		}
		out[f] = b.String()
	}
	return out
}
