// Package bench is prodvet's benchmark and precision harness: the Go
// benchmarks of each analyzer (go test -bench . ./bench), and, beside them,
// the scripts that measure prodvet against go vet and staticcheck on a corpus
// of real modules, record its findings there and check its fixes. See
// README.md in this directory.
package bench
