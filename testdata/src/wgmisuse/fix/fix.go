package fix

import "sync"

func process(int)         {}
func charge(int) error    { return nil }
func closeConn(int) error { return nil }

func addFirst(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()
}

type server struct{ wg sync.WaitGroup }

func (s *server) addAfterDefer(items []int) {
	for _, it := range items {
		go func() {
			defer s.wg.Done()
			s.wg.Add(1) // want `s.wg.Add is called inside the goroutine it counts`
			process(it)
		}()
	}
	s.wg.Wait()
}

// Not first: the Add runs only on some paths, no fix.
func addConditional(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			if it < 0 {
				return
			}
			wg.Add(1) // want `wg.Add is called inside a goroutine`
			go func() {
				defer wg.Done()
				process(it)
			}()
		}()
	}
	wg.Wait()
}

func addAfterGo(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			defer wg.Done()
			process(it)
		}()
		wg.Add(1) // want `wg.Add runs after the go statement it counts for`
	}
	wg.Wait()
}

func trailingDone(orders []int) {
	var wg sync.WaitGroup
	for _, o := range orders {
		wg.Add(1)
		go func() {
			if err := charge(o); err != nil {
				return // want `this return ends the goroutine without calling wg.Done`
			}
			process(o)
			wg.Done()
		}()
	}
	wg.Wait()
}

func worker(wg *sync.WaitGroup, jobs []int) {
	for _, j := range jobs {
		if j < 0 {
			return // want `this return ends the goroutine without calling wg.Done`
		}
		process(j)
	}
	wg.Done()
}

func startWorker(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(&wg, jobs)
	wg.Wait()
}

// Another defer: moving Done would change the order of deferred calls.
func otherDefer(wg *sync.WaitGroup, c int) {
	wg.Add(1)
	go func() {
		defer closeConn(c)
		if charge(c) != nil {
			return // want `this return ends the goroutine without calling wg.Done`
		}
		wg.Done()
	}()
}

// Done on the early path too, and at the end: two Dones, no fix.
func twoDones(wg *sync.WaitGroup, c int) {
	wg.Add(1)
	go func() {
		if charge(c) != nil {
			wg.Done()
			return
		}
		if c > 1 {
			return // want `this return ends the goroutine without calling wg.Done`
		}
		wg.Done()
	}()
}
