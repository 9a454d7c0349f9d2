package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/ingest"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/people"
)

const newUsage = `usage:
  go run ./generator new claim ID -claimant PERSON -source SOURCE
  go run ./generator new person ID -name "Full Name" [-kind organization]
  go run ./generator new source ID -title "Headline"
  go run ./generator new source [ID] -from FILE   (a page saved from the web, HTML or text)
`

// cmdNew writes a new input file that passes check as it stands, for the
// contributor to fill in. A new claim is a draft until the draft line goes.
func cmdNew(args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	kind, id := args[0], args[1]
	rest := args[2:]
	if strings.HasPrefix(id, "-") { // new source -from FILE: the id comes from the title
		id, rest = "", args[1:]
	}
	fs := flags("new "+kind, stderr)
	root := fs.String("root", ".", "the site root (the folder with config.toml)")
	name := fs.String("name", "", "person: full name")
	entry := fs.String("kind", people.KindPerson, "person: person, or organization (a government, an embassy, an agency, an outlet)")
	title := fs.String("title", "", "source: headline")
	claimant := fs.String("claimant", "", "claim: id of the person or organisation who made it")
	source := fs.String("source", "", "claim: id of the source reporting it")
	from := fs.String("from", "", "source: import a page saved from the web (HTML or plain text); the file is kept beside the source as its original")
	if fs.Parse(rest) != nil {
		return 2
	}
	if kind == "source" && *from != "" {
		return importSource(*root, id, *from, stdout, stderr)
	}
	if !meta.ValidID(id) {
		fmt.Fprintf(stderr, "new: %q is not a valid id: use lower-case letters, digits and hyphens, e.g. %s\n", id, meta.Slug(id))
		return 2
	}
	var dir, text string
	switch kind {
	case "person":
		if *name == "" {
			*name = strings.ReplaceAll(id, "-", " ")
		}
		dir = people.Dir
		switch *entry {
		case people.KindPerson:
			text = fmt.Sprintf("---\nname: %s\naliases: []\nrole: \"\"\ndescription: \"\"\n---\nA short biography in Markdown: who they are, as the sources describe them.\n", yamlString(*name))
		case people.KindOrganization:
			text = fmt.Sprintf("---\nkind: organization\nname: %s\naliases: []\nrole: \"\"\ndescription: \"\"\n---\nA short description in Markdown: what the organisation is, as the sources describe it.\n", yamlString(*name))
		default:
			fmt.Fprintf(stderr, "new: -kind %q: write person or organization\n", *entry)
			return 2
		}
	case "source":
		if *title == "" {
			*title = id
		}
		dir = corpus.Dir
		text = fmt.Sprintf("---\ntitle: %s\noutlet: unknown\nurl: unknown\npublished: unknown\nlanguage: en\nauthor: unknown\nrelays: []\n---\nPaste the article text here, verbatim, one paragraph per line.\n", yamlString(*title))
	case "claim":
		var err error
		dir = claims.Dir
		text, err = newClaim(*root, *claimant, *source)
		if err != nil {
			fmt.Fprintln(stderr, "new:", err)
			return 1
		}
	default:
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	path := filepath.Join(*root, dir, id+".md")
	if kind == "source" {
		path = filepath.Join(*root, dir, id+".txt")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintln(stderr, "new:", err)
		return 1
	}
	if err := writeNew(path, []byte(text)); err != nil {
		fmt.Fprintf(stderr, "new: %v (choose another id, or edit the existing file)\n", err)
		return 1
	}
	rel, _ := filepath.Rel(*root, path)
	fmt.Fprintf(stdout, "wrote %s: fill it in, then run go run ./generator check\n", filepath.ToSlash(rel))
	return 0
}

// newClaim writes a draft claim whose references are real: the claimant and
// source must exist, and the evidence starts as the source's first paragraph.
func newClaim(root, claimant, source string) (string, error) {
	var probs diag.List
	if claimant == "" || source == "" {
		return "", fmt.Errorf("a claim needs -claimant PERSON and -source SOURCE (ids of files in people/ and corpus/)")
	}
	if _, err := os.Stat(filepath.Join(root, people.Dir, claimant+".md")); err != nil {
		return "", fmt.Errorf("no person %q: create people/%s.md first (go run ./generator new person %s)", claimant, claimant, claimant)
	}
	var src *corpus.Source
	for _, s := range corpus.Load(root, nil, &probs) {
		if s.ID == source {
			src = s
		}
	}
	if src == nil || len(src.Paras) == 0 {
		return "", fmt.Errorf("no source %q with text in corpus/", source)
	}
	scale := config.Load(root, &probs).Scale
	rating := "unsupported"
	if len(scale) > 0 {
		rating = scale[len(scale)/2].ID
	}
	return fmt.Sprintf(`---
title: ""
claim: "The claim, in the claimant's words."
claimant: %s
date: %s
sources: [%s]
rating: %s
summary: "One sentence giving the verdict."
evidence:
  - source: %s
    quote: %s
    stance: statement
    paraphrase: true
    note: "Replace the quote with the exact passage that reports the claim, and remove paraphrase: true if the passage names the claimant as its speaker."
reviewer: "Your name"
published: %s
tags: []
draft: true
---
The analysis in Markdown: what the claim says, what the corpus shows, and why
the rating follows.
`, claimant, time.Now().UTC().Format("2006-01-02"), source, rating, source, yamlString(src.Paras[0].Text), time.Now().UTC().Format("2006-01-02")), nil
}

func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// importSource writes corpus/ID.txt from a saved page and keeps the page
// beside it as corpus/ID.original.html (or .txt). Without an id, the id is
// made from the page's title.
func importSource(root, id, from string, stdout, stderr io.Writer) int {
	data, err := os.ReadFile(from)
	if err != nil {
		fmt.Fprintf(stderr, "new: %v\n", err)
		return 1
	}
	a, err := ingest.Read(data)
	if err != nil {
		fmt.Fprintf(stderr, "new: %s: %v\n", from, err)
		return 1
	}
	if id == "" {
		id = meta.Slug(a.Title)
		if len(id) > 60 {
			id = strings.Trim(id[:60], "-")
		}
	}
	if !meta.ValidID(id) {
		fmt.Fprintf(stderr, "new: %q is not a valid id: give one, e.g. go run ./generator new source %s -from %s\n", id, meta.Slug(id+" source"), from)
		return 2
	}
	ext := "txt"
	if a.HTML {
		ext = "html"
	}
	original := id + meta.OriginalMark + ext
	text, err := ingest.Source(a, original)
	if err != nil {
		fmt.Fprintln(stderr, "new:", err)
		return 1
	}
	dir := filepath.Join(root, corpus.Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(stderr, "new:", err)
		return 1
	}
	// Both files or neither: the original goes first, and is removed if
	// the source cannot be written.
	origPath, srcPath := filepath.Join(dir, original), filepath.Join(dir, id+".txt")
	if err := writeNew(origPath, data); err != nil {
		fmt.Fprintf(stderr, "new: %v (choose another id, or edit the existing file)\n", err)
		return 1
	}
	if err := writeNew(srcPath, text); err != nil {
		os.Remove(origPath)
		fmt.Fprintf(stderr, "new: %v (choose another id, or edit the existing file)\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote corpus/%s.txt (%d paragraphs) and kept the page as corpus/%s\n", id, len(a.Paras), original)
	for _, f := range []struct{ name, v string }{{"title", a.Title}, {"outlet", a.Outlet}, {"url", a.URL}, {"published", a.Published}, {"language", a.Language}, {"author", a.Author}} {
		v := f.v
		if v == "" {
			v = "unknown (the page does not say: fill it in if you know it)"
		}
		fmt.Fprintf(stdout, "  %-11s %s\n", f.name+":", v)
	}
	fmt.Fprintln(stdout, "check the text against the original, list the outlets it relays, then run go run ./generator check")
	return 0
}

// writeNew writes a file that must not exist yet.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}
