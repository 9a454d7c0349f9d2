package history

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/factcheck-mx/factcheck/generator/history/historytest"
)

func newRepo(t *testing.T) *historytest.Repo { return historytest.New(t, "") }

func read(t *testing.T, dir string) *Log {
	t.Helper()
	l, err := Read(context.Background(), Options{Root: dir, Folders: []string{"claims", "people"}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// changes lists a log's changes as "commit-subject: OP path [<- from]".
func changes(l *Log) []string {
	var out []string
	for _, c := range l.Changes {
		subject, _, _ := strings.Cut(l.Commits[c.Commit].Message, "\n")
		s := fmt.Sprintf("%s: %c %s", subject, c.Op, c.Path)
		if c.From != "" {
			s += " <- " + c.From
		}
		out = append(out, s)
	}
	return out
}

func TestReadChanges(t *testing.T) {
	r := newRepo(t)
	r.Write("claims/a.md", "a1")
	r.Write("claims/b.md", "b1: a claim of a few words, enough to be recognised when moved")
	r.Write("README.md", "not followed")
	r.Commit("one")
	r.Write("claims/a.md", "a2")
	r.Write("README.md", "still not followed")
	r.Commit("two")
	r.Rename("claims/b.md", "claims/c.md")
	r.Commit("rename b to c")
	r.Remove("claims/a.md")
	r.Write("people/p.md", "p1")
	r.Commit("delete a, add p")
	r.Remove("claims/c.md")
	r.Write("claims/d.md", "b1: a claim of a few words, edited, enough to be recognised when moved")
	r.Commit("rename c to d with an edit")

	l := read(t, r.Dir)
	if !l.Known || l.Shallow || l.Branch != "master" || len(l.Commits) != 5 {
		t.Fatalf("log: known %v shallow %v branch %q, %d commits", l.Known, l.Shallow, l.Branch, len(l.Commits))
	}
	want := []string{
		"rename c to d with an edit: R claims/d.md <- claims/c.md",
		"delete a, add p: D claims/a.md",
		"delete a, add p: A people/p.md",
		"rename b to c: R claims/c.md <- claims/b.md",
		"two: M claims/a.md",
		"one: A claims/a.md",
		"one: A claims/b.md",
	}
	if got := changes(l); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var heads []string
	for p := range l.HeadBlob {
		heads = append(heads, p)
	}
	sort.Strings(heads)
	if strings.Join(heads, " ") != "claims/d.md people/p.md" {
		t.Errorf("files at HEAD: %v", heads)
	}
	if data, err := l.Blob(l.HeadBlob["claims/d.md"]); err != nil || !strings.HasPrefix(string(data), "b1: a claim of a few words, edited") {
		t.Errorf("Blob = %q, %v", data, err)
	}
}

func TestReadMergeAndDetached(t *testing.T) {
	r := newRepo(t)
	r.Write("claims/a.md", "a1")
	base := r.Commit("base")
	// A side line of history, merged back.
	if err := r.Work.Checkout(&git.CheckoutOptions{Branch: "refs/heads/side", Create: true, Hash: base}); err != nil {
		t.Fatal(err)
	}
	r.Write("claims/s.md", "side")
	side := r.Commit("on the side")
	if err := r.Work.Checkout(&git.CheckoutOptions{Branch: "refs/heads/master"}); err != nil {
		t.Fatal(err)
	}
	r.Write("claims/a.md", "a2")
	r.Commit("on master")
	r.Write("claims/s.md", "side")
	merge := r.Commit("merge side", side)

	l := read(t, r.Dir)
	want := []string{"on master: M claims/a.md", "on the side: A claims/s.md", "base: A claims/a.md"}
	if got := changes(l); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes with a merge:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !l.Commits[0].Merge || l.Commits[0].Hash != merge {
		t.Errorf("newest commit should be the merge: %+v", l.Commits[0])
	}

	if err := r.Work.Checkout(&git.CheckoutOptions{Hash: side}); err != nil {
		t.Fatal(err)
	}
	l = read(t, r.Dir)
	if l.Branch != "" || l.Head != side || len(l.Commits) != 2 {
		t.Errorf("detached: branch %q head %v, %d commits", l.Branch, l.Head, len(l.Commits))
	}
}

func TestReadNoRepositoryOrNoCommits(t *testing.T) {
	dir := t.TempDir()
	if l := read(t, dir); l.Known || l.Why != "not a git repository" {
		t.Errorf("no repository: %+v", l)
	}
	if _, err := git.PlainInit(dir, false); err != nil {
		t.Fatal(err)
	}
	if l := read(t, dir); l.Known || l.Why != "the repository has no commits yet" {
		t.Errorf("no commits: %+v", l)
	}
}

func TestReadOneCommit(t *testing.T) {
	r := newRepo(t)
	r.Write("claims/a.md", "a")
	r.Commit("only")
	l := read(t, r.Dir)
	if got := changes(l); len(got) != 1 || got[0] != "only: A claims/a.md" {
		t.Errorf("changes: %v", got)
	}
}

// TestReadShallow makes a shallow clone as git does (a .git/shallow file,
// and the commits behind it missing) and checks the walk stops there,
// reporting what it could not know.
func TestReadShallow(t *testing.T) {
	r := newRepo(t)
	r.Write("claims/a.md", "a1")
	first := r.Commit("first")
	r.Write("claims/a.md", "a2")
	r.Write("claims/b.md", "b1")
	boundary := r.Commit("boundary")
	r.Write("claims/b.md", "b2")
	r.Commit("after")

	os.WriteFile(filepath.Join(r.Dir, ".git", "shallow"), []byte(boundary.String()+"\n"), 0o644)
	hex := first.String()
	if err := os.Remove(filepath.Join(r.Dir, ".git", "objects", hex[:2], hex[2:])); err != nil {
		t.Fatal(err)
	}
	l := read(t, r.Dir)
	if !l.Shallow || len(l.Commits) != 2 || !l.Commits[1].Shallow {
		t.Fatalf("shallow %v, %d commits, boundary marked %v", l.Shallow, len(l.Commits), len(l.Commits) > 1 && l.Commits[1].Shallow)
	}
	want := []string{"after: M claims/b.md", "boundary: P claims/a.md", "boundary: P claims/b.md"}
	if got := changes(l); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestChangedRange(t *testing.T) {
	tree := func(names ...string) *rawTree {
		var b []byte
		for i, n := range names {
			mode := "100644"
			if strings.HasSuffix(n, "/") {
				mode, n = "40000", strings.TrimSuffix(n, "/")
			}
			b = append(b, mode+" "+n+"\x00"...)
			var h plumbing.Hash
			h[0], h[19] = byte(i), byte(len(n))
			b = append(b, h[:]...)
		}
		return &rawTree{b: b}
	}
	names := func(b []byte) string {
		var out []string
		for len(b) > 0 {
			e, rest, err := next(b)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(e.name))
			b = rest
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		a, b       []string
		wantA, wnB string
	}{
		{[]string{"a", "b", "c", "d"}, []string{"a", "b", "c", "d"}, "", ""},
		{[]string{"a", "b", "c", "d"}, []string{"a", "b", "x", "c", "d"}, "c,d", "x,c,d"},
		{[]string{"a", "b", "c"}, []string{"b", "c"}, "a,b,c", "b,c"},
		{[]string{"a", "b", "c"}, []string{"a", "b"}, "c", ""},
		{[]string{"a", "sub/", "z"}, []string{"a", "sub2/", "z"}, "sub", "sub2"},
	}
	for _, tt := range tests {
		a, b, err := changedRange(tree(tt.a...), tree(tt.b...))
		if err != nil {
			t.Fatal(err)
		}
		// The ranges must contain every differing entry; a few equal
		// neighbours may come along.
		if ga, gb := names(a), names(b); !strings.Contains(ga, tt.wantA) || !strings.Contains(gb, tt.wnB) {
			t.Errorf("changedRange(%v, %v) = %q, %q; want them to cover %q, %q", tt.a, tt.b, ga, gb, tt.wantA, tt.wnB)
		}
	}
}

// TestLinkedWorktree reads the history of a checkout made with git
// worktree add: its .git is a file naming a folder in the main
// repository, whose commondir holds the objects and refs. (go-git read no
// commits there before it was told to follow commondir.)
func TestLinkedWorktree(t *testing.T) {
	r := newRepo(t)
	r.Write("claims/a.md", "one")
	r.Commit("Publish a")
	r.Write("claims/a.md", "two")
	head := r.Commit("Edit a")

	wt := t.TempDir()
	admin := filepath.Join(r.Dir, ".git", "worktrees", "wt")
	for name, text := range map[string]string{
		filepath.Join(admin, "HEAD"):        head.String() + "\n",
		filepath.Join(admin, "commondir"):   "../..\n",
		filepath.Join(admin, "gitdir"):      filepath.Join(wt, ".git") + "\n",
		filepath.Join(wt, ".git"):           "gitdir: " + admin + "\n",
		filepath.Join(wt, "claims", "a.md"): "two",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := read(t, wt)
	want := []string{"Edit a: M claims/a.md", "Publish a: A claims/a.md"}
	if got := changes(l); !l.Known || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("known %v (%s), changes:\n%s\nwant:\n%s", l.Known, l.Why, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
