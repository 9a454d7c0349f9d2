package meta

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/par"
)

// MaxFileSize is the largest input file accepted.
const MaxFileSize = 2 << 20

// File is one input file read from a folder of the site.
type File struct {
	Path string // slash path relative to the site root, e.g. claims/x.md
	ID   string // the file name without its extension
	// Data is normalized (no BOM, LF line endings); nil for a file a
	// Cache knows by its hash, read only when a parser needs it.
	Data []byte
	Hash string // git's object id of the file's bytes as on disk (hex)
	// Lang is the language code of a translation (claims/x.es.md: "es",
	// ID "x"); "" for a file in the site's default language.
	Lang string

	full string // where to read Data when it is nil (a file known by its hash)
}

// load reads the Data of a file known by its hash (see Cache.RestoreKnown),
// and sets its Hash to that of the bytes read: the file may have changed
// since it was looked at. What readFile refuses is refused here too.
func (f *File) load() error {
	fd, err := os.OpenFile(f.full, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return fmt.Errorf("cannot read: %v", err)
	}
	defer fd.Close()
	if info, err := fd.Stat(); err != nil || !info.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(fd, MaxFileSize+1))
	switch {
	case err != nil:
		return fmt.Errorf("cannot read: %v", err)
	case len(data) > MaxFileSize:
		return fmt.Errorf("file is over the limit of %d bytes: split it or trim it", MaxFileSize)
	}
	if _, msg := notText(data); msg != "" {
		return errors.New(msg)
	}
	f.Data, f.Hash = Normalize(data), GitHash(data)
	return nil
}

// notText says what is wrong with an input file's bytes that are not
// text to parse (empty, or binary), and at which line; "" when nothing is.
func notText(data []byte) (line int, msg string) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return 1, "file is empty: fill it in (`go run ./generator new` writes a valid start)"
	case bytes.IndexByte(data, 0) >= 0:
		return 0, "binary file (contains NUL bytes): inputs must be UTF-8 text"
	}
	return 0, ""
}

// GitHash is git's object id (hex) of a file with these bytes, so a file in
// the work tree can be compared with a committed version.
func GitHash(raw []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(raw))
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil))
}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id is usable as a page id: lower-case letters,
// digits and single hyphens, at most 80 characters.
func ValidID(id string) bool { return len(id) <= 80 && idRE.MatchString(id) }

// OriginalMark marks a file kept as captured beside the input made from it
// ("corpus/x.original.html" beside "corpus/x.txt"): the evidence of record,
// never read as an input.
const OriginalMark = ".original."

// IsOriginal reports whether a file name carries OriginalMark.
func IsOriginal(name string) bool { return strings.Contains(name, OriginalMark) }

// ReadDir reads every file of dir (relative to root) whose name ends in one
// of exts, sorted by name. Files that cannot be used are reported and left
// out: symbolic links, files over MaxFileSize, binary files, bad names.
// Originals (see OriginalMark) are skipped: their owners check them.
// Unchanged files are taken from c (which may be nil) instead of being read
// again.
func ReadDir(root, dir string, exts []string, c *Cache, probs *diag.List) []File {
	return ReadDirIn(root, dir, exts, nil, c, probs)
}

// langRE is what a language code in a file name looks like (x.es.md,
// x.pt-br.md), to tell a translation into a language the site does not
// have from a bad id.
var langRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// ReadDirIn is ReadDir for a site in several languages: a file named
// ID.CODE.ext, CODE one of langs (the site's languages other than the
// default), is the translation of ID.ext into CODE (File.Lang).
func ReadDirIn(root, dir string, exts, langs []string, c *Cache, probs *diag.List) []File {
	if !Inside(root, dir) {
		probs.Errorf(dir, 0, "the folder is a symbolic link to a place outside the repository: make %s/ a real folder", dir)
		return nil
	}
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		probs.Errorf(dir, 0, "cannot read folder: %v", err)
		return nil
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	// Names are checked here, in order; the files are looked at (a stat
	// each, and a read of those not cached) on every core.
	type job struct{ name, rel, id, lang string }
	var jobs []job
	for _, e := range entries {
		name := e.Name()
		rel := path.Join(dir, name)
		ext := ""
		for _, x := range exts {
			if strings.HasSuffix(name, x) {
				ext = x
			}
		}
		if strings.HasPrefix(name, ".") || name == "README.md" || IsOriginal(name) {
			continue
		}
		if e.IsDir() {
			probs.Warnf(rel, 0, "sub-folders are not read: move its files up into %s/", dir)
			continue
		}
		if ext == "" {
			probs.Warnf(rel, 0, "ignored: files in %s/ must end in %s", dir, strings.Join(exts, " or "))
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			probs.Errorf(rel, 0, "symbolic links are not accepted: put the file itself here")
			continue
		}
		if !e.Type().IsRegular() {
			probs.Errorf(rel, 0, "not a regular file")
			continue
		}
		id, lang := strings.TrimSuffix(name, ext), ""
		if i := strings.LastIndexByte(id, '.'); i > 0 && langRE.MatchString(id[i+1:]) && ValidID(id[:i]) {
			if !slices.Contains(langs, id[i+1:]) {
				others := "none"
				if len(langs) > 0 {
					others = Describe(langs)
				}
				probs.Errorf(rel, 0, "the name says this is a translation into %q, which is not one of the site's other languages (%s): add [languages.%s] to config.toml, or rename the file", id[i+1:], others, id[i+1:])
				continue
			}
			id, lang = id[:i], id[i+1:]
		}
		if !ValidID(id) {
			probs.Errorf(rel, 0, "file name %q is not a valid id: %s", id, IDAdvice(id, ext))
			continue
		}
		jobs = append(jobs, job{name, rel, id, lang})
	}
	files := make([]File, len(jobs))
	found := make([]diag.List, len(jobs))
	par.Do(len(jobs), func(i int) {
		j := jobs[i]
		files[i] = readFile(filepath.Join(root, dir, j.name), j.rel, j.id, c, &found[i])
		files[i].Lang = j.lang
	})
	var out []File
	for i := range jobs {
		*probs = append(*probs, found[i]...)
		if files[i].Path != "" {
			out = append(out, files[i])
		}
	}
	return out
}

