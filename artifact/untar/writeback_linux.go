package untar

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks the kernel to start writing the range to disk without waiting for it
// (sync_file_range SYNC_FILE_RANGE_WRITE), so that the caller's later fsync finds little left to
// write. It is a hint: it makes nothing durable, and errors are ignored.
func startWriteback(f *os.File, off, n int64) {
	_ = unix.SyncFileRange(int(f.Fd()), off, n, unix.SYNC_FILE_RANGE_WRITE)
}
