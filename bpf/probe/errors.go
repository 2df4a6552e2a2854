package probe

import "errors"

// Sentinel errors from Load; test them with errors.Is.
var (
	// ErrNotSupported means the probe cannot run on this OS or architecture.
	ErrNotSupported = errors.New("probe not supported on this platform (needs linux/amd64)")
	// ErrNotRoot means the process lacks the privileges to load BPF programs.
	ErrNotRoot = errors.New("loading the probe needs root (CAP_BPF and CAP_PERFMON)")
	// ErrNoBTF means the kernel does not expose BTF (/sys/kernel/btf/vmlinux).
	ErrNoBTF = errors.New("kernel BTF not available at /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)")
	// ErrRefused means the kernel refused to load or attach the programs.
	ErrRefused = errors.New("kernel refused the BPF programs")
)
