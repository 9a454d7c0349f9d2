package history

import (
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Commit messages and author names are shown on pages and in feeds: their
// control and invisible characters are dropped (or become spaces), not
// passed on to make XML ill-formed or text display reversed.
func TestCommitTextCleaned(t *testing.T) {
	r := newRepo(t)
	r.Write("claims/a.md", "a1")
	if err := r.Work.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	_, err := r.Work.Commit("Fix\fthe \u202etxet\u202c rating\x1b[31m\u0085\n\nCorrection: wrong\x00 date\n", &git.CommitOptions{
		Author: &object.Signature{Name: "Ev\u202eil\x07 \ufffeName", Email: "e\x01@example.org", When: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		t.Fatal(err)
	}
	l := read(t, r.Dir)
	if len(l.Commits) != 1 {
		t.Fatalf("%d commits", len(l.Commits))
	}
	c := l.Commits[0]
	if want := "Fix the txet rating [31m \n\nCorrection: wrong  date\n"; c.Message != want {
		t.Errorf("message %q, want %q", c.Message, want)
	}
	if want := "Evil  Name"; c.Author != want {
		t.Errorf("author %q, want %q", c.Author, want)
	}
	if strings.ContainsRune(c.Email, 1) {
		t.Errorf("email %q", c.Email)
	}
}
