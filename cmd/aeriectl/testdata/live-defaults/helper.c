/* Helper for TestRunDefaultsLive: the actions of the default rules that need raw syscalls.
 *   runas UID PROG [ARGS]   drop to UID (real, effective, saved) and execute PROG
 *   pkexec PATH             execute PATH with an empty argument vector (argc 0)
 *   uffd                    call userfaultfd as uid 65534
 *   setuid0                 as uid 65534, try setuid(0)
 *   stdio                   connect a TCP socket over loopback and make it fds 0, 1 and 2
 *   packet                  open an AF_PACKET socket
 *   bpf                     load a two-instruction socket filter program
 *   connect PORT            start a non-blocking TCP connection to PORT on a non-loopback address
 *   vmwrite                 write into a forked child's memory with process_vm_writev
 *   delmod NAME             ask the kernel to unload module NAME (delete_module; failing is fine)
 *   byhandle PATH           open PATH again through its file handle (name_to_handle_at, open_by_handle_at)
 *   fsmount                 create a tmpfs with the new mount API and mount it detached (attached nowhere) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <linux/bpf.h>
#include <libgen.h>
#include <linux/if_ether.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

extern char **environ;

static int drop(uid_t uid)
{
	if (setgroups(0, NULL) != 0 || setresgid(uid, uid, uid) != 0 || setresuid(uid, uid, uid) != 0) {
		perror("drop privileges");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *a = argv[1];
	if (strcmp(a, "runas") == 0 && argc >= 4) {
		if (drop((uid_t)atoi(argv[2])) != 0)
			return 1;
		execv(argv[3], &argv[3]);
		perror("execv");
		return 1;
	}
	if (strcmp(a, "pkexec") == 0 && argc >= 3) {
		char *none[] = {NULL};
		syscall(SYS_execve, argv[2], none, environ);
		perror("execve");
		return 1;
	}
	if (strcmp(a, "uffd") == 0) {
		if (drop(65534) != 0)
			return 1;
		long fd = syscall(SYS_userfaultfd, O_CLOEXEC);
		if (fd >= 0)
			close((int)fd);
		return 0;
	}
	if (strcmp(a, "setuid0") == 0) {
		if (drop(65534) != 0)
			return 1;
		return setuid(0) == 0 ? 1 : 0; /* must fail */
	}
	if (strcmp(a, "stdio") == 0) {
		int l = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
		socklen_t sl = sizeof(sa);
		if (l < 0 || bind(l, (struct sockaddr *)&sa, sl) != 0 || listen(l, 1) != 0 ||
		    getsockname(l, (struct sockaddr *)&sa, &sl) != 0)
			return 1;
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, (struct sockaddr *)&sa, sl) != 0)
			return 1;
		int devnull = open("/dev/null", O_WRONLY);
		int saved = dup(2);
		for (int fd = 0; fd < 3; fd++)
			dup2(c, fd);
		dup2(devnull, 1); /* put harmless streams back before anything is printed */
		dup2(saved, 2);
		return 0;
	}
	if (strcmp(a, "packet") == 0) {
		int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
		if (s < 0) {
			perror("socket AF_PACKET");
			return 1;
		}
		close(s);
		return 0;
	}
	if (strcmp(a, "bpf") == 0) {
		struct bpf_insn prog[] = {
			{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
			{.code = BPF_JMP | BPF_EXIT},
		};
		union bpf_attr attr;
		memset(&attr, 0, sizeof(attr));
		attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
		attr.insns = (unsigned long)prog;
		attr.insn_cnt = 2;
		attr.license = (unsigned long)"GPL";
		long fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
		if (fd < 0) {
			perror("bpf");
			return 1;
		}
		close((int)fd);
		return 0;
	}
	if (strcmp(a, "connect") == 0 && argc >= 3) {
		/* Listen on the port at the first non-loopback IPv4 address of the host and connect there;
		 * without one, start a connection to a documentation address (TEST-NET-2) instead. */
		uint16_t port = (uint16_t)atoi(argv[2]);
		struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
		int found = 0;
		struct ifaddrs *ifs, *i;
		if (getifaddrs(&ifs) == 0) {
			for (i = ifs; i && !found; i = i->ifa_next) {
				if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_LOOPBACK))
					continue;
				sa.sin_addr = ((struct sockaddr_in *)i->ifa_addr)->sin_addr;
				found = 1;
			}
			freeifaddrs(ifs);
		}
		int l = -1, one = 1;
		if (found) {
			l = socket(AF_INET, SOCK_STREAM, 0);
			setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
			if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(l, 1) != 0)
				found = 0;
		}
		if (!found)
			inet_pton(AF_INET, "198.51.100.1", &sa.sin_addr);
		int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (s < 0)
			return 1;
		connect(s, (struct sockaddr *)&sa, sizeof(sa));
		close(s);
		if (l >= 0)
			close(l);
		return 0;
	}
	if (strcmp(a, "vmwrite") == 0) {
		static char target[64] = "aerie-target";
		pid_t child = fork();
		if (child < 0)
			return 1;
		if (child == 0) {
			pause();
			_exit(0);
		}
		char payload[] = "aerie-injected";
		struct iovec local = {.iov_base = payload, .iov_len = sizeof(payload)};
		struct iovec remote = {.iov_base = target, .iov_len = sizeof(payload)}; /* same address after fork */
		ssize_t n = process_vm_writev(child, &local, 1, &remote, 1, 0);
		if (n < 0)
			perror("process_vm_writev");
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		return n == (ssize_t)sizeof(payload) ? 0 : 1;
	}
	if (strcmp(a, "delmod") == 0 && argc >= 3) {
		syscall(SYS_delete_module, argv[2], O_NONBLOCK);
		return 0;
	}
	if (strcmp(a, "byhandle") == 0 && argc >= 3) {
		struct {
			struct file_handle h;
			unsigned char buf[MAX_HANDLE_SZ];
		} fh;
		int mount_id;
		fh.h.handle_bytes = MAX_HANDLE_SZ;
		if (name_to_handle_at(AT_FDCWD, argv[2], &fh.h, &mount_id, 0) != 0) {
			perror("name_to_handle_at");
			return 1;
		}
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s", argv[2]);
		int mfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
		int fd = mfd < 0 ? -1 : open_by_handle_at(mfd, &fh.h, O_RDONLY);
		if (fd < 0) {
			perror("open_by_handle_at");
			return 1;
		}
		close(fd);
		close(mfd);
		return 0;
	}
	if (strcmp(a, "fsmount") == 0) {
		enum { NR_fsopen = 430, NR_fsconfig = 431, NR_fsmount = 432, CMD_CREATE = 6 };
		long fd = syscall(NR_fsopen, "tmpfs", 1 /* FSOPEN_CLOEXEC */);
		if (fd < 0 || syscall(NR_fsconfig, fd, CMD_CREATE, NULL, NULL, 0) != 0) {
			perror("fsopen/fsconfig");
			return 1;
		}
		long m = syscall(NR_fsmount, fd, 1 /* FSMOUNT_CLOEXEC */, 0);
		if (m >= 0)
			close((int)m);
		close((int)fd);
		return 0;
	}
	return 2;
}
