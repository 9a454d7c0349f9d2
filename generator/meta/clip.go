package meta

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Clip quotes s for a message, cut to its first and last words when long.
func Clip(s string) string {
	const limit = 80
	if len(s) <= limit {
		return strconv.Quote(s)
	}
	i := strings.LastIndexByte(s[:limit/2], ' ')
	j := strings.IndexByte(s[len(s)-limit/2:], ' ')
	if i < 0 || j < 0 {
		i, j = limit/2, 0
		for !utf8.RuneStart(s[i]) {
			i--
		}
		for !utf8.RuneStart(s[len(s)-limit/2+j]) {
			j++
		}
	}
	return strconv.Quote(s[:i] + " … " + strings.TrimSpace(s[len(s)-limit/2+j:]))
}
