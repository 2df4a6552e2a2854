// SPDX-License-Identifier: GPL-2.0-only
/*
 * Aerie syscall probe (x86_64). Every program exists in two flavors, tp_btf
 * (preferred) and raw_tracepoint (fallback); the loader keeps one flavor.
 *
 *   sys_exit   dispatcher: interest filter, saves args, tail-calls the
 *              per-syscall program from exit_progs (indexed by syscall nr).
 *   sys_enter  enter events for the TOCTOU set (open, creat, openat,
 *              openat2, connect), as Falco's drivers emit them.
 *   sched_process_exec  successful execve/execveat (reported as execve).
 *   sched_process_exit  procexit.
 *
 * Events are written in the .scap event layout (see scap.h).
 */
#include "types.h"
#include "scap.h"
#include "flags.h"
#include "extract.h"

char LICENSE[] SEC("license") = "GPL";

/* x86_64 syscall numbers. */
#define NR_read 0
#define NR_write 1
#define NR_open 2
#define NR_close 3
#define NR_pipe 22
#define NR_dup 32
#define NR_dup2 33
#define NR_sendfile 40
#define NR_socket 41
#define NR_connect 42
#define NR_accept 43
#define NR_sendto 44
#define NR_recvfrom 45
#define NR_sendmsg 46
#define NR_recvmsg 47
#define NR_bind 49
#define NR_epoll_create 213
#define NR_inotify_init 253
#define NR_signalfd 282
#define NR_timerfd_create 283
#define NR_eventfd 284
#define NR_signalfd4 289
#define NR_eventfd2 290
#define NR_epoll_create1 291
#define NR_inotify_init1 294
#define NR_pidfd_open 434
#define NR_listen 50
#define NR_socketpair 53
#define NR_clone 56
#define NR_fork 57
#define NR_vfork 58
#define NR_execve 59
#define NR_kill 62
#define NR_chdir 80
#define NR_fchdir 81
#define NR_rename 82
#define NR_mkdir 83
#define NR_rmdir 84
#define NR_creat 85
#define NR_link 86
#define NR_unlink 87
#define NR_symlink 88
#define NR_chmod 90
#define NR_fchmod 91
#define NR_chown 92
#define NR_fchown 93
#define NR_lchown 94
#define NR_mknod 133
#define NR_ptrace 101
#define NR_setuid 105
#define NR_setgid 106
#define NR_setreuid 113
#define NR_setregid 114
#define NR_setresuid 117
#define NR_setresgid 119
#define NR_capset 126
#define NR_prctl 157
#define NR_chroot 161
#define NR_mount 165
#define NR_umount2 166
#define NR_init_module 175
#define NR_delete_module 176
#define NR_tgkill 234
#define NR_openat 257
#define NR_mkdirat 258
#define NR_mknodat 259
#define NR_fchownat 260
#define NR_unlinkat 263
#define NR_renameat 264
#define NR_linkat 265
#define NR_symlinkat 266
#define NR_fchmodat 268
#define NR_unshare 272
#define NR_splice 275
#define NR_open_by_handle_at 304
#define NR_accept4 288
#define NR_dup3 292
#define NR_pipe2 293
#define NR_setns 308
#define NR_process_vm_readv 310
#define NR_process_vm_writev 311
#define NR_finit_module 313
#define NR_renameat2 316
#define NR_memfd_create 319
#define NR_bpf 321
#define NR_execveat 322
#define NR_userfaultfd 323
#define NR_copy_file_range 326
#define NR_fsconfig 431
#define NR_clone3 435
#define NR_openat2 437

/* FLAVORS defines a program twice: tp_btf (btf is true: BTF-typed arguments may be read directly) and
 * raw_tracepoint (btf is false: every kernel read goes through bpf_probe_read_kernel). */
#define FLAVORS(name, hook)                                                  \
	static __always_inline int name##_impl(u64 *ctx, const bool btf);      \
	SEC("tp_btf/" hook) int btf_##name(u64 *ctx) { return name##_impl(ctx, true); } \
	SEC("raw_tracepoint/" hook) int raw_##name(u64 *ctx) { return name##_impl(ctx, false); } \
	static __always_inline int name##_impl(u64 *ctx, const bool btf)

/* REG reads a pt_regs field: a direct load under tp_btf, a probe read under raw_tracepoint. */
#define REG(regs, f) (btf ? (regs)->f : BPF_CORE_READ(regs, f))

#define EXIT(name) FLAVORS(x_##name, "sys_exit")

static __always_inline struct scratch *sc(void)
{
	u32 zero = 0;
	return bpf_map_lookup_elem(&args, &zero);
}

#define A(i) (s->args[i])
/* ev_xbegin starts an exit event with the thread id the dispatcher read. */
#define ev_xbegin(e, type, n) ev_begin_id(e, type, n, s->pid_tgid)
#define SFD(v) ((s64)(s32)(v))

