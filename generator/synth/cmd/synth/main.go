// Command synth writes synthetic sites and measures commands, for
// scripts/bench-scale.
//
//	synth write -n N [-seed S] -from ROOT DIR   a site with N claims in DIR, templates from ROOT
//	synth measure -- COMMAND [ARGS]             run COMMAND; print "seconds peak-RSS-MB"
//	synth edit DIR ID                           edit claim ID's summary; print the words added
//	synth latency [-n N] -url URL DIR ID        edit claim ID N times; print how long each
//	                                            took to show at URL (a running serve), then the median
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
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
		if len(os.Args) != 4 {
			fmt.Fprintln(os.Stderr, "usage: synth edit DIR ID")
			os.Exit(2)
		}
		mark, err := edit(os.Args[2], os.Args[3])
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		fmt.Println(mark)
	case "latency":
		fs := flag.NewFlagSet("latency", flag.ExitOnError)
		n := fs.Int("n", 5, "edits")
		url := fs.String("url", "", "the claim's page on the running serve")
		fs.Parse(os.Args[2:])
		if fs.NArg() != 2 || *url == "" {
			fmt.Fprintln(os.Stderr, "usage: synth latency [-n N] -url URL DIR ID")
			os.Exit(2)
		}
		if err := latency(*n, *url, fs.Arg(0), fs.Arg(1)); err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
	default:
		fmt.Fprintf(os.Stderr, "synth: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
}

// edit rewrites the summary of claim id in dir (as an editor saves: a new
// file renamed over the old one) with a new first word, and returns it.
func edit(dir, id string) (string, error) {
	p := filepath.Join(dir, "claims", id+".md")
	data, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	mark := fmt.Sprintf("Edit%d", time.Now().UnixNano())
	lines := strings.Split(string(data), "\n")
	found := false
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "summary: \""); ok {
			if w, after, ok := strings.Cut(rest, " "); ok && strings.HasPrefix(w, "Edit") {
				rest = after
			}
			lines[i] = "summary: \"" + mark + " " + rest
			found = true
			break
		}
	}
	if !found {
		return "", fmt.Errorf("%s: no summary line", p)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		return "", err
	}
	return mark, os.Rename(tmp, p)
}

// latency edits claim id n times, two seconds apart, and after each edit
// asks url every 20 ms (one kept-alive connection) until the page shows
// the edit.
func latency(n int, url, dir, id string) error {
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
		mark, err := edit(dir, id)
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
