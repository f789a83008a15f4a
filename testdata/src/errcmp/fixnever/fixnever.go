package fixnever

import (
	"fmt"
	"io/fs"
	"os"
)

func load(name string) error {
	if _, err := os.Stat(name); err != nil {
		return fmt.Errorf("load %s: %w", name, err)
	}
	return nil
}

func missing(name string) string {
	err := load(name)
	if pe, ok := err.(*fs.PathError); ok { // want `type assertion to \*fs.PathError can never succeed`
		return pe.Path
	}
	return ""
}
