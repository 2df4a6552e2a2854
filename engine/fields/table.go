package fields

// syscallTable lists the syscall-source fields: name | type | flags | description.
// Flags: i index arg, I optional index, k key arg, K optional key, a index-or-name arg, A optional index-or-name,
// N no RHS, T no transformer, D deprecated, L list, F filter only, . dotted argument, P container plugin field.
const syscallTable = `
evt.num | UINT64 | | event number
evt.time | CHARBUF | | event timestamp as a time string with nanoseconds
evt.time.s | CHARBUF | | event timestamp as a time string with no nanoseconds
evt.time.iso8601 | CHARBUF | | event timestamp in ISO 8601 format, including nanoseconds and time zone offset (UTC)
evt.datetime | CHARBUF | | event timestamp as a time string that includes the date
evt.datetime.s | CHARBUF | | event timestamp as a datetime string with no nanoseconds
evt.rawtime | ABSTIME | | absolute event timestamp, nanoseconds from epoch
evt.rawtime.s | ABSTIME | | integer part of the event timestamp in seconds
evt.rawtime.ns | ABSTIME | | fractional part of the absolute event timestamp
evt.reltime | RELTIME | | number of nanoseconds from the beginning of the capture
evt.reltime.s | RELTIME | | number of seconds from the beginning of the capture
evt.reltime.ns | RELTIME | | fractional part (in ns) of the time from the beginning of the capture
evt.pluginname | CHARBUF | | name of the plugin that generated the event
evt.plugininfo | CHARBUF | | summary of the event if it came from a plugin
evt.source | CHARBUF | | name of the source that produced the event
evt.is_async | BOOL | | true for asynchronous events
evt.asynctype | CHARBUF | | the type of an asynchronous event
evt.hostname | CHARBUF | | the host name of the underlying machine
evt.latency | RELTIME | D | delta between an exit event and the matching enter event, in nanoseconds
evt.latency.s | RELTIME | D | integer part of the event latency delta
evt.latency.ns | RELTIME | D | fractional part of the event latency delta
evt.latency.quantized | INT64 | D | 10-base log of the delta between an exit event and its enter event
evt.latency.human | CHARBUF | D | delta between an exit event and its enter event, as a human readable string
evt.deltatime | RELTIME | | delta between this event and the previous event, in nanoseconds
evt.deltatime.s | RELTIME | | integer part of the delta between this event and the previous event
evt.deltatime.ns | RELTIME | | fractional part of the delta between this event and the previous event
evt.outputtime | CHARBUF | | the event timestamp as specified by the time format option
evt.dir | CHARBUF | | event direction: '>' for enter events, '<' for exit events
evt.type | CHARBUF | | the name of the event (e.g. open)
evt.type.is | UINT32 | k. | 1 for events of the type given after the dot, e.g. evt.type.is.open
syscall.type | CHARBUF | | for system call events, the name of the system call
evt.category | CHARBUF | | the event category (file, net, process...)
evt.cpu | INT16 | | number of the CPU where this event happened
evt.args | CHARBUF | | all the event arguments, aggregated into a single string
evt.arg | CHARBUF | a. | one of the event arguments, by name (evt.arg.fd or evt.arg[fd]) or by index (evt.arg[0])
evt.rawarg | DYN | k. | one of the event arguments by name, as its raw typed value (evt.rawarg.fd)
evt.info | CHARBUF | | the event arguments, or a description for events with a description
evt.buffer | BYTEBUF | | the binary data buffer for events that have one, like read(), recvfrom(), etc.
evt.buflen | UINT64 | | the length of the binary data buffer for events that have one
evt.res | CHARBUF | | event return value, as a string: SUCCESS or the error code
evt.rawres | INT64 | | event return value, as a number
evt.failed | BOOL | | true for events that returned an error status
evt.is_io | BOOL | | true for events that read or write to FDs, like read(), send, recvfrom(), etc.
evt.is_io_read | BOOL | | true for events that read from FDs, like read(), recv(), recvfrom(), etc.
evt.is_io_write | BOOL | | true for events that write to FDs, like write(), send(), etc.
evt.io_dir | CHARBUF | | 'r' for events that read from FDs, 'w' for events that write to FDs
evt.is_wait | BOOL | | true for events that make the thread wait
evt.wait_latency | RELTIME | D | for events that make the thread wait, the time spent waiting
evt.is_syslog | BOOL | | true for events that are writes to /dev/log
evt.count | UINT32 | | 1 for every event; useful for counting
evt.count.error | UINT32 | | 1 for events that returned an error status
evt.count.error.file | UINT32 | | 1 for file events that returned an error status
evt.count.error.net | UINT32 | | 1 for network events that returned an error status
evt.count.error.memory | UINT32 | | 1 for memory events that returned an error status
evt.count.error.other | UINT32 | | 1 for events that returned an error status and are not file, net or memory
evt.count.exit | UINT32 | | 1 for exit events
evt.around | UINT64 | kF | events within a time range around the given timestamp
evt.abspath | CHARBUF | K | absolute path computed from dirfd and name during syscalls like renameat and symlinkat
evt.abspath.src | CHARBUF | | source absolute path computed from dirfd and name
evt.abspath.dst | CHARBUF | | destination absolute path computed from dirfd and name
evt.is_open_read | BOOL | | true for open/openat/openat2/open_by_handle_at events where the path was opened for reading
evt.is_open_write | BOOL | | true for open/openat/openat2/open_by_handle_at events where the path was opened for writing
evt.is_open_exec | BOOL | | true for open/openat/openat2/open_by_handle_at or creat events that create an executable file
evt.is_open_create | BOOL | | true for open/openat/openat2/open_by_handle_at events where a file is created
proc.exe | CHARBUF | | the first command-line argument (argv[0]), usually the executable name or a custom one
proc.pexe | CHARBUF | | the proc.exe of the parent process
proc.aexe | CHARBUF | IN | the proc.exe of a given ancestor, e.g. proc.aexe[1] is the parent; without argument, any ancestor
proc.exepath | CHARBUF | | the full executable path of the process
proc.pexepath | CHARBUF | | the proc.exepath of the parent process
proc.aexepath | CHARBUF | IN | the proc.exepath of a given ancestor; without argument, any ancestor
proc.name | CHARBUF | | the name (excluding the path) of the executable generating the event
proc.pname | CHARBUF | | the proc.name of the parent process
proc.aname | CHARBUF | IN | the proc.name of a given ancestor, e.g. proc.aname[2] is the grandparent; without argument, any ancestor
proc.args | CHARBUF | | the arguments passed on the command line when starting the process
proc.cmdline | CHARBUF | | full process command line: proc.name + proc.args
proc.pcmdline | CHARBUF | | the proc.cmdline of the parent process
proc.acmdline | CHARBUF | IN | the full command line of a given ancestor; without argument, any ancestor
proc.cmdnargs | UINT64 | | the number of command line args
proc.cmdlenargs | UINT64 | | the total length of command line args, excluding whitespace
proc.exeline | CHARBUF | | full process command line, with exe as first argument
proc.env | CHARBUF | K | the environment variables of the process; with an argument, the value of one variable
proc.aenv | CHARBUF | KN | the value of an environment variable in the process or its ancestors
proc.cwd | CHARBUF | | the current working directory of the event
proc.loginshellid | INT64 | | the pid of the oldest shell among the ancestors of the current process
proc.tty | UINT32 | | the controlling terminal of the process, 0 for processes without a terminal
proc.pid | INT64 | | the id of the process generating the event
proc.ppid | INT64 | | the pid of the parent of the process generating the event
proc.apid | INT64 | IN | the pid of a given ancestor; without argument, any ancestor
proc.vpid | INT64 | | the id of the process as seen from its current PID namespace
proc.pvpid | INT64 | | the id of the parent process as seen from its current PID namespace
proc.sid | INT64 | | the session id of the process generating the event
proc.sname | CHARBUF | | the name of the current process's session leader
proc.sid.exe | CHARBUF | | the first command line argument of the session leader
proc.sid.exepath | CHARBUF | | the full executable path of the session leader
proc.vpgid | INT64 | | the process group id of the process, as seen from its current PID namespace
proc.vpgid.name | CHARBUF | | the name of the process group leader
proc.vpgid.exe | CHARBUF | | the first command line argument of the process group leader
proc.vpgid.exepath | CHARBUF | | the full executable path of the process group leader
proc.duration | RELTIME | | number of nanoseconds since the process started
proc.ppid.duration | RELTIME | | number of nanoseconds since the parent process started
proc.pid.ts | RELTIME | | start of the process, in nanoseconds since epoch
proc.ppid.ts | RELTIME | | start of the parent process, in nanoseconds since epoch
proc.is_exe_writable | BOOL | | true if the executable is writable by the same user that spawned the process
proc.is_exe_upper_layer | BOOL | | true if the executable lives on the upper layer of an overlayfs
proc.is_exe_lower_layer | BOOL | | true if the executable lives on the lower layer of an overlayfs
proc.is_exe_from_memfd | BOOL | | true if the executable is stored in fileless memory (memfd)
proc.is_sid_leader | BOOL | | true if this process is the leader of the process session
proc.is_vpgid_leader | BOOL | | true if this process is the leader of the virtual process group
proc.exe_ino | INT64 | | the inode number of the executable file on disk
proc.exe_ino.ctime | ABSTIME | | last status change time of the executable file (inode->ctime)
proc.exe_ino.mtime | ABSTIME | | last modification time of the executable file (inode->mtime)
proc.exe_ino.ctime_duration_proc_start | ABSTIME | | nanoseconds between the executable's last status change and the process start
proc.exe_ino.ctime_duration_pidns_start | ABSTIME | | nanoseconds between the PID namespace start and the executable's last status change
proc.pidns_init_start_ts | UINT64 | | start of the PID namespace's init process, in nanoseconds since epoch
proc.fdopencount | UINT64 | | number of open FDs for the process
proc.fdlimit | INT64 | | maximum number of FDs the process can open
proc.fdusage | DOUBLE | | the ratio between open FDs and the maximum available FDs for the process
proc.vmsize | UINT64 | | total virtual memory for the process, in kb
proc.vmrss | UINT64 | | resident non-swapped memory for the process, in kb
proc.vmswap | UINT64 | | swapped memory for the process, in kb
proc.pfmajor | UINT64 | | number of major page faults since the process started
proc.pfminor | UINT64 | | number of minor page faults since the process started
proc.stdin.type | CHARBUF | | the type of file descriptor 0
proc.stdout.type | CHARBUF | | the type of file descriptor 1
proc.stderr.type | CHARBUF | | the type of file descriptor 2
proc.stdin.name | CHARBUF | | the resolved name of file descriptor 0
proc.stdout.name | CHARBUF | | the resolved name of file descriptor 1
proc.stderr.name | CHARBUF | | the resolved name of file descriptor 2
proc.nthreads | UINT64 | | the number of alive threads of the process
proc.nchilds | UINT64 | | the number of alive non-leader threads of the process
proc.is_container_healthcheck | BOOL | P | true if this process is running as part of the container's health check
proc.is_container_liveness_probe | BOOL | P | true if this process is running as part of the container's liveness probe
proc.is_container_readiness_probe | BOOL | P | true if this process is running as part of the container's readiness probe
thread.tid | INT64 | | the id of the thread generating the event
thread.ismain | BOOL | | true if the thread generating the event is the main one in the process
thread.vtid | INT64 | | the id of the thread as seen from its current PID namespace
thread.nametid | CHARBUF | | the thread name and tid, e.g. bash-1234
thread.exectime | RELTIME | | CPU time spent by the last scheduled thread, in nanoseconds
thread.totexectime | RELTIME | | total CPU time of the current thread since the capture started, in nanoseconds
thread.cgroups | CHARBUF | | all the cgroups the thread belongs to, aggregated into a single string
thread.cgroup | CHARBUF | k | the cgroup the thread belongs to, for a specific subsystem, e.g. thread.cgroup[cpuacct]
thread.cpu | DOUBLE | | the CPU consumed by the thread in the last second
thread.cpu.user | DOUBLE | | the user CPU consumed by the thread in the last second
thread.cpu.system | DOUBLE | | the system CPU consumed by the thread in the last second
thread.vmsize | UINT64 | | for the process main thread, the total virtual memory, in kb
thread.vmrss | UINT64 | | for the process main thread, the resident non-swapped memory, in kb
thread.cap_permitted | CHARBUF | | the permitted capabilities set
thread.cap_inheritable | CHARBUF | | the inheritable capabilities set
thread.cap_effective | CHARBUF | | the effective capabilities set
user.uid | UINT32 | | user ID
user.name | CHARBUF | | user name
user.homedir | CHARBUF | | home directory of the user
user.shell | CHARBUF | | user's shell
user.loginuid | INT64 | | audit user id (auid), -1 when unset
user.loginname | CHARBUF | | audit user name (auid)
group.gid | UINT32 | | group ID
group.name | CHARBUF | | group name
fd.num | INT64 | | the unique number identifying the file descriptor
fd.type | CHARBUF | | type of FD: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, signalfd or memfd
fd.typechar | CHARBUF | | type of FD as a single character
fd.name | CHARBUF | | FD full name: the full path for files and directories, the connection tuple for sockets
fd.directory | CHARBUF | | if the fd is a file, the directory that contains it
fd.filename | CHARBUF | | if the fd is a file, the filename without the path
fd.ip | IPADDR | F | matches the ip address (client or server) of the fd
fd.cip | IPADDR | | client IP address
fd.sip | IPADDR | | server IP address
fd.lip | IPADDR | | local IP address
fd.rip | IPADDR | | remote IP address
fd.port | PORT | F | matches the port (client or server) of the fd
fd.cport | PORT | | for TCP/UDP FDs, the client port
fd.sport | PORT | | for TCP/UDP FDs, the server port
fd.lport | PORT | | for TCP/UDP FDs, the local port
fd.rport | PORT | | for TCP/UDP FDs, the remote port
fd.l4proto | CHARBUF | | the IP protocol of a socket: tcp, udp, icmp or raw
fd.sockfamily | CHARBUF | | the socket family for socket events: ip or unix
fd.is_server | BOOL | | true if the process owning this FD is the server endpoint in the connection
fd.uid | CHARBUF | | a unique identifier for the FD, created by chaining the FD number and the thread ID
fd.containername | CHARBUF | | chaining of the container ID and the FD name
fd.containerdirectory | CHARBUF | | chaining of the container ID and the directory name
fd.proto | PORT | F | matches the protocol (client or server) of the fd
fd.cproto | CHARBUF | | for TCP/UDP FDs, the client protocol
fd.sproto | CHARBUF | | for TCP/UDP FDs, the server protocol
fd.lproto | CHARBUF | | for TCP/UDP FDs, the local protocol
fd.rproto | CHARBUF | | for TCP/UDP FDs, the remote protocol
fd.net | IPNET | F | matches the IP network (client or server) of the fd
fd.cnet | IPNET | F | matches the client IP network of the fd
fd.snet | IPNET | F | matches the server IP network of the fd
fd.lnet | IPNET | F | matches the local IP network of the fd
fd.rnet | IPNET | F | matches the remote IP network of the fd
fd.connected | BOOL | | for TCP/UDP FDs, true if the socket is connected
fd.name_changed | BOOL | | true when an event changes the name of an fd used by this event
fd.cip.name | CHARBUF | | domain name associated with the client IP address
fd.sip.name | CHARBUF | | domain name associated with the server IP address
fd.lip.name | CHARBUF | | domain name associated with the local IP address
fd.rip.name | CHARBUF | | domain name associated with the remote IP address
fd.dev | INT32 | | device number (major/minor) containing the referenced file
fd.dev.major | INT32 | | major device number containing the referenced file
fd.dev.minor | INT32 | | minor device number containing the referenced file
fd.ino | INT64 | | inode number of the referenced file
fd.nameraw | CHARBUF | | FD full name raw, as passed by the event
fd.types | CHARBUF | IL | list of FD types in use; with an argument, the type of that FD number
fs.path.name | CHARBUF | | for any event type that deals with a filesystem path, the path the file syscall is operating on
fs.path.nameraw | CHARBUF | | the path the file syscall is operating on, not normalized or resolved
fs.path.source | CHARBUF | | for syscalls with a source and target path, the source path
fs.path.sourceraw | CHARBUF | | the source path, not normalized or resolved
fs.path.target | CHARBUF | | for syscalls with a source and target path, the target path
fs.path.targetraw | CHARBUF | | the target path, not normalized or resolved
fdlist.nums | CHARBUF | | for poll events, the FD numbers in the fds argument, comma-separated
fdlist.names | CHARBUF | | for poll events, the FD names in the fds argument, comma-separated
fdlist.cips | CHARBUF | | for poll events, the client IP addresses in the fds argument, comma-separated
fdlist.sips | CHARBUF | | for poll events, the server IP addresses in the fds argument, comma-separated
fdlist.cports | CHARBUF | | for TCP/UDP FDs in poll events, the client ports, comma-separated
fdlist.sports | CHARBUF | | for TCP/UDP FDs in poll events, the server ports, comma-separated
container.id | CHARBUF | P | the truncated container ID (first 12 characters), 'host' for host processes
container.full_id | CHARBUF | P | the full container ID
container.name | CHARBUF | P | the container name
container.image | CHARBUF | P | the container image name (e.g. falcosecurity/falco:latest)
container.image.id | CHARBUF | P | the container image id (e.g. 6f7e2741b66b)
container.type | CHARBUF | P | the container type, e.g. docker, cri-o, containerd, podman
container.privileged | BOOL | P | true for containers running as privileged
container.mounts | CHARBUF | P | a space-separated list of mount information (source:dest:mode:rdrw:propagation)
container.mount | CHARBUF | kP | information about a single mount, by number or mount source
container.mount.source | CHARBUF | kP | the mount source, by number or mount destination
container.mount.dest | CHARBUF | kP | the mount destination, by number or mount source
container.mount.mode | CHARBUF | kP | the mount mode, by number or mount source
container.mount.rdwr | CHARBUF | kP | the mount rdwr value, by number or mount source
container.mount.propagation | CHARBUF | kP | the mount propagation value, by number or mount source
container.image.repository | CHARBUF | P | the container image repository (e.g. falcosecurity/falco)
container.image.tag | CHARBUF | P | the container image tag (e.g. stable, latest)
container.image.digest | CHARBUF | P | the container image registry digest (e.g. sha256:...)
container.healthcheck | CHARBUF | P | the container's health check, or NONE
container.liveness_probe | CHARBUF | P | the container's liveness probe, or NONE
container.readiness_probe | CHARBUF | P | the container's readiness probe, or NONE
container.start_ts | ABSTIME | P | container start as epoch timestamp in nanoseconds
container.duration | RELTIME | P | number of nanoseconds since the container started
container.ip | CHARBUF | P | the container's primary IP address
container.cni.json | CHARBUF | P | the container's CNI result field from the respective pod status info
container.host_pid | BOOL | P | true if the container is running in the host PID namespace
container.host_network | BOOL | P | true if the container is running in the host network namespace
container.host_ipc | BOOL | P | true if the container is running in the host IPC namespace
container.label | CHARBUF | kP | a container label, e.g. container.label[foo]
container.labels | CHARBUF | P | the container's labels, comma-separated key:value pairs
k8s.pod.name | CHARBUF | P | the Kubernetes pod name
k8s.pod.id | CHARBUF | P | the Kubernetes pod UID (legacy name)
k8s.pod.uid | CHARBUF | P | the Kubernetes pod UID
k8s.pod.sandbox_id | CHARBUF | P | the truncated Kubernetes pod sandbox ID (first 12 characters)
k8s.pod.full_sandbox_id | CHARBUF | P | the full Kubernetes pod sandbox ID
k8s.pod.label | CHARBUF | kP | a Kubernetes pod label, e.g. k8s.pod.label[foo]
k8s.pod.labels | CHARBUF | P | the Kubernetes pod's labels, comma-separated key:value pairs
k8s.pod.ip | CHARBUF | P | the Kubernetes pod's primary IP address
k8s.pod.cni.json | CHARBUF | P | the Kubernetes pod's CNI result field from the pod status info
k8s.ns.name | CHARBUF | P | the Kubernetes namespace name
`
