// Package goplsbuild builds a gopls with prodvet's analyzers compiled in,
// from the Go module proxy alone.
//
// gopls cannot load plugins (golang/go#59869), but its analyzers are one
// list, settings.AllAnalyzers. Build copies gopls's module source out of
// the read-only module cache, checks that its settings package still has
// the shape the added file relies on, adds that file (which appends
// goplsext.Analyzers to the list), pins every module gopls requires to the
// version gopls requires (gopls uses x/tools internals: if prodvet's newer
// x/tools were selected, gopls would not compile), builds, and runs the
// result once, so that a bad binary fails the build rather than the editor.
package goplsbuild

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/version"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// DefaultGopls is the gopls version built unless another is asked for: the
// newest that builds with prodvet's Go (go.mod's go line).
const DefaultGopls = "v0.23.0"

// Tested are the gopls versions prodvet's tests have built and run. Others
// are built if their source has the expected shape, with a warning.
var Tested = []string{"v0.23.0", "v0.24.0"}

// ProdvetModule is prodvet's module path.
const ProdvetModule = "github.com/prodvet/prodvet"

const goplsModule = "golang.org/x/tools/gopls"

// Config says what to build.
type Config struct {
	// Gopls is the gopls version, such as v0.23.0.
	Gopls string
	// ProdvetDir is a directory holding prodvet's source, used in place of
	// a version from the proxy; ProdvetVersion is that version otherwise.
	ProdvetDir     string
	ProdvetVersion string
	// Output is the path of the gopls binary to write.
	Output string
	// WorkDir, if set, keeps the patched gopls source there (it must not
	// exist yet); otherwise a temporary directory is used and removed.
	WorkDir string
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Env is the go command's environment; nil means os.Environ().
	Env []string
}

// UnsupportedError says that a gopls version cannot be built as asked:
// its source has changed shape, or it needs a newer Go.
type UnsupportedError struct {
	Gopls  string
	Reason string
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("gopls %s cannot be built with prodvet: %s", e.Gopls, e.Reason)
}

// Build builds the gopls of cfg and returns what its "gopls version"
// printed.
func Build(ctx context.Context, cfg Config) (string, error) {
	b := &builder{cfg: cfg, log: cfg.Log}
	if b.log == nil {
		b.log = io.Discard
	}
	if b.cfg.Env == nil {
		b.cfg.Env = os.Environ()
	}
	if cfg.Gopls == "" {
		b.cfg.Gopls = DefaultGopls
	}
	if (cfg.ProdvetDir == "") == (cfg.ProdvetVersion == "") {
		return "", errors.New("goplsbuild: set exactly one of ProdvetDir and ProdvetVersion")
	}
	if cfg.ProdvetDir != "" {
		dir, err := filepath.Abs(cfg.ProdvetDir)
		if err != nil {
			return "", err
		}
		if err := CheckProdvetDir(dir); err != nil {
			return "", err
		}
		b.cfg.ProdvetDir = dir
	}
	out, err := filepath.Abs(cfg.Output)
	if err != nil {
		return "", err
	}
	b.cfg.Output = out
	return b.build(ctx)
}

type builder struct {
	cfg Config
	log io.Writer
}

func (b *builder) build(ctx context.Context) (string, error) {
	src, err := b.download(ctx)
	if err != nil {
		return "", err
	}
	if err := CheckShape(filepath.Join(src, "internal", "settings")); err != nil {
		return "", &UnsupportedError{Gopls: b.cfg.Gopls, Reason: err.Error() + " (tested versions: " + strings.Join(Tested, ", ") + ")"}
	}

	work := b.cfg.WorkDir
	if work == "" {
		tmp, err := os.MkdirTemp("", "prodvet-gopls-")
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(tmp)
		work = filepath.Join(tmp, "gopls")
	} else if _, err := os.Stat(work); err == nil {
		return "", fmt.Errorf("work directory %s exists; give a new one", work)
	}
	fmt.Fprintf(b.log, "copying its source to %s\n", work)
	if err := os.CopyFS(work, os.DirFS(src)); err != nil {
		return "", fmt.Errorf("copying gopls's source: %w", err)
	}
	if err := os.WriteFile(filepath.Join(work, "internal", "settings", AddedFile), []byte(addedSource), 0o644); err != nil {
		return "", err
	}
	if err := b.editGoMod(ctx, work); err != nil {
		return "", err
	}

	fmt.Fprintln(b.log, "building (a few minutes the first time)")
	bin := filepath.Join(filepath.Dir(work), "gopls.bin")
	ver := b.cfg.Gopls + "+prodvet." + b.prodvetLabel()
	if _, err := b.goCmd(ctx, work, "build", "-ldflags=-X=main.version="+ver, "-o", bin, "."); err != nil {
		return "", fmt.Errorf("building gopls %s with prodvet: %w", b.cfg.Gopls, err)
	}
	// Run it once: the added file checks for name clashes and bad options
	// at start-up, and that must fail here, not in an editor.
	cmd := exec.CommandContext(ctx, bin, "version")
	cmd.Env = b.cfg.Env
	line, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("the built gopls does not start: %v\n%s", err, line)
	}
	if err := install(bin, b.cfg.Output); err != nil {
		return "", err
	}
	return strings.TrimSpace(string(line)), nil
}

