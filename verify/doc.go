// Package verify decides whether a resolved artifact may be installed: it checks cosign signatures
// of the artifact's root manifest digest against a policy, offline.
//
// The model:
//
//   - A [Policy] is an ordered list of [Rule]s from the configuration (policy.rules) plus the
//     signature blocks of index entries ([IndexRule], falcoctl's signature.cosign keys). It is
//     matched against the registry/repository of the reference that was resolved (before mirror
//     rewriting), never against the name an artifact declares about itself, so dependencies and
//     full references are covered like index names.
//   - A rule that names trust material (public keys, or keyless identities with a trusted root)
//     makes a valid signature mandatory: a missing signature is a failure, not a pass. A rule with
//     require: true and no material of its own takes the material of the index entry for the same
//     repository, and fails when there is none. Digests listed in a rule's exempt list pass unsigned.
//   - Both signature layouts are read from the same source the artifact comes from (a registry
//     repository, a mirror or an OCI layout): the legacy sha256-<hex>.sig tag (simple-signing
//     payloads, verified with cosign's pkg/cosign) and Sigstore bundles attached as OCI referrers
//     (verified with sigstore-go, as cosign does); simple-signing payloads attached as referrers
//     (cosign 2's experimental OCI 1.1 mode) are read too. Referrers are recognised by their layer
//     media type, not by artifactType, which registries and clients report inconsistently.
//   - Nothing here touches the network except the registry source, unless a rule opts into
//     fetching Sigstore's trusted root over TUF (tuf: true). Keys are checked without a
//     transparency log; keyless certificates need a trusted root (a pinned trusted_root.json) and
//     the signature's own time evidence (a Rekor entry or an RFC 3161 timestamp).
//
// [Verifier.Verify] implements the artifact.Verifier interface that install and pull call before
// extracting anything; [Verifier.Check] returns the details (who signed, layout, rule) for display.
package verify
