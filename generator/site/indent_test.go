package site

import (
	"bytes"
	"encoding/json"
	"testing"
)

var indentCases = []string{
	`{}`, `[]`, `""`, `0`, `null`,
	`{"a":1}`,
	`{"a":[],"b":{},"c":[{}],"d":[[]]}`,
	`{"title":"a, b: {c} [d]","esc":"q\"uote\\","u":"\u003cb\u003e"}`,
	`[1,-2.5e10,true,false,null,"x"]`,
	`{"nested":{"deeper":{"list":[1,[2,[3]]]}},"after":"\\"}`,
	`{"uni":"cañón — “quoted”","tab":"a\tb"}`,
}

// TestIndent: the same bytes as encoding/json's Indent.
func TestIndent(t *testing.T) {
	for _, c := range indentCases {
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(c), "", " "); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if got := indent(nil, []byte(c)); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("indent(%s) =\n%s\nwant\n%s", c, got, want.Bytes())
		}
	}
}

// FuzzIndent: for any value json.Marshal can write, indent agrees with
// json.Indent.
func FuzzIndent(f *testing.F) {
	for _, c := range indentCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		compact, err := json.Marshal(v)
		if err != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact, "", " "); err != nil {
			t.Fatal(err)
		}
		if got := indent(nil, compact); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indent(%s) =\n%s\nwant\n%s", compact, got, want.Bytes())
		}
	})
}
