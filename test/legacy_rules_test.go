package test

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aerie-sec/aerie/engine/detect"
	"github.com/aerie-sec/aerie/engine/eval"
	"github.com/aerie-sec/aerie/engine/rules"
	"github.com/aerie-sec/aerie/engine/scap/legacygen"
	"github.com/aerie-sec/aerie/internal/testenv"
)

// eventGenerator is the process that performs the actions, as Falco's event-generator did when the
// positive traces were recorded: a child of the ssh login shell.
func eventGenerator(s *legacygen.Stream, md *legacygen.Metadata) *legacygen.Proc {
	return s.Spawn(legacygen.ProcOf(md, 1000), 3000, "/usr/local/bin/event-generator", "event-generator", "run", "syscall")
}

// positiveTraces are old-style captures (process list V4, EV V1 blocks, 2016 event versions: enter+exit
// pairs whose exits carry only their own parameters) of the actions of falcosecurity/testing's positive
// traces, each with the rule Falco's regression tests expect and where the rule lives today.
var positiveTraces = []struct {
	name   string
	rule   string
	file   string // the upstream rules file that defines the rule
	count  int    // expected alerts (0: at least one)
	action func(s *legacygen.Stream, md *legacygen.Metadata)
}{
	{"ReadSensitiveFileUntrusted", "Read sensitive file untrusted", "falco_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		s.Open(g, "/etc/shadow", legacygen.ORdonly, 0, 3)
		s.Read(g, 3, []byte("root:*:17000:0:99999:7:::\n"))
		s.Close(g, 3)
	}},
	{"WriteBinaryDir", "Write below binary dir", "falco-sandbox_rules.yaml", 4, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		for i, d := range []string{"/bin", "/sbin", "/usr/bin", "/usr/sbin"} {
			s.Open(g, d+"/created-by-event-generator-sh", legacygen.OWronly|legacygen.OCreat, 0o644, int64(3+i))
			s.Close(g, int64(3+i))
		}
	}},
	{"WriteEtc", "Write below etc", "falco-sandbox_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		s.Open(g, "/etc/created-by-event-generator-sh", legacygen.OWronly|legacygen.OCreat, 0o644, 3)
		s.Write(g, 3, []byte("x"))
		s.Close(g, 3)
	}},
	{"WriteRpmDatabase", "Write below rpm database", "falco-sandbox_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		s.Open(g, "/var/lib/rpm/created-by-event-generator-sh", legacygen.OWronly|legacygen.OCreat, 0o644, 3)
		s.Close(g, 3)
	}},
	{"MkdirBinaryDirs", "Mkdir binary dirs", "falco-sandbox_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		s.Mkdir(g, "/bin/directory-created-by-event-generator-sh", 0o755) // 2016: path on the enter only
	}},
	{"ModifyBinaryDirs", "Modify binary dirs", "falco-sandbox_rules.yaml", 2, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		s.Rename(g, "/bin/true", "/bin/true.event-generator-sh")
		s.Rename(g, "/bin/true.event-generator-sh", "/bin/true")
	}},
	{"CreateFilesBelowDev", "Create files below dev", "falco-incubating_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		s.Open(g, "/dev/created-by-event-generator-sh", legacygen.ORdwr|legacygen.OCreat, 0o644, 3)
		s.Close(g, 3)
	}},
	{"UserMgmtBinaries", "User mgmt binaries", "falco-incubating_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		v := s.Spawn(g, 3001, "/usr/sbin/vipw", "vipw", "--help")
		s.ProcExit(v)
	}},
	{"SystemUserInteractive", "System user interactive", "falco_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		c := *g
		c.TID, c.PID, c.PTID = 3001, 3001, g.TID
		s.Clone(g, &c, 0)
		s.Setuid(&c, 1, 0) // daemon: the uid is on the old setuid enter only
		s.Execve(&c, "/bin/login", "/bin/login", "login", "--help")
		s.ProcExit(&c)
	}},
	{"SystemBinariesNetworkActivity", "System procs network activity", "falco-incubating_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		c := s.Spawn(g, 3001, "/usr/bin/sha1sum", "sha1sum", "--help")
		s.Socket(c, legacygen.AFInet, legacygen.SockTCP, 0, 3)
		s.Connect(c, 3, netip.MustParseAddrPort("10.0.2.15:45000"), netip.MustParseAddrPort("10.2.3.4:8192"), -115)
		s.Close(c, 3)
	}},
	{"RunShellUntrusted", "Run shell untrusted", "falco_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		nginx := legacygen.ProcOf(md, 1200)
		sh := s.Spawn(nginx, 3001, "/bin/bash", "bash", "-c", "ls > /dev/null")
		ls := s.Spawn(sh, 3002, "/bin/ls", "ls")
		s.ProcExit(ls)
		s.ProcExit(sh)
	}},
	{"NonSudoSetuid", "Non sudo setuid", "falco-incubating_rules.yaml", 0, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		c := *g
		c.TID, c.PID, c.PTID = 3001, 3001, g.TID
		s.Clone(g, &c, 0)
		s.Setuid(&c, 1, 0)  // root becomes daemon
		s.Setuid(&c, 0, -1) // daemon tries to become root: EPERM
		s.ProcExit(&c)
	}},
	{"DbProgramSpawnedProcess", "DB program spawned process", "falco-incubating_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		mysqld := legacygen.ProcOf(md, 1100)
		ls := s.Spawn(mysqld, 3001, "/bin/ls", "ls", "/var/lib/mysql")
		s.ProcExit(ls)
	}},
	{"ChangeThreadNamespace", "Change thread namespace", "falco-incubating_rules.yaml", 1, func(s *legacygen.Stream, md *legacygen.Metadata) {
		g := eventGenerator(s, md)
		s.Open(g, "/proc/1/ns/net", legacygen.ORdonly, 0, 3)
		s.Setns(g, 3, 0)
	}},
}

