package buildid

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The id is Go's own build ID (what `go tool buildid` prints) and differs
// between two programs that differ in one constant.
func TestOf(t *testing.T) {
	dir := t.TempDir()
	build := func(name, word string) string {
		src := filepath.Join(dir, name+".go")
		os.WriteFile(src, []byte("package main\n\nfunc main() { println(\""+word+"\") }\n"), 0o644)
		exe := filepath.Join(dir, name)
		if out, err := exec.Command("go", "build", "-o", exe, src).CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		return exe
	}
	a, b := build("a", "one"), build("b", "two")
	idA, err := Of(a)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", a).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "go:" + strings.TrimSpace(string(out)); idA != want {
		t.Errorf("Of = %q, want %q (go tool buildid)", idA, want)
	}
	if idB, _ := Of(b); idB == idA {
		t.Errorf("two different programs have the same id %q", idA)
	}
	// A file that is not an executable: its hash.
	txt := filepath.Join(dir, "a.go")
	if id, err := Of(txt); err != nil || !strings.HasPrefix(id, "sha256:") {
		t.Errorf("Of(a source file) = %q, %v; want its sha256", id, err)
	}
}
