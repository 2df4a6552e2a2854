/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Event writer: builds one event in the .scap layout (26-byte header, u16
 * parameter lengths, values back to back) in a per-CPU buffer, then copies it
 * to the ring buffer without waking the reader (user space polls).
 */
#ifndef AERIE_SCAP_H
#define AERIE_SCAP_H

#include "types.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#define HDR_LEN 26
#define BUF_SIZE 65536
#define OFF_MASK 0x7FFF     /* every write starts below 32 KiB ... */
#define MAX_PARAM 4096      /* ... and is at most 4 KiB long */
#define POS_LIMIT 28672     /* past this, parameters are sent empty */
#define MAX_PARAMS 32

/* Interest map bits, per syscall number. */
#define WANT_EXIT 1
#define WANT_ENTER 2
#define NSYSCALLS 512
/* Slots past the syscall numbers for non-syscall events. */
#define SLOT_PROCEXIT 511

/* Set by the loader before load. */
const volatile u64 boot_time = 0;     /* wall clock ns at boot */
const volatile u64 wakeup_bytes = 0;  /* force a wakeup past this much unread data; 0 = never */
const volatile u32 ignore_tgid = 0;   /* drop this process's events (the reader's own); 0 = none */

/* Events start EV_BASE bytes into the buffer (open exits may start a little lower: see x_open); the slack at
 * the end keeps base + length inside the value. */
#define EV_BASE 16
struct auxbuf {
	u8 data[BUF_SIZE + 64];
};

struct counters {
	u64 events;
	u64 drops;
};


struct scratch {
	u64 args[6];
	s64 ret;
	u64 id;
	u64 pid_tgid; /* read once by the dispatcher */
	/* The last open-family enter event built on this CPU: its thread, syscall, the CPU's event sequence
	 * (events + drops) right after it, and where its path parameter lies in the aux buffer. */
	u64 enter_tid;
	u64 enter_id;
	u64 enter_seq;
	u32 enter_npos;
	u32 enter_nlen;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 1024 * 1024);
} events SEC(".maps");

/* One buffer per CPU: an ARRAY keyed by CPU, since PERCPU values are capped at 32 KiB. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, struct auxbuf);
} aux SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct scratch);
} args SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct counters);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NSYSCALLS);
	__type(key, u32);
	__type(value, u8);
} interest SEC(".maps");



struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, NSYSCALLS);
	__type(key, u32);
	__type(value, u32);
} exit_progs SEC(".maps");

struct ev {
	struct auxbuf *b;
	u32 h;   /* offset of the event header in b (below 32) */
	u32 pos; /* write position, from the start of b */
	u32 i;
	u32 n;
};

static __always_inline bool wanted(u32 slot, u8 bit)
{
	u8 *w = bpf_map_lookup_elem(&interest, &slot);
	return w && (*w & bit);
}

/* ignored_id reports whether pid_tgid (from bpf_get_current_pid_tgid) belongs to the ignored process. */
static __always_inline bool ignored_id(u64 pid_tgid)
{
	return ignore_tgid && (u32)(pid_tgid >> 32) == ignore_tgid;
}

static __always_inline bool ignored(void)
{
	return ignore_tgid && ignored_id(bpf_get_current_pid_tgid());
}

/* ev_begin_at starts an event of the thread pid_tgid with its header h bytes into the CPU's buffer. */
static __always_inline int ev_begin_at(struct ev *e, u16 type, u32 nparams, u64 pid_tgid, u32 h)
{
	u32 cpu = bpf_get_smp_processor_id();
	e->b = bpf_map_lookup_elem(&aux, &cpu);
	if (!e->b)
		return -1;
	asm volatile("%[h] &= 31" : [h] "+r"(h)); /* keep the bound visible to the verifier */
	e->h = h;
	e->n = nparams;
	e->i = 0;
	e->pos = h + HDR_LEN + 2 * nparams;
	*(u64 *)&e->b->data[h] = boot_time + bpf_ktime_get_boot_ns();
	*(u64 *)&e->b->data[h + 8] = (u32)pid_tgid;
	*(u16 *)&e->b->data[h + 20] = type;
	*(u32 *)&e->b->data[h + 22] = nparams;
	return 0;
}

/* ev_begin_id starts an event of the thread pid_tgid (callers on the hot path already have it). */
static __always_inline int ev_begin_id(struct ev *e, u16 type, u32 nparams, u64 pid_tgid)
{
	return ev_begin_at(e, type, nparams, pid_tgid, EV_BASE);
}

