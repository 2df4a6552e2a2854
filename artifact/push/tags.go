package push

import (
	"fmt"

	"github.com/Masterminds/semver/v3"

	"github.com/aerie-sec/aerie/artifact"
)

// FloatingTags returns the tags a push of version should carry under the rules repository's rule,
// given the tags already in the repository: X.Y.Z always; X.Y only if version is the newest of its
// minor line, X only if the newest of its major line, latest only if the newest overall. A
// prerelease gets its exact tag only. Existing tags that are not X.Y.Z versions are ignored.
func FloatingTags(version string, existing []string) ([]string, error) {
	v, err := artifact.ParseStrictVersion(version)
	if err != nil {
		return nil, err
	}
	tags := []string{v.String()}
	if v.Prerelease() != "" {
		return tags, nil
	}
	newestMinor, newestMajor, newest := true, true, true
	for _, t := range existing {
		e, err := semver.StrictNewVersion(t)
		if err != nil || e.Prerelease() != "" || e.Metadata() != "" {
			continue
		}
		if !e.GreaterThan(v) {
			continue
		}
		newest = false
		if e.Major() == v.Major() {
			newestMajor = false
			if e.Minor() == v.Minor() {
				newestMinor = false
			}
		}
	}
	if newestMinor {
		tags = append(tags, fmt.Sprintf("%d.%d", v.Major(), v.Minor()))
	}
	if newestMajor {
		tags = append(tags, fmt.Sprintf("%d", v.Major()))
	}
	if newest {
		tags = append(tags, "latest")
	}
	return tags, nil
}
