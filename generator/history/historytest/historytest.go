// Package historytest builds git repositories for tests with go-git, so no
// git binary is needed.
package historytest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Repo is a repository being built.
type Repo struct {
	T    testing.TB
	Dir  string
	Git  *git.Repository
	Work *git.Worktree
	tick int
}

// New makes a repository in dir (a new temporary folder when dir is "").
func New(t testing.TB, dir string) *Repo {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	w, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &Repo{T: t, Dir: dir, Git: r, Work: w}
}

// Write writes a file of the work tree.
func (r *Repo) Write(path, text string) {
	r.T.Helper()
	p := filepath.Join(r.Dir, path)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.T.Fatal(err)
	}
}

// Remove deletes a file of the work tree.
func (r *Repo) Remove(path string) { os.Remove(filepath.Join(r.Dir, path)) }

// Rename moves a file of the work tree.
func (r *Repo) Rename(from, to string) {
	r.T.Helper()
	if err := os.Rename(filepath.Join(r.Dir, from), filepath.Join(r.Dir, to)); err != nil {
		r.T.Fatal(err)
	}
}

// Commit stages everything and commits it, one day after the previous
// commit (starting 2026-01-01), with extra parents making a merge.
func (r *Repo) Commit(msg string, parents ...plumbing.Hash) plumbing.Hash {
	r.T.Helper()
	if err := r.Work.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.T.Fatal(err)
	}
	r.tick++
	when := time.Date(2026, 1, r.tick, 12, 0, 0, 0, time.UTC)
	opts := &git.CommitOptions{Author: &object.Signature{Name: "Ana", Email: "ana@example.org", When: when}}
	if len(parents) > 0 {
		head, err := r.Git.Head()
		if err != nil {
			r.T.Fatal(err)
		}
		opts.Parents = append([]plumbing.Hash{head.Hash()}, parents...)
	}
	h, err := r.Work.Commit(msg, opts)
	if err != nil {
		r.T.Fatal(err)
	}
	return h
}

// Synthetic writes a repository of commits over files claim files in one
// folder straight into the object store: the first commit adds them all,
// each later one edits one to three (seeded, so the same every time).
func Synthetic(t testing.TB, commits, files int) string {
	t.Helper()
	r := New(t, "")
	s := r.Git.Storer
	put := func(o plumbing.EncodedObject) plumbing.Hash {
		h, err := s.SetEncodedObject(o)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	blob := func(text string) plumbing.Hash {
		o := s.NewEncodedObject()
		o.SetType(plumbing.BlobObject)
		w, _ := o.Writer()
		w.Write([]byte(text))
		w.Close()
		return put(o)
	}
	tree := func(entries []object.TreeEntry) plumbing.Hash {
		o := s.NewEncodedObject()
		if err := (&object.Tree{Entries: entries}).Encode(o); err != nil {
			t.Fatal(err)
		}
		return put(o)
	}
	entries := make([]object.TreeEntry, files)
	for i := range entries {
		name := fmt.Sprintf("claim-%05d.md", i)
		entries[i] = object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: blob("claim " + name + " v0\n")}
	}
	var parent plumbing.Hash
	seed := uint64(1)
	rnd := func(n int) int { // xorshift: deterministic without global state
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	for c := 0; c < commits; c++ {
		if c > 0 {
			for k := 0; k <= rnd(3); k++ {
				i := rnd(files)
				entries[i].Hash = blob(fmt.Sprintf("claim %s v%d\n", entries[i].Name, c))
			}
		}
		claims := tree(entries)
		root := tree([]object.TreeEntry{{Name: "claims", Mode: filemode.Dir, Hash: claims}})
		sig := object.Signature{Name: "Bench", Email: "bench@example.org", When: time.Date(2020, 1, 1, 0, 0, c, 0, time.UTC)}
		cm := &object.Commit{Author: sig, Committer: sig, Message: fmt.Sprintf("Commit %d", c), TreeHash: root}
		if c > 0 {
			cm.ParentHashes = []plumbing.Hash{parent}
		}
		o := s.NewEncodedObject()
		if err := cm.Encode(o); err != nil {
			t.Fatal(err)
		}
		parent = put(o)
	}
	if err := s.SetReference(plumbing.NewHashReference("refs/heads/master", parent)); err != nil {
		t.Fatal(err)
	}
	return r.Dir
}
