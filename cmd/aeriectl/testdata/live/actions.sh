#!/bin/bash
# Safe actions that upstream Falco rules describe, run under `aeriectl run` by TestRunLive. Files made
# outside $W (/var/log, /usr/bin, /etc, /root, /dev, /dev/shm) are dot-named or prefixed aerie-act and removed
# at once. $HELPER is helper.c built by the test; $CG, when set, is a docker-named cgroup for the container rules.
W=${W:-/tmp/aerie-act/w}
rm -rf "$W"; mkdir -p "$W"
for n in aerie-reader nc xmrig useradd crontab curl kubectl scp apt-get; do cp /usr/bin/true "$W/$n"; done
cp /usr/bin/cat "$W/aerie-reader"
cp /usr/bin/bash "$W/nginx"
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
if [ -n "$CG" ]; then                                      # container-only rules, in a docker-named cgroup
  sh -c "echo \$\$ > $CG/cgroup.procs; $W/nc -e /bin/sh 127.0.0.1 9; $W/kubectl get pods; $W/scp a b; $W/apt-get update; cat /proc/self/environ >/dev/null; true"
fi
rm -rf "$W"
