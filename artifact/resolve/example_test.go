package resolve_test

import (
	"fmt"

	"github.com/Masterminds/semver/v3"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/resolve"
)

func ExampleHighest() {
	best, all := resolve.Highest([]string{"latest", "0", "0.7", "0.7.0", "0.7.2", "0.8.0-rc1", "1.0.0"}, semver.MustParse("0.7.0"))
	fmt.Println(best, all)
	// Output: 0.7.2 [0.7.0 0.7.2 0.8.0-rc1 1.0.0]
}

func ExampleCheckRequirements() {
	cfg := artifact.Config{Name: "falco-rules", Version: "5.0.0",
		Requirements: []artifact.Requirement{{Name: "engine_version_semver", Version: "0.57.0"}}}
	v, _ := resolve.FalcoVersions("0.50.0")
	fmt.Println(resolve.CheckRequirements(cfg, v))
	// Output: falco-rules 5.0.0 requires engine_version_semver 0.57.0: have 0.50.0 (too old)
}
