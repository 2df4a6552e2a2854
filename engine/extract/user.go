package extract

import (
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
		if t.Runtime == state.RuntimeNone {
			v.Str = "host"
		} else {
			v.Str = string(t.Runtime)
		}
		return true
	})
	m["container.name"] = single(func(c *Ctx, v *Value) bool {
		t := c.R.Thread
		if t == nil || t.ContainerID != state.HostID {
			return false // names need runtime metadata
		}
		v.Str = state.HostID
		return true
	})
}
