package config_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aerie-sec/aerie/config"
)

func ExampleLoad() {
	dir, _ := os.MkdirTemp("", "aerie-config")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "config.yaml")
	_ = os.WriteFile(file, []byte("log:\n  level: warn\n"), 0o600)

	// The environment beats the file; the file beats the defaults.
	cfg, err := config.Load(file, config.MapEnv{"AERIE_LOG_FORMAT": "json"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Log.Level, cfg.Log.Format)

	_ = os.WriteFile(file, []byte("log:\n  levl: warn\n"), 0o600)
	_, err = config.Load(file, config.MapEnv{})
	fmt.Println(err != nil)
	// Output:
	// warn json
	// true
}