/* ---- dispatchers ---- */

FLAVORS(sys_exit, "sys_exit")
{
	struct pt_regs *regs = (struct pt_regs *)ctx[0];
	u64 id = REG(regs, orig_ax);
	if (id >= NSYSCALLS)
		return 0;
	u32 key = id;
	if (!wanted(key, WANT_EXIT))
		return 0;
	u64 pid_tgid = bpf_get_current_pid_tgid();
	if (ignored_id(pid_tgid))
		return 0;
	struct scratch *s = sc();
	if (!s)
		return 0;
	s->id = id;
	s->pid_tgid = pid_tgid;
	s->ret = (s64)ctx[1];
	s->args[0] = REG(regs, di);
	s->args[1] = REG(regs, si);
	s->args[2] = REG(regs, dx);
	s->args[3] = REG(regs, r10);
	s->args[4] = REG(regs, r8);
	s->args[5] = REG(regs, r9);
	bpf_tail_call(ctx, &exit_progs, key);
	return 0;
}

FLAVORS(sys_enter, "sys_enter")
{
	u64 id = ctx[1];
	if (id != NR_open && id != NR_openat && id != NR_openat2 && id != NR_creat && id != NR_connect)
		return 0;
	if (!wanted(id, WANT_ENTER))
		return 0;
	u64 pid_tgid = bpf_get_current_pid_tgid();
	if (ignored_id(pid_tgid))
		return 0;
	struct pt_regs *regs = (struct pt_regs *)ctx[0];
	u64 a0 = REG(regs, di), a1 = REG(regs, si);
	u64 a2 = REG(regs, dx), a3 = REG(regs, r10);
	struct ev e;
	u32 npos = 0, nlen = 0;
	switch (id) {
	case NR_open:
		if (ev_begin_id(&e, 2, 3, pid_tgid))
			return 0;
		npos = e.pos;
		put_str_user(&e, (void *)a0);
		nlen = e.pos - npos;
		put_u32(&e, open_flags_to_scap(a1));
		put_u32(&e, open_mode_to_scap(a1, a2));
		break;
	case NR_creat:
		if (ev_begin_id(&e, 58, 2, pid_tgid))
			return 0;
		npos = e.pos;
		put_str_user(&e, (void *)a0);
		nlen = e.pos - npos;
		put_u32(&e, a1 & 07777);
		break;
	case NR_openat:
		if (ev_begin_id(&e, 306, 4, pid_tgid))
			return 0;
		put_u64(&e, SFD(a0));
		npos = e.pos;
		put_str_user(&e, (void *)a1);
		nlen = e.pos - npos;
		put_u32(&e, open_flags_to_scap(a2));
		put_u32(&e, open_mode_to_scap(a2, a3));
		break;
	case NR_openat2: {
		u64 how[3] = {};
		bpf_probe_read_user(how, sizeof(how), (void *)a2);
		if (ev_begin_id(&e, 326, 5, pid_tgid))
			return 0;
		put_u64(&e, SFD(a0));
		npos = e.pos;
		put_str_user(&e, (void *)a1);
		nlen = e.pos - npos;
		put_u32(&e, open_flags_to_scap(how[0]));
		put_u32(&e, open_mode_to_scap(how[0], how[1]));
		put_u32(&e, resolve_flags_to_scap(how[2]));
		break;
	}
	default: /* connect */
		if (ev_begin_id(&e, 22, 2, pid_tgid))
			return 0;
		put_u64(&e, SFD(a0));
		put_sockaddr_user(&e, (void *)a1, a2);
		break;
	}
	ev_submit(&e);
	/* Remember where the path lies: the exit on this CPU reuses it if nothing else was written meanwhile. */
	struct scratch *s = sc();
	if (s && nlen) {
		s->enter_tid = pid_tgid;
		s->enter_id = id;
		s->enter_seq = cpu_seq();
		s->enter_npos = npos;
		s->enter_nlen = nlen;
	}
	return 0;
}

/* ---- sched ---- */

FLAVORS(sched_exec, "sched_process_exec")
{
	if (!wanted(NR_execve, WANT_EXIT) || ignored())
		return 0;
	struct linux_binprm *bprm = (struct linux_binprm *)ctx[2];
	const char *filename = BPF_CORE_READ(bprm, filename);
	struct ev e;
	if (ev_begin(&e, 293, 31))
		return 0;
	put_exec(&e, 0, filename, false, true);
	return ev_submit(&e);
}

