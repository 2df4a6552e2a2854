//go:build !linux

package install

import "errors"

// exchange is not available outside Linux; converting a real directory into a managed one then fails.
func exchange(a, b string) error {
	return errors.New("atomic directory exchange needs Linux; move the directory aside first")
}

func lockFile(uintptr) error { return nil }
