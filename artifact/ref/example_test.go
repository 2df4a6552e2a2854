package ref_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/artifact/ref"
)

func ExampleParse() {
	for _, s := range []string{"ghcr.io/falcosecurity/rules/falco-rules:5", "falco-rules", "oci-layout:/srv/mirror:1.0.0"} {
		r, _ := ref.Parse(s)
		fmt.Println(r.Kind, r.Repo(), r.Reference())
	}
	// Output:
	// 0 ghcr.io/falcosecurity/rules/falco-rules 5
	// 2 falco-rules latest
	// 1 oci-layout:/srv/mirror 1.0.0
}
