package push

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/artifact"
)

// RulesfileMeta is what a rules file declares about its needs.
type RulesfileMeta struct {
	Requirements []artifact.Requirement // engine_version_semver from required_engine_version
	Dependencies []artifact.Dependency  // from required_plugin_versions
}

// ParseRulesfileMeta reads required_engine_version and required_plugin_versions from a Falco rules
// file, as falcoctl does on push: an integer engine version N becomes 0.N.0, a string must be a strict
// semver; plugin versions become dependencies with their alternatives. name is used in errors.
func ParseRulesfileMeta(name string, data []byte) (RulesfileMeta, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return RulesfileMeta{}, fmt.Errorf("parse rules file %s: %w", name, err)
	}
	var meta RulesfileMeta
	if len(doc.Content) == 0 {
		return meta, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.SequenceNode {
		return meta, fmt.Errorf("parse rules file %s:%d: top level must be a list", name, root.Line)
	}
	var engine *artifact.Requirement
	var engineVer string
	deps := map[string]artifact.Dependency{}
	var order []string
	for _, item := range root.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(item.Content); i += 2 {
			key, val := item.Content[i], item.Content[i+1]
			switch key.Value {
			case "required_engine_version":
				v, err := engineVersion(name, val)
				if err != nil {
					return meta, err
				}
				if engine == nil || newer(v, engineVer) {
					engine = &artifact.Requirement{Name: artifact.ReqEngineVersionSemver, Version: v}
					engineVer = v
				}
			case "required_plugin_versions":
				if val.Kind != yaml.SequenceNode {
					return meta, fmt.Errorf("parse rules file %s:%d: required_plugin_versions must be a list", name, val.Line)
				}
				for _, p := range val.Content {
					var d artifact.Dependency
					if err := p.Decode(&d); err != nil {
						return meta, fmt.Errorf("parse rules file %s:%d: required_plugin_versions: %w", name, p.Line, err)
					}
					if d.Name == "" || d.Version == "" {
						return meta, fmt.Errorf("parse rules file %s:%d: required_plugin_versions entry needs name and version", name, p.Line)
					}
					if old, ok := deps[d.Name]; ok {
						if newer(d.Version, old.Version) {
							deps[d.Name] = d
						}
						continue
					}
					deps[d.Name] = d
					order = append(order, d.Name)
				}
			}
		}
	}
	if engine != nil {
		meta.Requirements = []artifact.Requirement{*engine}
	}
	for _, n := range order {
		meta.Dependencies = append(meta.Dependencies, deps[n])
	}
	return meta, nil
}

func engineVersion(name string, val *yaml.Node) (string, error) {
	if val.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("parse rules file %s:%d: required_engine_version must be a number or a version", name, val.Line)
	}
	if val.Tag == "!!int" {
		n, err := strconv.ParseUint(val.Value, 10, 32)
		if err != nil {
			return "", fmt.Errorf("parse rules file %s:%d: required_engine_version %q: %w", name, val.Line, val.Value, err)
		}
		return fmt.Sprintf("0.%d.0", n), nil
	}
	if _, err := artifact.ParseStrictVersion(val.Value); err != nil {
		return "", fmt.Errorf("parse rules file %s:%d: required_engine_version: %w", name, val.Line, err)
	}
	return val.Value, nil
}

func newer(a, b string) bool {
	va, errA := artifact.ParseVersion(a)
	vb, errB := artifact.ParseVersion(b)
	if errA != nil || errB != nil {
		return false
	}
	return va.GreaterThan(vb)
}
