// Command hugo is plain Hugo, built from the version the generator embeds:
// the baseline that scripts/bench-scale compares the generator's build with.
package main

import (
	"os"

	"github.com/gohugoio/hugo/commands"
)

func main() {
	if err := commands.Execute(os.Args[1:]); err != nil {
		os.Exit(1)
	}
}
