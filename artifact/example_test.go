package artifact_test

import (
	"encoding/json"
	"fmt"

	"github.com/aerie-sec/aerie/artifact"
)

func ExampleParseDependency() {
	d, err := artifact.ParseDependency("k8saudit:0.7.0|k8saudit-eks:0.4.0")
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(artifact.Config{Name: "k8saudit-rules", Version: "0.7.0", Dependencies: []artifact.Dependency{d}})
	fmt.Println(string(b))
	fmt.Println(artifact.Rulesfile.LayerMediaType())
	// Output:
	// {"name":"k8saudit-rules","version":"0.7.0","dependencies":[{"name":"k8saudit","version":"0.7.0","alternatives":[{"name":"k8saudit-eks","version":"0.4.0"}]}]}
	// application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz
}
