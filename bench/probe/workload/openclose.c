/*
 * Workload for bench/probe. "openclose N": open("/dev/null") and close, N times (3 events each with the
 * probe: openat enter, openat exit, close exit). "badclose N": close(-1), N times (1 cheap event each,
 * to drive the event rate). Prints ns per iteration.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "openclose";
	long n = argc > 2 ? atol(argv[2]) : 100000;
	int bad = strcmp(mode, "badclose") == 0;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < n; i++) {
		if (bad) {
			close(-1);
			continue;
		}
		int fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			return 1;
		close(fd);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
	printf("%.1f\n", ns / n);
	return 0;
}