func tested(v string) bool {
	for _, t := range Tested {
		if t == v {
			return true
		}
	}
	return false
}

func (b *builder) prodvetLabel() string {
	if b.cfg.ProdvetVersion != "" {
		return b.cfg.ProdvetVersion
	}
	return "devel"
}

// download checks that the go command can build gopls's version, fetches
// its module into the module cache and returns its directory there
// (read-only).
func (b *builder) download(ctx context.Context) (string, error) {
	tmp, err := os.MkdirTemp("", "prodvet-gopls-dl-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	mod, err := b.goList(ctx, tmp, b.cfg.Gopls)
	if err != nil {
		return "", err
	}
	b.cfg.Gopls = mod.Version // "latest" and queries resolved
	if !tested(b.cfg.Gopls) {
		fmt.Fprintf(b.log, "warning: gopls %s is not one prodvet has tested (%s); building it anyway\n", b.cfg.Gopls, strings.Join(Tested, ", "))
	}
	fmt.Fprintf(b.log, "downloading gopls %s\n", b.cfg.Gopls)
	if err := b.checkGo(ctx, tmp, mod.GoMod); err != nil {
		return "", err
	}
	out, err := b.goCmd(ctx, tmp, "mod", "download", "-json", goplsModule+"@"+b.cfg.Gopls)
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr != nil && err == nil {
		err = jerr
	}
	if info.Error != "" {
		return "", fmt.Errorf("downloading gopls %s: %s", b.cfg.Gopls, info.Error)
	}
	if err != nil {
		return "", fmt.Errorf("downloading gopls %s: %w", b.cfg.Gopls, err)
	}
	return info.Dir, nil
}

type listed struct {
	Version, GoMod string
	Error          *struct{ Err string }
}

// goList resolves a gopls version and fetches only its go.mod.
func (b *builder) goList(ctx context.Context, dir, v string) (*listed, error) {
	out, err := b.goCmd(ctx, dir, "list", "-m", "-json", goplsModule+"@"+v)
	if err != nil {
		return nil, fmt.Errorf("gopls %s: %w", v, err)
	}
	var mod listed
	if err := json.Unmarshal(out, &mod); err != nil {
		return nil, fmt.Errorf("gopls %s: %w", v, err)
	}
	if mod.Error != nil {
		return nil, fmt.Errorf("gopls %s: %s", v, mod.Error.Err)
	}
	return &mod, nil
}

// checkGo turns "this Go is too old" into a message that says what to do.
// Where GOTOOLCHAIN allows switching, the go command fetches the newer Go
// from the module proxy by itself.
func (b *builder) checkGo(ctx context.Context, dir, goMod string) error {
	data, err := os.ReadFile(goMod)
	if err != nil {
		return err
	}
	f, err := modfile.ParseLax(goMod, data, nil)
	if err != nil {
		return err
	}
	if f.Go == nil {
		return nil
	}
	out, err := b.goCmd(ctx, dir, "env", "GOVERSION", "GOTOOLCHAIN")
	if err != nil {
		return err
	}
	env := strings.Fields(string(out))
	if len(env) != 2 {
		return fmt.Errorf("go env GOVERSION GOTOOLCHAIN printed %q", out)
	}
	have, toolchain := env[0], env[1]
	need := "go" + f.Go.Version
	if version.Compare(need, have) <= 0 {
		return nil
	}
	if toolchain != "local" && !strings.HasSuffix(toolchain, "+path") {
		fmt.Fprintf(b.log, "gopls %s needs Go %s; GOTOOLCHAIN=%s lets the go command fetch it\n", b.cfg.Gopls, f.Go.Version, toolchain)
		return nil
	}
	return &UnsupportedError{Gopls: b.cfg.Gopls, Reason: fmt.Sprintf(
		"it needs Go %s or later, and this go command is %s with GOTOOLCHAIN=%s, which keeps it from fetching one. "+
			"Re-run with GOTOOLCHAIN=%s (or a later release; the go command downloads it from the module proxy), "+
			"or build gopls %s, which needs only the Go that prodvet needs", f.Go.Version, have, toolchain, need, DefaultGopls)}
}

// editGoMod makes the copy require prodvet and pins every module gopls
// requires to gopls's own version of it.
func (b *builder) editGoMod(ctx context.Context, work string) error {
	pins, err := Pins(filepath.Join(work, "go.mod"))
	if err != nil {
		return err
	}
	args := []string{"mod", "edit"}
	for _, p := range pins {
		args = append(args, "-replace="+p.Path+"="+p.Path+"@"+p.Version)
	}
	if b.cfg.ProdvetDir != "" {
		args = append(args, "-require="+ProdvetModule+"@v0.0.0", "-replace="+ProdvetModule+"="+b.cfg.ProdvetDir)
	} else {
		args = append(args, "-require="+ProdvetModule+"@"+b.cfg.ProdvetVersion)
	}
	_, err = b.goCmd(ctx, work, args...)
	return err
}

// A Pin is a module and the exact version gopls was released with.
type Pin struct{ Path, Version string }

// Pins returns every module gopls's go.mod requires, with its version, so
// that a build with prodvet selects exactly gopls's versions. prodvet must
// compile against them: .ci/run tests that for the default gopls.
func Pins(goMod string) ([]Pin, error) {
	data, err := os.ReadFile(goMod)
	if err != nil {
		return nil, err
	}
	f, err := modfile.ParseLax(goMod, data, nil)
	if err != nil {
		return nil, err
	}
	var pins []Pin
	for _, r := range f.Require {
		pins = append(pins, Pin{r.Mod.Path, r.Mod.Version})
	}
	return pins, nil
}

// CheckProdvetDir checks that dir holds prodvet's module.
func CheckProdvetDir(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return fmt.Errorf("prodvet source: %w", err)
	}
	if p := modfile.ModulePath(data); p != ProdvetModule {
		return fmt.Errorf("prodvet source: %s holds module %q, not %s", dir, p, ProdvetModule)
	}
	return nil
}

