package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/engine"
	"github.com/aerie-sec/aerie/internal/buildinfo"
)

// versionInfo is the output of `aeriectl version`; its JSON field names are stable.
type versionInfo struct {
	buildinfo.Info   `yaml:",inline"`
	EngineVersion    string `json:"engine_version" yaml:"engine_version"`
	PluginAPIVersion string `json:"plugin_api_version" yaml:"plugin_api_version"`
}

func (v versionInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Version:            %s\n", v.Version)
	fmt.Fprintf(&b, "Commit:             %s\n", v.Commit)
	if v.Date != "" {
		fmt.Fprintf(&b, "Built:              %s\n", v.Date)
	}
	fmt.Fprintf(&b, "Go version:         %s\n", v.GoVersion)
	fmt.Fprintf(&b, "Platform:           %s\n", v.Platform)
	fmt.Fprintf(&b, "Engine version:     %s\n", v.EngineVersion)
	fmt.Fprintf(&b, "Plugin API version: %s\n", v.PluginAPIVersion)
	return b.String()
}

func newVersionCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print aeriectl's version and the Falco engine and plugin API versions it implements",
		Args:  cobra.NoArgs,
	}
	out := outputFlag(cmd, "table")
	cmd.RunE = func(*cobra.Command, []string) error {
		return a.print(*out, versionInfo{Info: buildinfo.Get(), EngineVersion: engine.EngineVersion, PluginAPIVersion: engine.PluginAPIVersion})
	}
	return cmd
}
