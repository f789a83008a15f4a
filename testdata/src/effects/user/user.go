package user

import (
	"sync"

	"effects/lib"
)

type own struct{ n int }

func (o *own) set() { o.n = 1 }

func use(s *lib.Stats, m map[string]bool, wg *sync.WaitGroup, o *own) {
	s.Record("k") // want `effects: writes\(-1.Hits -1.ByKey\[\]\)`
	s.Locked()
	lib.Fill(m, wg, 2)         // want `effects: writes\(0\[\]\) adds\(1\)`
	lib.Generic(s, 1)          // want `effects: writes\(0.Hits\)`
	lib.Generic[string](s, "") // want `effects: writes\(0.Hits\)`
	o.set()                    // want `effects: writes\(-1.n\)`
	f := s.Record
	f("k") // a function value: unknown
}
