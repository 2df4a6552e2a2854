// Package untar extracts artifact tarballs (tar.gz) into a directory, confined with os.Root.
//
// Only regular files and directories are accepted. Links, devices, FIFOs, set-user-ID, set-group-ID
// and sticky bits, absolute names, names with ".." components, duplicate names and archives beyond
// the entry and size caps are refused with an error naming the entry; the caller discards the
// partial output (install extracts into a staging directory for that reason). Files are not synced
// to disk: durability is the caller's (install syncs the whole staged generation before its swap).
// On Linux the writeback of each file is started while it is written (sync_file_range), so that
// the caller's fsync finds little left to write.
package untar

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Limits caps what one archive may hold; zero fields take the defaults.
type Limits struct {
	MaxEntries   int   // default 10000
	MaxFileSize  int64 // default 256 MiB
	MaxTotalSize int64 // default 1 GiB, decompressed
}

// Defaults for Limits.
const (
	DefaultMaxEntries   = 10000
	DefaultMaxFileSize  = 256 << 20
	DefaultMaxTotalSize = 1 << 30
)

// ErrRefused is wrapped by every error about hostile or over-limit content.
var ErrRefused = errors.New("archive refused")

func (l Limits) withDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = DefaultMaxFileSize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = DefaultMaxTotalSize
	}
	return l
}

// Extract reads a gzip-compressed tar stream from r into root and returns the extracted regular
// files' slash-separated paths, in archive order.
func Extract(ctx context.Context, r io.Reader, root *os.Root, lim Limits) ([]string, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("extract: %w: not gzip: %w", ErrRefused, err)
	}
	defer zr.Close()
	return ExtractTar(ctx, zr, root, lim)
}

// ExtractTar is Extract for an uncompressed tar stream.
func ExtractTar(ctx context.Context, r io.Reader, root *os.Root, lim Limits) ([]string, error) {
	lim = lim.withDefaults()
	tr := tar.NewReader(r)
	var (
		files   []string
		seen    = map[string]bool{}
		total   int64
		entries int
	)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("extract: read archive: %w", err)
		}
		entries++
		if entries > lim.MaxEntries {
			return nil, fmt.Errorf("extract: %w: more than %d entries", ErrRefused, lim.MaxEntries)
		}
		name, err := CleanName(hdr.Name)
		if err != nil {
			return nil, err
		}
		if hdr.Mode&(0o4000|0o2000|0o1000) != 0 {
			return nil, fmt.Errorf("extract %s: %w: set-user-ID, set-group-ID or sticky bit (mode %o)", hdr.Name, ErrRefused, hdr.Mode)
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			if name == "." {
				continue
			}
			if err := root.MkdirAll(name, 0o755); err != nil {
				return nil, fmt.Errorf("extract %s: %w", hdr.Name, err)
			}
		case tar.TypeReg, tar.TypeRegA: //nolint:staticcheck // TypeRegA still appears in old archives
			if name == "." {
				return nil, fmt.Errorf("extract %q: %w: empty file name", hdr.Name, ErrRefused)
			}
			if seen[name] {
				return nil, fmt.Errorf("extract %s: %w: duplicate entry", hdr.Name, ErrRefused)
			}
			seen[name] = true
			if hdr.Size > lim.MaxFileSize {
				return nil, fmt.Errorf("extract %s: %w: %d bytes exceeds the %d per-file limit", hdr.Name, ErrRefused, hdr.Size, lim.MaxFileSize)
			}
			if total+hdr.Size > lim.MaxTotalSize {
				return nil, fmt.Errorf("extract %s: %w: archive exceeds the %d-byte total limit", hdr.Name, ErrRefused, lim.MaxTotalSize)
			}
			if dir := path.Dir(name); dir != "." {
				if err := root.MkdirAll(dir, 0o755); err != nil {
					return nil, fmt.Errorf("extract %s: %w", hdr.Name, err)
				}
			}
			n, err := writeFile(root, name, fs.FileMode(hdr.Mode)&0o777|0o400, tr, hdr.Size)
			total += n
			if err != nil {
				return nil, fmt.Errorf("extract %s: %w", hdr.Name, err)
			}
			files = append(files, name)
		case tar.TypeSymlink, tar.TypeLink:
			return nil, fmt.Errorf("extract %s: %w: links are not allowed (-> %s)", hdr.Name, ErrRefused, hdr.Linkname)
		case tar.TypeChar, tar.TypeBlock, tar.TypeFifo:
			return nil, fmt.Errorf("extract %s: %w: devices and FIFOs are not allowed", hdr.Name, ErrRefused)
		case tar.TypeXGlobalHeader:
			continue
		default:
			return nil, fmt.Errorf("extract %s: %w: unsupported entry type %q", hdr.Name, ErrRefused, hdr.Typeflag)
		}
	}
	return files, nil
}

func writeFile(root *os.Root, name string, mode fs.FileMode, r io.Reader, size int64) (int64, error) {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return 0, err
	}
	// The decompressor hands out at most its 32 KiB window per read: a larger buffer would only
	// grow the heap (and bring a garbage collection forward).
	n, err := copyWithWriteback(f, io.LimitReader(r, size), make([]byte, min(size+1, 64<<10)))
	if err == nil && n != size {
		err = io.ErrUnexpectedEOF
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Chmod(name, mode)
	}
	return n, err
}

// writebackChunk is how much is written before writeback of it is started.
const writebackChunk = 256 << 10

// copyWithWriteback copies r to f through buf, starting the writeback of every writebackChunk
// bytes (and of the tail) as soon as they are written, so that disk writes overlap the download.
func copyWithWriteback(f *os.File, r io.Reader, buf []byte) (int64, error) {
	var written, started int64
	for {
		nr, rerr := r.Read(buf)
		if nr > 0 {
			nw, werr := f.Write(buf[:nr])
			written += int64(nw)
			if werr != nil {
				return written, werr
			}
			if written-started >= writebackChunk {
				startWriteback(f, started, written-started)
				started = written
			}
		}
		if rerr == io.EOF {
			if written > started {
				startWriteback(f, started, written-started)
			}
			return written, nil
		}
		if rerr != nil {
			return written, rerr
		}
	}
}

// CleanName validates an entry name and returns it cleaned, slash-separated and relative.
// Absolute names, ".." components, backslashes and NUL bytes are refused.
func CleanName(name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("extract: %w: empty entry name", ErrRefused)
	}
	if strings.ContainsAny(name, "\x00\\") {
		return "", fmt.Errorf("extract %q: %w: invalid character in name", name, ErrRefused)
	}
	if strings.HasPrefix(name, "/") {
		return "", fmt.Errorf("extract %s: %w: absolute name", name, ErrRefused)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", fmt.Errorf("extract %s: %w: \"..\" in name", name, ErrRefused)
		}
	}
	return path.Clean(name), nil
}
