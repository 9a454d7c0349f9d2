package main

import (
	"net/http"
	"os"

	"github.com/factcheck-mx/factcheck/generator/host"
)

func main() {
	cfg, err := host.Load("netlify.toml")
	if err != nil {
		panic(err)
	}
	http.ListenAndServe(os.Args[2], host.Handler(os.Args[1], cfg.Headers))
}