FLAVORS(sched_exit, "sched_process_exit")
{
	if (!wanted(SLOT_PROCEXIT, WANT_EXIT) || ignored())
		return 0;
	struct task_struct *t = task();
	int code = BPF_CORE_READ(t, exit_code);
	struct ev e;
	if (ev_begin(&e, 186, 5))
		return 0;
	put_u64(&e, code);
	put_u64(&e, (code >> 8) & 0xff);
	put_u8(&e, code & 0x7f);
	put_u8(&e, (code & 0x80) ? 1 : 0);
	put_u64(&e, 0);
	return ev_submit(&e);
}

/* ---- per-syscall exit programs ---- */

EXIT(open)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	s64 fd = s->ret;
	u64 ino;
	u32 dev, fmode;
	fd_file_info(fd, btf, &ino, &dev, &fmode);
	u32 created = (fmode & FMODE_CREATED) ? PPM_O_F_CREATED : 0;
	/* If this thread's enter event for this syscall was the last event built in this CPU's buffer, its path
	 * (read from user memory at enter, the value the kernel used) is still there: start the exit event so its
	 * path parameter lands on the same bytes instead of reading user memory again. The path parameter follows
	 * the header, 2 bytes per length, and fd (and dirfd for openat/openat2). */
	u32 nlen = 0, h = EV_BASE;
	if (s->enter_nlen && s->enter_tid == s->pid_tgid && s->enter_id == s->id && s->enter_seq == cpu_seq()) {
		u32 before = s->id == NR_openat ? HDR_LEN + 2 * 7 + 16 : s->id == NR_openat2 ? HDR_LEN + 2 * 8 + 16 : HDR_LEN + 2 * 6 + 8;
		if (s->enter_npos >= before && s->enter_npos - before < 32) {
			h = s->enter_npos - before;
			nlen = s->enter_nlen;
		}
	}
	s->enter_nlen = 0;
	switch (s->id) {
	case NR_open:
		if (ev_begin_at(&e, 3, 6, s->pid_tgid, h))
			return 0;
		put_u64(&e, fd);
		put_path_user(&e, (void *)A(0), nlen);
		put_u32(&e, open_flags_to_scap(A(1)) | created);
		put_u32(&e, open_mode_to_scap(A(1), A(2)));
		put_u32(&e, dev);
		put_u64(&e, ino);
		break;
	case NR_creat:
		if (ev_begin_at(&e, 59, 6, s->pid_tgid, h))
			return 0;
		put_u64(&e, fd);
		put_path_user(&e, (void *)A(0), nlen);
		put_u32(&e, A(1) & 07777);
		put_u32(&e, dev);
		put_u64(&e, ino);
		put_u16(&e, 0);
		break;
	case NR_openat:
		if (ev_begin_at(&e, 307, 7, s->pid_tgid, h))
			return 0;
		put_u64(&e, fd);
		put_u64(&e, SFD(A(0)));
		put_path_user(&e, (void *)A(1), nlen);
		put_u32(&e, open_flags_to_scap(A(2)) | created);
		put_u32(&e, open_mode_to_scap(A(2), A(3)));
		put_u32(&e, dev);
		put_u64(&e, ino);
		break;
	default: { /* openat2 */
		u64 how[3] = {};
		bpf_probe_read_user(how, sizeof(how), (void *)A(2));
		if (ev_begin_at(&e, 327, 8, s->pid_tgid, h))
			return 0;
		put_u64(&e, fd);
		put_u64(&e, SFD(A(0)));
		put_path_user(&e, (void *)A(1), nlen);
		put_u32(&e, open_flags_to_scap(how[0]) | created);
		put_u32(&e, open_mode_to_scap(how[0], how[1]));
		put_u32(&e, resolve_flags_to_scap(how[2]));
		put_u32(&e, dev);
		put_u64(&e, ino);
		break;
	}
	}
	return ev_submit(&e);
}

/* close, fchdir: res, fd */
EXIT(rfd)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, s->id == NR_close ? 5 : 97, 2))
		return 0;
	put_u64(&e, s->ret);
	put_u64(&e, SFD(A(0)));
	return ev_submit(&e);
}

/* read, write: res, data (empty: headers only), fd, size */
EXIT(rw)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, s->id == NR_read ? 7 : 9, 4))
		return 0;
	put_u64(&e, s->ret);
	put_empty(&e);
	put_u64(&e, SFD(A(0)));
	put_u32(&e, A(2));
	return ev_submit(&e);
}

EXIT(socket)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 19, 5))
		return 0;
	put_u64(&e, s->ret);
	put_u32(&e, A(0));
	put_u32(&e, A(1) & 0xf); /* SOCK_* type; SOCK_NONBLOCK/SOCK_CLOEXEC go to flags */
	put_u32(&e, A(2));
	put_u32(&e, cloexec_flags_to_scap(A(1)));
	return ev_submit(&e);
}

