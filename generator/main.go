// Command generator builds the fact-check site: it checks the claim, person
// and source files, writes Hugo content from them, and renders the site with
// Hugo embedded as a library.
//
//	go run ./generator build [-base-url URL] [-drafts] [-search=false] [-segments NAME,...]
//	go run ./generator check
//	go run ./generator serve [-port N] [-drafts]
//	go run ./generator new claim|person|source ID [flags]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/factcheck-mx/factcheck/generator/card"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/factcheck-mx/factcheck/generator/build"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/progress"
	"github.com/factcheck-mx/factcheck/generator/search"
	"github.com/factcheck-mx/factcheck/generator/state"
)

const usage = `usage: go run ./generator <command> [flags]

commands:
  build   check the inputs, write content/ and build the site into public/
  check   check the claim, person and source files; print every problem as path:line: message
  serve   preview the site locally; edits to claims/, people/, corpus/ show up live
  new     write a new claim, person or source file: new claim|person|source ID

Run 'go run ./generator <command> -h' for a command's flags.
`

func main() { os.Exit(program(nil)) }

// program runs the command line once its interrupt and SIGTERM handler is
// in place; ready, if set, is called then (TestStop waits for it).
func program(ready func()) int {
	runPreviewerIfChild()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if ready != nil {
		ready()
	}
	return runStoppable(ctx, func(ctx context.Context) int { return run(ctx, os.Args[1:], os.Stdout, os.Stderr) })
}

// StopGrace is how long a command may take to stop by itself after an
// interrupt (Ctrl-C) or SIGTERM before the process exits anyway. Every
// stage looks at its context, but Hugo's rendering cannot be interrupted
// from outside; leaving it is safe, since nothing is published until the
// build's last step (the swap), and the next build removes what the
// stopped one left (see build.RemoveStale).
const StopGrace = 500 * time.Millisecond

// stoppedMsg is what a command says when an interrupt stopped it.
const stoppedMsg = "stopped: interrupted; content/ and public/ are as they were"

// runStoppable runs f and returns its exit status, or 130 when ctx ends
// and f has not returned within StopGrace.
func runStoppable(ctx context.Context, f func(context.Context) int) int {
	done := make(chan int, 1)
	go func() { done <- f(ctx) }()
	select {
	case code := <-done:
		return code
	case <-ctx.Done():
	}
	select {
	case code := <-done:
		return code
	case <-time.After(StopGrace):
		fmt.Fprintln(os.Stderr, stoppedMsg)
		return 130
	}
}

// run executes one command and returns the exit status: 0 success, 1 the
// inputs have errors or the build failed, 2 bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return cmdBuild(ctx, args, stdout, stderr)
	case "check":
		return cmdCheck(ctx, args, stdout, stderr)
	case "serve":
		return cmdServe(ctx, args, stdout, stderr)
	case "new":
		return cmdNew(args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
	return 2
}

func flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("build", stderr)
	root := fs.String("root", ".", "the site root (the folder with config.toml)")
	base := fs.String("base-url", "", "the site's base URL (default: baseURL in config.toml)")
	drafts := fs.Bool("drafts", false, "include draft claims (for previews)")
	segments := fs.String("segments", "", "render only these segments of config.toml's [segments], comma-separated: one part of a build split across machines (no search index)")
	cache := fs.String("cache", card.DefaultCacheDir(), "the folder that keeps share cards between builds (empty: draw every card anew)")
	kept := fs.String("state", state.DefaultDir(), "the folder that keeps what a build parsed and derived, for the next build to redo only what changed (empty: keep nothing)")
	withSearch := searchFlag(fs)
	format := formatFlag(fs)
	quiet := quietFlag(fs)
	if fs.Parse(args) != nil || !validFormat(*format, stderr) {
		return 2
	}
	opt := build.Options{Root: *root, BaseURL: *base, Drafts: *drafts, CardCache: *cache, StateDir: *kept, Progress: reporter(stderr, *quiet)}
	if *segments != "" {
		opt.Segments = strings.Split(*segments, ",")
		*withSearch = false
	}
	if *withSearch {
		bin, err := search.Find(ctx, *root, true, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "build failed: %s\ncontent/ and public/ are unchanged\n", diag.PrintableLines(err.Error()))
			return 1
		}
		opt.Search = bin
	}
	sum, probs, err := build.Build(ctx, opt)
	printProblems(stderr, probs, *format)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, stoppedMsg)
		return 130
	}
	if err != nil {
		if errors.Is(err, build.ErrInvalid) {
			e, _ := probs.Counts()
			fmt.Fprintf(stderr, "build stopped: %d errors in the inputs; content/ and public/ are unchanged\n", e)
		} else {
			fmt.Fprintf(stderr, "build failed: %s\ncontent/ and public/ are unchanged\n", diag.PrintableLines(err.Error()))
		}
		return 1
	}
	fmt.Fprintln(stdout, sum)
	return 0
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("check", stderr)
	root := fs.String("root", ".", "the site root (the folder with config.toml)")
	kept := fs.String("state", state.DefaultDir(), "the folder where builds keep what they parsed and derived (see build -state): check starts from it, and leaves it as it is (empty: check everything from scratch)")
	format := formatFlag(fs)
	quiet := quietFlag(fs)
	if fs.Parse(args) != nil || !validFormat(*format, stderr) {
		return 2
	}
	pr := reporter(stderr, *quiet)
	pr.Stage(0, "", "checking %d input files", build.CountInputs(*root))
	l, err := build.LoadSaved(ctx, *root, true, *kept)
	pr.End()
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, stoppedMsg)
		return 130
	}
	if err != nil {
		fmt.Fprintln(stderr, diag.PrintableLines(err.Error()))
		return 1
	}
	printProblems(stdout, l.Probs, *format)
	e, w := l.Probs.Counts()
	r := l.Result
	fmt.Fprintf(stdout, "checked %d claims, %d people, %d sources: %d errors, %d warnings\n", len(r.Claims), len(r.People), len(r.Sources), e, w)
	if e > 0 {
		return 1
	}
	return 0
}

// searchFlag is the -search flag: build the Pagefind search index (the
// default; installs Pagefind with npm when it is missing).
func searchFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("search", true, "build the search index with Pagefind (installed with npm when missing)")
}

// quietFlag is the -quiet flag: no word of the stages as they start, for
// scripts (problems and the closing summary are printed all the same).
func quietFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("quiet", false, "say nothing while working: no stage lines and no progress line on stderr (problems and the summary are still printed)")
}

// reporter tells stderr the stages of a command (with a live progress line
// when stderr is a terminal), or nothing when quiet.
func reporter(stderr io.Writer, quiet bool) *progress.Reporter {
	if quiet {
		return nil
	}
	return progress.New(stderr, progress.Terminal(stderr))
}

// formatFlag is the -format flag: "text" (path:line: message) or "github"
// (workflow annotations, the default when GITHUB_ACTIONS is "true", as it is
// in GitHub Actions).
func formatFlag(fs *flag.FlagSet) *string {
	def := "text"
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		def = "github"
	}
	return fs.String("format", def, "how to print problems: text (path:line: message) or github (workflow annotations on the changed lines)")
}

func validFormat(f string, stderr io.Writer) bool {
	if f != "text" && f != "github" {
		fmt.Fprintf(stderr, "-format %q: use text or github\n", f)
		return false
	}
	return true
}

func printProblems(w io.Writer, probs diag.List, format string) {
	for _, p := range probs {
		if format == "github" {
			fmt.Fprintln(w, p.Annotation())
		} else {
			fmt.Fprintln(w, p)
		}
	}
}
