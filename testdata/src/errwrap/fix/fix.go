package fix

import (
	"errors"
	"fmt"
)

var ErrClosed = errors.New("closed")

func verbs(err error) []error {
	return []error{
		fmt.Errorf("read: %v", err),                  // want `with %v`
		fmt.Errorf("read: %s", err),                  // want `with %s`
		fmt.Errorf("read: %+v", err),                 // want `with %\+v`
		fmt.Errorf("read: %s", err.Error()),          // want `text of the error err`
		fmt.Errorf("read: %v", (err).Error()),        // want `text of the error \(err\)`
		fmt.Errorf("read: %q", err),                  // want `with %q`
		fmt.Errorf("read %d: %[1]v", 7, err),         // nothing: %[1]v is the int
		fmt.Errorf("read %[2]v: %[1]d", 7, err),      // want `with %\[2\]v`
		fmt.Errorf(`raw: %v`, err),                   // want `with %v`
		fmt.Errorf("read: %\x76", err),               // want `with %v`
		fmt.Errorf("read: "+"%v", err),               // want `with %v`
		fmt.Errorf("%v; %v", err, ErrClosed),         // want `the errors err and ErrClosed with %v`
		fmt.Errorf("%v; %s", err, ErrClosed.Error()), // want `the errors err with %v and the text of ErrClosed with %s`
		fmt.Errorf("%q; %v", err, ErrClosed),         // want `the errors err with %q and ErrClosed with %v`
	}
}

type QueryError struct { // want `error type QueryError holds its cause in field Err`
	Query string
	Err   error
}

func (qe *QueryError) Error() string { return qe.Query + ": " + qe.Err.Error() }

type valueErr struct { // Error does not show the cause: not reported
	cause error
}

// Error is on the value.
func (valueErr) Error() string { return "value" }

func (v valueErr) String() string { return v.cause.Error() }

type shown struct { // want `holds its cause in field cause`
	cause error
}

func (s shown) Error() string { return "shown: " + s.cause.Error() }

type ptrCause struct { // want `holds its cause in field inner`
	inner *QueryError
}

func (p *ptrCause) Error() string { return p.inner.Error() }

type (
	temporary struct { // Error is promoted from the embedded cause: not reported
		error
	}
	other int
)

func (temporary) Temporary() bool { return true }

type Generic[K comparable, V any] struct { // want `holds its cause in field Err`
	Key K
	Err error
}

func (g *Generic[K, V]) Error() string { return fmt.Sprint(g.Key, g.Err) }

type two struct { // want `holds its cause in fields a, b`
	a, b error
}

func (t *two) Error() string { return t.a.Error() + t.b.Error() }
