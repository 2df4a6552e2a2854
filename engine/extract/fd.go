package extract

import (
	"github.com/aerie-sec/aerie/engine/event"
	"net/netip"
	"strings"

	"github.com/aerie-sec/aerie/engine/fields"
	"github.com/aerie-sec/aerie/engine/state"
)

// fdf builds a single-valued field of the event's fd; it yields nothing when the fd is unknown.
func fdf(f func(c *Ctx, fd *state.FD, v *Value) bool) builder {
	return direct(func(c *Ctx, i int, v *Value) bool {
		if c.R.FD == nil || i != 0 {
			return false
		}
		return f(c, c.R.FD, v)
	})
}

func isInet(fd *state.FD) bool {
	switch fd.Type {
	case state.FDIPv4Socket, state.FDIPv6Socket, state.FDIPv4Server, state.FDIPv6Server:
		return true
	}
	return false
}

func isServerSock(fd *state.FD) bool {
	return fd.Type == state.FDIPv4Server || fd.Type == state.FDIPv6Server
}

func fdFields(m map[string]builder) {
	m["fd.num"] = direct(func(c *Ctx, i int, v *Value) bool {
		if i != 0 {
			return false
		}
		if !c.R.HasFD {
			// the enter event of a call that creates an fd (open, socket, accept): -1 until its exit
			if info := c.Ev.Info(); info != nil && info.Dir == event.Enter && info.Flags&event.FlagCreatesFD != 0 {
				v.Int = -1
				return true
			}
			return false
		}
		v.Int = c.R.FDNum
		return true
	})
	// A descriptor missing from the table (opened before the capture, say) still has a number, an empty
	// name in the root directory, and type character 'o', as libsinsp reports it.
	m["fd.typechar"] = direct(func(c *Ctx, i int, v *Value) bool {
		if i != 0 {
			return false
		}
		if c.R.FD == nil {
			if !c.R.HasFD {
				return false
			}
			v.Str = "o"
			return true
		}
		start := len(c.buf)
		c.buf = append(c.buf, c.R.FD.Type.Char())
		v.Str = c.str(start)
		return true
	})
	m["fd.type"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool { v.Str = fd.Type.String(); return true })
	m["fd.name"] = direct(func(c *Ctx, i int, v *Value) bool {
		if i != 0 {
			return false
		}
		if c.R.FD == nil {
			v.Str = ""
			return c.R.HasFD && c.Ev.Dir() == event.Exit
		}
		if c.R.FD.Flags&state.FlagTupleName != 0 {
			start := len(c.buf)
			c.buf = c.R.FD.AppendName(c.buf)
			v.Str = c.str(start)
			return true
		}
		v.Str = c.R.FD.Name
		return true
	})
	// fd.nameraw is the path as the open passed it (relative, with "..", not joined to the directory), with
	// repeated slashes collapsed, as libsinsp keeps it; descriptors not opened during the capture have none.
	m["fd.nameraw"] = fdf(func(c *Ctx, fd *state.FD, v *Value) bool {
		if fd.Flags&state.FlagRawName == 0 {
			v.Str = ""
			return true
		}
		raw := fd.NameRaw
		if raw == "" {
			raw = fd.Name
		}
		if !strings.Contains(raw, "//") {
			v.Str = raw
			return true
		}
		start := len(c.buf)
		for i := 0; i < len(raw); i++ {
			if raw[i] == '/' && i > 0 && raw[i-1] == '/' {
				continue
			}
			c.buf = append(c.buf, raw[i])
		}
		v.Str = c.str(start)
		return true
	})
	m["fd.directory"] = direct(func(c *Ctx, i int, v *Value) bool {
		if i != 0 {
			return false
		}
		fd := c.R.FD
		if fd == nil {
			v.Str = "/"
			return c.R.HasFD && c.Ev.Dir() == event.Exit
		}
		if !fd.Type.IsFile() {
			return false
		}
		if fd.Type == state.FDDirectory {
			v.Str = fd.Name
			return true
		}
		slash := strings.LastIndexByte(fd.Name, '/')
		switch {
		case slash < 0:
			return false
		case slash == 0:
			v.Str = "/"
		default:
			v.Str = fd.Name[:slash]
		}
		return true
	})
	m["fd.filename"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool {
		if !fd.Type.IsFile() || fd.Type == state.FDDirectory {
			return false
		}
		v.Str = fd.Name[strings.LastIndexByte(fd.Name, '/')+1:]
		return true
	})
	m["fd.ino"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool { v.Int = int64(fd.Ino); return true })
	m["fd.dev"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool { v.Int = int64(fd.Dev); return true })
	m["fd.dev.major"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool { v.Int = int64(fd.Dev >> 20); return true })
	m["fd.dev.minor"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool { v.Int = int64(fd.Dev & 0xfffff); return true })
	m["fd.l4proto"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool {
		// known once the socket has a role (bound, connected or accepted)
		if !isInet(fd) || fd.L4 == state.L4Unknown || !isServerSock(fd) && fd.Flags&(state.FlagRoleClient|state.FlagRoleServer) == 0 {
			return false
		}
		v.Str = fd.L4.String()
		return true
	})
	m["fd.sockfamily"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool {
		switch {
		case isInet(fd):
			v.Str = "ip"
		case fd.Type == state.FDUnixSocket:
			v.Str = "unix"
		default:
			return false
		}
		return true
	})
	// fd.is_server: a listening socket, or one whose server end is an address of this machine (or not set
	// yet), as libsinsp decides with the interface list.
	m["fd.is_server"] = fdf(func(c *Ctx, fd *state.FD, v *Value) bool {
		switch {
		case isServerSock(fd):
			v.Bool = true
		case isInet(fd) && !fd.ServerIP.IsValid():
			// not connected: libsinsp finds :: among the local addresses, but not 0.0.0.0
			v.Bool = fd.Type == state.FDIPv6Socket
		case isInet(fd):
			v.Bool = c.Table.IsLocal(fd.ServerIP)
		default:
			v.Bool = false // unix sockets, files, pipes...: never a server, as libsinsp's role flags say
		}
		return true
	})
	m["fd.connected"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool {
		v.Bool = fd.Is(state.FlagConnected)
		return true
	})
	m["fd.name_changed"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool {
		v.Bool = fd.Is(state.FlagNameChanged)
		return true
	})

	// endpoints: c = client, s = server, l = local, r = remote
	type end uint8
	const (
		eClient end = iota
		eServer
		eLocal
		eRemote
	)
	// side reports whether end e of fd is its server end. For local and remote ends libsinsp asks the
	// interface list: the local end is the client end if the client address is the machine's, else the
	// server end if the server address is; otherwise (and for listening sockets) there is none.
	side := func(c *Ctx, fd *state.FD, e end) (ok bool, server bool) {
		switch e {
		case eClient:
			return true, false
		case eServer:
			return true, true
		}
		if isServerSock(fd) {
			return false, false
		}
		var local bool
		switch {
		case c.Table.IsLocal(fd.ClientIP):
			local = false
		case c.Table.IsLocal(fd.ServerIP):
			local = true
		default:
			return false, false
		}
		if e == eLocal {
			return true, local
		}
		return true, !local
	}
	// the ends of a socket are known once it has a role: connected, accepted or listening
	hasRole := func(fd *state.FD) bool {
		return isServerSock(fd) || fd.Flags&(state.FlagRoleClient|state.FlagRoleServer) != 0
	}
	ipOf := func(c *Ctx, fd *state.FD, e end, v *Value) bool {
		if !isInet(fd) || !hasRole(fd) {
			return false
		}
		ok, server := side(c, fd, e)
		if !ok {
			return false
		}
		if isServerSock(fd) {
			if !server && e != eLocal {
				return false
			}
			v.IP = fd.ServerIP
			return fd.ServerIP.IsValid()
		}
		if server {
			v.IP = fd.ServerIP
		} else {
			v.IP = fd.ClientIP
		}
		return v.IP.IsValid()
	}
	portOf := func(c *Ctx, fd *state.FD, e end, v *Value) bool {
		if !isInet(fd) || !hasRole(fd) {
			return false
		}
		ok, server := side(c, fd, e)
		if !ok {
			return false
		}
		if isServerSock(fd) {
			if !server && e != eLocal {
				return false
			}
			v.Uint = uint64(fd.ServerPort)
			return true
		}
		if server {
			v.Uint = uint64(fd.ServerPort)
		} else {
			v.Uint = uint64(fd.ClientPort)
		}
		return true
	}
	for prefix, e := range map[string]end{"c": eClient, "s": eServer, "l": eLocal, "r": eRemote} {
		m["fd."+prefix+"ip"] = fdf(func(c *Ctx, fd *state.FD, v *Value) bool { return ipOf(c, fd, e, v) })
		m["fd."+prefix+"net"] = m["fd."+prefix+"ip"]
		m["fd."+prefix+"port"] = fdf(func(c *Ctx, fd *state.FD, v *Value) bool { return portOf(c, fd, e, v) })
		m["fd."+prefix+"proto"] = fdf(func(_ *Ctx, fd *state.FD, v *Value) bool {
			if !isInet(fd) {
				return false
			}
			v.Str = fd.L4.String()
			return true
		})
	}
	// fd.ip, fd.port, fd.net: either end, as the raw client and server addresses (zero while unset),
	// which is how libsinsp compares them.
	both := func() builder {
		return func(fields.Ref) (Func, bool, error) {
			return func(c *Ctx, i int, v *Value) bool {
				fd := c.R.FD
				if fd == nil || i > 1 || !isInet(fd) {
					return false
				}
				ip, p := fd.ClientIP, fd.ClientPort
				if i == 1 || isServerSock(fd) {
					if i == 1 && isServerSock(fd) {
						return false // a listening socket has only its own address
					}
					ip, p = fd.ServerIP, fd.ServerPort
				}
				if !ip.IsValid() {
					// libsinsp compares an unset end as 0.0.0.0, for both families
					ip = netip.IPv4Unspecified()
				}
				v.IP, v.Uint = ip, uint64(p)
				return true
			}, true, nil
		}
	}
	m["fd.ip"] = both()
	m["fd.net"] = both()
	m["fd.port"] = both()
}
