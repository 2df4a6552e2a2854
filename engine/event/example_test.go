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

func ExampleDecode() {
	// A raw openat exit record, as a .scap event block or the eBPF probe carries it.
	raw, _ := event.AppendRecord(nil, 1767225600000000000, 4242, event.SyscallOpenatV2X,
		event.I64(3), event.I64(-100), event.CStr("/etc/shadow"), event.U32(4097), event.U32(0), event.U32(0x803), event.U64(99))
	e, err := event.Decode(raw)
	if err != nil {
		panic(err)
	}
	flags, _ := e.Uint(e.ParamIndex("flags"))
	fd, _ := e.Int(0)
	fmt.Println(e.TID, e.Name(), e.Dir(), fd, e.Str(e.ParamIndex("name")), event.FileFlags.Format(uint32(flags)))
	// Output: 4242 openat < 3 /etc/shadow 4097(O_RDONLY|O_CLOEXEC)
}
