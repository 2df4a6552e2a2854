package extract

import (
	"strings"

	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/state"
)

// threadStr builds a single-valued string field of the event's thread.
func threadStr(f func(t *state.Thread) string) builder {
	return direct(func(c *Ctx, i int, v *Value) bool {
		t := c.R.Thread
		if t == nil || i != 0 {
			return false
		}
		v.Str = f(t)
		return true
	})
}

func threadInt(f func(t *state.Thread) int64) builder {
	return direct(func(c *Ctx, i int, v *Value) bool {
		t := c.R.Thread
		if t == nil || i != 0 {
			return false
		}
		v.Int = f(t)
		return true
	})
}

func threadUint(f func(t *state.Thread) uint64) builder {
	return direct(func(c *Ctx, i int, v *Value) bool {
		t := c.R.Thread
		if t == nil || i != 0 {
			return false
		}
		v.Uint = f(t)
		return true
	})
}

func threadBool(f func(t *state.Thread) bool) builder {
	return direct(func(c *Ctx, i int, v *Value) bool {
		t := c.R.Thread
		if t == nil || i != 0 {
			return false
		}
		v.Bool = f(t)
		return true
	})
}

// parentStr builds a string field of the event's parent process.
func parentStr(f func(c *Ctx, t *state.Thread, v *Value)) builder {
	return direct(func(c *Ctx, i int, v *Value) bool {
		if i != 0 {
			return false
		}
		p := c.parent()
		if p == nil {
			return false
		}
		f(c, p, v)
		return true
	})
}

// ancestor builds proc.aXXX[N] (N=0 the process itself) and, without index, the multi-valued "any
// ancestor" form, starting at the parent.
func ancestor(f func(c *Ctx, t *state.Thread, v *Value)) builder {
	return func(ref fields.Ref) (Func, bool, error) {
		if !ref.HasArg || ref.Arg == "" {
			return func(c *Ctx, i int, v *Value) bool {
				if c.R.Thread == nil {
					return false
				}
				a := c.ancestor(i + 1)
				if a == nil || i >= state.MaxDepth {
					return false
				}
				f(c, a, v)
				return true
			}, true, nil
		}
		n, err := index(ref)
		if err != nil {
			return nil, false, err
		}
		return func(c *Ctx, i int, v *Value) bool {
			if i != 0 || c.R.Thread == nil {
				return false
			}
			a := c.R.Thread
			if n > 0 {
				// libsinsp walks the process's ancestry from its main thread
				a = c.ancestor(n)
			}
			if a == nil {
				return false
			}
			f(c, a, v)
			return true
		}, false, nil
	}
}

func (c *Ctx) cmdline(t *state.Thread) string {
	start := len(c.buf)
	c.buf = append(c.buf, t.Comm...)
	for _, a := range t.Args {
		c.buf = append(c.buf, ' ')
		c.buf = append(c.buf, a...)
	}
	return c.str(start)
}

func (c *Ctx) exeline(t *state.Thread) string {
	start := len(c.buf)
	c.buf = append(c.buf, t.Exe...)
	for _, a := range t.Args {
		c.buf = append(c.buf, ' ')
		c.buf = append(c.buf, a...)
	}
	return c.str(start)
}

func (c *Ctx) join(list []string) string {
	start := len(c.buf)
	for k, a := range list {
		if k > 0 {
			c.buf = append(c.buf, ' ')
		}
		c.buf = append(c.buf, a...)
	}
	return c.str(start)
}

func envLookup(env []string, key string) (string, bool) {
	for _, e := range env {
		if len(e) > len(key) && e[len(key)] == '=' && strings.HasPrefix(e, key) {
			return e[len(key)+1:], true
		}
	}
	return "", false
}

