package install

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps the directory entries a and b (renameat2 RENAME_EXCHANGE).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// lockFile takes an exclusive advisory lock on the open file descriptor fd.
func lockFile(fd uintptr) error { return unix.Flock(int(fd), unix.LOCK_EX) }

// syncFS flushes the file system holding dir (syncfs), once per file system recorded in done.
func syncFS(dir string, done map[uint64]bool) error {
	var st unix.Stat_t
	if err := unix.Stat(dir, &st); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	if done[st.Dev] {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	done[st.Dev] = true
	return nil
}