// writeLegacy writes one 2016-style capture of HostMetadata with the given actions.
func writeLegacy(t *testing.T, name string, era legacygen.Era, action func(*legacygen.Stream, *legacygen.Metadata)) string {
	t.Helper()
	var buf bytes.Buffer
	md := legacygen.HostMetadata()
	w, err := legacygen.New(&buf, legacygen.Layout{ProcList: 4}, md)
	if err != nil {
		t.Fatal(err)
	}
	s := &legacygen.Stream{W: w, Era: era, Ts: 1472688000000000000}
	action(s, md)
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".scap")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// replayRules replays a capture with the given upstream files (plus an enabling document) and every match
// of every rule counted, as Falco's regression tests count detections per rule.
func replayRules(t *testing.T, capture string, files []string, enable []string) map[string][]string {
	t.Helper()
	ctx := context.Background()
	var paths []string
	for _, f := range files {
		paths = append(paths, testenv.CorpusFile(t, "rules", f))
	}
	if len(enable) > 0 {
		var doc strings.Builder
		for _, r := range enable {
			fmt.Fprintf(&doc, "- rule: %s\n  enabled: true\n  override:\n    enabled: replace\n", r)
		}
		p := filepath.Join(t.TempDir(), "enable.yaml")
		if err := os.WriteFile(p, []byte(doc.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	rs, res, err := detect.Compile(ctx, paths, eval.Options{})
	if err != nil {
		t.Fatal(err, res[len(res)-1].Text(nil, true))
	}
	eng := detect.New(rs, detect.Options{Hostname: "test", MatchAll: true})
	got := map[string][]string{}
	if _, err := detect.ReplayFile(ctx, eng, capture, func(m *detect.Match) {
		a := m.Rule.Alert(m.Ctx, "test")
		got[a.Rule] = append(got[a.Rule], fmt.Sprintf("#%d %d %s: %s", m.Ctx.Ev.Num, int(a.Priority), a.Priority, a.Message))
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestLegacyPositiveTraces replays, for each positive trace of Falco's regression suite, a 2016-style
// capture of the action event-generator performed, with the current upstream rules (falco_rules.yaml plus
// the file where the rule lives now, the rule enabled as Falco's tests do), and expects the rule's alerts.
func TestLegacyPositiveTraces(t *testing.T) {
	for _, era := range []legacygen.Era{legacygen.Era2016, legacygen.Era2019} {
		for _, tr := range positiveTraces {
			t.Run(fmt.Sprintf("%s/era%d", tr.name, era), func(t *testing.T) {
				path := writeLegacy(t, tr.name, era, tr.action)
				files := []string{"falco_rules.yaml"}
				if tr.file != files[0] {
					files = append(files, tr.file)
				}
				got := replayRules(t, path, files, []string{tr.rule})
				n := len(got[tr.rule])
				if n > 0 {
					t.Logf("%d alerts, first: %s", n, got[tr.rule][0])
				}
				if n == 0 || (tr.count > 0 && n != tr.count) {
					t.Errorf("rule %q raised %d alerts, want %d; all alerts: %v", tr.rule, n, tr.count, got)
				}
			})
		}
	}
}

// TestLegacyNegativeTraces replays old-style captures of ordinary activity like the negative traces
// (a package install, a git push over ssh, docker-compose starting containers) with falco_rules.yaml's
// default selection: no WARNING or more severe alert.
func TestLegacyNegativeTraces(t *testing.T) {
	actions := map[string]func(s *legacygen.Stream, md *legacygen.Metadata){
		"AptInstall": func(s *legacygen.Stream, md *legacygen.Metadata) {
			bash := legacygen.ProcOf(md, 1000)
			apt := s.Spawn(bash, 4000, "/usr/bin/apt-get", "apt-get", "install", "-y", "curl")
			s.Open(apt, "/var/lib/dpkg/lock", legacygen.ORdwr|legacygen.OCreat, 0o640, 3)
			s.Socket(apt, legacygen.AFInet, legacygen.SockTCP, 0, 4)
			s.Connect(apt, 4, netip.MustParseAddrPort("10.0.2.15:50100"), netip.MustParseAddrPort("91.189.88.152:80"), -115)
			s.Read(apt, 4, []byte("HTTP/1.1 200 OK\r\n"))
			s.Close(apt, 4)
			dpkg := s.Spawn(apt, 4001, "/usr/bin/dpkg", "dpkg", "--status-fd", "23", "--unpack", "curl.deb")
			s.Open(dpkg, "/usr/bin/curl.dpkg-new", legacygen.OWronly|legacygen.OCreat|legacygen.OTrunc, 0o755, 5)
			s.Write(dpkg, 5, []byte("\x7fELF"))
			s.Close(dpkg, 5)
			s.Rename(dpkg, "/usr/bin/curl.dpkg-new", "/usr/bin/curl")
			s.Open(dpkg, "/var/lib/dpkg/status", legacygen.OWronly|legacygen.OCreat|legacygen.OTrunc, 0o644, 6)
			s.Close(dpkg, 6)
			s.ProcExit(dpkg)
			s.Close(apt, 3)
			s.ProcExit(apt)
		},
		"GitPush": func(s *legacygen.Stream, md *legacygen.Metadata) {
			bash := legacygen.ProcOf(md, 1000)
			git := s.Spawn(bash, 4000, "/usr/bin/git", "git", "push", "origin", "master")
			s.Open(git, "/home/vagrant/repo/.git/config", legacygen.ORdonly, 0, 3)
			s.Close(git, 3)
			ssh := s.Spawn(git, 4001, "/usr/bin/ssh", "ssh", "git@github.com", "git-receive-pack 'org/repo.git'")
			s.Open(ssh, "/home/vagrant/.ssh/id_rsa", legacygen.ORdonly, 0, 3)
			s.Close(ssh, 3)
			s.Socket(ssh, legacygen.AFInet, legacygen.SockTCP, 0, 3)
			s.Connect(ssh, 3, netip.MustParseAddrPort("10.0.2.15:50200"), netip.MustParseAddrPort("192.30.253.113:22"), 0)
			s.Write(ssh, 3, []byte("SSH-2.0-OpenSSH_7.2\r\n"))
			s.Close(ssh, 3)
			s.ProcExit(ssh)
			s.ProcExit(git)
		},
		"DockerCompose": func(s *legacygen.Stream, md *legacygen.Metadata) {
			bash := legacygen.ProcOf(md, 1000)
			dc := s.Spawn(bash, 4000, "/usr/local/bin/docker-compose", "docker-compose", "up", "-d")
			s.Open(dc, "/home/vagrant/app/docker-compose.yml", legacygen.ORdonly, 0, 3)
			s.Close(dc, 3)
			ctr := legacygen.ProcOf(md, 1300) // a container's process
			app := s.Spawn(ctr, 4001, "/usr/local/bin/python", "python", "app.py")
			s.Open(app, "/app/app.py", legacygen.ORdonly, 0, 3)
			s.Close(app, 3)
			s.Socket(app, legacygen.AFInet, legacygen.SockTCP, 0, 4)
			s.Connect(app, 4, netip.MustParseAddrPort("172.17.0.2:40000"), netip.MustParseAddrPort("172.17.0.3:6379"), 0)
			s.Close(app, 4)
			s.ProcExit(dc)
		},
	}
	names := make([]string, 0, len(actions))
	for n := range actions {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, era := range []legacygen.Era{legacygen.Era2016, legacygen.Era2019} {
		for _, n := range names {
			path := writeLegacy(t, n, era, actions[n])
			for rule, as := range replayRules(t, path, []string{"falco_rules.yaml"}, nil) {
				for _, a := range as {
					// WARNING and more severe: priority numbers up to rules.Warning
					if p := strings.Fields(a)[1]; p <= strconv.Itoa(int(rules.Warning)) {
						t.Errorf("%s era %d: rule %q raised %s", n, era, rule, a)
					}
				}
			}
		}
	}
}
