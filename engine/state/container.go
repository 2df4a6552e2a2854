package state

import "strings"

// Runtime names a container runtime recognised from a cgroup path.
type Runtime string

// Container runtimes whose cgroup layouts ContainerID recognises.
const (
	RuntimeNone       Runtime = ""
	RuntimeDocker     Runtime = "docker"
	RuntimeContainerd Runtime = "containerd"
	RuntimeCRIO       Runtime = "cri-o"
	RuntimePodman     Runtime = "podman"
)

// HostID is the container id of processes outside any container.
const HostID = "host"

// ContainerID derives the container id (the first 12 hex digits) and runtime from a thread's cgroups,
// given as "subsys=path" entries (or bare paths). It returns HostID and RuntimeNone when no cgroup matches
// a known runtime layout: docker "/<id>" and "/docker-<id>.scope", containerd "/cri-containerd-<id>.scope",
// cri-o "/crio-<id>" and "/crio-<id>.scope", podman "/libpod-<id>.scope[/container]" and "/libpod-<id>".
func ContainerID(cgroups []string) (string, Runtime) {
	for _, cg := range cgroups {
		if i := strings.IndexByte(cg, '='); i >= 0 {
			cg = cg[i+1:]
		}
		if id, rt := matchCgroup(cg); rt != RuntimeNone {
			return id, rt
		}
	}
	return HostID, RuntimeNone
}

// matchCgroup looks at the path components of one cgroup path, innermost first.
func matchCgroup(path string) (string, Runtime) {
	for path != "" && path != "/" {
		i := strings.LastIndexByte(path, '/')
		comp := path[i+1:]
		if i < 0 {
			comp = path
		}
		if comp == "container" && i > 0 {
			// podman: /libpod-<id>.scope/container
			path = path[:i]
			continue
		}
		if id, rt := matchComponent(comp); rt != RuntimeNone {
			return id, rt
		}
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return "", RuntimeNone
}

func matchComponent(c string) (string, Runtime) {
	type layout struct {
		prefix, suffix string
		rt             Runtime
	}
	layouts := [...]layout{
		{"docker-", ".scope", RuntimeDocker},
		{"cri-containerd-", ".scope", RuntimeContainerd},
		{"crio-", ".scope", RuntimeCRIO},
		{"crio-", "", RuntimeCRIO},
		{"libpod-", ".scope", RuntimePodman},
		{"libpod-", "", RuntimePodman},
		{"", "", RuntimeDocker},
	}
	for _, l := range layouts {
		if !strings.HasPrefix(c, l.prefix) || !strings.HasSuffix(c, l.suffix) {
			continue
		}
		id := c[len(l.prefix) : len(c)-len(l.suffix)]
		if isHex64(id) {
			return id[:12], l.rt
		}
	}
	return "", RuntimeNone
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
