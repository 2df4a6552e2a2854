// Package install installs resolved artifacts atomically per destination directory.
//
// Each destination directory (rules files, plugins, assets) becomes a symbolic link to a
// generation directory kept beside it in ".<name>.aerie/". An install verifies every artifact
// first, downloads and digest-checks each layer, extracts it (confined, see package untar) into a
// new generation together with the files it keeps from the current one, syncs it to disk, and
// only then swaps the link with one rename. Files the previous version of an artifact installed
// and the new one does not are gone from the new generation. A process killed at any point leaves
// the link on the previous generation; leftovers are removed by the next install.
//
// The first install into an existing plain directory moves its files into the first generation
// and exchanges the directory for the link atomically (Linux renameat2).
package install

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"

	"golang.org/x/sync/errgroup"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/untar"
)

// Item is one resolved artifact to install.
type Item struct {
	Ref      string                   // the reference as the user or index named it (registry/repository[:tag])
	Src      oras.ReadOnlyTarget      // where its content comes from
	Artifact *pull.Artifact           // resolved root, manifest, config and layer
	Verify   oras.ReadOnlyGraphTarget // passed to the Verifier; nil means Src when it is a graph target
}

// Options configure an install; Dirs and Verifier are required.
type Options struct {
	Dirs         map[artifact.Type]string // destination directory per type
	AllowedTypes []artifact.Type          // empty means all
	Verifier     artifact.Verifier        // must not be nil; use artifact.SkipVerify to skip explicitly
	Limits       untar.Limits
	Log          *slog.Logger
	Progress     pull.Progress // download progress; nil means none
}

// Installed describes one installed artifact.
type Installed struct {
	Name    string        `json:"name"`
	Version string        `json:"version"`
	Type    artifact.Type `json:"type"`
	Ref     string        `json:"ref"`
	Digest  string        `json:"digest"`
	Dir     string        `json:"dir"`
	Files   []string      `json:"files"`
}

// state is what a generation holds, written beside it before the swap.
type state struct {
	Artifacts map[string]Installed `json:"artifacts"` // by config name
	Updated   time.Time            `json:"updated"`
}

