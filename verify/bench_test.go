package verify_test

import (
	"context"
	"testing"
	"time"

	"github.com/aerie-sec/aerie/verify"
	"github.com/aerie-sec/aerie/verify/sign"
)

// BenchmarkVerify measures one policy check of a signed artifact (what install adds per artifact)
// against an in-process registry, with and without the referrers API, and reports the registry
// requests each check makes. Run: go test -run '^$' -bench BenchmarkVerify -benchtime 200x ./verify/
func BenchmarkVerify(b *testing.B) {
	ctx := context.Background()
	k := newKey(b, "bench")
	fs := newFakeSigstore(b)
	soon := time.Now().Add(5 * time.Minute)
	keyRule := []verify.Rule{{Name: "key", Match: "**", Keys: []string{k.pubFile}}}
	keylessRule := []verify.Rule{{Name: "keyless", Match: "**", TrustedRoot: fs.rootFile,
		Identities: []verify.Identity{{SubjectRegexp: "^https://github.com/falcosecurity/", Issuer: testIssuer}}}}

	for _, referrers := range []bool{false, true} {
		api := map[bool]string{false: "fallback-tag", true: "referrers-api"}[referrers]
		reg := newRegistry(b, referrers)
		for _, c := range []struct {
			name  string
			rules []verify.Rule
		}{
			{"key/legacy", keyRule},
			{"key/bundle", keyRule},
			{"keyless/legacy", keylessRule},
			{"keyless/bundle", keylessRule},
		} {
			// Set up once, outside b.Run, whose function runs more than once.
			repo := reg.repo(b, "bench/"+c.name)
			ref := reg.host + "/bench/" + c.name + ":1"
			desc := pushArtifact(b, repo, "1", c.name)
			switch c.name {
			case "key/legacy", "key/bundle":
				if _, err := sign.Sign(ctx, repo, "bench", desc, k.signer, sign.Options{Bundle: c.name == "key/bundle"}); err != nil {
					b.Fatal(err)
				}
			case "keyless/legacy":
				fs.signLegacy(b, repo, desc, testSubject, testIssuer, soon)
			case "keyless/bundle":
				if _, err := sign.AttachBundle(ctx, repo, desc, fs.signBundle(b, desc, testSubject, testIssuer, soon), sign.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.Run(c.name+"/"+api, func(b *testing.B) {
				v, err := verify.New(ctx, c.rules, nil, verify.Options{})
				if err != nil {
					b.Fatal(err)
				}
				before := reg.requests.Load()
				b.ResetTimer()
				for range b.N {
					// A fresh repository per check, as each install opens one: no cached referrers capability.
					if _, err := v.Check(ctx, reg.repo(b, "bench/"+c.name), ref, desc); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(reg.requests.Load()-before)/float64(b.N), "requests/op")
			})
		}
	}
}
