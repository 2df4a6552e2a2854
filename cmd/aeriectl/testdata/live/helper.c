/* Helper for TestRunLive: actions that need raw syscalls. "ptrace" attaches to a child and detaches,
 * "traceme" asks to be traced, "memfd" copies /usr/bin/true into a memfd and executes it from there. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "ptrace") == 0) {
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
	if (strcmp(argv[1], "traceme") == 0)
		return ptrace(PTRACE_TRACEME, 0, 0, 0) == 0 ? 0 : 1;
	if (strcmp(argv[1], "memfd") == 0) {
		int fd = memfd_create("aerie-fileless", 0);
		int src = open("/usr/bin/true", O_RDONLY);
		struct stat st;
		if (fd < 0 || src < 0 || fstat(src, &st) != 0)
			return 1;
		if (sendfile(fd, src, NULL, st.st_size) != st.st_size)
			return 1;
		char *args[] = {"aerie-fileless", NULL};
		fexecve(fd, args, environ);
		perror("fexecve");
		return 1;
	}
	return 2;
}
