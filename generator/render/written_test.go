package render

import (
	"path/filepath"
	"reflect"
	"testing"
)

// A file written is recorded by the path it lands at under Public; one
// named to land outside makes the list unable to say.
func TestWrittenNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	for _, tc := range []struct {
		names []string
		want  map[string]bool
		exact bool
	}{
		{[]string{"/claims/x/index.html", "index.xml", "/a/./b/../c.js"}, map[string]bool{"claims/x/index.html": true, "index.xml": true, "a/c.js": true}, true},
		{[]string{"/claims/x/index.html", "../publicaciones/chunk.js"}, map[string]bool{"claims/x/index.html": true}, false},
		{[]string{"a/../../x"}, nil, false},
		{[]string{"/../x"}, nil, false},
		{[]string{"/"}, nil, false},
	} {
		var w Written
		r := recording{w: &w, dir: dir}
		for _, n := range tc.names {
			r.opened(filepath.FromSlash(n))
		}
		got, exact := w.Files()
		if !reflect.DeepEqual(got, tc.want) || exact != tc.exact {
			t.Errorf("%q: recorded %v (exact %v), want %v (%v)", tc.names, got, exact, tc.want, tc.exact)
		}
	}
}