// goCmd runs the go command in dir with modules on, no workspace, and
// go.mod and go.sum updated as needed (the copy's, never the user's).
func (b *builder) goCmd(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, b.cfg.Env...), "GOWORK=off", "GO111MODULE=on", "GOFLAGS=-mod=mod")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return stdout.Bytes(), fmt.Errorf("go %s: %s", args[0], msg)
	}
	return stdout.Bytes(), nil
}

// install moves bin to out, copying where a rename cannot cross devices.
func install(bin, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.Rename(bin, out); err == nil {
		return nil
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, data, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

// PinnedGoMod returns the go.mod prodvetGoMod with every module that gopls
// version v requires replaced by gopls's version of it: the module versions
// prodvet is compiled against inside that gopls. Testing prodvet with it
// (go test -modfile) keeps prodvet building for the gopls it supports.
func PinnedGoMod(ctx context.Context, env []string, v string, prodvetGoMod []byte) ([]byte, error) {
	b := &builder{cfg: Config{Gopls: v, Env: env}, log: io.Discard}
	if b.cfg.Env == nil {
		b.cfg.Env = os.Environ()
	}
	tmp, err := os.MkdirTemp("", "prodvet-gopls-pins-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	mod, err := b.goList(ctx, tmp, v)
	if err != nil {
		return nil, err
	}
	pins, err := Pins(mod.GoMod)
	if err != nil {
		return nil, err
	}
	f, err := modfile.Parse("go.mod", prodvetGoMod, nil)
	if err != nil {
		return nil, err
	}
	for _, p := range pins {
		if err := f.AddReplace(p.Path, "", p.Path, p.Version); err != nil {
			return nil, err
		}
	}
	return f.Format()
}
