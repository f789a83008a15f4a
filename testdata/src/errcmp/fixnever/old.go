//go:build go1.22

package fixnever

import "io/fs"

func missingOld(name string) string {
	if pe, ok := load(name).(*fs.PathError); ok { // want `type assertion to \*fs.PathError can never succeed`
		return pe.Path
	}
	return ""
}
