package event_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/engine/event"
)

func ExampleLookup() {
	info, _ := event.Lookup(event.SyscallOpenatV2X)
	fmt.Println(info.Name, info.Dir, len(info.Params), info.Params[2].Name)
	// Output: openat < 7 name
}

func ExampleByName() {
	fmt.Println(event.ByName("connect"))
	// Output: [connect> connect<]
}

func ExampleFlagTable_Format() {
	fmt.Println(event.FileFlags.Format(4097))
	// Output: 4097(O_RDONLY|O_CLOEXEC)
}
