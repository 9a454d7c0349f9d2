package build

import (
	"strings"
	"testing"

	"github.com/factcheck-mx/factcheck/generator/state"
)

// A page reused without its bytes must have been linked from the file the
// state describes; a file swapped in meanwhile (another build of the same
// folder) stops the build.
func TestLinkedFromTheDescribedFile(t *testing.T) {
	was := state.FileStat{Size: 10, ModTime: 1, Ino: 7}
	k := kept{snap: &state.Snapshot{Content: map[string]state.FileStat{"claims/x/index.md": was}}}
	files := map[string][]byte{"claims/x/index.md": nil, "claims/y/index.md": []byte("{}\n")}
	for _, tc := range []struct {
		name string
		desc map[string]state.FileStat
		err  string
	}{
		{"the same file", map[string]state.FileStat{"claims/x/index.md": was}, ""},
		{"another file", map[string]state.FileStat{"claims/x/index.md": {Size: 10, ModTime: 1, Ino: 8}}, "content/claims/x/index.md changed while this build ran"},
		{"not described", map[string]state.FileStat{}, "changed while this build ran"},
	} {
		err := k.linked(files, tc.desc)
		if (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.err)
		}
	}
}
