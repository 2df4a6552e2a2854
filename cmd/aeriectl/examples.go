package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// examples are the Examples sections of the help texts, by command path without the leading "aeriectl".
// Every line starting with "aeriectl" is checked against the command tree by TestExamplesParse.
var examples = map[string]string{
	"version": `
# Version, commit and the Falco engine and plugin API versions, as JSON
aeriectl version -o json`,

	"config show": `
# The configuration in effect, after /etc/aerie/config.yaml, the user file and AERIE_* variables
aeriectl config show
AERIE_LOG_LEVEL=debug aeriectl config show -o json`,

	"config validate": `
aeriectl config validate
aeriectl --config ./config.yaml config validate`,

	"rules validate": `
# Falco's rules files load as one ruleset, in order
aeriectl rules validate falco_rules.yaml my_rules.yaml
# A rules directory (its *.yaml and *.yml files), warnings fail too, Falco's JSON document
aeriectl rules validate --strict -o json /etc/falco/rules.d`,

	"rules describe": `
aeriectl rules describe falco_rules.yaml
aeriectl rules describe -o json falco_rules.yaml | jq '.rules[].info.name'`,

	"replay": `
# The alerts Falco would raise on a capture (the embedded default rules without -r)
aeriectl replay trace.scap -r falco_rules.yaml
aeriectl replay trace.scap.gz -r falco_rules.yaml -r my_rules.yaml -o json --min-priority warning
# Only the rules tagged "container", without the rules whose name contains "Shell"
aeriectl replay trace.scap -r falco_rules.yaml -t container -D Shell
# sysdig-style event listing, no rules
aeriectl replay --filter 'evt.type=openat and fd.name startswith /etc' -p '%evt.num %proc.name %fd.name' trace.scap`,

	"capture": `
# Record 30 seconds of every syscall the probe reports (root)
aeriectl capture -w live.scap.gz --duration 30s
# Only curl's events, plus the process and fd changes replay needs
aeriectl capture -w curl.scap --filter 'proc.name=curl'`,

	"capture inspect": `
aeriectl capture inspect trace.scap
aeriectl capture inspect -o json trace.scap.gz`,

	"run": `
# Live detection with the embedded default rules until Ctrl-C (root, kernel BTF)
aeriectl run
# Falco's rules, JSON alerts, a capture of what was seen, Prometheus metrics
aeriectl run -r /etc/falco/falco_rules.yaml -o json --capture live.scap.gz --metrics-addr 127.0.0.1:8765
# Ten seconds, warnings and worse only
aeriectl run --duration 10s --min-priority warning`,

	"registry push": `
# A rules file as version 1.2.0, tagged 1.2.0, 1.2, 1 and latest where newest
aeriectl registry push localhost:5000/rules/my-rules:1.2.0 my_rules.yaml --type rulesfile --version 1.2.0 --add-floating-tags --plain-http
# A plugin for two platforms, with a requirement
aeriectl registry push ghcr.io/me/plugins/myplugin:0.3.0 libmy-amd64.so libmy-arm64.so --type plugin --version 0.3.0 --platform linux/amd64 --platform linux/arm64 -r plugin_api_version:3.0.0
# Into an OCI layout directory instead of a registry
aeriectl registry push oci-layout:./mirror:1.0.0 my_rules.yaml --type rulesfile --version 1.0.0`,

	"registry pull": `
# The layer tarball, unextracted, into ./out (-o is falcoctl's --dest-dir)
aeriectl registry pull ghcr.io/falcosecurity/rules/falco-rules:3 -o ./out
aeriectl registry pull oci-layout:/srv/mirror:1.0.0 --dest-dir ./out`,

	"registry login": `
aeriectl registry login ghcr.io -u me --password-stdin < token.txt
echo "$PASSWORD" | aeriectl registry login localhost:5000 -u me --password-stdin --plain-http
aeriectl registry login registry.example.com --oauth-token-url https://auth.example.com/token --client-id aerie --client-secret-stdin < secret.txt`,

	"registry logout": `
aeriectl registry logout ghcr.io`,

	"registry auth basic": `
aeriectl registry auth basic ghcr.io -u me --password-stdin < token.txt`,

	"registry auth oauth": `
aeriectl registry auth oauth registry.example.com --token-url https://auth.example.com/token --client-id aerie --client-secret-stdin < secret.txt`,

	"artifact install": `
# By index name, with dependencies, into artifact.rulesfiles_dir
aeriectl artifact install falco-rules:3
# What would be installed and why, without installing
aeriectl artifact install falco-rules:3 --dry-run --explain
# A full reference into a directory of your choice, for the Falco that serves /versions
aeriectl artifact install ghcr.io/falcosecurity/rules/falco-rules:3 --rulesfiles-dir ./rules.d --falco-versions http://localhost:8765/versions
# artifact.install_refs from the configuration
aeriectl artifact install`,

	"artifact info": `
aeriectl artifact info falco-rules
aeriectl artifact info -o json ghcr.io/falcosecurity/rules/falco-rules`,

	"artifact manifest": `
aeriectl artifact manifest falco-rules:3
aeriectl artifact manifest ghcr.io/falcosecurity/plugins/k8saudit:0.7 --platform linux/arm64`,

	"artifact config": `
aeriectl artifact config falco-rules:3 | jq .requirements`,

	"artifact search": `
aeriectl artifact search k8saudit
aeriectl artifact search cloud --type plugin -o json`,

	"artifact list": `
aeriectl artifact list
aeriectl artifact list --index falcosecurity --type rulesfile -o yaml`,

	"artifact sign": `
# cosign generate-key-pair first; the key password comes from COSIGN_PASSWORD or a prompt
aeriectl artifact sign localhost:5000/rules/my-rules:1.2.0 --key cosign.key --plain-http
aeriectl artifact sign localhost:5000/rules/my-rules:1.2.0 --key cosign.key --bundle --plain-http`,

	"artifact verify": `
aeriectl artifact verify localhost:5000/rules/my-rules:1.2.0 --key cosign.pub --plain-http
# The configured policy and the index entries' signature blocks
aeriectl artifact verify falco-rules:3 -o json
# Keyless, offline, against a pinned trusted root
aeriectl artifact verify ghcr.io/falcosecurity/rules/falco-rules:3 --certificate-identity-regexp '^https://github.com/falcosecurity/' --certificate-oidc-issuer https://token.actions.githubusercontent.com --trusted-root trusted_root.json`,

	"index add": `
aeriectl index add falcosecurity https://falcosecurity.github.io/falcoctl/index.yaml
aeriectl index add local ./index.yaml
aeriectl index add mirror oci://localhost:5000/indexes/falco:latest`,

	"index list": `
aeriectl index list -o json`,

	"index remove": `
aeriectl index remove falcosecurity`,

	"index update": `
aeriectl index update
aeriectl index update falcosecurity`,

	"index import": `
# The indexes of this host's falcoctl (its configuration and index list)
aeriectl index import
aeriectl index import /etc/falcoctl/falcoctl.yaml`,
}

// addExamples sets the Example section of every command named in examples, indented as cobra prints it.
func addExamples(root *cobra.Command) {
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		path := strings.TrimPrefix(strings.TrimPrefix(c.CommandPath(), root.Name()), " ")
		if ex, ok := examples[path]; ok && c.Example == "" {
			var b strings.Builder
			for i, line := range strings.Split(strings.TrimSpace(ex), "\n") {
				if i > 0 {
					b.WriteByte('\n')
				}
				b.WriteString("  " + line)
			}
			c.Example = b.String()
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
