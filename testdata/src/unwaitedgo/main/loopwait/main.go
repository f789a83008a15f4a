// Near miss: the waits are in loops after the go statements (the graph
// allows zero iterations; the analyzer does not).
package main

import "fmt"

func process(i int) int { return i * 2 }

func main() {
	results := make(chan int)
	for i := range 10 {
		go func() {
			results <- process(i)
		}()
	}
	sum := 0
	for range 10 {
		sum += <-results
	}
	fmt.Println(sum)

	done := make(chan struct{})
	for i := 0; i < 3; i++ {
		go func() {
			defer func() { done <- struct{}{} }()
			fmt.Println(process(i))
		}()
	}
	for i := 0; i < 3; i++ {
		<-done
	}
}
