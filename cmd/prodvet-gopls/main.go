// Command prodvet-gopls builds a gopls with prodvet's analyzers compiled
// in, so that every LSP editor shows prodvet's findings and quick fixes:
//
//	go run github.com/prodvet/prodvet/cmd/prodvet-gopls@latest -o ~/bin/gopls
//
// It needs only Go and the module proxy. See docs/editors.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/prodvet/prodvet/internal/goplsbuild"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1 // the download or build failed
	exitUsage       = 2 // bad flags
	exitUnsupported = 3 // the gopls version cannot be built with prodvet
)

const usage = `usage: prodvet-gopls [-o file] [-gopls version] [-prodvet dir] [-work dir]

Builds gopls with prodvet's analyzers compiled in, from the Go module proxy.
Point your editor's gopls at the result (docs/editors.md).

Exit codes: 0 built, 1 download or build failed, 2 usage error,
3 the gopls version cannot be built with prodvet (changed source, newer Go).

Flags:
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("prodvet-gopls", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "gopls", "write the gopls binary to `file`")
	gopls := fs.String("gopls", goplsbuild.DefaultGopls, "the gopls `version` to build (tested: "+strings.Join(goplsbuild.Tested, ", ")+")")
	dir := fs.String("prodvet", "", "build prodvet from the source in `dir` (default: this command's own prodvet version, or the checkout it runs in)")
	work := fs.String("work", "", "keep the patched gopls source in `dir`, which must not exist")
	quiet := fs.Bool("q", false, "print only the version line")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "prodvet-gopls: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	cfg := goplsbuild.Config{Gopls: *gopls, Output: *out, WorkDir: *work, Log: stderr}
	if *quiet {
		cfg.Log = nil
	}
	if *dir != "" {
		if err := goplsbuild.CheckProdvetDir(*dir); err != nil {
			fmt.Fprintf(stderr, "prodvet-gopls: -prodvet: %v\n", err)
			return exitUsage
		}
		cfg.ProdvetDir = *dir
	} else if v := ownVersion(); v != "" {
		cfg.ProdvetVersion = v
	} else if d, err := checkout(ctx); err == nil {
		cfg.ProdvetDir = d
	} else {
		fmt.Fprintf(stderr, "prodvet-gopls: this build of prodvet-gopls has no module version and %v: run it from a prodvet checkout, as go run ...@VERSION, or with -prodvet DIR\n", err)
		return exitUsage
	}
	line, err := goplsbuild.Build(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "prodvet-gopls: %v\n", err)
		if _, ok := errors.AsType[*goplsbuild.UnsupportedError](err); ok {
			return exitUnsupported
		}
		return exitFailed
	}
	abs, _ := filepath.Abs(*out)
	if !*quiet {
		fmt.Fprintf(stderr, "wrote %s\n", abs)
	}
	fmt.Fprintln(stdout, line)
	return exitOK
}

// ownVersion is the prodvet version this command was built from, when it
// was built as a module version (go run ...@v1.2.3, go install ...@latest).
func ownVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Path != goplsbuild.ProdvetModule {
		return ""
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return ""
}

// checkout finds the prodvet source the working directory is in.
func checkout(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}")
	cmd.Env = append(os.Environ(), "GOWORK=off")
	b, err := cmd.Output()
	if err != nil {
		return "", errors.New("the working directory is in no module")
	}
	d := strings.TrimSpace(string(b))
	if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err != nil || !strings.Contains(string(data), "module "+goplsbuild.ProdvetModule+"\n") {
		return "", errors.New("the working directory is not in a prodvet checkout")
	}
	return d, nil
}
