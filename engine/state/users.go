package state

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// User is an entry of the user table.
type User struct {
	UID, GID    uint32
	Name, Home  string
	Shell       string
	ContainerID string
}

// Group is an entry of the group table.
type Group struct {
	GID         uint32
	Name        string
	ContainerID string
}

type userKey struct {
	container string
	id        uint32
}

// AddUser records a user, keyed by container id ("" or HostID for the host) and uid.
func (tb *Table) AddUser(u User) {
	cp := u
	tb.users[userKey{hostKey(u.ContainerID), u.UID}] = &cp
}

// AddGroup records a group, keyed by container id and gid.
func (tb *Table) AddGroup(g Group) {
	cp := g
	tb.groups[userKey{hostKey(g.ContainerID), g.GID}] = &cp
}

// User returns the user with uid in the container (falling back to the host's), or nil.
func (tb *Table) User(container string, uid uint32) *User {
	c := hostKey(container)
	if u := tb.users[userKey{c, uid}]; u != nil {
		return u
	}
	if c != "" {
		return tb.users[userKey{"", uid}]
	}
	return nil
}

// Group returns the group with gid in the container (falling back to the host's), or nil.
func (tb *Table) Group(container string, gid uint32) *Group {
	c := hostKey(container)
	if g := tb.groups[userKey{c, gid}]; g != nil {
		return g
	}
	if c != "" {
		return tb.groups[userKey{"", gid}]
	}
	return nil
}

func hostKey(c string) string {
	if c == HostID {
		return ""
	}
	return c
}

// LoadPasswd adds the host users listed in an /etc/passwd-format stream.
func (tb *Table) LoadPasswd(ctx context.Context, r io.Reader) error {
	return scanColon(ctx, r, func(f []string) {
		if len(f) < 7 {
			return
		}
		uid, err1 := strconv.ParseUint(f[2], 10, 32)
		gid, err2 := strconv.ParseUint(f[3], 10, 32)
		if err1 != nil || err2 != nil {
			return
		}
		tb.AddUser(User{UID: uint32(uid), GID: uint32(gid), Name: f[0], Home: f[5], Shell: f[6]})
	})
}

// LoadGroup adds the host groups listed in an /etc/group-format stream.
func (tb *Table) LoadGroup(ctx context.Context, r io.Reader) error {
	return scanColon(ctx, r, func(f []string) {
		if len(f) < 3 {
			return
		}
		gid, err := strconv.ParseUint(f[2], 10, 32)
		if err != nil {
			return
		}
		tb.AddGroup(Group{GID: uint32(gid), Name: f[0]})
	})
}

func scanColon(ctx context.Context, r io.Reader, fn func([]string)) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fn(strings.Split(line, ":"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read account database: %w", err)
	}
	return nil
}
