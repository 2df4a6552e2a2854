#!/bin/bash
# Safe actions that upstream Falco rules describe, run under `aeriectl run` by TestRunLive. Files made
# outside $W (/var/log, /usr/bin, /usr/local/bin, /etc, /etc/apt/sources.list.d, /root, /dev, /dev/shm,
# /var/lib/rpm) are dot-named or prefixed aerie-act and removed at once; /var/lib/rpm, /root/.ssh,
# /root/.ssh/authorized_keys and /host are created only when missing and then removed; existing files are
# only opened, never written. $HELPER is helper.c built by the test; $CG, when set, is a docker-named cgroup
# for the container rules. Network actions run in a private network namespace (helper netns) whose loopback
# answers 198.18.0.1 (a benchmarking address outside the local subnets the rules exempt) or the cloud
# metadata address.
umask 022 # programs run as other users (uid 1, 54321) must reach what the script writes
W=${W:-/tmp/aerie-act/w}
rm -rf "$W"; mkdir -p "$W"
for n in aerie-reader nc xmrig useradd crontab curl kubectl scp apt-get wget pkexec sudoedit aerie-miner; do cp /usr/bin/true "$W/$n"; done
for n in mysqld sshd ssh java runc; do cp "$HELPER" "$W/$n"; done
cp /usr/bin/cat "$W/aerie-reader"
cp /usr/bin/bash "$W/nginx"
"$W/nginx" -c 'sleep 5.2; read -r _ < /etc/shadow' &      # Read sensitive file trusted after startup (runs > 5 s)
TRUSTED=$!
"$W/aerie-reader" /etc/shadow >/dev/null                   # Read sensitive file untrusted
ln -s /etc/shadow "$W/l1"                                  # Create Symlink Over Sensitive Files
ln /etc/shadow "$W/h1" 2>/dev/null                         # Create Hardlink Over Sensitive Files
LOG=/var/log/aerie-act-$$.log; : > "$LOG"; rm -f "$LOG"    # Clear Log Activities
echo junk > "$W/junk"; shred -u "$W/junk"                  # Remove Bulk Data from Disk
find "$W" -name id_rsa >/dev/null                          # Search Private Keys or Passwords
grep -r aws_secret_access_key "$W" >/dev/null              # Find AWS Credentials
cp /usr/bin/true /dev/shm/aerie-act-x; /dev/shm/aerie-act-x; rm -f /dev/shm/aerie-act-x   # Execution from /dev/shm
"$W/nginx" -c 'sh -c true; true'                           # Run shell untrusted
"$W/nc" -h                                                 # Launch Suspicious Network Tool on Host
"$W/nc" -e /bin/sh 127.0.0.1 9                            # Netcat/Socat Remote Code Execution on Host
touch "$W/.bash_history"; rm "$W/.bash_history"           # Delete or rename shell history
touch "$W/f"; chmod u+s "$W/f"                             # Set Setuid or Setgid bit
mkdir /usr/bin/.aerie-act-$$; rmdir /usr/bin/.aerie-act-$$ # Mkdir binary dirs
cp /dev/null /usr/bin/.aerie-act-w$$; mv /usr/bin/.aerie-act-w$$ /usr/bin/.aerie-act-v$$; rm -f /usr/bin/.aerie-act-v$$  # Write below binary dir, Modify binary dirs
cp /dev/null /etc/.aerie-act-$$; rm -f /etc/.aerie-act-$$  # Write below etc
cp /dev/null /root/.aerie-act-$$; rm -f /root/.aerie-act-$$ # Write below root
"$W/crontab" -l                                            # Schedule Cron Jobs
cp /dev/null "$W/.bashrc"                                  # Modify Shell Configuration File
"$W/useradd" x                                             # User mgmt binaries
cp /dev/null /dev/aerie-act-$$; rm -f /dev/aerie-act-$$    # Create files below dev
"$W/xmrig"                                                 # Known Cryptominer Process Executed
HTTP_PROXY=http://1.2.3.4:3128 "$W/curl" http://example.invalid  # Program run with disallowed http proxy env
"$HELPER" ptrace                                           # PTRACE attached to process
"$HELPER" traceme                                          # PTRACE anti-debug attempt
"$HELPER" memfd                                            # Fileless execution via memfd_create
"$HELPER" setns                                            # Change thread namespace
"$HELPER" run "$W/aerie-reader" /tmp/../etc/../etc/shadow >/dev/null  # Directory traversal monitored file read
"$HELPER" setuid 54321                                     # Non sudo setuid
"$W/mysqld" run /usr/bin/true                              # DB program spawned process
"$W/sshd" run "$HELPER" asuser 1 /usr/bin/true            # System user interactive (uid 1, daemon in base-passwd)
RPM=/var/lib/rpm; [ -d $RPM ] || { mkdir -p $RPM; RPMNEW=1; }
: > $RPM/.aerie-act-$$; rm -f $RPM/.aerie-act-$$; [ -z "$RPMNEW" ] || rmdir $RPM   # Write below rpm database
"$HELPER" netns 198.18.0.1 /bin/bash -c "
  '$HELPER' udp 198.18.0.1 5555                            # Unexpected UDP Traffic
  '$HELPER' listen 443; '$W/ssh' connect 198.18.0.1 443    # Disallowed SSH Connection Non Standard Port
  '$HELPER' listen 8081; echo > /dev/tcp/198.18.0.1/8081   # System procs network activity (bash)
