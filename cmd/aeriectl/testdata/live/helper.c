/* Helper for TestRunLive: actions that need raw syscalls, each named after what it does.
 *   ptrace           attach to a child and detach
 *   traceme          ask to be traced
 *   memfd            copy /usr/bin/true into a memfd and execute it from there
 *   setns            re-enter the own network namespace through /proc/self/ns/net
 *   run ARGV...      run ARGV as a child (so that this program, under its copied name, is the parent)
 *   asuser UID ARGV  drop to UID (and GID UID) and execute ARGV
 *   login UID ARGV   set the audit login uid to UID, as a login session does (best effort), and execute ARGV
 *   setuid UID       drop to UID with setuid, then try setuid(0) back, as a non-root user
 *   uffd UID         drop to UID and create a userfaultfd (user-mode only, allowed unprivileged)
 *   module           load a bogus kernel module image with init_module (the kernel rejects it)
 *   bpf              load a two-instruction socket filter with bpf(BPF_PROG_LOAD)
 *   packet           create an AF_PACKET raw socket
 *   revshell ARGV    connect to a loopback listener, dup2 the socket onto 0, 1, 2, execute ARGV
 *   pty ARGV         run ARGV as the leader of a new session on a new pseudo-terminal
 *   noargv PATH      execute PATH with an empty argv (argc 0)
 *   netns ADDR ARGV  execute ARGV in a new network namespace whose loopback is up and has address ADDR
 *   listen PORT      listen on TCP PORT in the background (accepts one connection, gives up after 5 s)
 *   connect IP PORT  open a TCP connection
 *   udp IP PORT      connect a UDP socket and send one datagram
 *   overlay DIR      in a private mount namespace, mount an overlayfs on DIR, copy /usr/bin/true into it
 *                    (so into the upper layer) and execute the copy
 *   classdl          receive a Java class file (magic 0xcafebabe) from a loopback TCP peer with recvfrom
 *   writefd PATH     open PATH for reading, then open it again for writing through /proc/self/fd/N */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif

extern char **environ;

static int fail(const char *what)
{
	perror(what);
	return 1;
}

static int drop(uid_t uid)
{
	if (setgid(uid) != 0 || setuid(uid) != 0)
		return fail("drop privileges");
	return 0;
}

static int wait_child(pid_t pid)
{
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static int copy_file(const char *from, const char *to)
{
	int src = open(from, O_RDONLY), dst = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	struct stat st;
	if (src < 0 || dst < 0 || fstat(src, &st) != 0)
		return -1;
	int ok = sendfile(dst, src, NULL, st.st_size) == st.st_size;
	close(src);
	close(dst);
	return ok ? 0 : -1;
}

static int sockaddr_of(const char *ip, const char *port, struct sockaddr_in *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(atoi(port));
	return inet_pton(AF_INET, ip, &sa->sin_addr) == 1 ? 0 : -1;
}

/* loopback_as sets lo's address to ip (in a private network namespace) and brings it up. */
static int loopback_as(const char *ip)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq ifr = {0};
	strcpy(ifr.ifr_name, "lo");
	struct sockaddr_in *sa = (struct sockaddr_in *)&ifr.ifr_addr;
	sa->sin_family = AF_INET;
	inet_pton(AF_INET, ip, &sa->sin_addr);
	if (s < 0 || ioctl(s, SIOCSIFADDR, &ifr) != 0)
		return -1;
	if (ioctl(s, SIOCGIFFLAGS, &ifr) != 0)
		return -1;
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0)
		return -1;
	close(s);
	return 0;
}

