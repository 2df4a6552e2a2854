// Command aeriectl publishes, installs, signs and verifies Falco detection content in OCI registries,
// and runs Aerie's bundled detection engine.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := interruptContext(os.Stderr, func() { os.Exit(exitInterrupted) })
	code := run(ctx, os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr}, osEnv())
	stop()
	os.Exit(code)
}

// exitInterrupted is the shell's status for a process ended by SIGINT (128+2), used when a second
// interrupt forces the exit.
const exitInterrupted = 130

// interruptContext returns a context cancelled by the first SIGINT or SIGTERM, so commands stop cleanly
// (run prints its summary, capture closes its file). A second signal calls exit: a command blocked where
// the context cannot reach (opening a FIFO nobody writes, a stuck network read) still ends on Ctrl-C.
func interruptContext(w io.Writer, exit func()) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			cancel()
		case <-done:
			return
		}
		select {
		case <-sig:
			fmt.Fprintln(w, "aeriectl: interrupted again; exiting now")
			exit()
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sig)
		close(done)
		cancel()
	}
}
