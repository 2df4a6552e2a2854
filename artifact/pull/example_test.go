package pull_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"oras.land/oras-go/v2/content/memory"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/push"
)

func ExampleResolve() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "pull")
	defer os.RemoveAll(dir)
	so := filepath.Join(dir, "libdummy.so")
	_ = os.WriteFile(so, []byte("ELF"), 0o755)
	store := memory.New()
	_, err := push.Push(ctx, store, "0.1.0", push.Options{Type: artifact.Plugin, Name: "dummy", Version: "0.1.0",
		Files: []string{so, so}, Platforms: []string{"linux/amd64", "linux/arm64"}})
	if err != nil {
		panic(err)
	}
	a, err := pull.Resolve(ctx, store, "0.1.0", "linux/arm64")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Type, a.Config.Name, a.Config.Version, a.Platform, a.Title())
	// Output: plugin dummy 0.1.0 linux/arm64 libdummy.so.tar.gz
}
