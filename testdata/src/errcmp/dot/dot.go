package dot

import (
	. "io"

	"errcmp/lib"
)

func fromLoad() {
	_, err := lib.Load()
	if err == EOF { // want `error compared with io.EOF`
		return
	}
}

func fromRead(r Reader, b []byte) {
	if _, err := r.Read(b); err == EOF {
		return
	}
	if _, err := ReadFull(r, b); err == ErrUnexpectedEOF {
		return
	}
}
