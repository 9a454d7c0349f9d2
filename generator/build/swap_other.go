//go:build !linux

package build

// exchange is not atomic outside Linux; swap falls back to two renames.
func exchange(a, b string) error { return errExchangeUnsupported }
