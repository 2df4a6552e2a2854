package index

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/config"
)

// Files where falcoctl keeps its indexes: the system configuration (key indexes) and the per-user
// list written by `falcoctl index add` (key configs), under the user's home directory.
const (
	FalcoctlConfigFile = "/etc/falcoctl/falcoctl.yaml"
	FalcoctlListFile   = ".config/falcoctl/indexes.yaml"
)

// FalcoctlImport is an index read from a falcoctl file.
type FalcoctlImport struct {
	config.Index
	File string // where it was read
	Line int
}

// FalcoctlIndexes reads the indexes of a falcoctl file: its configuration (falcoctl.yaml,
// indexes: [{name, url, backend}]) or its index list (indexes.yaml, configs: [{name, url, backend,
// added_timestamp, updated_timestamp}]). Keys are matched case-insensitively, as falcoctl's viper
// does; other keys are ignored. An entry without name or url is an error naming file and line.
func FalcoctlIndexes(file string, data []byte) ([]FalcoctlImport, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse falcoctl file %s: %w", file, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("parse falcoctl file %s:%d: want a mapping with indexes or configs", file, root.Line)
	}
	var out []FalcoctlImport
	found := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := strings.ToLower(root.Content[i].Value), root.Content[i+1]
		if key != "indexes" && key != "configs" {
			continue
		}
		found = true
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			continue
		}
		if val.Kind != yaml.SequenceNode {
			return nil, fmt.Errorf("parse falcoctl file %s:%d: %s must be a list", file, val.Line, key)
		}
		for _, item := range val.Content {
			if item.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("parse falcoctl file %s:%d: %s entry must be a mapping", file, item.Line, key)
			}
			imp := FalcoctlImport{File: file, Line: item.Line}
			for j := 0; j+1 < len(item.Content); j += 2 {
				v := item.Content[j+1]
				var dst *string
				switch strings.ToLower(item.Content[j].Value) {
				case "name":
					dst = &imp.Name
				case "url":
					dst = &imp.URL
				case "backend":
					dst = &imp.Backend
				default:
					continue
				}
				if v.Kind != yaml.ScalarNode {
					return nil, fmt.Errorf("parse falcoctl file %s:%d: field %q must be a string", file, v.Line, item.Content[j].Value)
				}
				*dst = v.Value
			}
			if imp.Name == "" || imp.URL == "" {
				return nil, fmt.Errorf("parse falcoctl file %s:%d: %s entry needs name and url", file, item.Line, key)
			}
			out = append(out, imp)
		}
	}
	if !found {
		return nil, fmt.Errorf("parse falcoctl file %s: no indexes (falcoctl.yaml) or configs (indexes.yaml) key", file)
	}
	return out, nil
}
