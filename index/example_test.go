package index_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/index"
)

func ExampleParse() {
	entries, err := index.Parse("index.yaml", []byte(`
- name: falco-rules
  type: rulesfile
  registry: ghcr.io
  repository: falcosecurity/rules/falco-rules
  keywords: [falco-rules]
`))
	if err != nil {
		panic(err)
	}
	set := index.NewSet()
	set.Add("falcosecurity", entries)
	r, _ := set.Lookup("falco-rules")
	fmt.Println(r.Repo())
	for _, m := range set.Search([]string{"falco rules"}, 0.65, "") {
		fmt.Printf("%s %.2f\n", m.Name, m.Score)
	}
	// Output:
	// ghcr.io/falcosecurity/rules/falco-rules
	// falco-rules 0.91
}
