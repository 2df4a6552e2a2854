package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"oras.land/oras-go/v2/content"

	"github.com/aerie-sec/aerie/artifact"
	"github.com/aerie-sec/aerie/artifact/access"
	"github.com/aerie-sec/aerie/artifact/install"
	"github.com/aerie-sec/aerie/artifact/pull"
	"github.com/aerie-sec/aerie/artifact/ref"
	"github.com/aerie-sec/aerie/artifact/resolve"
	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/index"
)

// accessClient builds the registry client from the configuration.
func (a *app) accessClient() (*access.Client, error) {
	return a.accessClientPlain(false)
}

// slowRequest is how long a registry or index request runs before the user is told what it waits for.
const slowRequest = 5 * time.Second

// slowLog says, once a request has run for slowRequest, which host it waits for, so a command talking to
// an unreachable or slow registry does not sit silent until registry.timeout.
type slowLog struct {
	base  http.RoundTripper
	log   *slog.Logger
	after time.Duration
}

func (s slowLog) RoundTrip(req *http.Request) (*http.Response, error) {
	t := time.AfterFunc(s.after, func() {
		s.log.InfoContext(req.Context(), "still waiting for the server (registry.timeout bounds each attempt, registry.retries the attempts)",
			"host", req.URL.Host, "method", req.Method, "path", req.URL.Path)
	})
	defer t.Stop()
	return s.base.RoundTrip(req)
}

// plainHTTPFlag adds falcoctl's --plain-http to cmd; the value lands in the returned bool.
func plainHTTPFlag(cmd *cobra.Command) *bool {
	v := new(bool)
	cmd.Flags().BoolVar(v, "plain-http", false, "reach every registry over plain HTTP, as falcoctl's --plain-http (registry.plain_http lists hosts)")
	return v
}

// accessClientPlain is accessClient, over plain HTTP for every registry when plain is set.
func (a *app) accessClientPlain(plain bool) (*access.Client, error) {
	return access.New(a.cfg, access.Options{PlainHTTP: plain, Env: a.env, Transport: func(_ string, base *http.Transport) http.RoundTripper {
		return slowLog{base: base, log: a.log, after: slowRequest}
	}})
}

// indexCache is the index cache under paths.cache_dir.
func (a *app) indexCache(c *access.Client) *index.Cache {
	return &index.Cache{
		Dir:     a.indexCacheDir(),
		Sources: index.Sources{HTTP: c.HTTPClient, OCI: c},
		Log:     a.log,
	}
}

// indexCacheDir is where fetched index files are cached.
func (a *app) indexCacheDir() string { return filepath.Join(a.cfg.Paths.CacheDir, "indexes") }

// indexList is the list of indexes added with `index add`, under paths.state_dir.
func (a *app) indexList() index.List {
	return index.List{Path: filepath.Join(a.cfg.Paths.StateDir, "indexes.yaml")}
}

// indexSet loads every configured and added index, refreshing stale caches.
func (a *app) indexSet(ctx context.Context, c *access.Client) (*index.Set, error) {
	all, err := a.indexList().All(a.cfg.Indexes)
	if err != nil {
		return nil, err
	}
	return a.indexCache(c).Load(ctx, all)
}

// warnNoIndexes says how to add an index when none is configured or added, so an empty listing explains itself.
func (a *app) warnNoIndexes(ctx context.Context) {
	if all, err := a.indexList().All(a.cfg.Indexes); err == nil && len(all) == 0 {
		a.log.WarnContext(ctx, "no index configured: add one with 'aeriectl index add NAME URL' or 'aeriectl index import', or list them under indexes in the configuration")
	}
}

// verifier returns what install and pull check signatures with: an explicit no-op that warns on
// every artifact with --no-verify or artifact.no_verify, else the signature verifier.
func (a *app) verifier(ctx context.Context, noVerify bool, set *index.Set) (artifact.Verifier, error) {
	if noVerify || a.cfg.Artifact.NoVerify {
		return artifact.SkipVerify{Log: a.log}, nil
	}
	return a.signatureVerifier(ctx, set)
}

