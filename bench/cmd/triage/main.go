// Command triage matches every finding of bench/findings.tsv with a
// judgement in bench/triage.md and counts them, so that a change in the
// findings between versions shows up as findings that no judgement covers.
//
//	triage [-findings bench/findings.tsv] [-triage bench/triage.md] [-src $BENCH/src]
//
// A judgement is a row of a Markdown table in triage.md whose first cell is
// an id (R1, R2, ...):
//
//	| id | module | analyzer | file | line | judgement | why |
//
// module and analyzer are names or *; file is a regular expression (RE2)
// matched against the file's path in the module, line one matched against
// the text of the finding's source line (write \| for a | inside a cell;
// empty matches anything); judgement is "true bug", "real risk" or "false
// alarm". A finding takes the first row that matches. triage prints the
// count of each row, the counts per analyzer and judgement, and the
// findings that no row covers; its exit status is 1 if there are any.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

type rule struct {
	id, module, analyzer string
	file, line           *regexp.Regexp
	judgement, why       string
	n                    int
}

var judgements = []string{"true bug", "real risk", "false alarm"}

func main() {
	findings := flag.String("findings", "bench/findings.tsv", "the findings, as bench/findings.sh writes them")
	triage := flag.String("triage", "bench/triage.md", "the judgements")
	src := flag.String("src", filepath.Join(benchDir(), "src"), "where the corpus modules are laid out")
	flag.Parse()
	unmatched, err := run(*findings, *triage, *src)
	if err != nil {
		fmt.Fprintf(os.Stderr, "triage: %v\n", err)
		os.Exit(2)
	}
	if unmatched > 0 {
		os.Exit(1)
	}
}

// cells splits a Markdown table row at the | that are not escaped.
func cells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	row = strings.TrimSuffix(row, "|")
	var out []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

var idRE = regexp.MustCompile(`^R\d+$`)

func readRules(name string) ([]*rule, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var rules []*rule
	for i, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "|") {
			continue
		}
		c := cells(line)
		if len(c) == 0 || !idRE.MatchString(c[0]) {
			continue
		}
		if len(c) < 7 {
			return nil, fmt.Errorf("%s:%d: a judgement row has 7 cells: id, module, analyzer, file, line, judgement, why", name, i+1)
		}
		r := &rule{id: c[0], module: c[1], analyzer: c[2], judgement: c[5], why: c[6]}
		unquote := func(s string) string { return strings.Trim(s, "`") }
		if r.file, err = regexp.Compile(unquote(c[3])); err != nil {
			return nil, fmt.Errorf("%s:%d: file: %w", name, i+1, err)
		}
		if r.line, err = regexp.Compile(unquote(c[4])); err != nil {
			return nil, fmt.Errorf("%s:%d: line: %w", name, i+1, err)
		}
		if !slices.Contains(judgements, r.judgement) {
			return nil, fmt.Errorf("%s:%d: judgement %q is none of %q", name, i+1, r.judgement, judgements)
		}
		if slices.ContainsFunc(rules, func(o *rule) bool { return o.id == r.id }) {
			return nil, fmt.Errorf("%s:%d: id %s is used twice", name, i+1, r.id)
		}
		rules = append(rules, r)
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s has no judgement rows", name)
	}
	return rules, nil
}

// sourceLine returns line n of a file, cached per file.
type sources map[string][]string

func (s sources) line(name string, n int) string {
	lines, ok := s[name]
	if !ok {
		data, _ := os.ReadFile(name)
		lines = strings.Split(string(data), "\n")
		s[name] = lines
	}
	if n >= 1 && n <= len(lines) {
		return lines[n-1]
	}
	return ""
}

func run(findingsFile, triageFile, src string) (int, error) {
	rules, err := readRules(triageFile)
	if err != nil {
		return 0, err
	}
	f, err := os.Open(findingsFile)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	srcs := sources{}
	byAnalyzer := map[string]map[string]int{} // analyzer -> judgement -> n
	var unmatched []string
	total := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fl := strings.Split(sc.Text(), "\t")
		if len(fl) < 5 {
			continue
		}
		total++
		mod, file, analyzer := fl[0], fl[1], fl[3]
		n, _ := strconv.Atoi(fl[2])
		text := srcs.line(filepath.Join(src, mod, file), n)
		var hit *rule
		for _, r := range rules {
			if (r.module == "*" || r.module == mod) && (r.analyzer == "*" || r.analyzer == analyzer) &&
				r.file.MatchString(file) && r.line.MatchString(text) {
				hit = r
				break
			}
		}
		if hit == nil {
			unmatched = append(unmatched, fmt.Sprintf("%s\t%s:%d\t%s\t%s", mod, file, n, analyzer, strings.TrimSpace(text)))
			continue
		}
		hit.n++
		if byAnalyzer[analyzer] == nil {
			byAnalyzer[analyzer] = map[string]int{}
		}
		byAnalyzer[analyzer][hit.judgement]++
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}

	fmt.Printf("%d findings; %d judged, %d not\n\n", total, total-len(unmatched), len(unmatched))
	fmt.Printf("| analyzer | findings | true bug | real risk | false alarm | precision |\n|---|---:|---:|---:|---:|---:|\n")
	names := make([]string, 0, len(byAnalyzer))
	for a := range byAnalyzer {
		names = append(names, a)
	}
	slices.Sort(names)
	sum := map[string]int{}
	for _, a := range names {
		j := byAnalyzer[a]
		fmt.Printf("| %s | %d | %d | %d | %d | %s |\n", a, j["true bug"]+j["real risk"]+j["false alarm"], j["true bug"], j["real risk"], j["false alarm"], precision(j))
		for k, v := range j {
			sum[k] += v
		}
	}
	fmt.Printf("| all | %d | %d | %d | %d | %s |\n", sum["true bug"]+sum["real risk"]+sum["false alarm"], sum["true bug"], sum["real risk"], sum["false alarm"], precision(sum))
	fmt.Printf("\nfindings per judgement row:\n")
	for _, r := range rules {
		mark := ""
		if r.n == 0 {
			mark = "   (matches nothing now: stale?)"
		}
		fmt.Printf("  %-4s %4d  %-12s %s %s%s\n", r.id, r.n, r.judgement, r.module, r.analyzer, mark)
	}
	if len(unmatched) > 0 {
		fmt.Printf("\nfindings that no judgement in %s covers (judge them):\n", triageFile)
		for _, u := range unmatched {
			fmt.Println("  " + u)
		}
	}
	return len(unmatched), nil
}

// precision is the share of findings that are a true bug or a real risk.
func precision(j map[string]int) string {
	n := j["true bug"] + j["real risk"] + j["false alarm"]
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(j["true bug"]+j["real risk"])/float64(n))
}

// benchDir is where bench/setup.sh lays the corpus out: $BENCH, or
// prodvet-bench in the user cache directory, as bench/env.sh decides.
func benchDir() string {
	if dir := os.Getenv("BENCH"); dir != "" {
		return dir
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "prodvet-bench"
	}
	return filepath.Join(cache, "prodvet-bench")
}
