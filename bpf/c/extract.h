/* SPDX-License-Identifier: Apache-2.0 */
/* Reading process, file and socket facts from kernel structures (CO-RE). */
#ifndef AERIE_EXTRACT_H
#define AERIE_EXTRACT_H

#include "scap.h"
#include "flags.h"

#define MAX_PATH_DEPTH 16
#define MAX_CG_DEPTH 8
#define NR_SUBSYS 12
#define FMODE_CREATED 0x100000

static __always_inline struct task_struct *task(void)
{
	return (struct task_struct *)bpf_get_current_task();
}

/* encode_dev turns a kernel dev_t (major<<20|minor) into the user-space encoding. */
static __always_inline u32 encode_dev(u32 dev)
{
	u32 major = dev >> 20, minor = dev & 0xfffff;
	return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

static __always_inline struct file *fd_file(s64 fd)
{
	if (fd < 0)
		return NULL;
	struct task_struct *t = task();
	struct fdtable *fdt = BPF_CORE_READ(t, files, fdt);
	if (!fdt)
		return NULL;
	unsigned int max = BPF_CORE_READ(fdt, max_fds);
	if ((u64)fd >= max)
		return NULL;
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *f = NULL;
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

static __always_inline void file_ino_dev(struct file *f, u64 *ino, u32 *dev)
{
	*ino = 0;
	*dev = 0;
	if (!f)
		return;
	struct inode *in = BPF_CORE_READ(f, f_inode);
	*ino = BPF_CORE_READ(in, i_ino);
	*dev = encode_dev(BPF_CORE_READ(in, i_sb, s_dev));
}

extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;

/* fd_file_info reads a descriptor's file: its inode number, device and f_mode. Under tp_btf (btf true) the
 * task, fd table and file are read with direct BTF loads, far cheaper than probe reads. */
static __always_inline struct file *fd_file_info(s64 fd, const bool btf, u64 *ino, u32 *dev, u32 *fmode)
{
	*ino = 0;
	*dev = 0;
	*fmode = 0;
	if (!btf) {
		struct file *f = fd_file(fd);
		file_ino_dev(f, ino, dev);
		if (f)
			*fmode = BPF_CORE_READ(f, f_mode);
		return f;
	}
	if (fd < 0)
		return NULL;
	struct task_struct *t = bpf_get_current_task_btf();
	struct fdtable *fdt = t->files->fdt;
	if (!fdt || (u64)fd >= fdt->max_fds)
		return NULL;
	/* fds[fd] with a variable index: an untrusted read-only cast to void (a faulting direct load, no helper). */
	struct file **slot = bpf_rdonly_cast((void *)((u64)fdt->fd + (u64)fd * sizeof(void *)), 0);
	struct file *raw = *slot;
	if (!raw)
		return NULL;
	struct file *f = bpf_rdonly_cast(raw, bpf_core_type_id_kernel(struct file));
	struct inode *in = f->f_inode;
	*ino = in->i_ino;
	*dev = encode_dev(in->i_sb->s_dev);
	*fmode = f->f_mode;
	return raw;
}

static __always_inline struct sock *fd_sock(s64 fd)
{
	struct file *f = fd_file(fd);
	if (!f)
		return NULL;
	struct socket *s = BPF_CORE_READ(f, private_data);
	if (!s)
		return NULL;
	return BPF_CORE_READ(s, sk);
}

/* dpath_write writes the absolute path of (dentry, vfsmount) at pos, walking dentries and mounts, and returns
 * its length with the NUL. A global function: the verifier checks it once, not per call site. */
__noinline int dpath_write(struct auxbuf *b, u32 pos, u64 dentry, u64 vfsmount)
{
	const unsigned char *names[MAX_PATH_DEPTH];
	u32 n = 0;
	struct dentry *d = (void *)dentry;
	struct vfsmount *vmnt = (void *)vfsmount;
	if (!b || !d || pos > POS_LIMIT)
		return 0;
	struct mount *mnt = (void *)vmnt - bpf_core_field_offset(struct mount, mnt);
	for (int k = 0; k < MAX_PATH_DEPTH + 4; k++) {
		struct dentry *root = BPF_CORE_READ(vmnt, mnt_root);
		if (d == root) {
			struct mount *parent = BPF_CORE_READ(mnt, mnt_parent);
			if (parent == mnt || !parent)
				break;
			d = BPF_CORE_READ(mnt, mnt_mountpoint);
			mnt = parent;
			vmnt = (void *)mnt + bpf_core_field_offset(struct mount, mnt);
			continue;
		}
		struct dentry *up = BPF_CORE_READ(d, d_parent);
		if (up == d || n >= MAX_PATH_DEPTH)
			break;
		names[n & (MAX_PATH_DEPTH - 1)] = BPF_CORE_READ(d, d_name.name);
		n++;
		d = up;
	}
	u32 start = pos;
	if (n == 0) {
		b->data[pos & OFF_MASK] = '/';
		pos++;
	}
	for (int k = MAX_PATH_DEPTH - 1; k >= 0; k--) {
		if (k >= n)
			continue;
		b->data[pos & OFF_MASK] = '/';
		pos++;
		long r = bpf_probe_read_kernel_str(&b->data[pos & OFF_MASK], 256, names[k & (MAX_PATH_DEPTH - 1)]);
		if (r > 1)
			pos += r - 1;
	}
	b->data[pos & OFF_MASK] = 0;
	pos++;
	return pos - start;
}

static __always_inline void put_path(struct ev *e, struct dentry *d, struct vfsmount *vmnt)
{
	u32 n = dpath_write(e->b, e->pos, (u64)d, (u64)vmnt);
	put_len(e, n & 0xffff);
}

static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(kn->__parent))
		return BPF_CORE_READ(kn, __parent);
	struct kernfs_node___old *old = (void *)kn;
	return (void *)BPF_CORE_READ(old, parent);
}

