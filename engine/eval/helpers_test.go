package eval

import "net/netip"

func mustIP(s string) netip.Addr { return netip.MustParseAddr(s) }
