package state_test

import (
	"fmt"

	"github.com/aerie-sec/aerie/engine/state"
)

func ExampleTable() {
	tb := state.New(state.Options{})
	bash := tb.AddThread(state.Thread{TID: 100, PID: 100, PTID: 1, Comm: "bash"})
	child := tb.Spawn(bash, state.Thread{TID: 101, PID: 101, PTID: 100}, 0, 1)
	fmt.Println(child.Comm, tb.Parent(child).Comm, child.ContainerID)
	// Output: bash bash host
}

func ExampleContainerID() {
	id, rt := state.ContainerID([]string{"cpu=/docker/3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e"})
	fmt.Println(id, rt)
	// Output: 3ad7b26ded6d docker
}
