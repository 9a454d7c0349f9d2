// Package sets holds what the generator measures of sorted sets: how many
// members two share, and the Dice coefficient that renames, quotation
// variants and appearances compare texts by.
package sets

import "cmp"

// Common is the number of members two sorted lists share; a member
// repeated counts as often as both hold it.
func Common[T cmp.Ordered](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Dice is the Dice coefficient of two sorted lists: twice the members they
// share over the members of both, 0 when both are empty.
func Dice[T cmp.Ordered](a, b []T) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(Common(a, b)) / float64(len(a)+len(b))
}