/* cgroup_write writes "subsys=/path\0" at pos and returns the bytes written (global: verified once). */
__noinline int cgroup_write(struct auxbuf *b, u32 pos, u64 ssname, u64 knode)
{
	const char *names[MAX_CG_DEPTH];
	u32 n = 0;
	struct kernfs_node *kn = (void *)knode;
	if (!b || pos > POS_LIMIT)
		return 0;
	u32 start = pos;
	long r = bpf_probe_read_kernel_str(&b->data[pos & OFF_MASK], 32, (void *)ssname);
	if (r <= 1)
		return 0;
	pos += r - 1;
	b->data[pos & OFF_MASK] = '=';
	pos++;
	for (int k = 0; k < MAX_CG_DEPTH; k++) {
		if (!kn)
			break;
		struct kernfs_node *up = kn_parent(kn);
		if (!up)
			break;
		names[k & (MAX_CG_DEPTH - 1)] = BPF_CORE_READ(kn, name);
		n++;
		kn = up;
	}
	if (n == 0) {
		b->data[pos & OFF_MASK] = '/';
		pos++;
	}
	for (int k = MAX_CG_DEPTH - 1; k >= 0; k--) {
		if (k >= n)
			continue;
		b->data[pos & OFF_MASK] = '/';
		pos++;
		r = bpf_probe_read_kernel_str(&b->data[pos & OFF_MASK], 128, names[k & (MAX_CG_DEPTH - 1)]);
		if (r > 1)
			pos += r - 1;
	}
	b->data[pos & OFF_MASK] = 0;
	pos++;
	return pos - start;
}

/* cgroups_write writes the cgroups BYTEBUF body ("subsys=path" entries, NUL-separated) for task t. */
__noinline int cgroups_write(struct auxbuf *b, u32 pos, u64 tsk)
{
	struct task_struct *t = (void *)tsk;
	if (!b)
		return 0;
	u32 start = pos;
	struct css_set *cs = BPF_CORE_READ(t, cgroups);
	if (!cs)
		return 0;
	for (int i = 0; i < NR_SUBSYS; i++) {
		if (pos > POS_LIMIT - 2048)
			break;
		struct cgroup_subsys_state *css = NULL;
		bpf_probe_read_kernel(&css, sizeof(css), &cs->subsys[i]);
		if (!css)
			continue;
		const char *name = BPF_CORE_READ(css, ss, name);
		struct kernfs_node *kn = BPF_CORE_READ(css, cgroup, kn);
		u32 w = cgroup_write(b, pos, (u64)name, (u64)kn);
		pos += w & 0x1fff;
	}
	return pos - start;
}

