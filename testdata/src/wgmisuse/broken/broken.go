package broken

import "sync"

func undefinedGroup(items []int) {
	for range items {
		go func() {
			wg.Add(1) // undefined: nothing to report
			defer wg.Done()
			missing()
		}()
	}
	wg.Wait()
}

func badReturn(wg *sync.WaitGroup) int {
	go func() {
		if unknown {
			return 1 // want `this return ends the goroutine without calling wg.Done`
		}
		wg.Done()
	}()
	go notDeclared(wg)
	go wg.Nope()
	wg.Add("one")
	wg.Wait()
	return "x"
}

func badAdd() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1, 2)
		wg.Add()
		defer wg.Done()
	}()
	wg.Wait()
}
