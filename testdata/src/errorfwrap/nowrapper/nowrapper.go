package nowrapper // want `imports no wrapper`

import "strings"

// Upper calls no wrapper.
func Upper(s string) string { return strings.ToUpper(s) }
