package fileignore

// The file-ignore of fileignore.go covers that file only.
func putHere(b []byte) {
	pool.Put(b) // want `Put of a \[\]byte`
}