// readFile reads one input file, from c when it did not change; on a
// problem it returns the zero File.
func readFile(full, rel, id string, c *Cache, probs *diag.List) File {
	info, err := os.Lstat(full)
	if err != nil {
		probs.Errorf(rel, 0, "cannot read: %v", err)
		return File{}
	}
	if !info.Mode().IsRegular() {
		probs.Errorf(rel, 0, "not a regular file")
		return File{}
	}
	if f, ok := c.file(rel, info); ok {
		if f.Data == nil { // known by its hash: read when a parser needs it
			f.ID, f.full = id, full
		}
		return f
	}
	if info.Size() > MaxFileSize {
		probs.Errorf(rel, 0, "file is %d bytes, over the limit of %d: split it or trim it", info.Size(), MaxFileSize)
		return File{}
	}
	data, err := os.ReadFile(full)
	if err != nil {
		probs.Errorf(rel, 0, "cannot read: %v", err)
		return File{}
	}
	if line, msg := notText(data); msg != "" {
		probs.Errorf(rel, line, "%s", msg)
		return File{}
	}
	f := File{Path: rel, ID: id, Data: Normalize(data), Hash: GitHash(data)}
	c.keepFile(info, f)
	return f
}

// Slug turns any text into a valid id ("Glen VanHerck" -> "glen-vanherck").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(Fold(s)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 80 {
		out = strings.TrimSuffix(out[:80], "-")
	}
	if out == "" {
		out = "untitled"
	}
	return out
}

// Fold removes accents so that "Lopez" matches "López", "Lech Walesa"
// matches "Lech Wałęsa" and text typed with combining accents (NFD) matches
// the same text precomposed (NFC): every character is decomposed (NFD) and
// its marks dropped, letters that do not decompose are written in plain
// Latin letters (ł -> l, ø -> o, ß -> ss, æ -> ae, ı -> i, þ -> th), and
// invisible formatting characters (soft hyphens, zero-width joiners) are
// dropped. It keeps letter case and everything else as is. Fold(s) is
// FoldRune of each character of s in turn.
func Fold(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(FoldRune(r))
	}
	return b.String()
}

// isASCII reports whether s is all ASCII, which Fold leaves as it is.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// DecodeTOMLFile decodes a whole TOML file (such as config.toml) into a Node
// tree with lines.
func DecodeTOMLFile(p string, data []byte) (*Node, error) {
	n, err := decodeTOML(Normalize(data), 0)
	if err != nil {
		if me, ok := err.(*Error); ok {
			me.Path = p
			return nil, me
		}
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return n, nil
}

// FromLang is InLang undone for the languages langs: the name of the
// original and the translation's language ("claims/x/index.es.md" is
// "claims/x/index.md", "es"), or p and "" when p names no translation
// into one of them.
func FromLang(p string, langs []string) (string, string) {
	dir, file := path.Split(p)
	ext := path.Ext(file)
	base := strings.TrimSuffix(file, ext)
	if i := strings.LastIndexByte(base, '.'); i > 0 && slices.Contains(langs, base[i+1:]) {
		return dir + base[:i] + ext, base[i+1:]
	}
	return p, ""
}

// InLang is the name of a file in language lang, as Hugo names
// translations: claims/x/index.md in "es" is claims/x/index.es.md,
// claims/x/card.png claims/x/card.es.png, about.md about.es.md. lang ""
// (the site's default language) keeps the name.
func InLang(p, lang string) string {
	if lang == "" {
		return p
	}
	i := strings.LastIndexByte(p, '.')
	if i < strings.LastIndexByte(p, '/') {
		return p + "." + lang
	}
	return p[:i] + "." + lang + p[i:]
}
