//go:build !linux

package install

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// exchange is not available outside Linux; converting a real directory into a managed one then fails.
func exchange(a, b string) error {
	return errors.New("atomic directory exchange needs Linux; move the directory aside first")
}

func lockFile(uintptr) error { return nil }

// syncFS syncs every file and directory under dir (no syncfs outside Linux).
func syncFS(dir string, _ map[uint64]bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		return nil
	})
}
