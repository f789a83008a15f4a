package main

import (
	"debug/elf"
	"strings"
)

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
