// Command custom-gcl is golangci-lint v2 with the prodvet module plugin
// compiled in. It is what "golangci-lint custom" builds, made from the Go
// module proxy alone (golangci-lint custom clones golangci-lint with git).
//
//	cd gclplugin/custom-gcl
//	go build -ldflags "-X main.version=2.15.0 -X main.date=$(date -u +%F)" -o custom-gcl .
//
// The version is set with -ldflags so that editor integrations, which read
// it to choose between golangci-lint v1 and v2 flags, see v2.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/prodvet/prodvet/gclplugin" // registers the prodvet plugin
)

// Set with -ldflags -X, as golangci-lint's release builds do.
var (
	version = "2.15.0"
	commit  = "prodvet"
	date    = "(unknown)"
)

func main() {
	info := commands.BuildInfo{Version: version, Commit: commit, Date: date, GoVersion: "unknown"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion = bi.GoVersion
	}
	if err := commands.Execute(info); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
