package meta

import (
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	if got := Clip(`a "short" value`); got != `"a \"short\" value"` {
		t.Errorf("Clip of a short value = %s", got)
	}
	long := strings.Repeat("word ", 20) + "ending here"
	got := Clip(long)
	if !strings.HasPrefix(got, `"word word`) || !strings.HasSuffix(got, `ending here"`) || !strings.Contains(got, " … ") || len(got) > 90 {
		t.Errorf("Clip of a long value = %s: want its first and last words around …, under 90 bytes", got)
	}
	if got := Clip(strings.Repeat("é", 100)); !strings.Contains(got, " … ") || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("Clip cut a letter in two: %s", got)
	}
}
