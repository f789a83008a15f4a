package errwrap

import (
	"go/ast"
	"go/token"
	"strconv"
	"unicode/utf8"
)

// A directive is one formatting directive of a printf format string, such
// as "%+v" or "%[2]s".
type directive struct {
	start, end int  // byte offsets of the directive ("%" to verb, inclusive) in the format value
	verb       rune // the verb, such as 'v'
	verbOffset int  // byte offset of the verb in the format value
	plus       bool // '+' flag
	sharp      bool // '#' flag
	arg        int  // index of the operand the verb formats, 0-based among the operands
}

// parseFormat parses a printf format string and maps each directive to the
// operand it formats, following fmt's rules for flags, width, precision,
// '*' and explicit argument indexes ("%[2]v"). nargs is the number of
// operands after the format. It reports ok=false for a format that fmt
// itself would reject (a bad index, a missing operand, an unterminated
// directive): there the mapping from verbs to operands cannot be trusted.
func parseFormat(format string, nargs int) (dirs []directive, ok bool) {
	argNum := 0
	for i := 0; i < len(format); {
		if format[i] != '%' {
			i++
			continue
		}
		d := directive{start: i}
		i++
		// Flags.
	flags:
		for i < len(format) {
			switch format[i] {
			case '+':
				d.plus = true
			case '#':
				d.sharp = true
			case '-', ' ', '0':
			default:
				break flags
			}
			i++
		}
		// argIndex parses an optional "[n]" at i.
		argIndex := func() bool {
			if i >= len(format) || format[i] != '[' {
				return true
			}
			j := i + 1
			for j < len(format) && format[j] != ']' {
				j++
			}
			if j >= len(format) {
				return false
			}
			n, err := strconv.Atoi(format[i+1 : j])
			if err != nil || n < 1 || n > nargs {
				return false
			}
			argNum = n - 1
			i = j + 1
			return true
		}
		// star consumes a '*' width or precision operand.
		star := func() bool {
			if i < len(format) && format[i] == '*' {
				if argNum >= nargs {
					return false
				}
				argNum++
				i++
			}
			return true
		}
		digits := func() {
			for i < len(format) && '0' <= format[i] && format[i] <= '9' {
				i++
			}
		}
		// Width.
		if !argIndex() || !star() {
			return nil, false
		}
		digits()
		// Precision.
		if i < len(format) && format[i] == '.' {
			i++
			if !argIndex() || !star() {
				return nil, false
			}
			digits()
		}
		if !argIndex() {
			return nil, false
		}
		if i >= len(format) {
			return nil, false // "%" at the end
		}
		verb, size := utf8.DecodeRuneInString(format[i:])
		d.verb, d.verbOffset = verb, i
		i += size
		d.end = i
		if verb == '%' {
			continue // "%%" formats no operand
		}
		if argNum >= nargs {
			return nil, false // missing operand: fmt prints %!v(MISSING)
		}
		d.arg = argNum
		argNum++
		dirs = append(dirs, d)
	}
	return dirs, true
}

// literalOffsets maps each byte offset of the value of the string literal
// lit to the source position of the character that produced it. The map
// has one more entry, for the end of the value. It returns nil when lit is
// not a string literal or holds carriage returns in a raw string (which the
// compiler drops).
func literalOffsets(lit *ast.BasicLit) []token.Pos {
	if lit == nil || lit.Kind != token.STRING || len(lit.Value) < 2 {
		return nil
	}
	body := lit.Value[1 : len(lit.Value)-1]
	start := lit.ValuePos + 1
	var out []token.Pos
	if lit.Value[0] == '`' {
		for i := 0; i <= len(body); i++ {
			if i < len(body) && body[i] == '\r' {
				return nil
			}
			out = append(out, start+token.Pos(i))
		}
		return out
	}
	rest := body
	for len(rest) > 0 {
		at := start + token.Pos(len(body)-len(rest))
		value, multibyte, tail, err := strconv.UnquoteChar(rest, '"')
		if err != nil {
			return nil
		}
		n := 1
		if multibyte {
			n = utf8.RuneLen(value)
			if n < 0 {
				return nil
			}
		}
		for range n {
			out = append(out, at)
		}
		rest = tail
	}
	return append(out, start+token.Pos(len(body)))
}
