package state

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Container is the metadata of a container, as container events in captures (libsinsp's container JSON)
// or a runtime query describe it.
type Container struct {
	ID          string
	FullID      string
	Type        string // docker, containerd, cri-o, podman, ...
	Name        string
	Image       string
	ImageID     string
	ImageRepo   string
	ImageTag    string
	ImageDigest string
	IP          string
	Privileged  bool
	HasPriv     bool // Privileged is known
	Mounts      []Mount
	Labels      map[string]string
	CreatedTs   int64 // ns since the epoch, 0 if unknown
}

// Mount is one mount of a container.
type Mount struct {
	Source, Dest, Mode, Propagation string
	RW                              bool
}

// containerTypes are libsinsp's container type numbers.
var containerTypes = [...]string{"docker", "lxc", "libvirt-lxc", "mesos", "rkt", "custom", "cri", "containerd", "cri-o", "bpm", "static", "podman"}

// containerJSON is libsinsp's container JSON (the "container" object of container events).
type containerJSON struct {
	Container struct {
		ID          string            `json:"id"`
		FullID      string            `json:"full_id"`
		Type        *int              `json:"type"`
		Name        string            `json:"name"`
		Image       string            `json:"image"`
		ImageID     string            `json:"imageid"`
		ImageRepo   string            `json:"imagerepo"`
		ImageTag    string            `json:"imagetag"`
		ImageDigest string            `json:"imagedigest"`
		IP          string            `json:"ip"`
		Privileged  *bool             `json:"privileged"`
		Labels      map[string]string `json:"labels"`
		CreatedTime int64             `json:"created_time"`
		Mounts      []struct {
			Source      string `json:"Source"`
			Destination string `json:"Destination"`
			Mode        string `json:"Mode"`
			RW          bool   `json:"RW"`
			Propagation string `json:"Propagation"`
		} `json:"Mounts"`
	} `json:"container"`
}

// AddContainerJSON records the container described by a container event's JSON.
func (tb *Table) AddContainerJSON(b []byte) error {
	var j containerJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("parse container event: %w", err)
	}
	c := j.Container
	if c.ID == "" {
		return fmt.Errorf("parse container event: no container id")
	}
	ct := &Container{ID: c.ID, FullID: c.FullID, Name: c.Name, Image: c.Image, ImageID: c.ImageID,
		ImageRepo: c.ImageRepo, ImageTag: c.ImageTag, ImageDigest: c.ImageDigest, IP: c.IP, Labels: c.Labels,
		CreatedTs: c.CreatedTime * 1e9}
	if c.Type != nil && *c.Type >= 0 && *c.Type < len(containerTypes) {
		ct.Type = containerTypes[*c.Type]
	}
	if c.Privileged != nil {
		ct.Privileged, ct.HasPriv = *c.Privileged, true
	}
	for _, m := range c.Mounts {
		ct.Mounts = append(ct.Mounts, Mount{Source: m.Source, Dest: m.Destination, Mode: m.Mode, RW: m.RW, Propagation: m.Propagation})
	}
	if ct.ImageRepo == "" && ct.Image != "" {
		ct.ImageRepo, ct.ImageTag, ct.ImageDigest = splitImage(ct.Image, ct.ImageTag, ct.ImageDigest)
	}
	tb.AddContainer(ct)
	return nil
}

// AddContainer records container metadata, replacing earlier metadata of the same id.
func (tb *Table) AddContainer(c *Container) {
	if tb.containers == nil {
		tb.containers = map[string]*Container{}
	}
	tb.containers[c.ID] = c
}

// Container returns the metadata of the container with the given (12-character) id, or nil.
func (tb *Table) Container(id string) *Container { return tb.containers[id] }

// splitImage splits "registry:5000/repo/name:tag@sha256:..." into repository, tag and digest.
func splitImage(image, tag, digest string) (string, string, string) {
	repo := image
	if i := strings.Index(repo, "@"); i >= 0 {
		if digest == "" {
			digest = repo[i+1:]
		}
		repo = repo[:i]
	}
	if i := strings.LastIndexByte(repo, ':'); i >= 0 && !strings.Contains(repo[i+1:], "/") {
		if tag == "" {
			tag = repo[i+1:]
		}
		repo = repo[:i]
	}
	return repo, tag, digest
}
