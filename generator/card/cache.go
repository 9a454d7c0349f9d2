package card

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/factcheck-mx/factcheck/generator/buildid"
)

// A Cache keeps drawn cards in a folder between builds, each under a hash
// of everything that decides its pixels: what it shows, and the program
// drawing it (the running executable's Go build ID, so a changed layout or font
// draws every card anew). It belongs to the machine, not the repository
// (DefaultCacheDir): nothing a contribution commits can stand in for a
// card. A missing or unreadable entry is drawn again; an entry is written
// whole or not at all.
type Cache struct {
	dir  string
	salt string
	mu   sync.Mutex
	used map[string]bool
}

// DefaultCacheDir is where builds keep cards: the user's cache folder
// ($XDG_CACHE_HOME or ~/.cache on Linux), or "" when there is none.
func DefaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "fuente", "cards")
}

// OpenCache opens (creating) the cache folder dir. It returns nil, a cache
// that keeps nothing, when dir is "" or cannot be made, or when the
// running program cannot be read to key the cards by.
func OpenCache(dir string) *Cache {
	if dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return nil
	}
	id, err := buildid.Self()
	if err != nil {
		return nil
	}
	return &Cache{dir: dir, salt: id, used: map[string]bool{}}
}

// key is the cache's name for a card of kind showing v.
func (c *Cache) key(kind string, v any) string {
	b, _ := json.Marshal(v) // cards are strings and numbers: cannot fail
	h := sha256.New()
	h.Write([]byte(c.salt + "\x00" + kind + "\x00"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)) + ".png"
}

// draw returns the cached card of kind showing v, or draws it and keeps it.
func (c *Cache) draw(kind string, v any, draw func() ([]byte, error)) ([]byte, error) {
	if c == nil {
		return draw()
	}
	name := c.key(kind, v)
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
	path := filepath.Join(c.dir, name)
	if b, err := os.ReadFile(path); err == nil && len(b) > 8 && string(b[1:4]) == "PNG" {
		now := time.Now()
		os.Chtimes(path, now, now) // the last use, for Prune
		return b, nil
	}
	b, err := draw()
	if err != nil {
		return nil, err
	}
	if tmp, err := os.CreateTemp(c.dir, ".tmp-*"); err == nil {
		_, werr := tmp.Write(b)
		if cerr := tmp.Close(); werr == nil && cerr == nil {
			os.Rename(tmp.Name(), path)
		}
		os.Remove(tmp.Name())
	}
	return b, nil
}

// entry is the name of a card in the cache (key).
var entry = regexp.MustCompile(`^[0-9a-f]{64}\.png$`)

// Prune removes the cards no build has used for the given time, but for
// those this one used.
func (c *Cache) Prune(unused time.Duration) {
	if c == nil {
		return
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range entries {
		name := e.Name()
		if c.used[name] || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		// Only what a cache writes: its cards, and temporary files left by
		// a build that stopped (an hour old: not another build's, being
		// written now). Nothing else in the folder is touched.
		age := time.Since(info.ModTime())
		if entry.MatchString(name) && age > unused || strings.HasPrefix(name, ".tmp-") && age > time.Hour {
			os.Remove(filepath.Join(c.dir, name))
		}
	}
}

// Claim is p.Claim, from the cache when it has the card.
func (c *Cache) Claim(p *Painter, cl Claim) ([]byte, error) {
	return c.draw("claim", cl, func() ([]byte, error) { return p.Claim(cl) })
}

// Person is p.Person, from the cache when it has the card.
func (c *Cache) Person(p *Painter, pe Person) ([]byte, error) {
	return c.draw("person", pe, func() ([]byte, error) { return p.Person(pe) })
}

// Site is p.Site, from the cache when it has the card.
func (c *Cache) Site(p *Painter, s Site) ([]byte, error) {
	return c.draw("site", s, func() ([]byte, error) { return p.Site(s) })
}
