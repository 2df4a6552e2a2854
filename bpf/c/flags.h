/* SPDX-License-Identifier: Apache-2.0 */
/* Linux flag values translated into the PPM_* encodings that captures use. */
#ifndef AERIE_FLAGS_H
#define AERIE_FLAGS_H

#include "types.h"

#define PPM_AF_UNIX 1
#define PPM_AF_INET 2
#define PPM_AF_INET6 10

#define PPM_O_RDONLY (1 << 0)
#define PPM_O_WRONLY (1 << 1)
#define PPM_O_RDWR (PPM_O_RDONLY | PPM_O_WRONLY)
#define PPM_O_CREAT (1 << 2)
#define PPM_O_APPEND (1 << 3)
#define PPM_O_DSYNC (1 << 4)
#define PPM_O_EXCL (1 << 5)
#define PPM_O_NONBLOCK (1 << 6)
#define PPM_O_SYNC (1 << 7)
#define PPM_O_TRUNC (1 << 8)
#define PPM_O_DIRECT (1 << 9)
#define PPM_O_DIRECTORY (1 << 10)
#define PPM_O_LARGEFILE (1 << 11)
#define PPM_O_CLOEXEC (1 << 12)
#define PPM_O_TMPFILE (1 << 13)
#define PPM_O_F_CREATED (1 << 14)

#define PPM_CL_CLONE_FILES (1 << 0)
#define PPM_CL_CLONE_FS (1 << 1)
#define PPM_CL_CLONE_IO (1 << 2)
#define PPM_CL_CLONE_NEWIPC (1 << 3)
#define PPM_CL_CLONE_NEWNET (1 << 4)
#define PPM_CL_CLONE_NEWNS (1 << 5)
#define PPM_CL_CLONE_NEWPID (1 << 6)
#define PPM_CL_CLONE_NEWUTS (1 << 7)
#define PPM_CL_CLONE_PARENT (1 << 8)
#define PPM_CL_CLONE_PARENT_SETTID (1 << 9)
#define PPM_CL_CLONE_PTRACE (1 << 10)
#define PPM_CL_CLONE_SIGHAND (1 << 11)
#define PPM_CL_CLONE_SYSVSEM (1 << 12)
#define PPM_CL_CLONE_THREAD (1 << 13)
#define PPM_CL_CLONE_UNTRACED (1 << 14)
#define PPM_CL_CLONE_VM (1 << 15)
#define PPM_CL_CLONE_NEWUSER (1 << 20)
#define PPM_CL_CLONE_CHILD_CLEARTID (1 << 23)
#define PPM_CL_CLONE_CHILD_SETTID (1 << 24)
#define PPM_CL_CLONE_SETTLS (1 << 25)
#define PPM_CL_CLONE_VFORK (1 << 27)
#define PPM_CL_CLONE_NEWCGROUP (1 << 28)
#define PPM_CL_CHILD_IN_PIDNS (1 << 29)

#define PPM_EXE_WRITABLE (1 << 0)
#define PPM_EXE_UPPER_LAYER (1 << 1)
#define PPM_EXE_FROM_MEMFD (1 << 2)
#define PPM_EXE_LOWER_LAYER (1 << 3)

static __always_inline u32 open_flags_to_scap(u64 f)
{
	u32 r = 0;
	switch (f & 3) {
	case 0: r = PPM_O_RDONLY; break;
	case 1: r = PPM_O_WRONLY; break;
	case 2: r = PPM_O_RDWR; break;
	}
	if (f & 0100) r |= PPM_O_CREAT;
	if (f & 0200) r |= PPM_O_EXCL;
	if (f & 01000) r |= PPM_O_TRUNC;
	if (f & 02000) r |= PPM_O_APPEND;
	if (f & 04000) r |= PPM_O_NONBLOCK;
	if (f & 010000) r |= PPM_O_DSYNC;
	if (f & 040000) r |= PPM_O_DIRECT;
	if (f & 0100000) r |= PPM_O_LARGEFILE;
	if ((f & 020200000) == 0200000) r |= PPM_O_DIRECTORY;
	if (f & 02000000) r |= PPM_O_CLOEXEC;
	if (f & 04000000) r |= PPM_O_SYNC;
	if (f & 020000000) r |= PPM_O_TMPFILE;
	return r;
}

/* cloexec_flags_to_scap covers flags that only carry O_CLOEXEC / O_NONBLOCK (pipe2, dup3, userfaultfd). */
static __always_inline u32 cloexec_flags_to_scap(u64 f)
{
	u32 r = 0;
	if (f & 02000000) r |= PPM_O_CLOEXEC;
	if (f & 04000) r |= PPM_O_NONBLOCK;
	return r;
}

/* open_mode_to_scap keeps the permission bits when the call may create a file. */
static __always_inline u32 open_mode_to_scap(u64 flags, u64 mode)
{
	if (flags & (0100 | 020000000))
		return mode & 07777;
	return 0;
}