static int do_ptrace(void)
{
	pid_t child = fork();
	if (child == 0) {
		pause();
		return 0;
	}
	usleep(10000);
	if (ptrace(PTRACE_ATTACH, child, 0, 0) != 0) {
		perror("ptrace");
		kill(child, SIGKILL);
		return 1;
	}
	waitpid(child, NULL, __WALL);
	ptrace(PTRACE_DETACH, child, 0, 0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return 0;
}

static int do_memfd(void)
{
	int fd = memfd_create("aerie-fileless", 0);
	int src = open("/usr/bin/true", O_RDONLY);
	struct stat st;
	if (fd < 0 || src < 0 || fstat(src, &st) != 0)
		return 1;
	if (sendfile(fd, src, NULL, st.st_size) != st.st_size)
		return 1;
	char *args[] = {"aerie-fileless", NULL};
	fexecve(fd, args, environ);
	return fail("fexecve");
}

static int do_bpf(void)
{
	struct bpf_insn insns[] = {
		{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
		{.code = BPF_JMP | BPF_EXIT},
	};
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = 2;
	attr.license = (unsigned long)"GPL";
	int fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd < 0)
		return fail("bpf");
	close(fd);
	return 0;
}

static int do_revshell(char **argv)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t n = sizeof(sa);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, n) != 0 || listen(l, 1) != 0 || getsockname(l, (struct sockaddr *)&sa, &n) != 0)
		return fail("listen");
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&sa, n) != 0)
		return fail("connect");
	close(l);
	dup2(s, 0);
	dup2(s, 1);
	dup2(s, 2);
	close(s);
	execv(argv[0], argv);
	return 1;
}

static int do_pty(char **argv)
{
	int master, slave;
	if (openpty(&master, &slave, NULL, NULL, NULL) != 0)
		return fail("openpty");
	pid_t pid = fork();
	if (pid == 0) {
		close(master);
		if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) != 0)
			return fail("controlling tty");
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		close(slave);
		execv(argv[0], argv);
		return 1;
	}
	close(slave);
	char buf[256];
	while (read(master, buf, sizeof(buf)) > 0) /* drain until the child closes the terminal */
		;
	return wait_child(pid);
}

static int do_listen(const char *port)
{
	struct sockaddr_in sa;
	sockaddr_of("0.0.0.0", port, &sa);
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(l, 4) != 0)
		return fail("listen");
	if (fork() != 0)
		return 0; /* listening: the caller may connect */
	alarm(5);
	int c = accept(l, NULL, NULL);
	if (c >= 0)
		close(c);
	return 0;
}

static int do_connect(const char *ip, const char *port, int type)
{
	struct sockaddr_in sa;
	int s = socket(AF_INET, type, 0);
	if (s < 0 || sockaddr_of(ip, port, &sa) != 0 || connect(s, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		return fail("connect");
	if (type == SOCK_DGRAM && send(s, "x", 1, 0) != 1)
		return fail("send");
	close(s);
	return 0;
}

static int do_classdl(void)
{
	static const unsigned char class_file[] = {0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34, 0x00, 0x0a};
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t n = sizeof(sa);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, n) != 0 || listen(l, 1) != 0 || getsockname(l, (struct sockaddr *)&sa, &n) != 0)
		return fail("listen");
	pid_t pid = fork();
	if (pid == 0) { /* the server */
		int c = accept(l, NULL, NULL);
		if (c < 0 || sendto(c, class_file, sizeof(class_file), 0, NULL, 0) != sizeof(class_file))
			return fail("send class file");
		close(c);
		return 0;
	}
	close(l);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&sa, n) != 0)
		return fail("connect");
	unsigned char buf[64];
	if (recvfrom(s, buf, sizeof(buf), MSG_WAITALL, NULL, NULL) != sizeof(class_file))
		return fail("recvfrom");
	close(s);
	return wait_child(pid);
}

