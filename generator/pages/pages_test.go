package pages

import (
	"strings"
	"testing"
)

func TestAddressAndBytes(t *testing.T) {
	tests := []struct {
		page Page
		addr string
		want string
	}{
		{Page{Path: "about.md", Title: "About", Body: "Text.\n"}, "about", "{\n  \"title\": \"About\"\n}\n\nText.\n"},
		{Page{Path: "search/_index.md", Title: "Search", Description: "Find <things>", Outputs: []string{"html"}, Body: "x"},
			"search", "{\n  \"description\": \"Find <things>\",\n  \"outputs\": [\n    \"html\"\n  ],\n  \"title\": \"Search\"\n}\n\nx"},
	}
	for _, tt := range tests {
		if got := tt.page.Address(); got != tt.addr {
			t.Errorf("%s: Address() = %q, want %q", tt.page.Path, got, tt.addr)
		}
		if got := string(tt.page.Bytes()); got != tt.want {
			t.Errorf("%s: Bytes() =\n%s\nwant\n%s", tt.page.Path, got, tt.want)
		}
	}
	// Whatever a title holds, the front matter stays one JSON object.
	p := Page{Path: "x.md", Title: "a\"}\n---\nurl: /claims/x/\n"}
	if b := string(p.Bytes()); strings.Count(b, "\n}\n") != 1 || strings.Contains(b, "\nurl:") {
		t.Errorf("a title broke out of the front matter:\n%s", b)
	}
}
