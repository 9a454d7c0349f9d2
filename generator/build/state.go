package build

import (
	"os"
	"path/filepath"

	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/state"
)

// kept is the state a build starts from (package state): snap is nil when
// there is none to use, and why says what was wrong with the one there.
type kept struct {
	file, key string // "" when the build keeps no state
	snap      *state.Snapshot
	why       string
}

// openState reads the state the last build of the site left, when opt
// keeps one: it is valid for the same program and config.toml (what it
// holds does not depend on the build's options: a preview and a
// production build share it).
func openState(opt Options) kept {
	if opt.StateDir == "" {
		return kept{}
	}
	cfg, err := os.ReadFile(filepath.Join(opt.Root, config.File))
	if err != nil {
		return kept{} // config.Load reports it
	}
	key, err := state.Key(cfg)
	if err != nil {
		return kept{} // the program cannot be read: keep nothing
	}
	k := kept{file: state.File(opt.StateDir, opt.Root), key: key}
	k.snap, k.why = state.Read(k.file, key)
	return k
}

// builder returns the Builder a build loads with: one that starts from
// the kept state, and keeps what it parses for the next, when k keeps any.
func (k kept) builder(root string, drafts bool) *Builder {
	b := &Builder{root: root, drafts: drafts}
	if k.file != "" {
		b.cache = meta.NewCache()
	}
	if k.snap != nil {
		b.cache.Restore(k.snap.Parsed)
		b.saved = k.snap.Derived
	}
	return b
}

// save leaves l's work for the next build, unless it is the state the
// build started from (nothing parsed or derived anew, nothing removed).
func (k kept) save(l *Loaded) error {
	if k.file == "" || l.builder == nil {
		return nil
	}
	parsed, unused := l.builder.cache.Fresh()
	corpus, checked := l.Result.Fresh()
	if k.snap != nil && parsed == 0 && unused == 0 && !corpus && checked == 0 {
		return nil
	}
	return state.Write(k.file, k.key, l.snapshot())
}

// snapshot is what of l's work the next build can reuse.
func (l *Loaded) snapshot() *state.Snapshot {
	return &state.Snapshot{Parsed: l.builder.cache.Saved(), Derived: l.Result.Save()}
}
