package main

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptContext: the first SIGINT cancels the context; the second forces the exit.
func TestInterruptContext(t *testing.T) {
	var msg strings.Builder
	exited := make(chan struct{}, 1)
	ctx, stop := interruptContext(&msg, func() { exited <- struct{}{} })
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("first SIGINT did not cancel the context")
	}
	select {
	case <-exited:
		t.Fatal("first SIGINT forced the exit")
	case <-time.After(50 * time.Millisecond):
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Fatal("second SIGINT did not force the exit")
	}
	if !strings.Contains(msg.String(), "interrupted again") {
		t.Errorf("no message on the forced exit: %q", msg.String())
	}
}
