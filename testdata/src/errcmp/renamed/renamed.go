package renamed

import (
	stdctx "context"
	stdio "io"

	lb "errcmp/lib"
)

type alias = lb.NotFoundError

func fromLoad() {
	_, err := lb.Load()
	if err == stdio.EOF { // want `error compared with io.EOF`
		return
	}
	if _, ok := err.(*alias); ok { // want `type assertion to \*lib.NotFoundError can never succeed`
		return
	}
}

func fromRead(r stdio.Reader, b []byte) {
	read := r.Read // a method value
	if _, err := read(b); err == stdio.EOF {
		return
	}
}

func fromCtx(ctx stdctx.Context) bool {
	return ctx.Err() == stdctx.Canceled
}

func generic[T any](err error, v T) bool {
	return err == lb.ErrTimeout // want `error compared with lib.ErrTimeout`
}