// signatureVerifier builds the policy verifier (package verify; see sign.go).
func (a *app) signatureVerifier(ctx context.Context, set *index.Set) (artifact.Verifier, error) {
	return a.policyVerifier(ctx, set)
}

// resolveOne opens the reference s (index name, full reference or oci-layout:PATH) and resolves it.
func (a *app) resolveOne(ctx context.Context, c *access.Client, s, platform string) (*access.Target, *pull.Artifact, error) {
	r, err := ref.Parse(s)
	if err != nil {
		return nil, nil, usageError{err}
	}
	if r.Kind == ref.Name {
		set, err := a.indexSet(ctx, c)
		if err != nil {
			return nil, nil, err
		}
		loc, ok := set.Lookup(r.Repository)
		if !ok {
			return nil, nil, fmt.Errorf("resolve %s: %w", r.Repository, resolve.ErrUnknownName)
		}
		loc.Tag, loc.Digest = r.Tag, r.Digest
		r = loc
	}
	t, err := c.Open(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	art, err := pull.Resolve(ctx, t.GraphTarget, r.Reference(), platform)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", r, err)
	}
	return t, art, nil
}

func newArtifactCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "artifact",
		Short: "Install, inspect and search Falco artifacts (rules files, plugins, assets)",
	}
	cmd.AddCommand(
		newArtifactInstallCmd(a),
		newArtifactInfoCmd(a),
		newArtifactRawCmd(a, "manifest"),
		newArtifactRawCmd(a, "config"),
		newArtifactSearchCmd(a),
		newArtifactListCmd(a),
	)
	cmd.AddCommand(newArtifactSignCmd(a), newArtifactVerifyCmd(a))
	return cmd
}

type installResult struct {
	Installed []install.Installed `json:"installed"`
	Explain   []string            `json:"explain,omitempty"`
}

func (r installResult) Header() []string {
	return []string{"NAME", "VERSION", "TYPE", "DIGEST", "DIR", "FILES"}
}
func (r installResult) Rows() [][]string {
	var rows [][]string
	for _, i := range r.Installed {
		rows = append(rows, []string{i.Name, i.Version, string(i.Type), shortDigest(i.Digest), i.Dir, strings.Join(i.Files, ",")})
	}
	return rows
}

func shortDigest(d string) string {
	if len(d) > 19 {
		return d[:19]
	}
	return d
}