static __always_inline void put_cgroups(struct ev *e, struct task_struct *t)
{
	u32 n = cgroups_write(e->b, e->pos, (u64)t);
	put_len(e, n & 0xffff);
}

static __always_inline int ns_nr(struct pid *p)
{
	if (!p)
		return 0;
	unsigned int level = BPF_CORE_READ(p, level);
	int nr = 0;
	bpf_core_read(&nr, sizeof(nr), &p->numbers[level & 31].nr);
	return nr;
}

static __always_inline u64 kb(s64 pages)
{
	return pages > 0 ? (u64)pages * 4 : 0;
}

/* put_args writes exe (argv[0]) and args (argv[1..], NUL-separated) of the current mm. */
static __always_inline void put_exe_args(struct ev *e, struct mm_struct *mm)
{
	unsigned long start = BPF_CORE_READ(mm, arg_start);
	unsigned long end = BPF_CORE_READ(mm, arg_end);
	if (!mm || end <= start || e->pos > POS_LIMIT) {
		put_empty(e);
		put_empty(e);
		return;
	}
	long n = bpf_probe_read_user_str(at(e), MAX_PARAM, (void *)start);
	if (n <= 0) {
		put_empty(e);
		put_empty(e);
		return;
	}
	put_len(e, n);
	put_bytes_user(e, (void *)(start + n), end - start - n);
}

/* put_proc_head writes the first 15 parameters shared by clone and execve exits
 * (res .. cgroups), for the current task. */
static __always_inline void put_proc_head(struct ev *e, struct task_struct *t, s64 res)
{
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	put_u64(e, res);
	put_exe_args(e, mm);
	put_u64(e, BPF_CORE_READ(t, pid));
	put_u64(e, BPF_CORE_READ(t, tgid));
	put_u64(e, BPF_CORE_READ(t, real_parent, pid));
	put_empty(e); /* cwd: kept by user space */
	put_u64(e, BPF_CORE_READ(t, signal, rlim[7].rlim_cur)); /* RLIMIT_NOFILE */
	put_u64(e, BPF_CORE_READ(t, maj_flt));
	put_u64(e, BPF_CORE_READ(t, min_flt));
	s64 file = 0, anon = 0, swap = 0, shmem = 0;
	u64 total = 0;
	if (mm) {
		total = BPF_CORE_READ(mm, total_vm);
		file = BPF_CORE_READ(mm, rss_stat[0].count);
		anon = BPF_CORE_READ(mm, rss_stat[1].count);
		swap = BPF_CORE_READ(mm, rss_stat[2].count);
		shmem = BPF_CORE_READ(mm, rss_stat[3].count);
	}
	put_u32(e, total * 4);
	put_u32(e, kb(file) + kb(anon) + kb(shmem));
	put_u32(e, kb(swap));
	put_str_kernel(e, &t->comm);
	put_cgroups(e, t);
}

/* put_clone writes a clone-family exit (21 parameters) for the current task. */
static __always_inline void put_clone(struct ev *e, s64 res, u64 linux_flags)
{
	struct task_struct *t = task();
	put_proc_head(e, t, res);
	u32 flags = clone_flags_to_scap(linux_flags);
	struct pid *tp = BPF_CORE_READ(t, thread_pid);
	if (res == 0 && BPF_CORE_READ(tp, level) > 0)
		flags |= PPM_CL_CHILD_IN_PIDNS;
	put_u32(e, flags);
	put_u32(e, BPF_CORE_READ(t, cred, euid.val));
	put_u32(e, BPF_CORE_READ(t, cred, egid.val));
	put_u64(e, ns_nr(tp));
	put_u64(e, ns_nr(BPF_CORE_READ(t, group_leader, thread_pid)));
	u64 init_ts = BPF_CORE_READ(t, nsproxy, pid_ns_for_children, child_reaper, start_time);
	put_u64(e, init_ts ? boot_time + init_ts : 0);
}

