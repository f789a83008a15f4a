package fix

import "errcmp/lib"

func noImport(err error) bool {
	return err == lib.ErrNotFound // want `error compared with lib.ErrNotFound`
}

func shadowed(err error) bool {
	errors := 1
	_ = errors
	return err == lib.ErrNotFound // want `error compared with lib.ErrNotFound`
}