func newArtifactInstallCmd(a *app) *cobra.Command {
	var f struct {
		platform, engineVersion, falcoV  string
		rulesDir, pluginsDir, assetsDir  string
		allowed                          []string
		resolveDeps, explain, dryRun, nv bool
	}
	cmd := &cobra.Command{
		Use:   "install [REF...]",
		Short: "Resolve, verify and atomically install artifacts and their dependencies",
		Long: `Install resolves each REF (an index name[:tag|@digest], a full registry reference, or
oci-layout:PATH[:TAG]), follows dependencies to the highest compatible version, checks requirements
against the engine (or --engine-version, or a Falco /versions document with --falco-versions),
verifies signatures on the resolved digests, then downloads, digest-checks and extracts everything
into a staging generation and swaps it in atomically.
With no REF, it installs artifact.install_refs, as falcoctl installs artifact.install.refs.`,
		Args: cobra.ArbitraryArgs,
	}
	out := outputFlag(cmd, "table")
	fl := cmd.Flags()
	fl.StringVar(&f.platform, "platform", "", "platform os/arch for plugins (default the host's)")
	fl.StringVar(&f.engineVersion, "engine-version", "", "check requirements against this Falco engine version (X.Y.Z) instead of Aerie's")
	fl.StringVar(&f.falcoV, "falco-versions", "", "check requirements against a Falco /versions document: its URL (e.g. http://localhost:8765/versions, as falcoctl follow) or a file")
	cmd.MarkFlagsMutuallyExclusive("engine-version", "falco-versions")
	fl.StringVar(&f.rulesDir, "rulesfiles-dir", "", "destination of rules files (default artifact.rulesfiles_dir)")
	fl.StringVar(&f.pluginsDir, "plugins-dir", "", "destination of plugins (default artifact.plugins_dir)")
	fl.StringVar(&f.assetsDir, "assets-dir", "", "destination of assets (default artifact.assets_dir)")
	fl.StringSliceVar(&f.allowed, "allowed-types", nil, "accepted artifact types (default artifact.allowed_types)")
	fl.BoolVar(&f.resolveDeps, "resolve-deps", true, "install dependencies too")
	fl.BoolVar(&f.explain, "explain", false, "include why each artifact and version was chosen")
	fl.BoolVar(&f.dryRun, "dry-run", false, "resolve and explain only; install nothing")
	fl.BoolVar(&f.nv, "no-verify", false, "skip signature verification (logged as a warning for every artifact)")
	plain := plainHTTPFlag(cmd)
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		if len(args) == 0 {
			if args = a.cfg.Artifact.InstallRefs; len(args) == 0 {
				return usageError{fmt.Errorf("install: no REF given and artifact.install_refs is empty")}
			}
		}
		c, err := a.accessClientPlain(*plain)
		if err != nil {
			return err
		}
		set, err := a.indexSet(ctx, c)
		if err != nil {
			return err
		}
		versions := resolve.EngineVersions()
		switch {
		case f.engineVersion != "":
			if versions, err = resolve.FalcoVersions(f.engineVersion); err != nil {
				return usageError{err}
			}
		case f.falcoV != "":
			if versions, err = falcoVersions(ctx, c, f.falcoV); err != nil {
				return err
			}
		}
		res := &resolve.Resolver{Opener: c, Index: set, Platform: f.platform, Versions: versions, ResolveDeps: f.resolveDeps, Prefetch: !f.dryRun}
		plan, err := res.Resolve(ctx, args)
		if err != nil {
			return err
		}
		defer plan.Release()
		result := installResult{}
		if f.explain || f.dryRun {
			result.Explain = plan.Explain
		}
		if f.dryRun {
			return a.printInstall(*out, result)
		}
		v, err := a.verifier(ctx, f.nv, set)
		if err != nil {
			return err
		}
		allowed := a.cfg.Artifact.AllowedTypes
		if cmd.Flags().Changed("allowed-types") {
			allowed = f.allowed
		}
		var types []artifact.Type
		for _, s := range allowed {
			t, err := artifact.ParseType(s)
			if err != nil {
				return usageError{err}
			}
			types = append(types, t)
		}
		opts := install.Options{
			Dirs: map[artifact.Type]string{
				artifact.Rulesfile: orDefault(f.rulesDir, a.cfg.Artifact.RulesfilesDir),
				artifact.Plugin:    orDefault(f.pluginsDir, a.cfg.Artifact.PluginsDir),
				artifact.Asset:     orDefault(f.assetsDir, a.cfg.Artifact.AssetsDir),
			},
			AllowedTypes: types,
			Verifier:     v,
			Log:          a.log,
			Progress:     a.progress(),
		}
		var items []install.Item
		for _, s := range plan.Items {
			items = append(items, install.Item{Ref: s.Ref, Src: s.Target.GraphTarget, Artifact: s.Artifact})
		}
		result.Installed, err = install.Install(ctx, items, opts)
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("%w (run as root, or install into writable directories: --rulesfiles-dir, --plugins-dir, --assets-dir or the artifact.*_dir keys)", err)
		}
		if err != nil {
			return err
		}
		return a.printInstall(*out, result)
	})
	return cmd
}

// maxVersionsDoc bounds a Falco /versions document.
const maxVersionsDoc = 1 << 20

