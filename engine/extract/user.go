package extract

import (
	"path"
	"sort"
	"strconv"

	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/state"
)

func userFields(m map[string]builder) {
	m["user.uid"] = threadUint(func(t *state.Thread) uint64 { return uint64(t.UID) })
	m["user.loginuid"] = threadInt(func(t *state.Thread) int64 { return int64(int32(t.LoginUID)) })
	m["group.gid"] = threadUint(func(t *state.Thread) uint64 { return uint64(t.GID) })
	user := func(f func(u *state.User, v *Value)) builder {
		return single(func(c *Ctx, v *Value) bool {
			t := c.R.Thread
			if t == nil {
				return false
			}
			u := c.Table.User(t.ContainerID, t.UID)
			if u == nil {
				return false
			}
			f(u, v)
			return true
		})
	}
	m["user.name"] = user(func(u *state.User, v *Value) { v.Str = u.Name })
	m["user.homedir"] = user(func(u *state.User, v *Value) { v.Str = u.Home })
	m["user.shell"] = user(func(u *state.User, v *Value) { v.Str = u.Shell })
	m["user.loginname"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.LoginUID == 0xffffffff {
			return false
		}
		u := c.Table.User(t.ContainerID, t.LoginUID)
		if u == nil {
			return false
		}
		v.Str = u.Name
		return true
	})
	m["group.name"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil {
			return false
		}
		g := c.Table.Group(t.ContainerID, t.GID)
		if g == nil {
			return false
		}
		v.Str = g.Name
		return true
	})
	// container fields derivable from the cgroups alone
	m["container.id"] = threadStr(func(t *state.Thread) string { return t.ContainerID })
	m["container.full_id"] = m["container.id"]
	m["container.type"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil {
			return false
		}
		switch ct := c.Table.Container(t.ContainerID); {
		case t.ContainerID == state.HostID:
			v.Str = "host"
		case ct != nil && ct.Type != "":
			v.Str = ct.Type
		default:
			v.Str = string(t.Runtime)
		}
		return true
	})
	m["container.name"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil {
			return false
		}
		if t.ContainerID == state.HostID {
			v.Str = state.HostID
			return true
		}
		ct := c.Table.Container(t.ContainerID)
		if ct == nil {
			return false // names need container metadata
		}
		v.Str = ct.Name
		return true
	})
	containerFields(m)
}

// meta builds a field of the event's container metadata (from container events); it yields nothing for
// the host and for containers without metadata.
func meta(f func(c *Ctx, ct *state.Container, v *Value) bool) builder {
	return single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.ContainerID == state.HostID {
			return false
		}
		ct := c.Table.Container(t.ContainerID)
		if ct == nil {
			return false
		}
		return f(c, ct, v)
	})
}

func metaStr(get func(ct *state.Container) string) builder {
	return meta(func(_ *Ctx, ct *state.Container, v *Value) bool {
		v.Str = get(ct)
		return v.Str != ""
	})
}

func containerFields(m map[string]builder) {
	m["container.image"] = metaStr(func(ct *state.Container) string { return ct.Image })
	m["container.image.repository"] = metaStr(func(ct *state.Container) string { return ct.ImageRepo })
	m["container.image.tag"] = metaStr(func(ct *state.Container) string { return ct.ImageTag })
	m["container.image.id"] = metaStr(func(ct *state.Container) string { return ct.ImageID })
	m["container.image.digest"] = metaStr(func(ct *state.Container) string { return ct.ImageDigest })
	m["container.ip"] = metaStr(func(ct *state.Container) string { return ct.IP })
	m["container.privileged"] = meta(func(_ *Ctx, ct *state.Container, v *Value) bool {
		v.Bool = ct.Privileged
		return ct.HasPriv
	})
	m["container.start_ts"] = meta(func(_ *Ctx, ct *state.Container, v *Value) bool {
		v.Uint = uint64(ct.CreatedTs)
		return ct.CreatedTs != 0
	})
	m["container.duration"] = meta(func(c *Ctx, ct *state.Container, v *Value) bool {
		v.Int = c.Ev.Ts - ct.CreatedTs
		return ct.CreatedTs != 0
	})
	m["container.mounts"] = meta(func(c *Ctx, ct *state.Container, v *Value) bool {
		start := len(c.buf)
		for i, mt := range ct.Mounts {
			if i > 0 {
				c.buf = append(c.buf, ',')
			}
			c.buf = appendMount(c.buf, &mt)
		}
		v.Str = c.str(start)
		return true
	})
	m["container.labels"] = meta(func(c *Ctx, ct *state.Container, v *Value) bool {
		keys := make([]string, 0, len(ct.Labels))
		for k := range ct.Labels {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		start := len(c.buf)
		for i, k := range keys {
			if i > 0 {
				c.buf = append(c.buf, ", "...)
			}
			c.buf = append(c.buf, k...)
			c.buf = append(c.buf, ':')
			c.buf = append(c.buf, ct.Labels[k]...)
		}
		v.Str = c.str(start)
		return true
	})
	m["container.label"] = func(ref fields.Ref) (Func, bool, error) {
		key := ref.Arg
		return meta(func(_ *Ctx, ct *state.Container, v *Value) bool {
			s, ok := ct.Labels[key]
			v.Str = s
			return ok
		})(ref)
	}
	// container.mount*[ARG]: ARG is a mount index, or a glob matched against the mount source
	// (container.mount.source takes a destination glob).
	mount := func(pick func(mt *state.Mount) string, bySource bool) builder {
		return func(ref fields.Ref) (Func, bool, error) {
			arg := ref.Arg
			idx, isIdx := -1, false
			if n, err := strconv.Atoi(arg); err == nil && n >= 0 {
				idx, isIdx = n, true
			}
			return meta(func(c *Ctx, ct *state.Container, v *Value) bool {
				for i := range ct.Mounts {
					mt := &ct.Mounts[i]
					key := mt.Source
					if !bySource {
						key = mt.Dest
					}
					if isIdx && i == idx || !isIdx && globMatch(arg, key) {
						if pick == nil {
							start := len(c.buf)
							c.buf = appendMount(c.buf, mt)
							v.Str = c.str(start)
						} else {
							v.Str = pick(mt)
						}
						return true
					}
				}
				return false
			})(ref)
		}
	}
	m["container.mount"] = mount(nil, true)
	m["container.mount.dest"] = mount(func(mt *state.Mount) string { return mt.Dest }, true)
	m["container.mount.source"] = mount(func(mt *state.Mount) string { return mt.Source }, false)
	m["container.mount.mode"] = mount(func(mt *state.Mount) string { return mt.Mode }, true)
	m["container.mount.propagation"] = mount(func(mt *state.Mount) string { return mt.Propagation }, true)
	m["container.mount.rdwr"] = mount(func(mt *state.Mount) string {
		if mt.RW {
			return "true"
		}
		return "false"
	}, true)
}

// appendMount renders a mount as libsinsp does: source:dest:mode:rw:propagation.
func appendMount(b []byte, mt *state.Mount) []byte {
	b = append(b, mt.Source...)
	b = append(b, ':')
	b = append(b, mt.Dest...)
	b = append(b, ':')
	b = append(b, mt.Mode...)
	b = append(b, ':')
	b = strconv.AppendBool(b, mt.RW)
	b = append(b, ':')
	return append(b, mt.Propagation...)
}

func globMatch(pattern, s string) bool {
	ok, err := path.Match(pattern, s)
	return err == nil && ok
}
