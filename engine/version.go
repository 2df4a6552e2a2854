package engine

// Versions the engine implements, as Falco reports them in `falco --version` and its /versions endpoint.
const (
	// EngineVersion is the Falco engine version whose rule language the engine implements in full (Falco 0.44).
	EngineVersion = "0.62.0"
	// EngineVersionMinor is the legacy integer engine version (the semver minor), for rules files that still use it.
	EngineVersionMinor = 62
	// PluginAPIVersion is the Falco plugin API version the engine is compatible with.
	PluginAPIVersion = "3.11.0"
	// ContainerPluginVersion is the version of the container plugin whose fields the engine provides natively.
	ContainerPluginVersion = "0.6.0"
)
