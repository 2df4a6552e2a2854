package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a "major.minor.patch" version, parsed as libs' sinsp_version does (leading "x.y.z", rest ignored).
type Version struct {
	Major, Minor, Patch uint64
}

// ParseVersion parses a version; it fails unless s starts with three dot-separated decimal numbers.
func ParseVersion(s string) (Version, bool) {
	s = strings.TrimLeft(s, " \t\n")
	var v Version
	var nums [3]uint64
	for i := range nums {
		j := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == 0 {
			return v, false
		}
		n, err := strconv.ParseUint(s[:j], 10, 32)
		if err != nil {
			return v, false
		}
		nums[i] = n
		s = s[j:]
		if i < 2 {
			if !strings.HasPrefix(s, ".") {
				return v, false
			}
			s = s[1:]
		}
	}
	return Version{nums[0], nums[1], nums[2]}, true
}

// MustParseVersion parses a version known to be valid.
func MustParseVersion(s string) Version {
	v, ok := ParseVersion(s)
	if !ok {
		panic("rules: invalid version " + s)
	}
	return v
}

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch) }

// Less reports whether v precedes w.
func (v Version) Less(w Version) bool {
	if v.Major != w.Major {
		return v.Major < w.Major
	}
	if v.Minor != w.Minor {
		return v.Minor < w.Minor
	}
	return v.Patch < w.Patch
}

// CompatibleWith reports whether v satisfies the requirement req: same major, and v >= req.
func (v Version) CompatibleWith(req Version) bool { return v.Major == req.Major && !v.Less(req) }
