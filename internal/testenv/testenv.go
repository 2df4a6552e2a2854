// Package testenv gives tests the machine facilities they need (the shared corpus, root, BTF, external tools),
// skipping with the reason when one is missing, except under CI, where a missing facility fails the test.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// CI reports whether the tests run in CI (the CI environment variable is set and not "false").
func CI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// skipOrFail skips t with reason, or fails it under CI, where every facility must be present.
func skipOrFail(t testing.TB, reason string) {
	t.Helper()
	if CI() {
		t.Fatalf("required in CI: %s", reason)
	}
	t.Skip(reason)
}

// RepoRoot returns the repository's top directory (the one holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testenv: cannot locate source file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Corpus returns the shared test corpus folder: $AERIE_CORPUS, or ../shared/corpus beside the repository.
// It skips when the folder is missing, and fails under CI.
func Corpus(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("AERIE_CORPUS")
	if dir == "" {
		dir = filepath.Join(RepoRoot(t), "..", "shared", "corpus")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		skipOrFail(t, "shared corpus not found at "+dir+" (set AERIE_CORPUS)")
	}
	return dir
}

// CorpusFile returns the path of a file under the shared corpus, e.g. CorpusFile(t, "rules", "falco_rules.yaml").
func CorpusFile(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Corpus(t)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("corpus file: %v", err)
	}
	return p
}

// RequireRoot skips t unless the process runs as root (fails under CI).
func RequireRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		skipOrFail(t, "test needs root")
	}
}

// RequireBTF skips t unless the kernel exposes BTF at /sys/kernel/btf/vmlinux (fails under CI).
func RequireBTF(t testing.TB) {
	t.Helper()
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); err != nil {
		skipOrFail(t, "test needs kernel BTF (/sys/kernel/btf/vmlinux): "+err.Error())
	}
}

// Tool returns the path of an external program the test needs (installed by scripts/setup.sh),
// skipping when it is missing (failing under CI).
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if gobin := goBinPath(name); gobin != "" {
			return gobin
		}
		skipOrFail(t, name+" not installed (run scripts/setup.sh)")
	}
	return p
}

func goBinPath(name string) string {
	dirs := []string{os.Getenv("GOBIN")}
	if gp := os.Getenv("GOPATH"); gp != "" {
		dirs = append(dirs, filepath.Join(gp, "bin"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}
