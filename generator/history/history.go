// Package history reads the change history of files from a git repository
// with go-git, in one walk over the commits: for each commit, which files
// under the given folders were added, modified, deleted or renamed. It works
// on raw tree objects, comparing entries by hash and skipping unchanged
// subtrees. It knows nothing of claims or pages (see package revisions).
package history

import (
	"bytes"
	"container/heap"
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/sets"
)

// Op is what a commit did to a file.
type Op byte

const (
	Added    Op = 'A'
	Modified Op = 'M'
	Deleted  Op = 'D'
	Renamed  Op = 'R' // From holds the old path
	// Present marks files that exist at a shallow clone's boundary commit,
	// whose earlier history is not in the repository.
	Present Op = 'P'
)

// Commit is one commit of the walk.
type Commit struct {
	Hash    plumbing.Hash
	Author  string
	Email   string
	When    time.Time
	Message string
	Merge   bool // merges are listed, but their changes belong to the merged commits
	Shallow bool // a shallow clone's boundary: older history is missing
}

// Change is one file changed by one commit.
type Change struct {
	Commit int // index in Log.Commits
	Op     Op
	Path   string
	From   string // old path, for Renamed
	Blob   plumbing.Hash
}

// Log is the history of the files under the folders asked for.
type Log struct {
	// Known is false when there is no repository (or it cannot be read);
	// Why then says so.
	Known bool
	Why   string

	Head     plumbing.Hash
	Branch   string // "" when HEAD is detached
	Shallow  bool
	Commits  []Commit // newest first
	Changes  []Change // by commit, newest first
	HeadBlob map[string]plumbing.Hash

	repo *git.Repository
}

// Options say where and what to read.
type Options struct {
	Root    string   // a folder inside the work tree
	Folders []string // top-level folders whose files are followed, e.g. "claims"
}

