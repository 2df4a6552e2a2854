package push_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"oras.land/oras-go/v2/content/memory"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/push"
)

func ExamplePush() {
	dir, _ := os.MkdirTemp("", "push")
	defer os.RemoveAll(dir)
	f := filepath.Join(dir, "my_rules.yaml")
	_ = os.WriteFile(f, []byte("- required_engine_version: 0.50.0\n"), 0o644)

	res, err := push.Push(context.Background(), memory.New(), "", push.Options{
		Type: artifact.Rulesfile, Name: "my-rules", Version: "1.2.0", Files: []string{f},
		FloatingTags: true, Created: time.Unix(0, 0),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Tags, res.Config.Requirements)
	// Output: [1.2.0 1.2 1 latest] [{engine_version_semver 0.50.0}]
}