EXIT(connect)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 23, 4))
		return 0;
	s64 fd = SFD(A(0));
	put_u64(&e, s->ret);
	/* A non-blocking connect returns EINPROGRESS with the tuple already set. */
	if (s->ret == 0 || s->ret == -115)
		put_tuple(&e, fd_sock(fd), true);
	else
		put_empty(&e);
	put_u64(&e, fd);
	put_sockaddr_user(&e, (void *)A(1), A(2));
	return ev_submit(&e);
}

/* accept (5 params), accept4 (6) */
EXIT(accept)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	bool four = s->id == NR_accept4;
	if (ev_xbegin(&e, four ? 389 : 247, four ? 6 : 5))
		return 0;
	put_u64(&e, s->ret);
	put_tuple(&e, s->ret >= 0 ? fd_sock(s->ret) : NULL, false);
	struct sock *l = fd_sock(SFD(A(0)));
	u32 qlen = 0, qmax = 0;
	if (l) {
		qlen = BPF_CORE_READ(l, sk_ack_backlog);
		qmax = BPF_CORE_READ(l, sk_max_ack_backlog);
	}
	put_u8(&e, qmax ? (u8)(qlen * 100 / qmax) : 0);
	put_u32(&e, qlen);
	put_u32(&e, qmax);
	if (four)
		put_u32(&e, A(3));
	return ev_submit(&e);
}

/* SNAPLEN is how many bytes of the data a sendto or recvfrom moved the event carries, Falco's default snaplen:
 * enough for rules on payload prefixes (evt.buffer bcontains cafebabe, a class file). */
#define SNAPLEN 80

EXIT(sendto)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	s64 fd = SFD(A(0));
	u64 snap = s->ret > 0 ? (s->ret < SNAPLEN ? s->ret : SNAPLEN) : 0;
	if (s->id == NR_sendto) {
		if (ev_xbegin(&e, 31, 5))
			return 0;
		put_u64(&e, s->ret);
		put_bytes_user(&e, (void *)A(1), snap);
		put_u64(&e, fd);
		put_u32(&e, A(2));
		put_tuple(&e, fd_sock(fd), true);
	} else {
		if (ev_xbegin(&e, 35, 5))
			return 0;
		put_u64(&e, s->ret);
		put_bytes_user(&e, (void *)A(1), snap);
		put_tuple(&e, s->ret >= 0 ? fd_sock(fd) : NULL, false);
		put_u64(&e, fd);
		put_u32(&e, A(2));
	}
	return ev_submit(&e);
}

/* msg_iov_len sums the iovec lengths of a user msghdr (first 8 iovecs). */
static __always_inline u64 msg_iov_len(const void *umsg)
{
	struct {
		void *name;
		u64 namelen;
		void *iov;
		u64 iovlen;
	} m = {};
	if (bpf_probe_read_user(&m, sizeof(m), umsg) < 0 || !m.iov)
		return 0;
	u64 total = 0;
	for (int i = 0; i < 8; i++) {
		if (i >= m.iovlen)
			break;
		u64 iov[2] = {};
		if (bpf_probe_read_user(iov, sizeof(iov), m.iov + 16 * i) < 0)
			break;
		total += iov[1];
	}
	return total;
}

/* sendmsg: res, data (empty), fd, size, tuple; recvmsg: res, size, data (empty), tuple, msgcontrol (empty), fd */
EXIT(msg)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	s64 fd = SFD(A(0));
	u32 size = msg_iov_len((void *)A(1));
	if (s->id == NR_sendmsg) {
		if (ev_xbegin(&e, 49, 5))
			return 0;
		put_u64(&e, s->ret);
		put_empty(&e);
		put_u64(&e, fd);
		put_u32(&e, size);
		put_tuple(&e, fd_sock(fd), true);
	} else {
		if (ev_xbegin(&e, 53, 6))
			return 0;
		put_u64(&e, s->ret);
		put_u32(&e, s->ret > 0 ? (u32)s->ret : 0);
		put_empty(&e);
		put_tuple(&e, s->ret >= 0 ? fd_sock(fd) : NULL, false);
		put_empty(&e);
		put_u64(&e, fd);
	}
	return ev_submit(&e);
}

/* nonblock_cloexec encodes O_NONBLOCK/O_CLOEXEC-valued flags as bit 0 / bit 1, as libs does for
 * eventfd2, inotify_init1 and signalfd4. */
static __always_inline u32 nonblock_cloexec(u64 f)
{
	return ((f & 04000) ? 1 : 0) | ((f & 02000000) ? 2 : 0);
}

