package runner

import (
	"crypto/sha256"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// ExecutableSalt identifies the running program's build, for Config.Salt:
// a new build of it never reads an older one's results.
func ExecutableSalt() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return buildSalt(exe)
}

// buildSalt identifies a build of a program and the Go release it was
// built with: by the Go build ID the linker wrote into the executable,
// which changes with its content and is read without reading the whole
// file, or, for an executable without one, by the hash of its content, as
// the go command identifies a vet tool.
func buildSalt(exe string) ([]byte, error) {
	if id := goBuildID(exe); id != "" {
		return fmt.Appendf(nil, "build ID %s %s", id, runtime.Version()), nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return fmt.Appendf(h.Sum(nil), " %s", runtime.Version()), nil
}

// goBuildID returns the build ID the Go linker wrote into the
// .note.go.buildid section of an ELF executable (what "go tool buildid"
// prints), or "" if exe is not such an executable. Reading it costs a
// fraction of a millisecond; hashing the executable costs tens.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	data, err := s.Data()
	if err != nil || len(data) < 12 {
		return ""
	}
	// An ELF note: name size, description size, type, then the name and
	// the description, each padded to 4 bytes.
	const goBuildIDNote = 4
	bo := f.ByteOrder
	nameSize, descSize, typ := uint64(bo.Uint32(data)), uint64(bo.Uint32(data[4:])), bo.Uint32(data[8:])
	descAt := 12 + (nameSize+3)&^3
	if typ != goBuildIDNote || descAt+descSize > uint64(len(data)) ||
		strings.TrimRight(string(data[12:12+nameSize]), "\x00") != "Go" {
		return ""
	}
	return string(data[descAt : descAt+descSize])
}