static __always_inline bool exe_from_memfd(struct file *f)
{
	char name[6] = {};
	const unsigned char *p = BPF_CORE_READ(f, f_path.dentry, d_name.name);
	if (bpf_probe_read_kernel(name, sizeof(name), p) < 0)
		return false;
	return name[0] == 'm' && name[1] == 'e' && name[2] == 'm' && name[3] == 'f' && name[4] == 'd' && name[5] == ':';
}

#define OVERLAYFS_SUPER_MAGIC 0x794c7630

/* exe_layer tells on which overlayfs layer an executable lives: PPM_EXE_UPPER_LAYER when its overlay inode
 * has an upper dentry (the file was written or copied up in the container), PPM_EXE_LOWER_LAYER when it
 * comes from the image only, 0 off overlayfs. The overlay inode (struct ovl_inode) embeds the VFS inode and
 * keeps the upper dentry pointer right after it, so the pointer lies sizeof(struct inode) past the VFS inode. */
static __always_inline u32 exe_layer(struct file *exe)
{
	struct dentry *d = BPF_CORE_READ(exe, f_path.dentry);
	if (!d || BPF_CORE_READ(d, d_sb, s_magic) != OVERLAYFS_SUPER_MAGIC)
		return 0;
	char *in = (char *)BPF_CORE_READ(d, d_inode);
	struct dentry *upper = NULL;
	if (!in || bpf_probe_read_kernel(&upper, sizeof(upper), in + bpf_core_type_size(struct inode)) < 0)
		return 0;
	return upper && BPF_CORE_READ(upper, d_inode) ? PPM_EXE_UPPER_LAYER : PPM_EXE_LOWER_LAYER;
}

/* put_exec writes an execve-family exit for the current task: 30 parameters, plus
 * the filename when with_filename is set (31, execve). */
static __always_inline void put_exec(struct ev *e, s64 res, const void *filename, bool user_filename, bool with_filename)
{
	struct task_struct *t = task();
	put_proc_head(e, t, res);
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	unsigned long es = BPF_CORE_READ(mm, env_start), ee = BPF_CORE_READ(mm, env_end);
	put_bytes_user(e, (void *)es, ee > es ? ee - es : 0);
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	u32 ttynr = 0;
	if (tty) {
		int idx = BPF_CORE_READ(tty, index);
		int major = BPF_CORE_READ(tty, driver, major);
		int minor = BPF_CORE_READ(tty, driver, minor_start);
		ttynr = encode_dev(((u32)major << 20) | (u32)(minor + idx));
	}
	put_u32(e, ttynr);
	struct pid *pgrp = BPF_CORE_READ(t, signal, pids[2]); /* PIDTYPE_PGID */
	put_u64(e, ns_nr(pgrp));
	put_u32(e, BPF_CORE_READ(t, loginuid.val));
	struct file *exe = BPF_CORE_READ(mm, exe_file);
	u32 flags = 0;
	if (exe && exe_from_memfd(exe))
		flags |= PPM_EXE_FROM_MEMFD;
	if (exe)
		flags |= exe_layer(exe);
	put_u32(e, flags);
	const struct cred *c = BPF_CORE_READ(t, cred);
	put_u64(e, BPF_CORE_READ(c, cap_inheritable.val));
	put_u64(e, BPF_CORE_READ(c, cap_permitted.val));
	put_u64(e, BPF_CORE_READ(c, cap_effective.val));
	struct inode *in = BPF_CORE_READ(exe, f_inode);
	if (exe && in) {
		put_u64(e, BPF_CORE_READ(in, i_ino));
		put_u64(e, BPF_CORE_READ(in, i_ctime_sec) * 1000000000ULL + BPF_CORE_READ(in, i_ctime_nsec));
		put_u64(e, BPF_CORE_READ(in, i_mtime_sec) * 1000000000ULL + BPF_CORE_READ(in, i_mtime_nsec));
	} else {
		put_u64(e, 0);
		put_u64(e, 0);
		put_u64(e, 0);
	}
	put_u32(e, BPF_CORE_READ(c, euid.val));
	if (exe)
		put_path(e, BPF_CORE_READ(exe, f_path.dentry), BPF_CORE_READ(exe, f_path.mnt));
	else
		put_empty(e);
	put_u64(e, ns_nr(pgrp) ? BPF_CORE_READ(pgrp, numbers[0].nr) : 0);
	put_u32(e, BPF_CORE_READ(c, egid.val));
	if (with_filename) {
		if (user_filename)
			put_str_user(e, filename);
		else
			put_str_kernel(e, filename);
	}
}