static __always_inline u32 clone_flags_to_scap(u64 f)
{
	u32 r = 0;
	if (f & 0x400) r |= PPM_CL_CLONE_FILES;
	if (f & 0x200) r |= PPM_CL_CLONE_FS;
	if (f & 0x80000000ULL) r |= PPM_CL_CLONE_IO;
	if (f & 0x8000000) r |= PPM_CL_CLONE_NEWIPC;
	if (f & 0x40000000) r |= PPM_CL_CLONE_NEWNET;
	if (f & 0x20000) r |= PPM_CL_CLONE_NEWNS;
	if (f & 0x20000000) r |= PPM_CL_CLONE_NEWPID;
	if (f & 0x4000000) r |= PPM_CL_CLONE_NEWUTS;
	if (f & 0x8000) r |= PPM_CL_CLONE_PARENT;
	if (f & 0x100000) r |= PPM_CL_CLONE_PARENT_SETTID;
	if (f & 0x2000) r |= PPM_CL_CLONE_PTRACE;
	if (f & 0x800) r |= PPM_CL_CLONE_SIGHAND;
	if (f & 0x40000) r |= PPM_CL_CLONE_SYSVSEM;
	if (f & 0x10000) r |= PPM_CL_CLONE_THREAD;
	if (f & 0x800000) r |= PPM_CL_CLONE_UNTRACED;
	if (f & 0x100) r |= PPM_CL_CLONE_VM;
	if (f & 0x10000000) r |= PPM_CL_CLONE_NEWUSER;
	if (f & 0x200000) r |= PPM_CL_CLONE_CHILD_CLEARTID;
	if (f & 0x1000000) r |= PPM_CL_CLONE_CHILD_SETTID;
	if (f & 0x80000) r |= PPM_CL_CLONE_SETTLS;
	if (f & 0x4000) r |= PPM_CL_CLONE_VFORK;
	if (f & 0x2000000) r |= PPM_CL_CLONE_NEWCGROUP;
	return r;
}

/* openat2 resolve flags: Linux RESOLVE_* to PPM_RESOLVE_*. */
static __always_inline u32 resolve_flags_to_scap(u64 f)
{
	u32 r = 0;
	if (f & 0x08) r |= 1 << 0; /* BENEATH */
	if (f & 0x10) r |= 1 << 1; /* IN_ROOT */
	if (f & 0x02) r |= 1 << 2; /* NO_MAGICLINKS */
	if (f & 0x04) r |= 1 << 3; /* NO_SYMLINKS */
	if (f & 0x01) r |= 1 << 4; /* NO_XDEV */
	if (f & 0x20) r |= 1 << 5; /* CACHED */
	return r;
}

/* ptrace_req_to_scap maps a Linux ptrace request to PPM_PTRACE_* (0 = unknown). */
static __always_inline u16 ptrace_req_to_scap(u64 req)
{
	switch (req) {
	case 0: return 1; /* TRACEME */
	case 1: return 2; /* PEEKTEXT */
	case 2: return 3; /* PEEKDATA */
	case 3: return 4; /* PEEKUSR */
	case 4: return 5; /* POKETEXT */
	case 5: return 6; /* POKEDATA */
	case 6: return 7; /* POKEUSR */
	case 7: return 8; /* CONT */
	case 8: return 9; /* KILL */
	case 9: return 10; /* SINGLESTEP */
	case 16: return 11; /* ATTACH */
	case 17: return 12; /* DETACH */
	case 24: return 13; /* SYSCALL */
	case 0x4200: return 14; /* SETOPTIONS */
	case 0x4201: return 15; /* GETEVENTMSG */
	case 0x4202: return 16; /* GETSIGINFO */
	case 0x4203: return 17; /* SETSIGINFO */
	case 0x4204: return 18; /* GETREGSET */
	case 0x4205: return 19; /* SETREGSET */
	case 0x4206: return 20; /* SEIZE */
	case 0x4207: return 21; /* INTERRUPT */
	case 0x4208: return 22; /* LISTEN */
	case 0x4209: return 23; /* PEEKSIGINFO */
	case 0x420a: return 24; /* GETSIGMASK */
	case 0x420b: return 25; /* SETSIGMASK */
	case 12: return 26; /* GETREGS */
	case 13: return 27; /* SETREGS */
	case 14: return 28; /* GETFPREGS */
	case 15: return 29; /* SETFPREGS */
	case 18: return 30; /* GETFPXREGS */
	case 19: return 31; /* SETFPXREGS */
	case 21: return 32; /* OLDSETOPTIONS */
	case 25: return 33; /* GET_THREAD_AREA */
	case 26: return 34; /* SET_THREAD_AREA */
	case 30: return 35; /* ARCH_PRCTL */
	case 31: return 36; /* SYSEMU */
	case 32: return 37; /* SYSEMU_SINGLESTEP */
	case 33: return 38; /* SINGLEBLOCK */
	}
	return 0;
}

/* mknod_mode_to_scap keeps the permission bits and, for a file type mknod accepts, its S_IF* bits: the
 * PPM_S_IF* and PPM_S_I* values equal Linux's. An unknown type contributes nothing, as in libs. */
static __always_inline u32 mknod_mode_to_scap(u64 mode)
{
	u32 r = mode & 07777;
	switch (mode & 0170000) {
	case 0140000: /* S_IFSOCK */
	case 0100000: /* S_IFREG */
	case 0060000: /* S_IFBLK */
	case 0040000: /* S_IFDIR */
	case 0020000: /* S_IFCHR */
	case 0010000: /* S_IFIFO */
		r |= mode & 0170000;
	}
	return r;
}

/* delete_module flags: O_TRUNC to PPM_DELETE_MODULE_O_TRUNC, O_NONBLOCK to PPM_DELETE_MODULE_O_NONBLOCK. */
static __always_inline u32 delete_module_flags_to_scap(u64 f)
{
	return ((f & 01000) ? 1 : 0) | ((f & 04000) ? 2 : 0);
}

#endif /* AERIE_FLAGS_H */