/* Syscalls that create typed fds (event, epoll, inotify, signal, timer, pid): the state tracker names them. */
EXIT(typedfd)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	switch (s->id) {
	case NR_epoll_create:
		if (ev_xbegin(&e, 375, 2))
			return 0;
		put_u64(&e, s->ret);
		put_u32(&e, A(0));
		break;
	case NR_epoll_create1:
		if (ev_xbegin(&e, 377, 2))
			return 0;
		put_u64(&e, s->ret);
		put_u32(&e, (A(0) & 02000000) ? 1 : 0);
		break;
	case NR_eventfd:
		if (ev_xbegin(&e, 63, 3))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, A(0));
		put_u32(&e, 0);
		break;
	case NR_eventfd2:
		if (ev_xbegin(&e, 397, 3))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, A(0));
		put_u16(&e, nonblock_cloexec(A(1)) | ((A(1) & 1) ? 4 : 0)); /* EFD_SEMAPHORE */
		break;
	case NR_inotify_init:
		if (ev_xbegin(&e, 139, 2))
			return 0;
		put_u64(&e, s->ret);
		put_u8(&e, 0);
		break;
	case NR_inotify_init1:
		if (ev_xbegin(&e, 395, 2))
			return 0;
		put_u64(&e, s->ret);
		put_u16(&e, nonblock_cloexec(A(0)));
		break;
	case NR_signalfd:
	case NR_signalfd4: {
		bool four = s->id == NR_signalfd4;
		if (ev_xbegin(&e, four ? 399 : 127, 4))
			return 0;
		u32 mask = 0;
		bpf_probe_read_user(&mask, sizeof(mask), (void *)A(1));
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_u32(&e, mask);
		if (four)
			put_u16(&e, nonblock_cloexec(A(3)));
		else
			put_u8(&e, 0);
		break;
	}
	case NR_timerfd_create:
		if (ev_xbegin(&e, 137, 3))
			return 0;
		put_u64(&e, s->ret);
		put_u8(&e, A(0));
		put_u8(&e, 0);
		break;
	default: /* pidfd_open */
		if (ev_xbegin(&e, 409, 3))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_u32(&e, (A(1) & 04000) ? 1 : 0);
		break;
	}
	return ev_submit(&e);
}

EXIT(bind)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	if (s->id == NR_bind) {
		if (ev_xbegin(&e, 21, 3))
			return 0;
		put_u64(&e, s->ret);
		put_sockaddr_user(&e, (void *)A(1), A(2));
		put_u64(&e, SFD(A(0)));
	} else {
		if (ev_xbegin(&e, 25, 3))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_u32(&e, A(1));
	}
	return ev_submit(&e);
}

EXIT(socketpair)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 43, 8))
		return 0;
	int fds[2] = {-1, -1};
	if (s->ret >= 0)
		bpf_probe_read_user(fds, sizeof(fds), (void *)A(3));
	struct sock *a = s->ret >= 0 ? fd_sock(fds[0]) : NULL;
	struct sock *peer = a ? BPF_CORE_READ((struct unix_sock *)a, peer) : NULL;
	put_u64(&e, s->ret);
	put_u64(&e, fds[0]);
	put_u64(&e, fds[1]);
	put_u64(&e, (u64)a);
	put_u64(&e, (u64)peer);
	put_u32(&e, A(0));
	put_u32(&e, A(1));
	put_u32(&e, A(2));
	return ev_submit(&e);
}

EXIT(clone)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	u16 type;
	u64 flags = 0;
	switch (s->id) {
	case NR_clone:
		type = 223;
		flags = A(0);
		break;
	case NR_fork:
		type = 225;
		break;
	case NR_vfork:
		type = 227;
		flags = 0x4000 | 0x100; /* CLONE_VFORK | CLONE_VM */
		break;
	default: /* clone3: struct clone_args starts with u64 flags */
		type = 335;
		bpf_probe_read_user(&flags, sizeof(flags), (void *)A(0));
		break;
	}
	if (ev_xbegin(&e, type, 21))
		return 0;
	put_clone(&e, s->ret, flags);
	return ev_submit(&e);
}

/* Failed execve/execveat; successful ones come from sched_process_exec. */
EXIT(execve)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || s->ret == 0)
		return 0;
	if (s->id == NR_execve) {
		if (ev_xbegin(&e, 293, 31))
			return 0;
		put_exec(&e, s->ret, (void *)A(0), true, true);
	} else {
		if (ev_xbegin(&e, 331, 30))
			return 0;
		put_exec(&e, s->ret, NULL, true, false);
	}
	return ev_submit(&e);
}

EXIT(kill)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	if (s->id == NR_kill) {
		if (ev_xbegin(&e, 129, 3))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_u8(&e, A(1));
	} else {
		if (ev_xbegin(&e, 133, 4))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_u64(&e, SFD(A(1)));
		put_u8(&e, A(2));
	}
	return ev_submit(&e);
}

/* chdir, rmdir, unlink, chroot: res, path */
EXIT(path1)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	u16 type = 95;
	if (s->id == NR_rmdir)
		type = 279;
	else if (s->id == NR_unlink)
		type = 301;
	else if (s->id == NR_chroot)
		type = 267;
	if (ev_xbegin(&e, type, 2))
		return 0;
	put_u64(&e, s->ret);
	put_str_user(&e, (void *)A(0));
	return ev_submit(&e);
}

