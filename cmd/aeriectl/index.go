package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/index"
)

func newIndexCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Manage artifact indexes (falcoctl index.yaml files over http(s), file or OCI)",
	}
	cmd.AddCommand(newIndexAddCmd(a), newIndexListCmd(a), newIndexRemoveCmd(a), newIndexUpdateCmd(a), newIndexImportCmd(a))
	return cmd
}

func newIndexAddCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "add NAME URL [BACKEND]",
		Short: "Add an index and fetch it (backend http, https, file or oci; default from the URL)",
		Long: `Add fetches the index file at URL (falcoctl's index.yaml format) and adds it as NAME.
Adding again the same NAME and URL refreshes it and changes nothing else, as falcoctl does; the
same NAME with another URL is refused.`,
		Args: cobra.RangeArgs(2, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix := config.Index{Name: args[0], URL: localIndexURL(args[1])}
			if len(args) == 3 {
				ix.Backend = args[2]
			}
			if err := checkBackend(ix); err != nil {
				return usageError{fmt.Errorf("index add: %w", err)}
			}
			all, err := a.indexList().All(a.cfg.Indexes)
			if err != nil {
				return err
			}
			if err := checkIndexName(all, ix); err != nil {
				return err
			}
			c, err := a.accessClient()
			if err != nil {
				return err
			}
			_, err = a.addIndex(cmd.Context(), c, ix)
			return err
		},
	}
}

// localIndexURL turns a relative path to an existing file into an absolute one, so that ./index.yaml is read
// as a file (not fetched as an http URL) and keeps working from any directory.
func localIndexURL(u string) string {
	if strings.Contains(u, "://") || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "oci-layout:") {
		return u
	}
	if st, err := os.Stat(u); err == nil && !st.IsDir() {
		if abs, err := filepath.Abs(u); err == nil {
			return abs
		}
	}
	return u
}

// checkBackend refuses backends aeriectl cannot fetch from, naming falcoctl's gcs and s3.
func checkBackend(ix config.Index) error {
	switch b := index.Backend(ix); b {
	case "http", "https", "file", "oci":
		return nil
	case "gcs", "s3":
		return fmt.Errorf("index %s: falcoctl's %s backend is not supported: copy the index to a file, an https server or an OCI artifact", ix.Name, b)
	default:
		return fmt.Errorf("index %s: unknown backend %q: want http, https, file or oci", ix.Name, b)
	}
}

// checkIndexName refuses a name already used for another URL or backend, before any cache is touched.
func checkIndexName(all []config.Index, ix config.Index) error {
	for _, have := range all {
		if have.Name == ix.Name && (have.URL != ix.URL || index.Backend(have) != index.Backend(ix)) {
			return fmt.Errorf("index add %s: an index with that name exists with URL %s (backend %s); remove it first", ix.Name, have.URL, index.Backend(have))
		}
	}
	return nil
}

// addIndex fetches ix into the cache and adds it to the list (a no-op when already there).
func (a *app) addIndex(ctx context.Context, c *access.Client, ix config.Index) (index.Status, error) {
	_, st, err := a.indexCache(c).Get(ctx, ix, true)
	if err != nil {
		return st, err
	}
	added, err := a.indexList().Add(index.Added{Name: ix.Name, URL: ix.URL, Backend: ix.Backend, Added: time.Now().UTC()}, a.cfg.Indexes)
	switch {
	case err != nil:
		return st, err
	case !added:
		a.log.InfoContext(ctx, "index already present, refreshed", "index", ix.Name, "url", ix.URL, "entries", st.Entries)
	default:
		a.log.InfoContext(ctx, "index added", "index", ix.Name, "url", ix.URL, "entries", st.Entries)
	}
	if st.Entries == 0 {
		a.log.WarnContext(ctx, "index has no entries; is the URL an index.yaml?", "index", ix.Name, "url", ix.URL)
	}
	return st, nil
}

func newIndexImportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import [FILE...]",
		Short: "Add the indexes of a falcoctl configuration (falcoctl.yaml) or index list (indexes.yaml)",
		Long: `Import reads the indexes a falcoctl installation uses and adds each one as 'index add' does:
the indexes key of a falcoctl configuration and the configs key of falcoctl's index list. With no
FILE, it reads ` + index.FalcoctlConfigFile + ` and ~/` + index.FalcoctlListFile + `, those that exist.

A name met twice keeps its first URL (the configuration comes first, as falcoctl's artifact commands
use it). Indexes on falcoctl's gcs and s3 backends are skipped with a warning. A name already used
here for another URL is an error, reported before anything is added.`,
	}
	out := outputFlag(cmd, "table")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		files, explicit := args, len(args) > 0
		if !explicit {
			files = []string{index.FalcoctlConfigFile}
			if home, ok := a.env.Lookup("HOME"); ok && home != "" {
				files = append(files, filepath.Join(home, index.FalcoctlListFile))
			}
		}
		var imports []index.FalcoctlImport
		read := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if errors.Is(err, fs.ErrNotExist) && !explicit {
				continue
			}
			if err != nil {
				return fmt.Errorf("index import: %w", err)
			}
			read++
			got, err := index.FalcoctlIndexes(f, data)
			if err != nil {
				return err
			}
			imports = append(imports, got...)
		}
		if read == 0 {
			return fmt.Errorf("index import: no falcoctl file found (%s); name one", strings.Join(files, ", "))
		}
		all, err := a.indexList().All(a.cfg.Indexes)
		if err != nil {
			return err
		}
		var todo []config.Index
		first := map[string]index.FalcoctlImport{}
		for _, im := range imports {
			if f, ok := first[im.Name]; ok {
				if f.URL != im.URL || index.Backend(f.Index) != index.Backend(im.Index) {
					a.log.WarnContext(ctx, "index named twice in falcoctl files, keeping the first", "index", im.Name,
						"kept", fmt.Sprintf("%s (%s:%d)", f.URL, f.File, f.Line), "ignored", fmt.Sprintf("%s (%s:%d)", im.URL, im.File, im.Line))
				}
				continue
			}
			first[im.Name] = im
			if err := checkBackend(im.Index); err != nil {
				a.log.WarnContext(ctx, "index skipped", "index", im.Name, "at", fmt.Sprintf("%s:%d", im.File, im.Line), "err", err)
				continue
			}
			if err := checkIndexName(all, im.Index); err != nil {
				return fmt.Errorf("%w (from %s:%d)", err, im.File, im.Line)
			}
			todo = append(todo, im.Index)
		}
		c, err := a.accessClient()
		if err != nil {
			return err
		}
		res := indexStatuses{}
		for _, ix := range todo {
			st, err := a.addIndex(ctx, c, ix)
			if err != nil {
				return err
			}
			res = append(res, st)
		}
		return a.print(*out, res)
	}
	return cmd
}

type indexStatuses []index.Status

func (s indexStatuses) Header() []string {
	return []string{"NAME", "URL", "BACKEND", "ENTRIES", "UPDATED"}
}
func (s indexStatuses) Rows() [][]string {
	var rows [][]string
	for _, x := range s {
		upd := "never"
		if !x.Fetched.IsZero() {
			upd = x.Fetched.Local().Format(time.DateTime)
		}
		rows = append(rows, []string{x.Name, x.URL, x.Backend, fmt.Sprint(x.Entries), upd})
	}
	return rows
}

func newIndexListCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List configured and added indexes with their cached entry counts",
		Args:    cobra.NoArgs,
	}
	out := outputFlag(cmd, "table")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		all, err := a.indexList().All(a.cfg.Indexes)
		if err != nil {
			return err
		}
		c, err := a.accessClient()
		if err != nil {
			return err
		}
		cache := a.indexCache(c)
		res := indexStatuses{}
		for _, ix := range all {
			_, st, err := cache.Get(cmd.Context(), ix, false)
			if err != nil {
				a.log.WarnContext(cmd.Context(), "index unavailable", "index", ix.Name, "err", err)
				st = index.Status{Name: ix.Name, URL: ix.URL, Backend: index.Backend(ix)}
			}
			res = append(res, st)
		}
		return a.print(*out, res)
	}
	return cmd
}

func newIndexRemoveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "remove NAME...",
		Aliases: []string{"rm"},
		Short:   "Remove indexes added with 'index add' and their cache",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := a.indexList().Remove(args...); err != nil {
				return err
			}
			cache := index.Cache{Dir: a.indexCacheDir()}
			for _, n := range args {
				if err := cache.Remove(n); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func newIndexUpdateCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update [NAME...]",
		Short: "Refresh cached indexes now (all when no NAME is given)",
	}
	out := outputFlag(cmd, "table")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		all, err := a.indexList().All(a.cfg.Indexes)
		if err != nil {
			return err
		}
		c, err := a.accessClient()
		if err != nil {
			return err
		}
		cache := a.indexCache(c)
		want := map[string]bool{}
		for _, n := range args {
			want[n] = true
		}
		for _, n := range args {
			if !slices.ContainsFunc(all, func(c config.Index) bool { return c.Name == n }) {
				return fmt.Errorf("index update: no index named %s (see 'aeriectl index list')", n)
			}
		}
		// One index failing does not keep the others stale: all are tried, failures reported at the end.
		res := indexStatuses{}
		var errs []error
		for _, ix := range all {
			if len(args) > 0 && !want[ix.Name] {
				continue
			}
			_, st, err := cache.Get(cmd.Context(), ix, true)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			res = append(res, st)
		}
		if err := a.print(*out, res); err != nil {
			return err
		}
		return errors.Join(errs...)
	}
	return cmd
}
