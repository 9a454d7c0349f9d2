// Command synth writes synthetic sites and measures commands, for
// scripts/bench-scale.
//
//	synth write -n N [-seed S] -from ROOT DIR   a site with N claims in DIR, templates from ROOT
//	synth measure -- COMMAND [ARGS]             run COMMAND; print "seconds peak-RSS-MB"
//	synth edit [-field F] DIR ID                edit claim ID's summary (or F: analysis); print the word added
//	synth latency [-n N] [-field F] -url URL DIR ID
//	                                            edit claim ID N times; print how long each
//	                                            took to show at URL (a running serve), then the median
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

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
		mono := fs.Bool("monolingual", false, "keep only the first of config.toml's languages")
		fs.Parse(os.Args[2:])
		if fs.NArg() != 1 {
			fmt.Fprintln(os.Stderr, "synth write: give the folder to write")
			os.Exit(2)
		}
		dir := fs.Arg(0)
		if err := synth.Skeleton(*from, dir); err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		if *mono {
			if err := synth.Monolingual(dir); err != nil {
				fmt.Fprintln(os.Stderr, "synth:", err)
				os.Exit(1)
			}
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
	case "edit":
		fs := flag.NewFlagSet("edit", flag.ExitOnError)
		field := fs.String("field", synth.Summary, "what to edit: "+synth.Summary+" or "+synth.Analysis)
		fs.Parse(os.Args[2:])
		if fs.NArg() != 2 {
			fmt.Fprintln(os.Stderr, "usage: synth edit [-field F] DIR ID")
			os.Exit(2)
		}
		mark, err := edit(fs.Arg(0), fs.Arg(1), *field)
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		fmt.Println(mark)
	case "latency":
		fs := flag.NewFlagSet("latency", flag.ExitOnError)
		n := fs.Int("n", 5, "edits")
		url := fs.String("url", "", "the claim's page on the running serve")
		field := fs.String("field", synth.Summary, "what to edit: "+synth.Summary+" or "+synth.Analysis)
		fs.Parse(os.Args[2:])
		if fs.NArg() != 2 || *url == "" {
			fmt.Fprintln(os.Stderr, "usage: synth latency [-n N] [-field F] -url URL DIR ID")
			os.Exit(2)
		}
		if err := latency(*n, *url, fs.Arg(0), fs.Arg(1), *field); err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
	default:
		fmt.Fprintf(os.Stderr, "synth: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
}

// edit edits field of claim id in dir (see synth.Edit) with a new mark,
// and returns the mark.
func edit(dir, id, field string) (string, error) {
	mark := fmt.Sprintf("Edit%d", time.Now().UnixNano())
	return mark, synth.Edit(dir, id, field, mark)
}

// latency edits field of claim id n times, two seconds apart, and after
// each edit asks url every 20 ms (one kept-alive connection) until the page
// shows the edit.
func latency(n int, url, dir, id, field string) error {
	client := &http.Client{Timeout: 10 * time.Second}
	get := func() (string, error) {
		resp, err := client.Get(url)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	if _, err := get(); err != nil { // the page is visited before it is edited
		return err
	}
	var took []time.Duration
	failed := 0 // fetches that failed while the server rebuilt
	for range n {
		time.Sleep(2 * time.Second)
		start := time.Now()
		mark, err := edit(dir, id, field)
		if err != nil {
			return err
		}
		for {
			body, err := get()
			if err != nil {
				// Hugo's server now and then cuts a response short while it
				// rebuilds: count it and ask again.
				failed++
				fmt.Fprintln(os.Stderr, "synth: fetch failed:", err)
			}
			if err == nil && strings.Contains(body, mark) {
				break
			}
			if time.Since(start) > time.Minute {
				return fmt.Errorf("%s did not show the edit within a minute", url)
			}
			time.Sleep(20 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		fmt.Printf("%.2f s\n", time.Since(start).Seconds())
	}
	slices.Sort(took)
	fmt.Printf("median %.2f s\n", took[len(took)/2].Seconds())
	if failed > 0 {
		fmt.Printf("failed fetches %d\n", failed)
	}
	return nil
}
