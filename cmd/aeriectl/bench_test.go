package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aerie-sec/aerie/config"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// BenchmarkInstallVsORAS installs a rules file with one plugin dependency (resolved through an
// index) with aeriectl, and pulls the same two artifacts with two `oras pull` runs, both as
// separate processes through one counting proxy in front of docker-registry 2.8.
//
//	go test -run '^$' -bench InstallVsORAS -benchtime 20x ./cmd/aeriectl/
func BenchmarkInstallVsORAS(b *testing.B) {
	orasBin := testenv.Tool(b, "oras")
	reg := testenv.DockerRegistry(b, testenv.RegistryOptions{})
	dir := b.TempDir()
	bin := filepath.Join(dir, "aeriectl")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build aeriectl: %v\n%s", err, out)
	}
	px := newProxy(b, "http://"+reg.Host, nil)
	e := newBenchEnv(b, dir, px.host)
	rules := testenv.CorpusFile(b, "rules", "falco_rules.yaml")
	plugin := filepath.Join(dir, "libbench.so")
	blob := make([]byte, 4<<20)
	_, _ = rand.Read(blob)
	if err := os.WriteFile(plugin, blob, 0o755); err != nil {
		b.Fatal(err)
	}
	runBin(b, bin, e, "registry", "push", px.host+"/bench/plugin:1.0.0", plugin, "--type", "plugin", "--version", "1.0.0", "--platform", "linux/amd64", "--name", "benchplugin")
	runBin(b, bin, e, "registry", "push", px.host+"/bench/rules:1.0.0", rules, "--type", "rulesfile", "--version", "1.0.0", "--name", "benchrules", "--depends-on", "benchplugin:1.0.0", "--requires", "engine_version_semver:0.57.0")

	b.Run("aeriectl-install", func(b *testing.B) {
		px.reset()
		repeated := 0
		for i := 0; i < b.N; i++ {
			out := filepath.Join(dir, "aerie", "r")
			_ = os.RemoveAll(filepath.Join(dir, "aerie"))
			before := px.total()
			runBin(b, bin, e, "artifact", "install", "benchrules:1.0.0", "--no-verify", "--platform", "linux/amd64",
				"--rulesfiles-dir", out, "--plugins-dir", filepath.Join(dir, "aerie", "p"))
			if i == 0 {
				repeated = px.repeated()
				b.Logf("aeriectl requests for one install: %d, %v", px.total()-before, px.count)
			}
		}
		b.ReportMetric(float64(px.total())/float64(b.N), "requests/op")
		b.ReportMetric(float64(repeated), "repeated-requests/op")
	})
	// The same install in process: the difference to the above is process start-up.
	b.Run("aeriectl-install-in-process", func(b *testing.B) {
		px.reset()
		for i := 0; i < b.N; i++ {
			_ = os.RemoveAll(filepath.Join(dir, "aerie"))
			var out, errb bytes.Buffer
			code := run(context.Background(), []string{"--config", e, "--log-level", "error", "artifact", "install", "benchrules:1.0.0", "--no-verify",
				"--platform", "linux/amd64", "--rulesfiles-dir", filepath.Join(dir, "aerie", "r"), "--plugins-dir", filepath.Join(dir, "aerie", "p")},
				streams{in: strings.NewReader(""), out: &out, err: &errb}, config.MapEnv{"HOME": dir})
			if code != 0 {
				b.Fatalf("install: %s", errb.String())
			}
		}
		b.ReportMetric(float64(px.total())/float64(b.N), "requests/op")
	})
	// Process start-up alone.
	b.Run("aeriectl-version", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := exec.Command(bin, "version").Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("oras-version", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := exec.Command(orasBin, "version").Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Both, alternating within each iteration, so that load changes on a shared machine hit both
	// alike. BENCH_BASELINE_AERIECTL names another aeriectl binary (an earlier build) to run in the
	// same loop, for before/after comparisons under the same load.
	baseline := os.Getenv("BENCH_BASELINE_AERIECTL")
	b.Run("interleaved", func(b *testing.B) {
		var aerie, oras, base time.Duration
		install := func(bin string) time.Duration {
			_ = os.RemoveAll(filepath.Join(dir, "aerie"))
			t0 := time.Now()
			runBin(b, bin, e, "artifact", "install", "benchrules:1.0.0", "--no-verify", "--platform", "linux/amd64",
				"--rulesfiles-dir", filepath.Join(dir, "aerie", "r"), "--plugins-dir", filepath.Join(dir, "aerie", "p"))
			return time.Since(t0)
		}
		for i := 0; i < b.N; i++ {
			if baseline != "" {
				base += install(baseline)
			}
			aerie += install(bin)
			_ = os.RemoveAll(filepath.Join(dir, "oras"))
			t1 := time.Now()
			orasPull(b, orasBin, dir, px.host)
			oras += time.Since(t1)
		}
		b.ReportMetric(float64(aerie.Microseconds())/1000/float64(b.N), "aeriectl-ms/op")
		b.ReportMetric(float64(oras.Microseconds())/1000/float64(b.N), "oras-ms/op")
		if baseline != "" {
			b.ReportMetric(float64(base.Microseconds())/1000/float64(b.N), "baseline-ms/op")
		}
	})
	b.Run("oras-pull-x2", func(b *testing.B) {
		px.reset()
		repeated := 0
		for i := 0; i < b.N; i++ {
			if i == 1 {
				repeated = px.repeated()
				b.Logf("oras requests for two pulls: %v", px.count)
			}
			_ = os.RemoveAll(filepath.Join(dir, "oras"))
			orasPull(b, orasBin, dir, px.host)
		}
		b.ReportMetric(float64(px.total())/float64(b.N), "requests/op")
		b.ReportMetric(float64(repeated), "repeated-requests/op")
	})
}

// orasPull pulls the benchmark's two artifacts with two oras runs into dir/oras.
func orasPull(b *testing.B, orasBin, dir, host string) {
	b.Helper()
	out := filepath.Join(dir, "oras")
	for _, args := range [][]string{
		{"pull", "--plain-http", "-o", filepath.Join(out, "r"), host + "/bench/rules:1.0.0"},
		{"pull", "--plain-http", "--platform", "linux/amd64", "-o", filepath.Join(out, "p"), host + "/bench/plugin:1.0.0"},
	} {
		cmd := exec.Command(orasBin, args...)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if o, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("oras %v: %v\n%s", args, err, o)
		}
	}
}

func runBin(b *testing.B, bin, cfg string, args ...string) {
	b.Helper()
	cmd := exec.Command(bin, append([]string{"--config", cfg, "--log-level", "error"}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Dir(cfg))
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("aeriectl %v: %v\n%s", args, err, out)
	}
}

func newBenchEnv(b *testing.B, dir, host string) string {
	b.Helper()
	ix := filepath.Join(dir, "index.yaml")
	idx := "- name: benchrules\n  type: rulesfile\n  registry: " + host + "\n  repository: bench/rules\n" +
		"- name: benchplugin\n  type: plugin\n  registry: " + host + "\n  repository: bench/plugin\n"
	cfg := "registry:\n  plain_http: [" + host + "]\n  credentials_file: " + dir + "/docker.json\n" +
		"indexes:\n  - name: bench\n    url: file://" + ix + "\npaths:\n  cache_dir: " + dir + "/cache\n  state_dir: " + dir + "/state\n"
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(ix, []byte(idx), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}
