package broken

func broken(xs []int) {
	var cur int
	for _, x := range undefined {
		cur = x
		go func() { use(cur, x) }() // want `read cur while the loop writes it`
	}
	for _, y := range xs {
		go func() { missing.Go(y) }()
		g.Go(func() error { return y })
	}
}

func use(...any) {}