"
"$HELPER" uffd 54321                                       # Unprivileged Delegation of Page Faults Handling
"$HELPER" bpf                                              # BPF Program Not Profiled
mkdir "$W/.hidden"                                         # Create Hidden Files or Directories
GLIBC_TUNABLES=glibc.malloc.mxfast=0 /usr/bin/true         # Potential Local Privilege Escalation via Env Vars Misuse
# The next two rules want an unprivileged login session (loginuid != 0): helper login sets one.
"$HELPER" login 1000 "$HELPER" noargv "$W/pkexec"          # Polkit Local Privilege Escalation Vulnerability
"$HELPER" login 1000 "$W/sudoedit" -s '\'                  # Sudo Potential Privilege Escalation
: > /etc/apt/sources.list.d/aerie-act-$$.list; rm -f /etc/apt/sources.list.d/aerie-act-$$.list  # Update Package Repository
"$W/aerie-miner" -o stratum+tcp://pool.invalid:3333      # Detect crypto miners using the Stratum protocol
"$W/nginx" -c '/usr/bin/id >/dev/null; true'               # Web Server Spawned Suspicious Child Process
"$W/nginx" -c "mkfifo $W/rs.fifo; true"                    # Reverse Shell from Web Server (mkfifo /tmp/... step)
SSHDIR=/root/.ssh; [ -d $SSHDIR ] || { mkdir -m 700 $SSHDIR; SSHNEW=1; }
[ -e $SSHDIR/authorized_keys ] || { : > $SSHDIR/authorized_keys; AKNEW=1; }
bash -c 'exec 3>>"$1"' - $SSHDIR/authorized_keys           # Adding ssh keys to authorized_keys (opened, nothing written)
[ -z "$AKNEW" ] || rm -f $SSHDIR/authorized_keys
ls $SSHDIR >/dev/null; [ -z "$SSHNEW" ] || rmdir $SSHDIR    # Read ssh information
: > /usr/local/bin/.aerie-act-$$; rm -f /usr/local/bin/.aerie-act-$$  # Write below monitored dir
"$W/java" classdl                                          # Java Process Class File Download
"$HELPER" pty /usr/bin/whoami >/dev/null                   # Basic Interactive Reconnaissance
: > "$W/liblzma.so.5.6.1"
LD_PRELOAD="$W/liblzma.so.5.6.1" "$W/sshd" 2>/dev/null    # Backdoored library loaded into SSHD
if [ -n "$CG" ]; then                                      # container-only rules, in a docker-named cgroup
  (
    echo $BASHPID > "$CG/cgroup.procs"
    "$W/nc" -e /bin/sh 127.0.0.1 9; "$W/kubectl" get pods; "$W/scp" a b; "$W/apt-get" update
    cat /proc/self/environ >/dev/null                      # Read environment variable from /proc files
    "$HELPER" module                                       # Linux Kernel Module Injection Detected
    "$HELPER" packet                                       # Packet socket created in container
    "$HELPER" revshell /usr/bin/true                       # Redirect STDOUT/STDIN to Network Connection
    RA=$(ls /sys/fs/cgroup/*/release_agent 2>/dev/null | head -n 1)   # cgroup v1; v2 has none: a stand-in
    [ -n "$RA" ] || { RA=$W/release_agent; : > "$RA"; }
    bash -c 'exec 3>>"$1"' - "$RA"                         # Detect release_agent File Container Escapes (no write)
    echo aGk= | base64 -d >/dev/null                       # Decoding Payload in Container
    "$HELPER" overlay "$W/ovl"                             # Drop and execute new binary in container
    "$W/wget" http://example.invalid/x                     # Launch Ingress Remote File Copy Tools in Container
    "$W/nc" -h                                             # Launch Suspicious Network Tool in Container
    "$W/runc" pty /bin/sh -c true >/dev/null               # Terminal shell in container (as docker exec -it)
    echo x > "$W/loot"; "$W/runc" run /bin/tar cf - "$W/loot" 2>/dev/null | cat >/dev/null  # Exfiltrating Artifacts via Kubernetes Control Plane
    "$HELPER" asuser 54321 /usr/bin/unshare -U /usr/bin/true  # Change namespace privileges via unshare
    "$HELPER" netns 169.254.169.254 /bin/bash -c "'$HELPER' listen 80; '$HELPER' connect 169.254.169.254 80"  # Contact EC2 Instance Metadata Service From Container
    HOSTDIR=/host; [ -e $HOSTDIR ] || { mkdir $HOSTDIR; HOSTNEW=1; }
    [ -n "$HOSTNEW" ] || [ -n "$(ls -A $HOSTDIR | grep -v '^aerie-act$')" ] || HOSTNEW=1  # empty or ours: left by a killed run
    [ -z "$HOSTNEW" ] || { echo x > $HOSTDIR/aerie-act; cat $HOSTDIR/aerie-act >/dev/null; rm -rf $HOSTDIR; }  # Container Access to Host Sensitive Paths
    : > "$W/entrypoint"; "$HELPER" writefd "$W/entrypoint" # Modify Container Entrypoint
  )
fi
wait $TRUSTED
rm -rf "$W"
