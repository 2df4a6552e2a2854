package fields_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/engine/fields"
)

func ExampleRegistry_Resolve() {
	reg := fields.Syscall()
	for _, f := range []struct {
		name, arg string
		has       bool
	}{{"proc.aname", "2", true}, {"evt.arg.fd", "", false}, {"proc.nobody", "", false}} {
		ref, err := reg.Resolve(f.name, f.arg, f.has)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(ref, ref.Field.Type)
	}
	// Output:
	// proc.aname[2] CHARBUF
	// evt.arg.fd CHARBUF
	// filter_check called with nonexistent field proc.nobody
}