/* put_tuple writes a SOCKTUPLE for sk; local_first puts the local end as source. */
static __always_inline void put_tuple(struct ev *e, struct sock *sk, bool local_first)
{
	if (!sk || e->pos > POS_LIMIT) {
		put_empty(e);
		return;
	}
	u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	u8 *p = at(e);
	if (family == 2) {
		u32 lip = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		u32 rip = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		u16 rport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		p[0] = PPM_AF_INET;
		*(u32 *)&p[1] = local_first ? lip : rip;
		*(u16 *)&p[5] = local_first ? lport : rport;
		*(u32 *)&p[7] = local_first ? rip : lip;
		*(u16 *)&p[11] = local_first ? rport : lport;
		put_len(e, 13);
		return;
	}
	if (family == 10) {
		struct in6_addr l = BPF_CORE_READ(sk, __sk_common.skc_v6_rcv_saddr);
		struct in6_addr r = BPF_CORE_READ(sk, __sk_common.skc_v6_daddr);
		u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		u16 rport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
		p[0] = PPM_AF_INET6;
		__builtin_memcpy(&p[1], local_first ? &l : &r, 16);
		*(u16 *)&p[17] = local_first ? lport : rport;
		__builtin_memcpy(&p[19], local_first ? &r : &l, 16);
		*(u16 *)&p[35] = local_first ? rport : lport;
		put_len(e, 37);
		return;
	}
	if (family == 1) {
		struct unix_sock *us = (void *)sk;
		struct sock *peer = BPF_CORE_READ(us, peer);
		p[0] = PPM_AF_UNIX;
		*(u64 *)&p[1] = (u64)sk;
		*(u64 *)&p[9] = (u64)peer;
		struct unix_address *addr = NULL;
		if (peer)
			addr = BPF_CORE_READ((struct unix_sock *)peer, addr);
		if (!addr)
			addr = BPF_CORE_READ(us, addr);
		long r = 0;
		if (addr)
			r = bpf_probe_read_kernel_str(&p[17], 108, &addr->name[0].sun_path);
		if (r <= 0) {
			p[17] = 0;
			r = 1;
		}
		put_len(e, 17 + r);
		return;
	}
	put_empty(e);
}

/* put_sockaddr_user converts a user sockaddr to the SOCKADDR parameter. */
static __always_inline void put_sockaddr_user(struct ev *e, const void *uaddr, u64 ulen)
{
	u16 family = 0;
	if (!uaddr || ulen < 2 || e->pos > POS_LIMIT || bpf_probe_read_user(&family, 2, uaddr) < 0) {
		put_empty(e);
		return;
	}
	u8 *p = at(e);
	if (family == 2 && ulen >= 8) {
		u16 port = 0;
		u32 ip = 0;
		bpf_probe_read_user(&port, 2, uaddr + 2);
		bpf_probe_read_user(&ip, 4, uaddr + 4);
		p[0] = PPM_AF_INET;
		*(u32 *)&p[1] = ip;
		*(u16 *)&p[5] = __builtin_bswap16(port);
		put_len(e, 7);
		return;
	}
	if (family == 10 && ulen >= 24) {
		u16 port = 0;
		bpf_probe_read_user(&port, 2, uaddr + 2);
		p[0] = PPM_AF_INET6;
		bpf_probe_read_user(&p[1], 16, uaddr + 8);
		*(u16 *)&p[17] = __builtin_bswap16(port);
		put_len(e, 19);
		return;
	}
	if (family == 1) {
		p[0] = PPM_AF_UNIX;
		long r = bpf_probe_read_user_str(&p[1], 108, uaddr + 2);
		if (r <= 0) {
			p[1] = 0;
			r = 1;
		}
		put_len(e, 1 + r);
		return;
	}
	put_empty(e);
}

#endif /* AERIE_EXTRACT_H */
