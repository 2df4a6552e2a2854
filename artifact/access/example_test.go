package access_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/artifact/ref"
	"github.com/aerie-sec/aerie/config"
)

func ExampleClient_Repository() {
	cfg := config.Default(config.MapEnv{})
	cfg.Registry.CredentialsFile = "/nonexistent/config.json"
	cfg.Registry.Mirrors = []config.RegistryMirror{{Registry: "ghcr.io", Mirror: "mirror.internal:5000"}}
	c, err := access.New(cfg, access.Options{})
	if err != nil {
		panic(err)
	}
	r, _ := ref.Parse("ghcr.io/falcosecurity/rules/falco-rules:5")
	repo, host, _ := c.Repository(r)
	fmt.Println(host, repo.Reference.Repository)
	// Output: mirror.internal:5000 falcosecurity/rules/falco-rules
}