// falcoVersions reads Falco's /versions document from an http(s) URL or a file.
func falcoVersions(ctx context.Context, c *access.Client, src string) (map[string]string, error) {
	var data []byte
	if u, err := url.Parse(src); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
		if err != nil {
			return nil, fmt.Errorf("fetch Falco versions %s: %w", src, err)
		}
		resp, err := c.HTTPClient(u.Host).Do(req)
		if err != nil {
			return nil, fmt.Errorf("fetch Falco versions %s: %w", src, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("fetch Falco versions %s: %s", src, resp.Status)
		}
		if data, err = io.ReadAll(io.LimitReader(resp.Body, maxVersionsDoc)); err != nil {
			return nil, fmt.Errorf("fetch Falco versions %s: %w", src, err)
		}
	} else {
		f, err := os.Open(src)
		if err != nil {
			return nil, fmt.Errorf("read Falco versions: %w", err)
		}
		defer f.Close()
		if data, err = io.ReadAll(io.LimitReader(f, maxVersionsDoc)); err != nil {
			return nil, fmt.Errorf("read Falco versions %s: %w", src, err)
		}
	}
	return resolve.ParseFalcoVersions(src, data)
}

func (a *app) printInstall(format string, r installResult) error {
	if err := a.print(format, r); err != nil {
		return err
	}
	if f, _ := parseFormat(format); f == "table" && len(r.Explain) > 0 {
		fmt.Fprintln(a.out, "\nWhy:")
		for _, l := range r.Explain {
			fmt.Fprintln(a.out, "  "+l)
		}
	}
	return nil
}

func parseFormat(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", "table", "text":
		return "table", nil
	}
	return strings.ToLower(s), nil
}

func orDefault(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

type infoRow struct {
	Ref  string   `json:"ref"`
	Tags []string `json:"tags"`
}

type infoResult []infoRow

func (r infoResult) Header() []string { return []string{"REF", "TAGS"} }
func (r infoResult) Rows() [][]string {
	var rows [][]string
	for _, i := range r {
		rows = append(rows, []string{i.Ref, strings.Join(i.Tags, ", ")})
	}
	return rows
}

func newArtifactInfoCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "info REF...",
		Short: "List the tags of artifact repositories (signature tags omitted)",
		Args:  cobra.MinimumNArgs(1),
	}
	out := outputFlag(cmd, "table")
	plain := plainHTTPFlag(cmd)
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		c, err := a.accessClientPlain(*plain)
		if err != nil {
			return err
		}
		var res infoResult
		var set *index.Set
		for _, s := range args {
			r, err := ref.Parse(s)
			if err != nil {
				return usageError{err}
			}
			if r.Kind == ref.Name {
				if set == nil {
					if set, err = a.indexSet(ctx, c); err != nil {
						return err
					}
				}
				loc, ok := set.Lookup(r.Repository)
				if !ok {
					return fmt.Errorf("info %s: %w", r.Repository, resolve.ErrUnknownName)
				}
				r = loc
			}
			t, err := c.Open(ctx, r)
			if err != nil {
				return err
			}
			tags, err := t.ListTags(ctx)
			if err != nil {
				return err
			}
			var keep []string
			for _, tg := range tags {
				if !strings.HasSuffix(tg, ".sig") {
					keep = append(keep, tg)
				}
			}
			res = append(res, infoRow{Ref: r.Repo(), Tags: keep})
		}
		return a.print(*out, res)
	})
	return cmd
}

// newArtifactRawCmd builds `artifact manifest` and `artifact config`, which print raw JSON.
func newArtifactRawCmd(a *app, what string) *cobra.Command {
	var platform string
	cmd := &cobra.Command{
		Use:   what + " REF",
		Short: "Print the raw " + what + " JSON of an artifact for a platform",
		Args:  cobra.ExactArgs(1),
	}
	cmd.Flags().StringVar(&platform, "platform", "", "platform os/arch (default the host's)")
	plain := plainHTTPFlag(cmd)
	out := cmd.Flags().StringP("output", "o", "raw", "output format: raw (the bytes as stored, as falcoctl prints them), json (indented) or yaml")
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion("raw", "json", "yaml"))
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		format := strings.ToLower(*out)
		if format != "raw" && format != "json" && format != "yaml" {
			return usageError{fmt.Errorf("invalid output format %q: want raw, json or yaml", *out)}
		}
		c, err := a.accessClientPlain(*plain)
		if err != nil {
			return err
		}
		t, art, err := a.resolveOne(ctx, c, args[0], platform)
		if err != nil {
			return err
		}
		var b []byte
		if what == "manifest" {
			b, err = content.FetchAll(ctx, t.GraphTarget, art.Manifest)
		} else {
			b = art.RawConfig // as stored, as falcoctl prints it
		}
		if err != nil {
			return fmt.Errorf("fetch %s: %w", what, err)
		}
		if format != "raw" {
			var doc any
			if err := json.Unmarshal(b, &doc); err != nil {
				return fmt.Errorf("decode %s of %s: %w", what, args[0], err)
			}
			return a.print(format, doc)
		}
		_, err = fmt.Fprintln(a.out, string(b))
		return err
	})
	return cmd
}