static int do_overlay(const char *dir)
{
	char l[512], u[512], w[512], m[512], opts[2048], exe[600];
	snprintf(l, sizeof(l), "%s/lower", dir);
	snprintf(u, sizeof(u), "%s/upper", dir);
	snprintf(w, sizeof(w), "%s/work", dir);
	snprintf(m, sizeof(m), "%s/merged", dir);
	snprintf(opts, sizeof(opts), "lowerdir=%s,upperdir=%s,workdir=%s", l, u, w);
	snprintf(exe, sizeof(exe), "%s/dropped", m);
	if (mkdir(dir, 0755) || mkdir(l, 0755) || mkdir(u, 0755) || mkdir(w, 0755) || mkdir(m, 0755))
		return fail("mkdir");
	if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		return fail("private mount namespace");
	if (mount("overlay", m, "overlay", 0, opts) != 0)
		return fail("mount overlay");
	if (copy_file("/usr/bin/true", exe) != 0)
		return fail("copy into overlay");
	pid_t pid = fork();
	if (pid == 0) {
		char *args[] = {exe, NULL};
		execv(exe, args);
		return fail("execv");
	}
	return wait_child(pid);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *cmd = argv[1];
	if (strcmp(cmd, "ptrace") == 0)
		return do_ptrace();
	if (strcmp(cmd, "traceme") == 0)
		return ptrace(PTRACE_TRACEME, 0, 0, 0) == 0 ? 0 : 1;
	if (strcmp(cmd, "memfd") == 0)
		return do_memfd();
	if (strcmp(cmd, "setns") == 0) {
		int fd = open("/proc/self/ns/net", O_RDONLY);
		if (fd < 0 || setns(fd, CLONE_NEWNET) != 0)
			return fail("setns");
		return 0;
	}
	if (strcmp(cmd, "run") == 0 && argc > 2) {
		pid_t pid = fork();
		if (pid == 0) {
			execv(argv[2], argv + 2);
			return fail("execv");
		}
		return wait_child(pid);
	}
	if (strcmp(cmd, "asuser") == 0 && argc > 3) {
		if (drop(atoi(argv[2])) != 0)
			return 1;
		execv(argv[3], argv + 3);
		return fail("execv");
	}
	if (strcmp(cmd, "login") == 0 && argc > 3) {
		int fd = open("/proc/self/loginuid", O_WRONLY);
		if (fd < 0 || write(fd, argv[2], strlen(argv[2])) < 0)
			perror("set loginuid");
		if (fd >= 0)
			close(fd);
		execv(argv[3], argv + 3);
		return fail("execv");
	}
	if (strcmp(cmd, "setuid") == 0 && argc > 2) {
		if (drop(atoi(argv[2])) != 0)
			return 1;
		return setuid(0) == 0 ? 1 : 0; /* must fail: not root any more */
	}
	if (strcmp(cmd, "uffd") == 0 && argc > 2) {
		if (drop(atoi(argv[2])) != 0)
			return 1;
		int fd = syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
		if (fd < 0)
			return fail("userfaultfd");
		close(fd);
		return 0;
	}
	if (strcmp(cmd, "module") == 0) {
		static const char image[64] = "not an ELF module";
		return syscall(SYS_init_module, image, sizeof(image), "") == 0 ? 1 : 0;
	}
	if (strcmp(cmd, "bpf") == 0)
		return do_bpf();
	if (strcmp(cmd, "packet") == 0) {
		int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
		if (s < 0)
			return fail("socket AF_PACKET");
		close(s);
		return 0;
	}
	if (strcmp(cmd, "revshell") == 0 && argc > 2)
		return do_revshell(argv + 2);
	if (strcmp(cmd, "pty") == 0 && argc > 2)
		return do_pty(argv + 2);
	if (strcmp(cmd, "noargv") == 0 && argc > 2) {
		char *none[] = {NULL};
		execve(argv[2], none, environ);
		return fail("execve");
	}
	if (strcmp(cmd, "netns") == 0 && argc > 3) {
		if (unshare(CLONE_NEWNET) != 0 || loopback_as(argv[2]) != 0)
			return fail("network namespace");
		execv(argv[3], argv + 3);
		return fail("execv");
	}
	if (strcmp(cmd, "listen") == 0 && argc > 2)
		return do_listen(argv[2]);
	if (strcmp(cmd, "connect") == 0 && argc > 3)
		return do_connect(argv[2], argv[3], SOCK_STREAM);
	if (strcmp(cmd, "udp") == 0 && argc > 3)
		return do_connect(argv[2], argv[3], SOCK_DGRAM);
	if (strcmp(cmd, "classdl") == 0)
		return do_classdl();
	if (strcmp(cmd, "overlay") == 0 && argc > 2)
		return do_overlay(argv[2]);
	if (strcmp(cmd, "writefd") == 0 && argc > 2) {
		char path[64];
		int fd = open(argv[2], O_RDONLY);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		int w = fd < 0 ? -1 : open(path, O_WRONLY);
		if (w < 0)
			return fail("open /proc/self/fd for writing");
		close(w);
		return 0;
	}
	return 2;
}
