package extract

import (
	"testing"

	"github.com/aerie-sec/aerie/engine/event"
	"github.com/aerie-sec/aerie/engine/state"
)

func TestContainerMetadata(t *testing.T) {
	const id = "3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e"
	tb := state.New(state.Options{})
	tb.AddThread(state.Thread{TID: 10, PID: 10, Comm: "sh", Cgroups: []string{"cpu=/docker/" + id}})
	tb.Link()
	js := `{"container":{"id":"3ad7b26ded6d","type":0,"name":"web","image":"registry:5000/team/nginx:1.25@sha256:abc",` +
		`"privileged":true,"ip":"172.17.0.2","labels":{"app":"web"},"Mounts":[{"Source":"/etc","Destination":"/host/etc","Mode":"ro","RW":false,"Propagation":"rprivate"},` +
		`{"Source":"/var/run/docker.sock","Destination":"/var/run/docker.sock","Mode":"","RW":true,"Propagation":"rprivate"}]}}`
	raw, _ := event.AppendRecord(nil, 1, 10, event.ContainerJsonE, event.CStr(js))
	ev, _ := event.Decode(raw)
	c := &Ctx{Ev: &ev, Table: tb}
	tb.Apply(&ev, &c.R)
	raw, _ = event.AppendRecord(nil, 2, 10, event.SyscallCloseX, event.I64(0), event.I64(3))
	ev2, _ := event.Decode(raw)
	c.Ev = &ev2
	tb.Apply(&ev2, &c.R)
	for _, tt := range []struct{ name, arg, want string }{
		{"container.id", "", "3ad7b26ded6d"},
		{"container.name", "", "web"},
		{"container.type", "", "docker"},
		{"container.image", "", "registry:5000/team/nginx:1.25@sha256:abc"},
		{"container.image.repository", "", "registry:5000/team/nginx"},
		{"container.image.tag", "", "1.25"},
		{"container.image.digest", "", "sha256:abc"},
		{"container.privileged", "", "true"},
		{"container.ip", "", "172.17.0.2"},
		{"container.label", "app", "web"},
		{"container.mounts", "", "/etc:/host/etc:ro:false:rprivate,/var/run/docker.sock:/var/run/docker.sock::true:rprivate"},
		{"container.mount.dest", "/var/run/docker.sock", "/var/run/docker.sock"},
		{"container.mount.dest", "/et*", "/host/etc"},
		{"container.mount.source", "/host/etc", "/etc"},
		{"container.mount.rdwr", "1", "true"},
	} {
		x, err := New(ref(t, tt.name, tt.arg, tt.arg != ""))
		if err != nil {
			t.Fatal(err)
		}
		var v Value
		if !x.Get(c, 0, &v) {
			t.Errorf("%s[%s]: not extracted", tt.name, tt.arg)
			continue
		}
		if got := string(v.Append(nil)); got != tt.want {
			t.Errorf("%s[%s] = %q, want %q", tt.name, tt.arg, got, tt.want)
		}
	}
}
