// Command pinmod writes, for each gopls version prodvet-gopls is tested
// with, a copy of prodvet's go.mod (and go.sum) with gopls's module
// versions pinned, and prints the go.mod paths. .ci/run builds and tests
// prodvet with each (go test -modfile=PATH), so that prodvet keeps
// compiling against the x/tools of the gopls it supports.
//
// Run it from the repository root: go run ./internal/goplsbuild/pinmod -dir DIR
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/prodvet/prodvet/internal/goplsbuild"
)

func main() {
	dir := flag.String("dir", "", "write the go.mod files into `dir`")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	goMod, err := os.ReadFile("go.mod")
	if err != nil {
		log.Fatal(err)
	}
	goSum, err := os.ReadFile("go.sum")
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range goplsbuild.Tested {
		pinned, err := goplsbuild.PinnedGoMod(context.Background(), nil, v, goMod)
		if err != nil {
			log.Fatal(err)
		}
		path := filepath.Join(*dir, "gopls-"+v+".mod")
		if err := os.WriteFile(path, pinned, 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*dir, "gopls-"+v+".sum"), goSum, 0o644); err != nil {
			log.Fatal(err)
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(abs)
	}
}