func procFields(m map[string]builder) {
	m["proc.name"] = direct(func(c *Ctx, i int, v *Value) bool {
		t := c.R.Thread
		if t == nil || i != 0 {
			return false
		}
		v.Str = t.Comm
		return true
	})
	m["proc.exe"] = threadStr(func(t *state.Thread) string { return t.Exe })
	m["proc.exepath"] = threadStr(func(t *state.Thread) string { return t.ExePath })
	m["proc.args"] = single(func(c *Ctx, v *Value) bool {
		if c.R.Thread == nil {
			return false
		}
		v.Str = c.join(c.R.Thread.Args)
		return true
	})
	m["proc.cmdline"] = single(func(c *Ctx, v *Value) bool {
		if c.R.Thread == nil {
			return false
		}
		v.Str = c.cmdline(c.R.Thread)
		return true
	})
	m["proc.exeline"] = single(func(c *Ctx, v *Value) bool {
		if c.R.Thread == nil {
			return false
		}
		v.Str = c.exeline(c.R.Thread)
		return true
	})
	m["proc.cmdnargs"] = threadUint(func(t *state.Thread) uint64 { return uint64(len(t.Args)) })
	m["proc.cmdlenargs"] = threadUint(func(t *state.Thread) uint64 {
		n := 0
		for _, a := range t.Args {
			n += len(a)
		}
		return uint64(n)
	})
	m["proc.env"] = func(ref fields.Ref) (Func, bool, error) {
		if ref.HasArg && ref.Arg != "" {
			key := ref.Arg
			return func(c *Ctx, i int, v *Value) bool {
				if i != 0 || c.R.Thread == nil {
					return false
				}
				s, ok := envLookup(c.R.Thread.Env, key)
				v.Str = s
				return ok
			}, false, nil
		}
		return func(c *Ctx, i int, v *Value) bool {
			if i != 0 || c.R.Thread == nil {
				return false
			}
			v.Str = c.join(c.R.Thread.Env)
			return true
		}, false, nil
	}
	m["proc.cwd"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil {
			return false
		}
		v.Str = t.Cwd()
		if v.Str != "" && v.Str[len(v.Str)-1] != '/' {
			start := len(c.buf)
			c.buf = append(c.buf, v.Str...)
			c.buf = append(c.buf, '/')
			v.Str = c.str(start)
		}
		return true
	})
	m["proc.tty"] = threadUint(func(t *state.Thread) uint64 { return uint64(t.TTY) })
	m["proc.pid"] = threadInt(func(t *state.Thread) int64 { return t.PID })
	m["proc.vpid"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.VPID == -1 {
			return false
		}
		v.Int = t.VPID
		return true
	})
	m["proc.sid"] = threadInt(func(t *state.Thread) int64 { return t.SID })
	m["proc.vpgid"] = threadInt(func(t *state.Thread) int64 { return t.VPGID })
	m["proc.fdlimit"] = threadInt(func(t *state.Thread) int64 { return t.FDLimit })
	m["proc.fdopencount"] = threadUint(func(t *state.Thread) uint64 { return uint64(t.Files().Len()) })
	m["proc.exe_ino"] = threadInt(func(t *state.Thread) int64 { return int64(t.ExeIno) })
	m["proc.exe_ino.ctime"] = threadUint(func(t *state.Thread) uint64 { return uint64(t.ExeInoCtime) })
	m["proc.exe_ino.mtime"] = threadUint(func(t *state.Thread) uint64 { return uint64(t.ExeInoMtime) })
	m["proc.exe_ino.ctime_duration_proc_start"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.ExeInoCtime == 0 || t.CloneTs == 0 {
			return false
		}
		v.Uint = uint64(t.CloneTs - t.ExeInoCtime)
		return true
	})
	m["proc.exe_ino.ctime_duration_pidns_start"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.ExeInoCtime == 0 || t.PidnsInitStartTs == 0 {
			return false
		}
		v.Uint = uint64(t.PidnsInitStartTs - t.ExeInoCtime)
		return true
	})
	m["proc.pidns_init_start_ts"] = threadUint(func(t *state.Thread) uint64 { return uint64(t.PidnsInitStartTs) })
	m["proc.is_exe_writable"] = threadBool(func(t *state.Thread) bool { return t.ExeFlags&state.ExeWritable != 0 })
	m["proc.is_exe_upper_layer"] = threadBool(func(t *state.Thread) bool { return t.ExeFlags&state.ExeUpperLayer != 0 })
	m["proc.is_exe_lower_layer"] = threadBool(func(t *state.Thread) bool { return t.ExeFlags&state.ExeLowerLayer != 0 })
	m["proc.is_exe_from_memfd"] = threadBool(func(t *state.Thread) bool { return t.ExeFlags&state.ExeFromMemfd != 0 })
	m["proc.is_sid_leader"] = threadBool(func(t *state.Thread) bool { return t.SID == t.VPID })
	m["proc.is_vpgid_leader"] = threadBool(func(t *state.Thread) bool { return t.VPGID == t.VPID })
	m["proc.duration"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.CloneTs == 0 {
			return false
		}
		v.Int = c.Ev.Ts - t.CloneTs
		return true
	})
	m["proc.pid.ts"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.CloneTs == 0 {
			return false
		}
		v.Int = t.CloneTs
		return true
	})
	m["proc.nthreads"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil {
			return false
		}
		var n uint64
		c.Table.Each(func(o *state.Thread) {
			if o.PID == t.PID && !o.Dead {
				n++
			}
		})
		v.Uint = n
		return true
	})
	m["thread.tid"] = threadInt(func(t *state.Thread) int64 { return t.TID })
	m["thread.vtid"] = threadInt(func(t *state.Thread) int64 { return t.VTID })
	m["thread.ismain"] = threadBool(func(t *state.Thread) bool { return t.TID == t.PID })
	m["thread.cgroups"] = single(func(c *Ctx, v *Value) bool {
		if c.R.Thread == nil {
			return false
		}
		v.Str = c.join(c.R.Thread.Cgroups)
		return true
	})
	m["thread.cgroup"] = func(ref fields.Ref) (Func, bool, error) {
		prefix := ref.Arg + "="
		return func(c *Ctx, i int, v *Value) bool {
			if i != 0 || c.R.Thread == nil {
				return false
			}
			for _, cg := range c.R.Thread.Cgroups {
				if strings.HasPrefix(cg, prefix) {
					v.Str = cg[len(prefix):]
					return true
				}
			}
			return false
		}, false, nil
	}
	m["thread.cap_permitted"] = capField(func(t *state.Thread) uint64 { return t.CapPermitted })
	m["thread.cap_inheritable"] = capField(func(t *state.Thread) uint64 { return t.CapInheritable })
	m["thread.cap_effective"] = capField(func(t *state.Thread) uint64 { return t.CapEffective })

	// parent
	m["proc.pname"] = direct(func(c *Ctx, i int, v *Value) bool {
		if i != 0 {
			return false
		}
		p := c.parent()
		if p == nil {
			return false
		}
		v.Str = p.Comm
		return true
	})
	m["proc.pexe"] = parentStr(func(_ *Ctx, p *state.Thread, v *Value) { v.Str = p.Exe })
	m["proc.pexepath"] = parentStr(func(_ *Ctx, p *state.Thread, v *Value) { v.Str = p.ExePath })
	m["proc.pcmdline"] = parentStr(func(c *Ctx, p *state.Thread, v *Value) { v.Str = c.cmdline(p) })
	m["proc.ppid"] = single(func(c *Ctx, v *Value) bool {
		// the parent of the process (its main thread), as libsinsp reports it
		t := c.R.Thread
		if t == nil {
			return false
		}
		v.Int = c.Table.Main(t).PTID
		return true
	})
	m["proc.pvpid"] = parentStr(func(_ *Ctx, p *state.Thread, v *Value) { v.Int = p.VPID })
	m["proc.ppid.ts"] = single(func(c *Ctx, v *Value) bool {
		p := c.parent()
		if p == nil || p.CloneTs == 0 {
			return false
		}
		v.Int = p.CloneTs
		return true
	})
	m["proc.ppid.duration"] = single(func(c *Ctx, v *Value) bool {
		p := c.parent()
		if p == nil || p.CloneTs == 0 {
			return false
		}
		v.Int = c.Ev.Ts - p.CloneTs
		return true
	})
	// ancestors
	m["proc.aname"] = ancestor(func(_ *Ctx, a *state.Thread, v *Value) { v.Str = a.Comm })
	m["proc.aexe"] = ancestor(func(_ *Ctx, a *state.Thread, v *Value) { v.Str = a.Exe })
	m["proc.aexepath"] = ancestor(func(_ *Ctx, a *state.Thread, v *Value) { v.Str = a.ExePath })
	m["proc.acmdline"] = ancestor(func(c *Ctx, a *state.Thread, v *Value) { v.Str = c.cmdline(a) })
	m["proc.apid"] = ancestor(func(_ *Ctx, a *state.Thread, v *Value) { v.Int = a.PID })
	// session leader
	m["proc.sname"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil {
			return false
		}
		for i := 0; t != nil && i < state.MaxDepth; i++ {
			if t.PID == c.R.Thread.SID {
				v.Str = t.Comm
				return true
			}
			t = c.Table.Parent(t)
		}
		return false
	})
}

// capability names, by bit, as libsinsp prints them.
var capNames = [...]string{
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
	"CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
	"CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
	"CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
}

func capField(get func(t *state.Thread) uint64) builder {
	return single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil {
			return false
		}
		caps := get(t)
		start := len(c.buf)
		for bit, name := range capNames {
			if caps&(1<<bit) != 0 {
				if len(c.buf) > start {
					c.buf = append(c.buf, ' ')
				}
				c.buf = append(c.buf, name...)
			}
		}
		v.Str = c.str(start)
		return true
	})
}
