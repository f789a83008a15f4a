package broken

import "io"

func process([]byte) {}

func broken(r io.Reader, u undefined) error {
	buf := make([]byte, 4)
	n, err := u.Read(buf)
	if err != nil {
		return err
	}
	process(buf[:n])
	x, err := r.Read(missing)
	if err != nil {
		return err
	}
	_ = x
	_, err = r.Read()
	r.Read(buf, buf)
	process(buf)
	var y, z = r.Read
	_, _ = y, z
	return nil
}
