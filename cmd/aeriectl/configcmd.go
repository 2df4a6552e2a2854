package main

import (
	"github.com/spf13/cobra"
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
		return a.print(*out, a.cfg)
	}
	validate := &cobra.Command{
		Use:   "validate",
		Short: "Check the configuration files and environment; exit 1 with file:line on errors",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			// setup already loaded and validated everything.
			a.log.Info("configuration is valid")
			return nil
		},
	}
	cmd.AddCommand(show, validate)
	return cmd
}
