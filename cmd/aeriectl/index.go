package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/index"
)

func newIndexCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Manage artifact indexes (falcoctl index.yaml files over http(s), file or OCI)",
	}
	cmd.AddCommand(newIndexAddCmd(a), newIndexListCmd(a), newIndexRemoveCmd(a), newIndexUpdateCmd(a))
	return cmd
}

func newIndexAddCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "add NAME URL [BACKEND]",
		Short: "Add an index and fetch it (backend http, https, file or oci; default from the URL)",
		Args:  cobra.RangeArgs(2, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix := config.Index{Name: args[0], URL: args[1]}
			if len(args) == 3 {
				ix.Backend = args[2]
				switch ix.Backend {
				case "http", "https", "file", "oci":
				case "gcs", "s3":
					return usageError{fmt.Errorf("index add: falcoctl's %s backend is not supported: copy the index to a file, an https server or an OCI artifact", ix.Backend)}
				default:
					return usageError{fmt.Errorf("index add: unknown backend %q: want http, https, file or oci", ix.Backend)}
				}
			}
			// A name already in use with another URL is refused before its cache is touched.
			all, err := a.indexList().All(a.cfg.Indexes)
			if err != nil {
				return err
			}
			for _, have := range all {
				if have.Name == ix.Name && (have.URL != ix.URL || index.Backend(have) != index.Backend(ix)) {
					return fmt.Errorf("index add %s: an index with that name exists with URL %s (backend %s); remove it first", ix.Name, have.URL, index.Backend(have))
				}
			}
			c, err := a.accessClient()
			if err != nil {
				return err
			}
			if _, _, err := a.indexCache(c).Get(cmd.Context(), ix, true); err != nil {
				return err
			}
			added, err := a.indexList().Add(index.Added{Name: ix.Name, URL: ix.URL, Backend: ix.Backend, Added: time.Now().UTC()}, a.cfg.Indexes)
			if err == nil && !added {
				a.log.InfoContext(cmd.Context(), "index already present, refreshed", "index", ix.Name, "url", ix.URL)
			}
			return err
		},
	}
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
		res := indexStatuses{}
		for _, ix := range all {
			if len(args) > 0 && !want[ix.Name] {
				continue
			}
			delete(want, ix.Name)
			_, st, err := cache.Get(cmd.Context(), ix, true)
			if err != nil {
				return err
			}
			res = append(res, st)
		}
		for n := range want {
			return fmt.Errorf("index update: no index named %s", n)
		}
		return a.print(*out, res)
	}
	return cmd
}
