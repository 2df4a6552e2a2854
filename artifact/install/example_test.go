package install_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"oras.land/oras-go/v2/content/oci"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/install"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/push"
)

func ExampleInstall() {
	ctx := context.Background()
	base, _ := os.MkdirTemp("", "install")
	defer os.RemoveAll(base)
	rules := filepath.Join(base, "my_rules.yaml")
	_ = os.WriteFile(rules, []byte("- rule: r\n"), 0o644)

	// Publish into an OCI layout, then resolve and install from it.
	store, _ := oci.New(filepath.Join(base, "layout"))
	if _, err := push.Push(ctx, store, "1.0.0", push.Options{Type: artifact.Rulesfile, Name: "my-rules", Version: "1.0.0", Files: []string{rules}}); err != nil {
		panic(err)
	}
	a, err := pull.Resolve(ctx, store, "1.0.0", "")
	if err != nil {
		panic(err)
	}
	dest := filepath.Join(base, "rules.d")
	got, err := install.Install(ctx, []install.Item{{Ref: "oci-layout:layout:1.0.0", Src: store, Artifact: a}}, install.Options{
		Dirs:     map[artifact.Type]string{artifact.Rulesfile: dest},
		Verifier: artifact.SkipVerify{Log: slog.New(slog.DiscardHandler)},
	})
	if err != nil {
		panic(err)
	}
	b, _ := os.ReadFile(filepath.Join(dest, "my_rules.yaml"))
	fmt.Println(got[0].Name, got[0].Version, got[0].Files, string(b))
	// Output: my-rules 1.0.0 [my_rules.yaml] - rule: r
}
