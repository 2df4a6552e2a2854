package install

import "golang.org/x/sys/unix"

// exchange atomically swaps the directory entries a and b (renameat2 RENAME_EXCHANGE).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// lockFile takes an exclusive advisory lock on the open file descriptor fd.
func lockFile(fd uintptr) error { return unix.Flock(int(fd), unix.LOCK_EX) }
