// Package gclplugin registers prodvet as a golangci-lint v2 module plugin.
//
// It lives outside analyzers/ so that importing the analyzers never pulls
// in the plugin machinery. A .golangci.yml enables it with:
//
//	linters:
//	  enable: [prodvet]
//	  settings:
//	    custom:
//	      prodvet:
//	        type: module
//	        description: production anti-patterns
//	        settings:
//	          enable: [default, httptimeout] # the default set and an opt-in analyzer
//	          disable: [selectspin]
//	          httptimeout:                 # options, as the CLI's -httptimeout.client-timeout
//	            client-timeout: 10s
//
// golangci-lint lower-cases every key; analyzer and option names are
// lowercase already. enable and disable follow analyzers.Select, as the
// CLI's -enable and -disable do: names in any case, disable wins, no enable
// list means the default set ("default" in the list stands for it, "all"
// for every analyzer, opt-in ones included).
package gclplugin

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/prodvet/prodvet/analyzers"
	"github.com/prodvet/prodvet/internal/report"
)

func init() {
	register.Plugin(report.SuiteName, New)
}

// Plugin is one configuration of prodvet inside golangci-lint.
type Plugin struct {
	analyzers []*analysis.Analyzer
}

// New decodes the plugin's settings and builds fresh analyzers for them, so
// two configurations never share options.
func New(settings any) (register.LinterPlugin, error) {
	raw := map[string]json.RawMessage{}
	if settings != nil {
		var err error
		raw, err = register.DecodeSettings[map[string]json.RawMessage](settings)
		if err != nil {
			return nil, fmt.Errorf("prodvet: %w", err)
		}
	}
	suite := analyzers.Suite()
	var names []string
	for _, a := range suite {
		names = append(names, a.Name)
	}

	var enable, disable []string
	for key, value := range raw {
		switch k := strings.ToLower(key); k {
		case "enable", "disable":
			var list []string
			if err := json.Unmarshal(value, &list); err != nil {
				return nil, fmt.Errorf("prodvet: settings.%s must be a list of analyzer names: %w", k, err)
			}
			if k == "enable" {
				enable = list
			} else {
				disable = list
			}
		default:
			a := analyzers.Lookup(suite, k)
			if a == nil {
				return nil, fmt.Errorf("prodvet: unknown setting %q; valid settings: enable, disable, and one options block per analyzer: %s", key, strings.Join(names, ", "))
			}
			if err := setOptions(a, value); err != nil {
				return nil, err
			}
		}
	}

	// The CLI's -enable and -disable follow the same rule.
	selected, err := analyzers.Select(suite, enable, disable)
	if u, ok := errors.AsType[*analyzers.UnknownAnalyzerError](err); ok {
		u.List = "settings." + u.List
		return nil, fmt.Errorf("prodvet: %w", u)
	}
	if errors.Is(err, analyzers.ErrNoneSelected) {
		return nil, fmt.Errorf("prodvet: settings.enable and settings.disable leave no analyzer to run")
	}
	if err != nil {
		return nil, fmt.Errorf("prodvet: %w", err)
	}
	return &Plugin{analyzers: selected}, nil
}

// setOptions sets an analyzer's options from its settings block, through
// the same flags the CLI exposes as -NAME.OPTION.
func setOptions(a *analysis.Analyzer, value json.RawMessage) error {
	var opts map[string]any
	if err := json.Unmarshal(value, &opts); err != nil {
		return fmt.Errorf("prodvet: settings.%s must be a map of options: %w", a.Name, err)
	}
	var valid []string
	a.Flags.VisitAll(func(f *flag.Flag) { valid = append(valid, f.Name) })
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := strings.ToLower(k)
		if a.Flags.Lookup(name) == nil {
			list := "none"
			if len(valid) > 0 {
				list = strings.Join(valid, ", ")
			}
			return fmt.Errorf("prodvet: unknown option %q for analyzer %s; valid options: %s", k, a.Name, list)
		}
		if err := a.Flags.Set(name, fmt.Sprint(opts[k])); err != nil {
			return fmt.Errorf("prodvet: option %s.%s: %w", a.Name, name, err)
		}
	}
	return nil
}

// BuildAnalyzers returns the analyzers of this configuration.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks golangci-lint for type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
