package procscan_test

import (
	"context"
	"fmt"

	"github.com/aerie-sec/aerie/bpf/procscan"
)

// Scan the host once at start-up; the records seed the state table before live events flow.
func ExampleScan() {
	snap, err := procscan.Scan(context.Background(), procscan.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(snap.Threads) > 0, len(snap.Users) > 0)
	// Output: true true
}
