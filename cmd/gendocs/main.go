// Command gendocs writes docs/ from the analyzers' doc.go files.
// Run it with "go generate ./analyzers".
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/docgen"
)

func main() {
	out := flag.String("o", "docs", "output directory")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for name, content := range docgen.Render(analyzers.Suite(), analyzers.OptIn) {
		if err := os.WriteFile(filepath.Join(*out, name), content, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