// Read walks the history of HEAD once. A missing repository is not an error:
// the Log says it is not Known. Other failures are errors.
func Read(ctx context.Context, opt Options) (*Log, error) {
	repo, err := git.PlainOpenWithOptions(opt.Root, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return &Log{Why: "not a git repository"}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	l := &Log{repo: repo, HeadBlob: map[string]plumbing.Hash{}}
	ref, err := repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		l.Why = "the repository has no commits yet"
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: reading HEAD: %w", err)
	}
	l.Known = true
	l.Head = ref.Hash()
	if ref.Name().IsBranch() {
		l.Branch = ref.Name().Short()
	}
	shallow := map[plumbing.Hash]bool{}
	if hs, err := repo.Storer.Shallow(); err == nil {
		for _, h := range hs {
			shallow[h] = true
		}
	}
	ps, err := openPacks(repo.Storer, 64<<20)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer ps.close()
	w := &walker{s: repo.Storer, packs: ps, folders: opt.Folders, trees: map[plumbing.Hash]*rawTree{}}
	first := true
	err = walkCommits(repo.Storer, l.Head, shallow, func(c *object.Commit) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		i := len(l.Commits)
		// Names and messages are shown on pages and in feeds: without
		// control and invisible characters (a commit is not refused for them).
		cm := Commit{Hash: c.Hash, Author: meta.Clean(c.Author.Name), Email: meta.Clean(c.Author.Email), When: c.Author.When,
			Message: meta.Clean(c.Message), Merge: c.NumParents() > 1, Shallow: shallow[c.Hash]}
		l.Commits = append(l.Commits, cm)
		if first {
			first = false
			if err := w.list(c.TreeHash, func(p string, h plumbing.Hash) { l.HeadBlob[p] = h }); err != nil {
				return err
			}
		}
		switch {
		case cm.Shallow:
			l.Shallow = true
			return w.list(c.TreeHash, func(p string, h plumbing.Hash) {
				l.Changes = append(l.Changes, Change{Commit: i, Op: Present, Path: p, Blob: h})
			})
		case cm.Merge:
			return nil
		}
		var parentTree plumbing.Hash
		if c.NumParents() == 1 {
			pc, err := c.Parent(0)
			if err != nil {
				// A missing parent without a shallow file: history was cut.
				l.Shallow = true
				l.Commits[i].Shallow = true
				return w.list(c.TreeHash, func(p string, h plumbing.Hash) {
					l.Changes = append(l.Changes, Change{Commit: i, Op: Present, Path: p, Blob: h})
				})
			}
			parentTree = pc.TreeHash
		}
		changes, err := w.diff(parentTree, c.TreeHash)
		if err != nil {
			return err
		}
		for _, ch := range changes {
			ch.Commit = i
			l.Changes = append(l.Changes, ch)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return l, nil
}

// walkCommits calls fn for every commit reachable from head, newest first
// by committer time, each once. It does not go past shallow commits, and a
// parent missing from the repository ends that line of history (fn sees the
// commit; its Parent call then fails).
func walkCommits(s storer.EncodedObjectStorer, head plumbing.Hash, shallow map[plumbing.Hash]bool, fn func(*object.Commit) error) error {
	c, err := object.GetCommit(s, head)
	if err != nil {
		return err
	}
	q := &commitQueue{c}
	seen := map[plumbing.Hash]bool{head: true}
	for q.Len() > 0 {
		c := heap.Pop(q).(*object.Commit)
		if err := fn(c); err != nil {
			return err
		}
		if shallow[c.Hash] {
			continue
		}
		for _, ph := range c.ParentHashes {
			if seen[ph] {
				continue
			}
			seen[ph] = true
			pc, err := object.GetCommit(s, ph)
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			heap.Push(q, pc)
		}
	}
	return nil
}

// commitQueue orders commits newest first by committer time, then hash.
type commitQueue []*object.Commit

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	a, b := q[i].Committer.When, q[j].Committer.When
	if !a.Equal(b) {
		return a.After(b)
	}
	return q[i].Hash.String() < q[j].Hash.String()
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*object.Commit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

// Blob returns the contents of a file version.
func (l *Log) Blob(h plumbing.Hash) ([]byte, error) {
	if l.repo == nil {
		return nil, errors.New("history: no repository")
	}
	o, err := l.repo.Storer.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, err
	}
	r, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// BlobHash is git's object id of a file with these bytes, for telling
// whether a file in the work tree differs from HEAD.
func BlobHash(data []byte) plumbing.Hash {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	var out plumbing.Hash
	copy(out[:], h.Sum(nil))
	return out
}

// walker diffs trees restricted to folders, caching raw tree objects.
type walker struct {
	s       storer.EncodedObjectStorer
	packs   *packs
	folders []string
	trees   map[plumbing.Hash]*rawTree
	order   []plumbing.Hash
}

// rawTree is a tree object's bytes and, once needed, the offset of each
// entry.
type rawTree struct {
	b    []byte
	offs []int
}

func (t *rawTree) index() ([]int, error) {
	if t.offs != nil || len(t.b) == 0 {
		return t.offs, nil
	}
	offs := make([]int, 0, len(t.b)/40+1)
	for i := 0; i < len(t.b); {
		offs = append(offs, i)
		nul := bytes.IndexByte(t.b[i:], 0)
		if nul < 0 || i+nul+21 > len(t.b) {
			return nil, errors.New("corrupt tree object")
		}
		i += nul + 21
	}
	t.offs = offs
	return offs, nil
}

// tree returns a tree object. The last few trees read are kept: walking
// newest to oldest, each commit's parent tree is the next commit's tree.
func (w *walker) tree(h plumbing.Hash) (*rawTree, error) {
	if h.IsZero() {
		return &rawTree{}, nil
	}
	if t, ok := w.trees[h]; ok {
		return t, nil
	}
	b, err := w.packs.get(h)
	if errors.Is(err, errNotPacked) {
		b, err = w.loose(h)
	}
	if err != nil {
		return nil, err
	}
	t := &rawTree{b: b}
	w.trees[h] = t
	w.order = append(w.order, h)
	if len(w.order) > 4*len(w.folders)+4 {
		delete(w.trees, w.order[0])
		w.order = w.order[1:]
	}
	return t, nil
}

// loose reads an object that is not in a pack through the object storer.
func (w *walker) loose(h plumbing.Hash) ([]byte, error) {
	return w.object(plumbing.TreeObject, h)
}

// object reads an object of type t through the object storer.
func (w *walker) object(t plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	o, err := w.s.EncodedObject(t, h)
	if err != nil {
		return nil, err
	}
	r, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// entry is one record of a raw tree: mode, name and hash.
type entry struct {
	name []byte
	dir  bool
	hash plumbing.Hash
}

// next parses the entry at the start of b and returns the rest.
func next(b []byte) (entry, []byte, error) {
	sp := bytes.IndexByte(b, ' ')
	if sp < 0 {
		return entry{}, nil, errors.New("corrupt tree entry")
	}
	nul := bytes.IndexByte(b[sp:], 0)
	if nul < 0 || sp+nul+21 > len(b) {
		return entry{}, nil, errors.New("corrupt tree entry")
	}
	e := entry{name: b[sp+1 : sp+nul], dir: string(b[:sp]) == "40000"}
	copy(e.hash[:], b[sp+nul+1:sp+nul+21])
	return e, b[sp+nul+21:], nil
}

// find returns the hash of the entry called name in a raw tree.
func find(tree []byte, name string) (plumbing.Hash, bool, error) {
	for len(tree) > 0 {
		e, rest, err := next(tree)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		if string(e.name) == name {
			return e.hash, e.dir, nil
		}
		tree = rest
	}
	return plumbing.ZeroHash, false, nil
}

// diff lists changes between two root trees within the folders.
func (w *walker) diff(from, to plumbing.Hash) ([]Change, error) {
	a, err := w.tree(from)
	if err != nil {
		return nil, err
	}
	b, err := w.tree(to)
	if err != nil {
		return nil, err
	}
	var out []Change
	for _, f := range w.folders {
		ha, _, err := find(a.b, f)
		if err != nil {
			return nil, err
		}
		hb, _, err := find(b.b, f)
		if err != nil {
			return nil, err
		}
		if ha == hb {
			continue
		}
		if err := w.diffTree(f, ha, hb, &out); err != nil {
			return nil, err
		}
	}
	return w.renames(out), nil
}

// diffTree merges two sorted raw trees, recursing into changed subtrees.
// Consecutive versions of a large folder differ in a few entries, so the
// common leading and trailing entries are skipped by comparing bytes, and
// only the entries between are merged.
func (w *walker) diffTree(prefix string, from, to plumbing.Hash, out *[]Change) error {
	ta, err := w.tree(from)
	if err != nil {
		return err
	}
	tb, err := w.tree(to)
	if err != nil {
		return err
	}
	a, b, err := changedRange(ta, tb)
	if err != nil {
		return err
	}
	var ea, eb entry
	haveA, haveB := false, false
	for {
		if !haveA && len(a) > 0 {
			if ea, a, err = next(a); err != nil {
				return err
			}
			haveA = true
		}
		if !haveB && len(b) > 0 {
			if eb, b, err = next(b); err != nil {
				return err
			}
			haveB = true
		}
		if !haveA && !haveB {
			return nil
		}
		c := 0
		switch {
		case !haveA:
			c = 1
		case !haveB:
			c = -1
		default:
			c = compareEntries(ea, eb)
		}
		switch {
		case c < 0: // only in from: deleted
			if err := w.side(prefix, ea, Deleted, out); err != nil {
				return err
			}
			haveA = false
		case c > 0: // only in to: added
			if err := w.side(prefix, eb, Added, out); err != nil {
				return err
			}
			haveB = false
		default:
			if ea.hash != eb.hash {
				p := prefix + "/" + string(ea.name)
				switch {
				case ea.dir && eb.dir:
					if err := w.diffTree(p, ea.hash, eb.hash, out); err != nil {
						return err
					}
				case !ea.dir && !eb.dir:
					*out = append(*out, Change{Op: Modified, Path: p, Blob: eb.hash})
				default:
					if err := w.side(prefix, ea, Deleted, out); err != nil {
						return err
					}
					if err := w.side(prefix, eb, Added, out); err != nil {
						return err
					}
				}
			}
			haveA, haveB = false, false
		}
	}
}

// changedRange returns the parts of two trees that are left once their
// common leading and trailing entries are removed.
func changedRange(ta, tb *rawTree) ([]byte, []byte, error) {
	a, b := ta.b, tb.b
	if len(a) == 0 || len(b) == 0 {
		return a, b, nil
	}
	offA, err := ta.index()
	if err != nil {
		return nil, nil, err
	}
	offB, err := tb.index()
	if err != nil {
		return nil, nil, err
	}
	// Leading: the entry holding the first differing byte starts at the same
	// offset in both trees, since everything before it is identical.
	d := commonPrefix(a, b)
	i := sort.SearchInts(offA, d+1) - 1
	start := offA[i]
	// Trailing: an entry boundary at the same distance from the end of both
	// trees, after which all bytes are equal.
	e := commonSuffix(a[start:], b[start:])
	endA, endB := len(a), len(b)
	j := sort.SearchInts(offA, len(a)-e)
	for ; j < len(offA); j++ {
		dist := len(a) - offA[j]
		k := sort.SearchInts(offB, len(b)-dist)
		if k < len(offB) && offB[k] == len(b)-dist && offB[k] >= start {
			endA, endB = offA[j], offB[k]
			break
		}
	}
	return a[start:endA], b[start:endB], nil
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for step := 4096; step >= 8; step /= 8 {
		for i+step <= n && bytes.Equal(a[i:i+step], b[i:i+step]) {
			i += step
		}
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the longest common suffix of a and b.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for step := 4096; step >= 8; step /= 8 {
		for i+step <= n && bytes.Equal(a[len(a)-i-step:len(a)-i], b[len(b)-i-step:len(b)-i]) {
			i += step
		}
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// compareEntries orders entries as git sorts trees: by name, with folder
// names compared as if they ended in "/".
func compareEntries(a, b entry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	ca, cb := terminator(a, n), terminator(b, n)
	switch {
	case ca < cb:
		return -1
	case ca > cb:
		return 1
	}
	return 0
}

func terminator(e entry, n int) byte {
	if n < len(e.name) {
		return e.name[n]
	}
	if e.dir {
		return '/'
	}
	return 0
}

// side records a whole entry (a file, or every file of a folder) as added
// or deleted.
func (w *walker) side(prefix string, e entry, op Op, out *[]Change) error {
	p := prefix + "/" + string(e.name)
	if !e.dir {
		*out = append(*out, Change{Op: op, Path: p, Blob: e.hash})
		return nil
	}
	return w.files(p, e.hash, func(fp string, h plumbing.Hash) {
		*out = append(*out, Change{Op: op, Path: fp, Blob: h})
	})
}

// list calls fn for every file under the folders of a root tree.
func (w *walker) list(root plumbing.Hash, fn func(string, plumbing.Hash)) error {
	t, err := w.tree(root)
	if err != nil {
		return err
	}
	for _, f := range w.folders {
		h, dir, err := find(t.b, f)
		if err != nil {
			return err
		}
		if dir {
			if err := w.files(f, h, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *walker) files(prefix string, h plumbing.Hash, fn func(string, plumbing.Hash)) error {
	tr, err := w.tree(h)
	if err != nil {
		return err
	}
	t := tr.b
	for len(t) > 0 {
		e, rest, err := next(t)
		if err != nil {
			return err
		}
		p := prefix + "/" + string(e.name)
		if e.dir {
			if err := w.files(p, e.hash, fn); err != nil {
				return err
			}
		} else {
			fn(p, e.hash)
		}
		t = rest
	}
	return nil
}

// renames pairs deletions and additions of one commit: the same contents
// under a new name, anywhere; or, within one folder, a deletion and an
// addition whose contents are alike (Similarity at least RenameSimilarity),
// each addition taking its most similar deletion (see pairAlike).
func (w *walker) renames(changes []Change) []Change {
	var del, add []int
	for i, c := range changes {
		switch c.Op {
		case Deleted:
			del = append(del, i)
		case Added:
			add = append(add, i)
		}
	}
	if len(del) == 0 || len(add) == 0 {
		return changes
	}
	drop := map[int]bool{}
	byBlob := map[plumbing.Hash][]int{}
	for _, d := range del {
		byBlob[changes[d].Blob] = append(byBlob[changes[d].Blob], d)
	}
	for _, a := range add {
		if ds := byBlob[changes[a].Blob]; len(ds) > 0 {
			d := ds[0]
			byBlob[changes[a].Blob] = ds[1:]
			changes[a].Op, changes[a].From = Renamed, changes[d].Path
			drop[d] = true
		}
	}
	perDir := map[string][2][]int{}
	for _, d := range del {
		if !drop[d] {
			k := path.Dir(changes[d].Path)
			v := perDir[k]
			v[0] = append(v[0], d)
			perDir[k] = v
		}
	}
	for _, a := range add {
		if changes[a].Op == Added {
			k := path.Dir(changes[a].Path)
			v := perDir[k]
			v[1] = append(v[1], a)
			perDir[k] = v
		}
	}
	for _, v := range perDir {
		if len(v[0]) == 0 || len(v[1]) == 0 {
			continue
		}
		for _, p := range w.pairAlike(changes, v[0], v[1]) {
			d, a := p[0], p[1]
			changes[a].Op, changes[a].From = Renamed, changes[d].Path
			drop[d] = true
		}
	}
	out := changes[:0]
	for i, c := range changes {
		if !drop[i] {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// maxRenamePairs bounds the pairs of files one folder of one commit
// compares by contents (as git's diff.renameLimit does): a commit deleting
// and adding more files than that pairs only unchanged moves.
const maxRenamePairs = 1 << 20

// pairAlike pairs deletions and additions (indices into changes) of one
// folder by contents: every pair at least RenameSimilarity alike is a
// candidate, and candidates are taken most similar first (ties by the
// added path, then the deleted path), each file at most once. The result
// does not depend on the order of the changes. A version that cannot be
// read is alike to nothing.
func (w *walker) pairAlike(changes []Change, del, add []int) [][2]int {
	if len(del)*len(add) > maxRenamePairs {
		return nil
	}
	sh := map[plumbing.Hash][]uint64{}
	get := func(h plumbing.Hash) []uint64 {
		if s, ok := sh[h]; ok {
			return s
		}
		var s []uint64
		if b, err := w.blob(h); err == nil {
			s = shingles(b)
		}
		sh[h] = s
		return s
	}
	type cand struct {
		d, a int
		sim  float64
	}
	var cs []cand
	for _, a := range add {
		for _, d := range del {
			if sim := sets.Dice(get(changes[d].Blob), get(changes[a].Blob)); sim >= RenameSimilarity {
				cs = append(cs, cand{d, a, sim})
			}
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		x, y := cs[i], cs[j]
		if x.sim != y.sim {
			return x.sim > y.sim
		}
		if pa, pb := changes[x.a].Path, changes[y.a].Path; pa != pb {
			return pa < pb
		}
		return changes[x.d].Path < changes[y.d].Path
	})
	usedD, usedA := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, c := range cs {
		if !usedD[c.d] && !usedA[c.a] {
			usedD[c.d], usedA[c.a] = true, true
			out = append(out, [2]int{c.d, c.a})
		}
	}
	return out
}

// blob reads a file version, from a pack or as a loose object.
func (w *walker) blob(h plumbing.Hash) ([]byte, error) {
	b, err := w.packs.get(h)
	if !errors.Is(err, errNotPacked) {
		return b, err
	}
	return w.object(plumbing.BlobObject, h)
}

// Short is the abbreviated form of a commit hash.
func Short(h plumbing.Hash) string { return h.String()[:7] }

// Head returns the commit HEAD names and its branch ("" when detached), and
// false when root is not in a repository with commits: enough to tell
// whether a Log read earlier is still the history of HEAD.
func Head(root string) (plumbing.Hash, string, bool) {
	repo, err := git.PlainOpenWithOptions(root, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return plumbing.ZeroHash, "", false
	}
	ref, err := repo.Head()
	if err != nil {
		return plumbing.ZeroHash, "", false
	}
	branch := ""
	if ref.Name().IsBranch() {
		branch = ref.Name().Short()
	}
	return ref.Hash(), branch, true
}
