// Command aeriectl publishes, installs, signs and verifies Falco detection content in OCI registries,
// and runs Aerie's bundled detection engine.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr}, osEnv())
	stop()
	os.Exit(code)
}
