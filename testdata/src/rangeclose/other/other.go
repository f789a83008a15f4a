// Package other stands for code in another package that may close a
// channel it is given.
package other

// Consume may close ch: the analyzer does not look into other packages.
func Consume(ch chan int) {
	for range ch {
	}
}

// Closer closes channels.
type Closer interface{ Close(ch chan int) }
