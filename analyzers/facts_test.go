package analyzers_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/driver"
)

// TestFactsSerialize checks what every driver that keeps facts between
// processes needs (go vet's unitchecker, Bazel's nogo, golangci-lint's
// cache): each fact type registers with gob and survives a round trip as an
// analysis.Fact, the way those drivers encode them.
func TestFactsSerialize(t *testing.T) {
	for _, a := range driver.Closure(analyzers.Suite()) {
		for _, f := range a.FactTypes {
			name := fmt.Sprintf("%s: %T", a.Name, f)
			gob.Register(f)
			var buf bytes.Buffer
			in := struct{ Fact analysis.Fact }{f}
			if err := gob.NewEncoder(&buf).Encode(&in); err != nil {
				t.Errorf("%s does not gob-encode: %v", name, err)
				continue
			}
			var out struct{ Fact analysis.Fact }
			if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
				t.Errorf("%s does not gob-decode: %v", name, err)
				continue
			}
			if reflect.TypeOf(out.Fact) != reflect.TypeOf(f) {
				t.Errorf("%s decodes as %T", name, out.Fact)
			}
		}
	}
}