// Install verifies, downloads, extracts and swaps in items. Nothing is changed unless every item
// verifies, downloads and extracts; directories are swapped one by one, plugins first, then assets,
// then rules files, so rules never see a missing plugin. Each item is verified before its layer is
// read; a layer request the resolver started ahead (pull.ResolveOptions.Prefetch) is read after
// that verification, or released if the install stops first.
func Install(ctx context.Context, items []Item, opts Options) ([]Installed, error) {
	defer func() {
		for _, it := range items {
			if it.Artifact != nil {
				it.Artifact.Release()
			}
		}
	}()
	if opts.Verifier == nil {
		return nil, errors.New("install: no signature verifier given (use --no-verify to skip verification explicitly)")
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	byDir := map[string][]Item{}
	names := map[string]bool{}
	for _, it := range items {
		a := it.Artifact
		if len(opts.AllowedTypes) > 0 && !slices.Contains(opts.AllowedTypes, a.Type) {
			return nil, fmt.Errorf("install %s: type %s is not allowed (allowed: %s)", it.Ref, a.Type, joinTypes(opts.AllowedTypes))
		}
		dir := opts.Dirs[a.Type]
		if dir == "" {
			return nil, fmt.Errorf("install %s: no destination directory for type %s", it.Ref, a.Type)
		}
		if names[a.Config.Name] {
			return nil, fmt.Errorf("install: artifact %s given twice", a.Config.Name)
		}
		names[a.Config.Name] = true
		dir = filepath.Clean(dir)
		byDir[dir] = append(byDir[dir], it)
	}
	for _, it := range items {
		vt := it.Verify
		if vt == nil {
			if g, ok := it.Src.(oras.ReadOnlyGraphTarget); ok {
				vt = g
			}
		}
		if err := opts.Verifier.Verify(ctx, vt, it.Ref, it.Artifact.Root); err != nil {
			return nil, fmt.Errorf("verify %s@%s: %w", it.Ref, it.Artifact.Root.Digest, err)
		}
	}
	// Stage every directory, concurrently, before swapping any.
	var dirs []string
	for _, t := range []artifact.Type{artifact.Plugin, artifact.Asset, artifact.Rulesfile} {
		dir := filepath.Clean(opts.Dirs[t])
		if _, ok := byDir[dir]; ok && opts.Dirs[t] != "" && !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	staged := make([]*stage, len(dirs))
	defer func() {
		for _, s := range staged {
			if s != nil {
				s.abort()
			}
		}
	}()
	g, gctx := errgroup.WithContext(ctx)
	for i, dir := range dirs {
		g.Go(func() error {
			s, err := prepare(gctx, dir, byDir[dir], opts, log)
			staged[i] = s
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// Every staged generation is on disk (prepare synced it), so the swaps can start.
	var out []Installed
	for _, s := range staged {
		if err := s.commit(); err != nil {
			return out, err
		}
		for _, it := range s.items {
			out = append(out, s.next.Artifacts[it.Artifact.Config.Name])
		}
		log.InfoContext(ctx, "installed", "dir", s.dir, "generation", s.genName)
	}
	staged = nil
	return out, nil
}

func joinTypes(ts []artifact.Type) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// stage is a prepared, not yet visible generation of one directory.
type stage struct {
	dir, mgmt, genName string
	curGen             string // the generation dir links to when staged (held under the lock)
	items              []Item
	next               state
	unlock             func()
	done               bool
}

// mgmtDir is where the generations of dir live.
func mgmtDir(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".aerie")
}

// Current returns the state of the generation dir currently links to (empty when unmanaged).
func Current(dir string) (map[string]Installed, error) {
	st, _, err := current(filepath.Clean(dir))
	return st.Artifacts, err
}

func current(dir string) (state, string, error) {
	st := state{Artifacts: map[string]Installed{}}
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode()&fs.ModeSymlink == 0) {
		return st, "", nil // missing or a plain directory: nothing installed by us
	}
	if err != nil {
		return st, "", fmt.Errorf("read %s: %w", dir, err)
	}
	target, err := os.Readlink(dir)
	if err != nil {
		return st, "", fmt.Errorf("read %s: %w", dir, err)
	}
	gen := filepath.Base(target)
	if filepath.Join(filepath.Dir(dir), target) != filepath.Join(mgmtDir(dir), gen) {
		return st, "", fmt.Errorf("%s links to %s, not to a generation in %s", dir, target, mgmtDir(dir))
	}
	b, err := os.ReadFile(filepath.Join(mgmtDir(dir), gen+".json"))
	if err != nil {
		return st, gen, fmt.Errorf("read install state of %s: %w", dir, err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, gen, fmt.Errorf("decode install state of %s: %w", dir, err)
	}
	if st.Artifacts == nil {
		st.Artifacts = map[string]Installed{}
	}
	return st, gen, nil
}

func randomName(prefix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

func prepare(ctx context.Context, dir string, items []Item, opts Options, log *slog.Logger) (_ *stage, err error) {
	mgmt := mgmtDir(dir)
	if err := os.MkdirAll(mgmt, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", mgmt, err)
	}
	lock, err := os.OpenFile(filepath.Join(mgmt, ".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", mgmt, err)
	}
	if err := lockFile(lock.Fd()); err != nil {
		lock.Close()
		return nil, fmt.Errorf("lock %s: %w", mgmt, err)
	}
	s := &stage{dir: dir, mgmt: mgmt, items: items, unlock: func() { lock.Close() }}
	defer func() {
		if err != nil {
			s.abort()
		}
	}()
	cur, curGen, err := current(dir)
	if err != nil {
		return nil, err
	}
	cleanLeftovers(mgmt, curGen, log)
	s.curGen = curGen

	s.genName = randomName("gen-")
	gen := filepath.Join(mgmt, s.genName)
	if err := os.Mkdir(gen, 0o755); err != nil {
		return nil, fmt.Errorf("create generation: %w", err)
	}
	s.next = state{Artifacts: map[string]Installed{}, Updated: time.Now().UTC()}
	replaced := map[string]bool{} // files owned by artifacts being replaced
	for name, in := range cur.Artifacts {
		if slices.ContainsFunc(items, func(it Item) bool { return it.Artifact.Config.Name == name }) {
			for _, f := range in.Files {
				replaced[f] = true
			}
			continue
		}
		s.next.Artifacts[name] = in
	}
	// New files, extracted per artifact into its own staging root, or straight into the
	// generation when the directory gets a single artifact (nothing to check for overlaps then;
	// files carried over skip the new ones either way).
	direct := len(items) == 1
	provided := map[string]string{}
	newFiles := map[string]string{} // relative file -> staged path
	for i, it := range items {
		a := it.Artifact
		sub := filepath.Join(mgmt, s.genName+".x", fmt.Sprint(i))
		if direct {
			sub = gen
		} else if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, fmt.Errorf("create staging directory: %w", err)
		}
		files, err := fetchExtract(ctx, it, sub, opts.Limits, opts.Progress)
		if err != nil {
			return nil, fmt.Errorf("install %s: %w", it.Ref, err)
		}
		for _, f := range files {
			if other, ok := provided[f]; ok {
				return nil, fmt.Errorf("install: file %s is in both %s and %s", f, other, a.Config.Name)
			}
			provided[f] = a.Config.Name
			newFiles[f] = filepath.Join(sub, filepath.FromSlash(f))
		}
		sort.Strings(files)
		s.next.Artifacts[a.Config.Name] = Installed{
			Name: a.Config.Name, Version: a.Config.Version, Type: a.Type, Ref: it.Ref,
			Digest: a.Root.Digest.String(), Dir: dir, Files: files,
		}
	}
	// Keep what the current directory holds, minus the replaced artifacts' files and files now provided.
	src := dir
	if curGen != "" {
		src = filepath.Join(mgmt, curGen)
	}
	if err := carryOver(src, gen, func(rel string) bool { return !replaced[rel] && newFiles[rel] == "" }); err != nil {
		return nil, err
	}
	for rel, staged := range newFiles {
		if direct {
			break
		}
		dst := filepath.Join(gen, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, fmt.Errorf("create %s: %w", filepath.Dir(dst), err)
		}
		if err := os.Rename(staged, dst); err != nil {
			return nil, fmt.Errorf("stage %s: %w", rel, err)
		}
	}
	if !direct {
		if err := os.RemoveAll(filepath.Join(mgmt, s.genName+".x")); err != nil {
			return nil, fmt.Errorf("remove staging: %w", err)
		}
	}
	b, err := json.MarshalIndent(s.next, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode install state: %w", err)
	}
	if err := os.WriteFile(filepath.Join(mgmt, s.genName+".json"), b, 0o644); err != nil {
		return nil, fmt.Errorf("write install state: %w", err)
	}
	// The link that commit renames over dir, made now so the swap is only the rename.
	if err := os.Symlink(filepath.Join(filepath.Base(mgmt), s.genName), filepath.Join(mgmt, s.genName+".link")); err != nil {
		return nil, fmt.Errorf("swap %s: %w", dir, err)
	}
	// Durability barrier for this generation (its tree, state file and the management directory),
	// here rather than after every directory is staged, so that it overlaps the staging of the
	// others; Install swaps nothing before every prepare returned. The fsyncs run concurrently so
	// the file system commits them together; unlike syncfs, they wait for our data only.
	paths := []string{}
	err = filepath.WalkDir(gen, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (d.IsDir() || d.Type().IsRegular()) {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sync %s: %w", gen, err)
	}
	if err := syncPaths(ctx, append(paths, gen+".json", mgmt)); err != nil {
		return nil, err
	}
	return s, nil
}

func fetchExtract(ctx context.Context, it Item, sub string, lim untar.Limits, progress pull.Progress) ([]string, error) {
	root, err := os.OpenRoot(sub)
	if err != nil {
		return nil, fmt.Errorf("open staging root: %w", err)
	}
	defer root.Close()
	// Stream: download, digest-check and extract at once; on a mismatch the staging is discarded.
	rc, err := it.Artifact.OpenLayer(ctx, it.Src)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	vr := content.NewVerifyReader(progress.Wrap(it.Artifact.Title(), it.Artifact.Layer.Size, rc), it.Artifact.Layer)
	files, err := untar.Extract(ctx, bufio.NewReaderSize(vr, 64<<10), root, lim)
	if err != nil {
		// A digest or size mismatch explains a broken archive better than the archive error.
		if _, derr := io.Copy(io.Discard, vr); derr != nil {
			return nil, fmt.Errorf("fetch layer %s: %w", it.Artifact.Layer.Digest, derr)
		}
		if verr := vr.Verify(); verr != nil {
			return nil, fmt.Errorf("fetch layer %s: %w", it.Artifact.Layer.Digest, verr)
		}
		return nil, err
	}
	// Read what the tar reader left (padding, trailing blocks) so the whole blob is checked.
	if _, err := io.Copy(io.Discard, vr); err != nil {
		return nil, fmt.Errorf("fetch layer %s: %w", it.Artifact.Layer.Digest, err)
	}
	if err := vr.Verify(); err != nil {
		return nil, fmt.Errorf("fetch layer %s: %w", it.Artifact.Layer.Digest, err)
	}
	return files, nil
}

// carryOver links (or copies) the regular files and symbolic links of src that keep() accepts into
// dst, keeping directories.
func carryOver(src, dst string, keep func(rel string) bool) error {
	fi, err := os.Stat(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", src, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("install into %s: not a directory", src)
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." {
			return nil
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			if !keep(filepath.ToSlash(rel)) {
				return nil // replaced by a new file
			}
			t, err := os.Readlink(p)
			if err != nil {
				return fmt.Errorf("read link %s: %w", p, err)
			}
			return os.Symlink(t, to)
		case d.Type().IsRegular():
			if !keep(filepath.ToSlash(rel)) {
				return nil
			}
			if err := os.Link(p, to); err == nil {
				return nil
			}
			return copyFile(p, to)
		}
		return nil
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fi.Mode().Perm())
	if err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", from, err)
	}
	return out.Close()
}

func syncDir(path string) error {
	d, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return nil
}

// syncPaths fsyncs every path, at most 32 at a time.
func syncPaths(ctx context.Context, paths []string) error {
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(32)
	for _, p := range paths {
		g.Go(func() error {
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
	return g.Wait()
}

// cleanLeftovers removes generations, staging and state files other than the current generation's.
func cleanLeftovers(mgmt, curGen string, log *slog.Logger) {
	ents, err := os.ReadDir(mgmt)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if n == ".lock" || (curGen != "" && (n == curGen || n == curGen+".json")) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(mgmt, n)); err != nil {
			log.Warn("remove leftover", "path", filepath.Join(mgmt, n), "err", err)
		}
	}
}

// commit swaps the link to the new generation and removes the old one.
func (s *stage) commit() error {
	defer s.unlock()
	tmpLink := filepath.Join(s.mgmt, s.genName+".link")
	oldGen := s.curGen
	fi, err := os.Lstat(s.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode()&fs.ModeSymlink != 0):
		if err := os.Rename(tmpLink, s.dir); err != nil {
			return fmt.Errorf("swap %s: %w", s.dir, err)
		}
	case err == nil && fi.IsDir():
		// First install into a plain directory: exchange it with the link, then drop the old tree
		// (its files were carried into the generation).
		if err := exchange(tmpLink, s.dir); err != nil {
			if errors.Is(err, syscall.EBUSY) {
				return fmt.Errorf("swap %s: %w (a mount point cannot be replaced: mount its parent and point the destination at a subdirectory)", s.dir, err)
			}
			return fmt.Errorf("swap %s: %w", s.dir, err)
		}
		if err := os.RemoveAll(tmpLink); err != nil {
			return fmt.Errorf("remove previous %s: %w", s.dir, err)
		}
	case err != nil:
		return fmt.Errorf("swap %s: %w", s.dir, err)
	default:
		return fmt.Errorf("swap %s: not a directory or a link", s.dir)
	}
	s.done = true
	if err := syncDir(filepath.Dir(s.dir)); err != nil {
		return err
	}
	if oldGen != "" {
		_ = os.RemoveAll(filepath.Join(s.mgmt, oldGen))
		_ = os.Remove(filepath.Join(s.mgmt, oldGen+".json"))
	}
	return nil
}

// abort discards an uncommitted generation.
func (s *stage) abort() {
	if s.done {
		return
	}
	s.done = true
	if s.genName != "" {
		_ = os.RemoveAll(filepath.Join(s.mgmt, s.genName))
		_ = os.RemoveAll(filepath.Join(s.mgmt, s.genName+".x"))
		_ = os.Remove(filepath.Join(s.mgmt, s.genName+".json"))
		_ = os.Remove(filepath.Join(s.mgmt, s.genName+".link"))
	}
	s.unlock()
}
