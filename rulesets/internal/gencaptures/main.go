// Command gencaptures writes the test captures of Aerie's default rules into a directory
// (default testdata): one per rule scenario, and benign.scap.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aerie-sec/aerie/rulesets/internal/scenario"
)

func main() {
	dir := flag.String("dir", "testdata", "output directory")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gencaptures:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	write := func(name string, b []byte, err error) error {
		if err != nil {
			return fmt.Errorf("build %s: %w", name, err)
		}
		return os.WriteFile(filepath.Join(dir, name+".scap"), b, 0o644)
	}
	for _, s := range scenario.All() {
		b, err := s.Build()
		if err := write(s.Name, b, err); err != nil {
			return err
		}
	}
	b, err := scenario.BuildBenign()
	return write(scenario.BenignName, b, err)
}
