// Command synth writes synthetic sites and measures commands, for
// scripts/bench-scale.
//
//	synth write -n N [-seed S] -from ROOT DIR   a site with N claims in DIR, templates from ROOT
//	synth measure -- COMMAND [ARGS]             run COMMAND; print "seconds peak-RSS-MB"
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/factcheck-mx/factcheck/generator/site"
	"github.com/factcheck-mx/factcheck/generator/synth"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: synth write -n N [-seed S] -from ROOT DIR | synth measure -- COMMAND [ARGS]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "write":
		fs := flag.NewFlagSet("write", flag.ExitOnError)
		n := fs.Int("n", 10000, "claims")
		seed := fs.Uint64("seed", 1, "seed")
		from := fs.String("from", ".", "the project root to copy templates and configuration from")
		fs.Parse(os.Args[2:])
		if fs.NArg() != 1 {
			fmt.Fprintln(os.Stderr, "synth write: give the folder to write")
			os.Exit(2)
		}
		dir := fs.Arg(0)
		if err := skeleton(*from, dir); err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		st, err := synth.Write(dir, *n, *seed)
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d claims, %d sources, %d people into %s\n", st.Claims, st.Sources, st.People, dir)
	case "measure":
		args := os.Args[2:]
		if len(args) > 0 && args[0] == "--" {
			args = args[1:]
		}
		if len(args) == 0 {
			fmt.Fprintln(os.Stderr, "synth measure: no command")
			os.Exit(2)
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth measure:", err)
			os.Exit(1)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		fmt.Printf("%.2f %d\n", wall.Seconds(), ru.Maxrss/1024) // Maxrss is in KB on Linux
	default:
		fmt.Fprintf(os.Stderr, "synth: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
}

// skeleton copies the site's configuration, templates, assets and
// hand-written pages (not the generated sections) from root into dir.
func skeleton(root, dir string) error {
	generated := map[string]bool{}
	for _, s := range site.Sections {
		generated[filepath.Join("content", s)] = true
	}
	for _, name := range []string{"config.toml", "layouts", "i18n", "assets", "static", "content"} {
		err := filepath.WalkDir(filepath.Join(root, name), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if generated[rel] {
				return filepath.SkipDir
			}
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