type entryTable struct {
	rows []index.Found
}

func (e entryTable) Header() []string {
	return []string{"INDEX", "ARTIFACT", "TYPE", "REGISTRY", "REPOSITORY"}
}
func (e entryTable) Rows() [][]string {
	var rows [][]string
	for _, f := range e.rows {
		rows = append(rows, []string{f.Index, f.Name, f.Type, f.Registry, f.Repository})
	}
	return rows
}
func (e entryTable) MarshalJSON() ([]byte, error) { return json.Marshal(e.rows) }
func (e entryTable) MarshalYAML() (any, error)    { return e.rows, nil }

func newArtifactSearchCmd(a *app) *cobra.Command {
	var minScore float64
	var typ string
	cmd := &cobra.Command{
		Use:   "search KEYWORD...",
		Short: "Search the configured indexes by name similarity and keywords",
		Args:  cobra.MinimumNArgs(1),
	}
	out := outputFlag(cmd, "table")
	cmd.Flags().Float64Var(&minScore, "min-score", 0.65, "minimum name similarity (0 to 1)")
	cmd.Flags().StringVar(&typ, "type", "", "only artifacts of this type")
	cmd.RunE = withHint(func(cmd *cobra.Command, args []string) error {
		if typ != "" {
			if _, err := artifact.ParseType(typ); err != nil {
				return usageError{err}
			}
		}
		if minScore < 0 || minScore > 1 {
			return usageError{fmt.Errorf("--min-score %v: want a similarity between 0 and 1", minScore)}
		}
		c, err := a.accessClient()
		if err != nil {
			return err
		}
		set, err := a.indexSet(cmd.Context(), c)
		if err != nil {
			return err
		}
		a.warnNoIndexes(cmd.Context())
		var rows []index.Found
		for _, m := range set.Search(args, minScore, typ) {
			rows = append(rows, m.Found)
		}
		return a.print(*out, entryTable{rows})
	})
	return cmd
}

func newArtifactListCmd(a *app) *cobra.Command {
	var typ, ix string
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List the artifacts of the configured indexes",
		Args:    cobra.NoArgs,
	}
	out := outputFlag(cmd, "table")
	cmd.Flags().StringVar(&typ, "type", "", "only artifacts of this type")
	cmd.Flags().StringVar(&ix, "index", "", "only artifacts of this index")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if ix != "" {
			all, err := a.indexList().All(a.cfg.Indexes)
			if err != nil {
				return err
			}
			if !slices.ContainsFunc(all, func(c config.Index) bool { return c.Name == ix }) {
				return fmt.Errorf("artifact list: no index named %s (see 'aeriectl index list')", ix)
			}
		}
		c, err := a.accessClient()
		if err != nil {
			return err
		}
		set, err := a.indexSet(cmd.Context(), c)
		if err != nil {
			return err
		}
		a.warnNoIndexes(cmd.Context())
		// A type is one this tool knows or one an index lists (indexes may carry newer kinds of artifact).
		if _, err := artifact.ParseType(typ); typ != "" && err != nil &&
			!slices.ContainsFunc(set.All(), func(f index.Found) bool { return f.Type == typ }) {
			return usageError{err}
		}
		var rows []index.Found
		for _, f := range set.All() {
			if (typ == "" || f.Type == typ) && (ix == "" || f.Index == ix) {
				rows = append(rows, f)
			}
		}
		return a.print(*out, entryTable{rows})
	}
	return cmd
}
