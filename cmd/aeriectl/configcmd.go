package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/aerie-sec/aerie/config"
)

func newConfigCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Inspect the effective configuration",
	}
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the effective configuration (defaults, files and AERIE_* overrides applied)",
		Args:  cobra.NoArgs,
	}
	out := outputFlag(show, "yaml")
	show.RunE = func(*cobra.Command, []string) error {
		if *out == "table" {
			*out = "yaml"
		}
		// Print through YAML so that JSON uses the same snake_case keys as the file.
		doc, err := yaml.Marshal(a.cfg)
		if err != nil {
			return fmt.Errorf("show config: %w", err)
		}
		var m map[string]any
		if err := yaml.Unmarshal(doc, &m); err != nil {
			return fmt.Errorf("show config: %w", err)
		}
		return a.print(*out, m)
	}
	validate := &cobra.Command{
		Use:   "validate",
		Short: "Check the configuration files and environment; exit 1 with file:line on errors",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			// setup already loaded and validated everything; say what that was.
			files, _ := config.Files(a.configFile, a.env)
			read := []string{}
			for _, f := range files {
				if st, err := os.Stat(f); err == nil && !st.IsDir() {
					read = append(read, f)
				}
			}
			if len(read) == 0 {
				a.log.Info("configuration is valid (no configuration file: defaults and AERIE_* variables)", "looked_for", strings.Join(files, ","))
				return nil
			}
			a.log.Info("configuration is valid", "files", strings.Join(read, ","))
			return nil
		},
	}
	cmd.AddCommand(show, validate)
	return cmd
}
