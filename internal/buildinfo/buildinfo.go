// Package buildinfo holds the version stamp of the aeriectl binary.
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Stamped at link time: -X github.com/aerie-sec/aerie/internal/buildinfo.version=... (see Makefile and .goreleaser.yaml).
var (
	version = ""
	commit  = ""
	date    = ""
)

// Info describes one build of aeriectl.
type Info struct {
	Version   string `json:"version" yaml:"version"`
	Commit    string `json:"commit" yaml:"commit"`
	Date      string `json:"date,omitempty" yaml:"date,omitempty"`
	GoVersion string `json:"go_version" yaml:"go_version"`
	Platform  string `json:"platform" yaml:"platform"`
}

// Get returns the build's stamp, falling back to the module build info for `go install` builds.
func Get() Info {
	info := Info{Version: version, Commit: commit, Date: date, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && info.Commit == "" {
				info.Commit = s.Value
			}
		}
	}
	if info.Version == "" {
		info.Version = "0.0.0-dev"
	}
	if info.Commit == "" {
		info.Commit = "unknown"
	}
	return info
}
