// Package buildid names the running program by its contents, for caches
// whose entries a different program must not reuse (share cards, a
// build's saved state): the Go build ID the linker writes into the
// executable, which changes with any change to the code or the toolchain
// that built it. Reading it costs a read of the file's headers; where the
// executable has none that can be read (a format other than ELF), the
// SHA-256 of the whole file stands in.
package buildid

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
)

// Self returns the running program's id.
func Self() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return Of(exe)
}

// Of returns the id of the program in the file exe.
func Of(exe string) (string, error) {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		// The note's name is "Go" and its type 4; its descriptor is the
		// build ID (cmd/internal/buildid reads it the same way).
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) >= 12 {
				bo := f.ByteOrder
				name, desc := bo.Uint32(data), bo.Uint32(data[4:])
				start := 12 + (uint64(name)+3)&^3
				if end := start + uint64(desc); desc > 0 && end <= uint64(len(data)) {
					return "go:" + string(data[start:end]), nil
				}
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}
