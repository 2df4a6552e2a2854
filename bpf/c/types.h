/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Minimal kernel type definitions for the Aerie probe, written for CO-RE:
 * every struct carries preserve_access_index, so only the fields named here
 * matter and libbpf/cilium-ebpf relocate their offsets against the running
 * kernel's BTF at load time. Layouts below are NOT the kernel's; field order
 * and padding are irrelevant. x86_64 only (pt_regs).
 */
#ifndef AERIE_TYPES_H
#define AERIE_TYPES_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)

enum bpf_map_type {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PROG_ARRAY = 3,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_RINGBUF = 27,
};

enum {
	BPF_ANY = 0,
	BPF_RB_NO_WAKEUP = 1,
	BPF_RB_FORCE_WAKEUP = 2,
	BPF_RB_AVAIL_DATA = 0,
};

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct pt_regs {
	unsigned long di, si, dx, r10, r8, r9, orig_ax, ax;
};

typedef struct { unsigned int val; } kuid_t;
typedef struct { unsigned int val; } kgid_t;
typedef struct { u64 val; } kernel_cap_t;

struct cred {
	kuid_t uid, euid;
	kgid_t gid, egid;
	kernel_cap_t cap_inheritable, cap_permitted, cap_effective;
};

struct qstr {
	u32 len;
	const unsigned char *name;
};

struct super_block {
	unsigned int s_dev;
	unsigned long s_magic;
};

struct inode {
	unsigned long i_ino;
	struct super_block *i_sb;
	unsigned int __i_nlink;
	s64 i_ctime_sec, i_mtime_sec;
	u32 i_ctime_nsec, i_mtime_nsec;
};

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	struct super_block *d_sb;
};

struct vfsmount {
	struct dentry *mnt_root;
};

struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	unsigned int f_flags;
	unsigned int f_mode;
	void *private_data;
};

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
};

struct files_struct {
	struct fdtable *fdt;
};

struct fs_struct {
	struct path pwd;
};

struct rlimit {
	unsigned long rlim_cur;
};

struct upid {
	int nr;
};

struct pid {
	unsigned int level;
	struct upid numbers[1];
};

struct tty_driver {
	int major;
	int minor_start;
};

struct tty_struct {
	int index;
	struct tty_driver *driver;
};

struct signal_struct {
	struct rlimit rlim[16];
	struct pid *pids[4];
	struct tty_struct *tty;
};

struct percpu_counter {
	s64 count;
};

struct mm_struct {
	unsigned long total_vm;
	unsigned long arg_start, arg_end, env_start, env_end;
	struct file *exe_file;
	struct percpu_counter rss_stat[4];
};

struct kernfs_node {
	struct kernfs_node *__parent;
	const char *name;
};

struct kernfs_node___old {
	struct kernfs_node___old *parent;
	const char *name;
};

struct cgroup {
	struct kernfs_node *kn;
};

struct cgroup_subsys {
	const char *name;
};

struct cgroup_subsys_state {
	struct cgroup *cgroup;
	struct cgroup_subsys *ss;
};

struct css_set {
	struct cgroup_subsys_state *subsys[12];
};

struct task_struct;

struct pid_namespace {
	struct task_struct *child_reaper;
	unsigned int level;
};

struct nsproxy {
	struct pid_namespace *pid_ns_for_children;
};

struct task_struct {
	int pid, tgid;
	int exit_code;
	unsigned int flags;
	struct task_struct *real_parent, *group_leader;
	struct pid *thread_pid;
	u64 start_time;
	unsigned long min_flt, maj_flt;
	const struct cred *cred;
	char comm[16];
	struct fs_struct *fs;
	struct files_struct *files;
	struct nsproxy *nsproxy;
	struct signal_struct *signal;
	struct mm_struct *mm;
	kuid_t loginuid;
	struct css_set *cgroups;
};

struct linux_binprm {
	const char *filename;
	struct file *file;
};

struct in6_addr {
	u8 s6_addr[16];
};

struct sock_common {
	u32 skc_daddr, skc_rcv_saddr;
	u16 skc_dport, skc_num;
	unsigned short skc_family;
	struct in6_addr skc_v6_daddr, skc_v6_rcv_saddr;
};

struct sock {
	struct sock_common __sk_common;
	u16 sk_type, sk_protocol;
	u32 sk_ack_backlog, sk_max_ack_backlog;
};

struct socket {
	struct sock *sk;
};

struct sockaddr_un {
	unsigned short sun_family;
	char sun_path[108];
};

struct unix_address {
	int len;
	struct sockaddr_un name[1];
};

struct unix_sock {
	struct sock sk;
	struct unix_address *addr;
	struct sock *peer;
};

#pragma clang attribute pop

#endif /* AERIE_TYPES_H */
