// Command historybench measures the history walk against C git on a
// synthetic repository: N commits over F claim files in one folder, built
// with git fast-import and repacked as a clone would be. It prints the time
// and peak memory of `git log --name-status` and of history.Read, and their
// ratio. Needs git on PATH (it is the baseline).
//
//	go run ./generator/history/historybench [-commits 5000] [-files 20000] [-dir DIR]
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/factcheck-mx/factcheck/generator/history"
)

func main() {
	commits := flag.Int("commits", 5000, "commits in the synthetic repository")
	files := flag.Int("files", 20000, "claim files in its one folder")
	dir := flag.String("dir", "", "where to build it (default: a temporary folder, removed after)")
	walk := flag.String("walk", "", "internal: walk the repository at this path and exit")
	cpuprofile := flag.String("cpuprofile", "", "with -walk: write a CPU profile here")
	verify := flag.Bool("verify", false, "with -walk: print every commit's changes")
	flag.Parse()
	if *walk != "" {
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			check(err)
			check(pprof.StartCPUProfile(f))
			defer pprof.StopCPUProfile()
		}
		start := time.Now()
		l, err := history.Read(context.Background(), history.Options{Root: *walk, Folders: []string{"claims"}})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%d %d %d\n", len(l.Commits), len(l.Changes), time.Since(start).Milliseconds())
		if *verify {
			// Every commit's changes, as git prints them without rename detection.
			byCommit := make([][]string, len(l.Commits))
			for _, ch := range l.Changes {
				switch ch.Op {
				case history.Renamed:
					byCommit[ch.Commit] = append(byCommit[ch.Commit], "D\t"+ch.From, "A\t"+ch.Path)
				default:
					byCommit[ch.Commit] = append(byCommit[ch.Commit], string(ch.Op)+"\t"+ch.Path)
				}
			}
			for i, c := range l.Commits {
				sort.Strings(byCommit[i])
				fmt.Printf("%s\n%s\n", c.Hash, strings.Join(byCommit[i], "\n"))
			}
		}
		return
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "historybench-")
		check(err)
		defer os.RemoveAll(d)
		*dir = d
	}
	if _, err := os.Stat(filepath.Join(*dir, ".git")); err != nil {
		start := time.Now()
		check(build(*dir, *commits, *files))
		fmt.Printf("built %d commits over %d files in %s\n", *commits, *files, time.Since(start).Round(time.Second))
	}
	gitTime, gitMem, gitOut := measure(exec.Command("git", "-C", *dir, "log", "--name-status", "--format=%H %an %at"))
	self, err := os.Executable()
	check(err)
	ourTime, ourMem, ourOut := measure(exec.Command(self, "-walk", *dir))
	var nc, nch, ms int
	fmt.Sscan(string(ourOut), &nc, &nch, &ms)
	fmt.Printf("git log --name-status: %6.2f s  peak %5d MB  (%d bytes of output)\n", gitTime.Seconds(), gitMem>>20, len(gitOut))
	fmt.Printf("history.Read:          %6.2f s  peak %5d MB  (%d commits, %d file changes)\n", ourTime.Seconds(), ourMem>>20, nc, nch)
	fmt.Printf("ratio (ours / git):    %6.2f\n", ourTime.Seconds()/gitTime.Seconds())

	// Correctness: the same changes as git, commit by commit.
	want, err := exec.Command("git", "-C", *dir, "log", "--name-status", "--no-renames", "--format=%x00%H").Output()
	check(err)
	gitSets := map[string]string{}
	for _, rec := range strings.Split(string(want), "\x00")[1:] {
		lines := strings.Split(strings.TrimSpace(rec), "\n")
		files := lines[1:]
		var clean []string
		for _, f := range files {
			if f = strings.TrimSpace(f); f != "" {
				clean = append(clean, f)
			}
		}
		sort.Strings(clean)
		gitSets[lines[0]] = strings.Join(clean, "\n")
	}
	got, err := exec.Command(self, "-walk", *dir, "-verify").Output()
	check(err)
	recs := strings.Split(string(got), "\n")[1:]
	mismatches, commitsSeen := 0, 0
	for i := 0; i+1 < len(recs); {
		hash := recs[i]
		j := i + 1
		var files []string
		for j < len(recs) && len(recs[j]) != 40 {
			if recs[j] != "" {
				files = append(files, recs[j])
			}
			j++
		}
		commitsSeen++
		if gitSets[hash] != strings.Join(files, "\n") {
			mismatches++
		}
		i = j
	}
	fmt.Printf("cross-check with git log --name-status: %d commits compared, %d differ\n", commitsSeen, mismatches)
	if mismatches > 0 || commitsSeen != len(gitSets) {
		os.Exit(1)
	}
}

// measure runs cmd and returns its wall time, peak resident memory and output.
func measure(cmd *exec.Cmd) (time.Duration, int64, []byte) {
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	check(err)
	d := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return d, ru.Maxrss * 1024, out
}

// build makes the repository: the first commit adds every file, each later
// commit edits, adds, deletes or renames a few (seeded, so reproducible).
func build(dir string, commits, files int) error {
	if err := exec.Command("git", "init", "-q", dir).Run(); err != nil {
		return err
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	w := bufio.NewWriterSize(in, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	live := make([]string, 0, files)
	version := map[string]int{}
	blob := func(name string) string {
		version[name]++
		return fmt.Sprintf("---\nclaim: \"Claim %s, version %d\"\nrating: attributed\n---\nAnalysis of %s, revised %d times.\n", name, version[name], name, version[name])
	}
	for i := 0; i < files; i++ {
		live = append(live, fmt.Sprintf("claims/claim-%05d.md", i))
	}
	next := files
	when := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for c := 0; c < commits; c++ {
		fmt.Fprintf(w, "commit refs/heads/main\ncommitter Bench <bench@example.org> %d +0000\n", when+int64(c)*3600)
		msg := fmt.Sprintf("Commit %d", c)
		fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
		if c == 0 {
			for _, p := range live {
				b := blob(p)
				fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", p, len(b), b)
			}
			continue
		}
		for k := 0; k < 1+r.IntN(3); k++ {
			i := r.IntN(len(live))
			p := live[i]
			switch r.IntN(20) {
			case 0: // delete
				fmt.Fprintf(w, "D %s\n", p)
				live[i] = live[len(live)-1]
				live = live[:len(live)-1]
			case 1: // rename
				np := fmt.Sprintf("claims/claim-%05d.md", next)
				next++
				fmt.Fprintf(w, "R %s %s\n", p, np)
				live[i] = np
			case 2: // add
				np := fmt.Sprintf("claims/claim-%05d.md", next)
				next++
				b := blob(np)
				fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", np, len(b), b)
				live = append(live, np)
			default: // edit
				b := blob(p)
				fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", p, len(b), b)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return err
	}
	for _, args := range [][]string{{"symbolic-ref", "HEAD", "refs/heads/main"}, {"repack", "-a", "-d", "-q"}} {
		c := exec.Command("git", append([]string{"-C", dir}, args...)...)
		c.Stderr = os.Stderr
		if err := c.Run(); err != nil {
			return err
		}
	}
	return nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
