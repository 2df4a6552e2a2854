#!/bin/bash
# Actions that Aerie's default rules describe, run under `aeriectl run` (no -r) by TestRunDefaultsLive.
# Each line names the rule it must raise. Programs judged by name are copies of /usr/bin/true (or
# bash) under that name in $W/bin, so nothing real is installed, scanned or mined. Files made outside
# $W (/etc, /root, /dev, /dev/shm, /usr/lib) are named aerie-live-* and removed at once.
# $HELPER is helper.c built by the test; $CG is a docker-named cgroup for the container rules.
set -u
umask 022 # programs run as other users (uid 1, 54321) must reach what the script writes
W=${W:?} HELPER=${HELPER:?} CG=${CG:?}
B=$W/bin
mkdir -p "$B"
for n in aerie-tool xmrig su useradd login crontab nmap curl scp apt-get pkexec kubectl sudoedit; do cp /usr/bin/true "$B/$n"; done
cp /usr/bin/cat "$B/aerie-reader"
cp /usr/bin/bash "$B/mysqld"
tag=aerie-live-$$

"$B/aerie-reader" /etc/../etc/../etc/shadow >/dev/null           # Password Store Read by Unexpected Program
(cd /usr/share && "$B/aerie-reader" ../../etc/hostname >/dev/null) # System File Reached Through Path Traversal
find "$W" -name id_rsa >/dev/null                                 # Search for Private Keys or Cloud Credentials
"$B/mysqld" -c 'ls / >/dev/null; true'                            # Program Started by Database Server
"$B/xmrig" --donate-level 1                                       # Cryptocurrency Miner Started
echo junk > "$W/junk"; shred -u "$W/junk"                         # Data Destruction Tool Run
cp /usr/bin/true "/dev/shm/$tag"; "/dev/shm/$tag"; rm -f "/dev/shm/$tag"  # Program Executed from Shared Memory
GLIBC_TUNABLES=glibc.malloc.arena_max=1 "$B/su" --help           # Glibc Tunables Passed to Setuid Program
GLIBC_TUNABLES=glibc.malloc.arena_max=2 "$B/aerie-tool"           # Glibc Tunables Set for Program
"$HELPER" pkexec "$B/pkexec"                                      # Pkexec Started Without Arguments
"$B/sudoedit" -s '\' AAAA                                         # Sudoedit Started with Trailing Backslash
"$HELPER" uffd                                                    # Unprivileged Userfaultfd Created
mkdir -p "$W/cgrp"; : > "$W/cgrp/release_agent"                   # Cgroup Release Agent Written
"$HELPER" runas 1 "$B/login"                                      # Interactive Session of System Account
"$B/useradd" -o -u 0 "$tag"                                       # Account Management Program Run
: > "/dev/$tag"; rm -f "/dev/$tag"                                # File Created Below /dev
"$HELPER" stdio                                                   # Standard Stream Redirected to Network Socket
cp /dev/null "$W/.bashrc"                                         # Shell Configuration File Modified
"$B/crontab" -l                                                   # Job Scheduler Command Run
: > "/etc/$tag.conf"; rm -f "/etc/$tag.conf"                      # File Below /etc Written by Unexpected Program
: > "/root/$tag"; rm -f "/root/$tag"                              # File Directly in /root Written
mkdir "/usr/lib/.$tag"; rmdir "/usr/lib/.$tag"                    # Hidden File Created in System Directory
made=; [ -d /root/.ssh ] || { mkdir -p -m 700 /root/.ssh; made=1; }
ls -a /root/.ssh >/dev/null                                       # SSH Directory Read by Unexpected Program
[ -z "$made" ] || rmdir /root/.ssh 2>/dev/null
"$B/nmap" -sn 198.51.100.0/30                                     # Network Scanner or Relay Tool Started
"$HELPER" connect 3333                                            # Connection to Mining Pool Port
HTTP_PROXY=http://203.0.113.7:3128 "$B/curl" http://example.invalid/  # Download Tool Run with Unlisted HTTP Proxy
"$HELPER" setuid0                                                 # Non-root Process Tried to Change User
mkdir "/usr/bin/$tag"; mv "/usr/bin/$tag" "/usr/bin/$tag.d"; rmdir "/usr/bin/$tag.d"  # Binary Directory Written
"$HELPER" bpf                                                     # BPF Program Loaded
"$HELPER" vmwrite                                                 # Process Memory Written Without Ptrace
mknod "/dev/$tag" p; rm -f "/dev/$tag"                            # Device Node or FIFO Created Below /dev
"$HELPER" delmod "aerie_live_$$"                                  # Kernel Module Unload Attempted
# container rules, for processes in a cgroup named like docker's; an overlay mount stands for the
# container's root file system, with a program written into its upper layer
O=$W/ovl; mkdir -p "$O/lower" "$O/upper" "$O/work" "$O/merged"
mount -t overlay overlay -o "lowerdir=$O/lower,upperdir=$O/upper,workdir=$O/work" "$O/merged" &&
  cp /usr/bin/true "$O/merged/aerie-dropped"
sh -c "echo \$\$ > $CG/cgroup.procs
  $O/merged/aerie-dropped                                         # Program Dropped into Container Executed
  $HELPER packet                                                  # Packet Socket Created in Container
  $HELPER byhandle /etc/hostname                                  # File Opened by Handle in Container
  $HELPER fsmount                                                 # Filesystem Created with Mount API in Container
  $B/apt-get install -y nmap                                      # Package Manager Run in Container
  $B/curl -o /dev/null http://203.0.113.7/x; $B/scp a b           # Remote File Copy Tool Run in Container
  echo aGVsbG8= | base64 -d >/dev/null                            # Base64 Decoding in Container
  $B/kubectl get secrets -A                                       # Container or Cluster Client Run in Container
  true"
umount "$O/merged"
exit 0