/* rename, link, symlink: res, path, path */
EXIT(path2)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	u16 type = s->id == NR_rename ? 175 : s->id == NR_link ? 309 : 179;
	if (ev_xbegin(&e, type, 3))
		return 0;
	put_u64(&e, s->ret);
	put_str_user(&e, (void *)A(0));
	put_str_user(&e, (void *)A(1));
	return ev_submit(&e);
}

/* mkdir, chmod: res, path, mode; fchmod: res, fd, mode */
EXIT(mode)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	u16 type = s->id == NR_mkdir ? 277 : s->id == NR_chmod ? 315 : 317;
	if (ev_xbegin(&e, type, 3))
		return 0;
	put_u64(&e, s->ret);
	if (s->id == NR_fchmod)
		put_u64(&e, SFD(A(0)));
	else
		put_str_user(&e, (void *)A(0));
	put_u32(&e, A(1) & 07777);
	return ev_submit(&e);
}

/* chown, lchown, fchown, fchownat */
EXIT(chown)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	if (s->id == NR_fchownat) {
		if (ev_xbegin(&e, 385, 6))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_str_user(&e, (void *)A(1));
		put_u32(&e, A(2));
		put_u32(&e, A(3));
		put_u32(&e, A(4));
		return ev_submit(&e);
	}
	u16 type = s->id == NR_chown ? 379 : s->id == NR_lchown ? 381 : 383;
	if (ev_xbegin(&e, type, 4))
		return 0;
	put_u64(&e, s->ret);
	if (s->id == NR_fchown)
		put_u64(&e, SFD(A(0)));
	else
		put_str_user(&e, (void *)A(0));
	put_u32(&e, A(1));
	put_u32(&e, A(2));
	return ev_submit(&e);
}

EXIT(ptrace)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 169, 5))
		return 0;
	put_u64(&e, s->ret);
	/* addr and data as DYN parameters of index 0 (u64) */
	u8 *p = at(&e);
	p[0] = 0;
	*(u64 *)&p[1] = A(2);
	put_len(&e, 9);
	p = at(&e);
	p[0] = 0;
	*(u64 *)&p[1] = A(3);
	put_len(&e, 9);
	put_u16(&e, ptrace_req_to_scap(A(0)));
	put_u64(&e, SFD(A(1)));
	return ev_submit(&e);
}

/* setuid, setgid, setreuid, setregid, setresuid, setresgid */
EXIT(setid)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	u16 type;
	u32 n;
	switch (s->id) {
	case NR_setuid: type = 199; n = 1; break;
	case NR_setgid: type = 201; n = 1; break;
	case NR_setreuid: type = 427; n = 2; break;
	case NR_setregid: type = 429; n = 2; break;
	case NR_setresuid: type = 193; n = 3; break;
	default: type = 195; n = 3; break;
	}
	if (ev_xbegin(&e, type, n + 1))
		return 0;
	put_u64(&e, s->ret);
	put_u32(&e, A(0));
	if (n > 1)
		put_u32(&e, A(1));
	if (n > 2)
		put_u32(&e, A(2));
	return ev_submit(&e);
}

EXIT(capset)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 353, 4))
		return 0;
	const struct cred *c = BPF_CORE_READ(task(), cred);
	put_u64(&e, s->ret);
	put_u64(&e, BPF_CORE_READ(c, cap_inheritable.val));
	put_u64(&e, BPF_CORE_READ(c, cap_permitted.val));
	put_u64(&e, BPF_CORE_READ(c, cap_effective.val));
	return ev_submit(&e);
}

EXIT(prctl)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 401, 4))
		return 0;
	put_u64(&e, s->ret);
	put_u32(&e, A(0));
	if (A(0) == 15 || A(0) == 16) { /* PR_SET_NAME, PR_GET_NAME */
		put_str_user(&e, (void *)A(1));
		put_u64(&e, 0);
	} else {
		put_empty(&e);
		put_u64(&e, A(1));
	}
	return ev_submit(&e);
}

/* mount, umount2 */
EXIT(mount)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	if (s->id == NR_mount) {
		if (ev_xbegin(&e, 257, 5))
			return 0;
		u64 flags = A(3);
		if ((flags & 0xffff0000) == 0xc0ed0000)
			flags &= 0xffff;
		put_u64(&e, s->ret);
		put_str_user(&e, (void *)A(0));
		put_str_user(&e, (void *)A(1));
		put_str_user(&e, (void *)A(2));
		put_u32(&e, flags);
	} else {
		if (ev_xbegin(&e, 391, 3))
			return 0;
		put_u64(&e, s->ret);
		put_str_user(&e, (void *)A(0));
		put_u32(&e, A(1));
	}
	return ev_submit(&e);
}

