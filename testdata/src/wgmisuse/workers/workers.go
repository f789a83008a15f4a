package workers

import (
	"sync"

	"wgmisuse/workerlib"
	wl "wgmisuse/workerlib"
)

type server struct {
	name string
	wg   sync.WaitGroup
}

// handle adds to the server's WaitGroup in the goroutine it runs in.
func (s *server) handle(job int) {
	s.wg.Add(1)
	defer s.wg.Done()
	_ = job
}

type embedded struct {
	server
}

func positives(jobs []int, s *server) {
	for _, j := range jobs {
		go s.handle(j) // want `s.handle calls Add on s.wg inside the goroutine this statement starts: s.wg.Wait at line \d+ can run first`
	}
	s.wg.Wait()

	var wg sync.WaitGroup
	for _, j := range jobs {
		go workerlib.Work(&wg, j) // want `workerlib.Work calls Add on wg inside the goroutine this statement starts`
	}
	wg.Wait()

	var p wl.Pool
	for _, j := range jobs {
		go p.Run(j) // want `p.Run calls Add on p.WG inside the goroutine`
	}
	p.WG.Wait()

	for _, j := range jobs {
		go (*server).handle(s, j) // want `\(\*server\).handle calls Add on s.wg inside the goroutine`
	}
	s.wg.Wait()

	var e embedded
	for _, j := range jobs {
		go e.handle(j) // want `e.handle calls Add on e.server.wg inside the goroutine`
	}
	e.server.wg.Wait()
}

func nearMisses(jobs []int, s, other *server) {
	for _, j := range jobs {
		go other.handle(j) // adds to other.wg; the Wait is on s.wg
	}
	s.wg.Wait()

	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go workerlib.Done(&wg) // only Done
	}
	wg.Wait()

	var wg2 sync.WaitGroup
	go workerlib.Later(&wg2) // the Add is in a goroutine of Later's own
	wg2.Wait()

	for _, j := range jobs {
		go s.handle(j) // no Wait in this function
	}
}

func stop(s *server) {
	s.wg.Wait() // in another function than the go statements
}

func addedBefore(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(len(jobs)) // the starter adds too: another mistake (Wait never returns), not this rule's
	for _, j := range jobs {
		go workerlib.Work(&wg, j)
	}
	wg.Wait()
}
