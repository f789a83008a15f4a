package go121

type config struct {
	onHello func() error
}

type hookServer struct {
	onClose func()
}

func serve(cfg *config) error { return cfg.onHello() }

// perIterationCallback: the closure is stored in a field of a local
// struct on every iteration and used during the iteration (a test's
// server configuration).
func perIterationCallback(orders []Order) error {
	var cfg config
	for _, o := range orders {
		cfg.onHello = func() error { return ship(o) }
		if err := serve(&cfg); err != nil {
			return err
		}
	}
	return nil
}

// previous: the loop calls the closure of the previous iteration, which
// sees the current o.
func previous(orders []Order) {
	var prev func()
	for _, o := range orders {
		if prev != nil {
			prev()
		}
		prev = func() { ship(o) } // want `function literal stored in prev captures loop variable o`
	}
}

// onReceiver: a conditional store into a field of the receiver survives
// the function.
func (s *hookServer) register(orders []Order) {
	for _, o := range orders {
		if o.ID == 0 {
			s.onClose = func() { ship(o) } // want `function literal stored in s\.onClose captures loop variable o`
		}
	}
}

// conditionalUnused: the local slot is not used after the loop.
func conditionalUnused(orders []Order) {
	var f func()
	for _, o := range orders {
		if o.ID == 0 {
			f = func() { ship(o) }
			f()
		}
	}
}

// threeClause: after the loop, i is past the end.
func threeClauseSlot(n int) func() {
	var last func()
	for i := 0; i < n; i++ {
		last = func() { use(i) } // want `function literal stored in last captures loop variable i`
	}
	return last
}