/* init_module, finit_module, delete_module */
EXIT(module)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	if (s->id == NR_delete_module) {
		if (ev_xbegin(&e, 425, 3))
			return 0;
		put_u64(&e, s->ret);
		put_str_user(&e, (void *)A(0));
		put_u32(&e, delete_module_flags_to_scap(A(1)));
	} else if (s->id == NR_init_module) {
		if (ev_xbegin(&e, 411, 4))
			return 0;
		put_u64(&e, s->ret);
		put_empty(&e); /* image bytes are not copied */
		put_u64(&e, A(1));
		put_str_user(&e, (void *)A(2));
	} else {
		if (ev_xbegin(&e, 413, 4))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_str_user(&e, (void *)A(1));
		put_u32(&e, A(2));
	}
	return ev_submit(&e);
}

/* mkdirat, unlinkat, fchmodat */
EXIT(at1)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	u16 type = s->id == NR_mkdirat ? 305 : s->id == NR_unlinkat ? 303 : 313;
	if (ev_xbegin(&e, type, 4))
		return 0;
	put_u64(&e, s->ret);
	put_u64(&e, SFD(A(0)));
	put_str_user(&e, (void *)A(1));
	put_u32(&e, s->id == NR_unlinkat ? A(2) : A(2) & 07777);
	return ev_submit(&e);
}

/* symlinkat, renameat, renameat2, linkat */
EXIT(at2)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	if (s->id == NR_symlinkat) {
		if (ev_xbegin(&e, 181, 4))
			return 0;
		put_u64(&e, s->ret);
		put_str_user(&e, (void *)A(0));
		put_u64(&e, SFD(A(1)));
		put_str_user(&e, (void *)A(2));
		return ev_submit(&e);
	}
	u16 type = s->id == NR_renameat ? 177 : s->id == NR_renameat2 ? 319 : 311;
	u32 n = s->id == NR_renameat ? 5 : 6;
	if (ev_xbegin(&e, type, n))
		return 0;
	put_u64(&e, s->ret);
	put_u64(&e, SFD(A(0)));
	put_str_user(&e, (void *)A(1));
	put_u64(&e, SFD(A(2)));
	put_str_user(&e, (void *)A(3));
	if (n == 6)
		put_u32(&e, A(4));
	return ev_submit(&e);
}

EXIT(dup)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	u16 type = s->id == NR_dup ? 367 : s->id == NR_dup2 ? 363 : 365;
	u32 n = s->id == NR_dup ? 2 : s->id == NR_dup2 ? 3 : 4;
	if (ev_xbegin(&e, type, n))
		return 0;
	put_u64(&e, s->ret);
	put_u64(&e, SFD(A(0)));
	if (n > 2)
		put_u64(&e, SFD(A(1)));
	if (n > 3)
		put_u32(&e, cloexec_flags_to_scap(A(2)));
	return ev_submit(&e);
}

EXIT(pipe)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	bool two = s->id == NR_pipe2;
	if (ev_xbegin(&e, two ? 393 : 61, two ? 5 : 4))
		return 0;
	int fds[2] = {-1, -1};
	if (s->ret >= 0)
		bpf_probe_read_user(fds, sizeof(fds), (void *)A(0));
	u64 ino = 0;
	u32 dev;
	if (s->ret >= 0)
		file_ino_dev(fd_file(fds[0]), &ino, &dev);
	put_u64(&e, s->ret);
	put_u64(&e, fds[0]);
	put_u64(&e, fds[1]);
	put_u64(&e, ino);
	if (two)
		put_u32(&e, cloexec_flags_to_scap(A(1)));
	return ev_submit(&e);
}

EXIT(memfd)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 405, 3))
		return 0;
	put_u64(&e, s->ret);
	put_str_user(&e, (void *)A(0));
	put_u32(&e, A(1));
	return ev_submit(&e);
}

EXIT(bpf)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 369, 2))
		return 0;
	put_u64(&e, s->ret);
	put_u32(&e, A(0));
	return ev_submit(&e);
}

EXIT(uffd)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 321, 2))
		return 0;
	put_u64(&e, s->ret);
	put_u32(&e, cloexec_flags_to_scap(A(0)));
	return ev_submit(&e);
}

/* setns, unshare */
EXIT(ns)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	if (s->id == NR_setns) {
		if (ev_xbegin(&e, 241, 3))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_u32(&e, clone_flags_to_scap(A(1)));
	} else {
		if (ev_xbegin(&e, 285, 2))
			return 0;
		put_u64(&e, s->ret);
		put_u32(&e, clone_flags_to_scap(A(0)));
	}
	return ev_submit(&e);
}

/* mknod: res, path, mode, dev; mknodat: res, dirfd, path, mode, dev. The dev argument goes through
 * encode_dev as libs does (its drivers treat the user value like a kernel dev_t), so captures agree. */