static __always_inline int ev_begin(struct ev *e, u16 type, u32 nparams)
{
	return ev_begin_id(e, type, nparams, bpf_get_current_pid_tgid());
}

static __always_inline void put_len(struct ev *e, u32 len)
{
	u32 off = (e->h & 31) + HDR_LEN + 2 * (e->i & (MAX_PARAMS - 1));
	*(u16 *)&e->b->data[off] = (u16)len;
	e->i++;
	e->pos += len;
}

static __always_inline u8 *at(struct ev *e)
{
	return &e->b->data[e->pos & OFF_MASK];
}

static __always_inline void put_empty(struct ev *e)
{
	put_len(e, 0);
}

static __always_inline void put_u8(struct ev *e, u8 v)
{
	*at(e) = v;
	put_len(e, 1);
}

static __always_inline void put_u16(struct ev *e, u16 v)
{
	*(u16 *)at(e) = v;
	put_len(e, 2);
}

static __always_inline void put_u32(struct ev *e, u32 v)
{
	*(u32 *)at(e) = v;
	put_len(e, 4);
}

static __always_inline void put_u64(struct ev *e, u64 v)
{
	*(u64 *)at(e) = v;
	put_len(e, 8);
}

/* put_str_user writes a NUL-terminated user string (empty when absent or unreadable). */
static __always_inline void put_str_user(struct ev *e, const void *p)
{
	if (!p || e->pos > POS_LIMIT) {
		put_empty(e);
		return;
	}
	long n = bpf_probe_read_user_str(at(e), MAX_PARAM, p);
	put_len(e, n > 0 ? n : 0);
}

/* put_path_user writes a user path, or, when nlen is set, takes the nlen bytes already at the write position
 * (the enter event's copy of the same path, see x_open). */
static __always_inline void put_path_user(struct ev *e, const void *p, u32 nlen)
{
	if (nlen) {
		put_len(e, nlen & (MAX_PARAM - 1 + MAX_PARAM));
		return;
	}
	put_str_user(e, p);
}

static __always_inline void put_str_kernel(struct ev *e, const void *p)
{
	if (!p || e->pos > POS_LIMIT) {
		put_empty(e);
		return;
	}
	long n = bpf_probe_read_kernel_str(at(e), MAX_PARAM, p);
	put_len(e, n > 0 ? n : 0);
}

/* put_bytes_user writes up to MAX_PARAM raw user bytes. */
static __always_inline void put_bytes_user(struct ev *e, const void *p, u64 len)
{
	if (!p || len == 0 || e->pos > POS_LIMIT) {
		put_empty(e);
		return;
	}
	if (len > MAX_PARAM)
		len = MAX_PARAM;
	asm volatile("%[len] &= 0x1fff" : [len] "+r"(len));
	if (bpf_probe_read_user(at(e), len, p) < 0) {
		put_empty(e);
		return;
	}
	put_len(e, len);
}

/* cpu_seq returns the CPU's count of events written or dropped: it changes whenever the aux buffer is reused. */
static __always_inline u64 cpu_seq(void)
{
	u32 zero = 0;
	struct counters *c = bpf_map_lookup_elem(&counters, &zero);
	return c ? c->events + c->drops : 0;
}

/* ev_submit copies the event to the ring without waking the reader, except that every 64th event of a CPU
 * (a ring query per event costs a helper call) forces a wakeup when more than wakeup_bytes are unread. */
static __always_inline int ev_submit(struct ev *e)
{
	u32 h = e->h & 31;
	u32 len = e->pos - h;
	if (len > BUF_SIZE - 1)
		len = BUF_SIZE - 1;
	*(u32 *)&e->b->data[h + 16] = len;
	u32 zero = 0;
	struct counters *c = bpf_map_lookup_elem(&counters, &zero);
	if (!c)
		return 0;
	u64 flags = BPF_RB_NO_WAKEUP;
	if (wakeup_bytes && (c->events & 63) == 0 && bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > wakeup_bytes)
		flags = BPF_RB_FORCE_WAKEUP;
	asm volatile("%[len] &= 0xffff" : [len] "+r"(len));
	if (bpf_ringbuf_output(&events, &e->b->data[h], len, flags))
		c->drops++;
	else
		c->events++;
	return 0;
}

#endif /* AERIE_SCAP_H */