EXIT(mknod)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	bool at = s->id == NR_mknodat;
	if (ev_xbegin(&e, at ? 417 : 415, at ? 5 : 4))
		return 0;
	put_u64(&e, s->ret);
	if (at)
		put_u64(&e, SFD(A(0)));
	put_str_user(&e, (void *)(at ? A(1) : A(0)));
	put_u32(&e, mknod_mode_to_scap(at ? A(2) : A(1)));
	put_u32(&e, encode_dev(at ? A(3) : A(2)));
	return ev_submit(&e);
}

/* open_by_handle_at: fd, mountfd, flags, path (of the opened file: the call names none), dev, ino */
EXIT(obh)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 337, 6))
		return 0;
	s64 fd = s->ret;
	u64 ino;
	u32 dev, fmode;
	struct file *f = fd_file_info(fd, btf, &ino, &dev, &fmode);
	put_u64(&e, fd);
	put_u64(&e, SFD(A(0)));
	put_u32(&e, open_flags_to_scap(A(2)));
	if (f)
		put_path(&e, BPF_CORE_READ(f, f_path.dentry), BPF_CORE_READ(f, f_path.mnt));
	else
		put_empty(&e);
	put_u32(&e, dev);
	put_u64(&e, ino);
	return ev_submit(&e);
}

/* process_vm_readv, process_vm_writev: res, pid, data (the first SNAPLEN bytes moved through the first local
 * iovec: read into this process, or written into the other one). */
EXIT(pvm)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, s->id == NR_process_vm_writev ? 423 : 421, 3))
		return 0;
	u64 iov[2] = {};
	u64 snap = 0;
	if (s->ret > 0 && A(2) > 0 && bpf_probe_read_user(iov, sizeof(iov), (void *)A(1)) == 0) {
		snap = iov[1] < (u64)s->ret ? iov[1] : (u64)s->ret;
		if (snap > SNAPLEN)
			snap = SNAPLEN;
	}
	put_u64(&e, s->ret);
	put_u64(&e, SFD(A(0)));
	put_bytes_user(&e, (void *)iov[0], snap);
	return ev_submit(&e);
}

/* In-kernel copies between fds. sendfile: res, offset (the input offset after the call when one was
 * passed), out_fd, in_fd, size; splice: res, fd_in, fd_out, size, flags (SPLICE_F_* values are libs');
 * copy_file_range: res, fdout, offout, fdin, offin, len, with the offset arguments as passed, as libs. */
EXIT(xfer)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s)
		return 0;
	switch (s->id) {
	case NR_sendfile: {
		u64 off = 0;
		if (A(2))
			bpf_probe_read_user(&off, sizeof(off), (void *)A(2));
		if (ev_xbegin(&e, 189, 5))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, off);
		put_u64(&e, SFD(A(0)));
		put_u64(&e, SFD(A(1)));
		put_u64(&e, A(3));
		break;
	}
	case NR_splice:
		if (ev_xbegin(&e, 167, 5))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(0)));
		put_u64(&e, SFD(A(2)));
		put_u64(&e, A(4));
		put_u32(&e, A(5) & 0xf);
		break;
	default: /* copy_file_range */
		if (ev_xbegin(&e, 333, 6))
			return 0;
		put_u64(&e, s->ret);
		put_u64(&e, SFD(A(2)));
		put_u64(&e, A(3));
		put_u64(&e, SFD(A(0)));
		put_u64(&e, A(1));
		put_u64(&e, A(4));
		break;
	}
	return ev_submit(&e);
}

/* fsconfig (the new mount API): res, fd, cmd (FSCONFIG_* values are libs'), key, value_bytebuf,
 * value_charbuf, aux. The value goes to the parameter its command's type calls for, only when the call
 * succeeded, as libs does. */
EXIT(fsconfig)
{
	struct scratch *s = sc();
	struct ev e;
	if (!s || ev_xbegin(&e, 373, 7))
		return 0;
	u32 cmd = A(1);
	s32 aux = A(4);
	put_u64(&e, s->ret);
	put_u64(&e, SFD(A(0)));
	put_u32(&e, cmd);
	put_str_user(&e, (void *)A(2));
	if (s->ret < 0) {
		put_empty(&e);
		put_empty(&e);
	} else if (cmd == 1 || cmd == 3 || cmd == 4) { /* SET_STRING, SET_PATH, SET_PATH_EMPTY */
		put_empty(&e);
		put_str_user(&e, (void *)A(3));
	} else if (cmd == 2) { /* SET_BINARY: aux is the length */
		put_bytes_user(&e, (void *)A(3), aux > 0 ? (u64)aux : 0);
		put_empty(&e);
	} else {
		put_empty(&e);
		put_empty(&e);
	}
	put_u32(&e, aux);
	return ev_submit(&e);
}
