#!/bin/sh
# A tiny stand-in for RouterOS behind the transport tests' own sshd (its ForceCommand). It
# answers the few command lines tests/unit/transport_*_test.cpp send, the way RouterOS does
# on an exec channel without a PTY (routeros-reference.md §6): errors are text with exit
# status 0, and a line stops at its first error (§5.1), so the sentinel that
# transport::Session appends (`; :put "rosgen-done-..."`) is printed only when the line ran
# to its end. SFTP arrives here too (as the subsystem's command) and goes to OpenSSH's
# sftp-server, rooted at files/ beside this script.
here=$(dirname "$0")
cmd=$SSH_ORIGINAL_COMMAND
case $cmd in
*sftp-server*) exec /usr/lib/openssh/sftp-server -d "$here/files" ;;
esac

sentinel=
case $cmd in
*':put "rosgen-done-'*)
  sentinel=${cmd##*:put \"}
  sentinel=${sentinel%\"}
  cmd=${cmd%:put \"rosgen-done-*}
  cmd=${cmd%; }
  ;;
esac

say() { printf '%s\r\n' "$@"; }

case $cmd in
'') ;;
'/system identity print') say '  name: fake-router' ;;
':put "'*'"')
  value=${cmd#:put \"}
  say "${value%\"}"
  ;;
/whoami) say "$(id -un)" ;;
/syntax-error) # RouterOS parses the whole line first: nothing runs, no sentinel
  say 'syntax error (line 1 column 14)'
  exit 0
  ;;
/add-duplicate) # a run-time failure stops the line
  say 'failure: already have such entry'
  exit 0
  ;;
/export-like)
  say '/ip firewall filter' 'add action=drop chain=input comment="failure: only a comment"'
  ;;
/error-then-on) say 'failure: printed, yet the line went on' ;;
/stderr) printf 'on stderr\n' >&2 ;;
/exit-3)
  say "$sentinel"
  exit 3
  ;;
'/sleep '*) sleep "${cmd#/sleep }" ;;
'/flood '*) # stderr first: a client that waits on stdout alone would stall
  head -c "${cmd#/flood }" /dev/zero | tr '\0' e >&2
  head -c "${cmd#/flood }" /dev/zero | tr '\0' o
  ;;
/drop) # kill this connection's sshd process: the link drops mid-command
  pid=$PPID
  while [ "$(cat /proc/$pid/comm)" != sshd ]; do
    pid=$(cut -d' ' -f4 "/proc/$pid/stat")
  done
  kill -9 "$pid"
  sleep 5
  ;;
*)
  say "bad command name ${cmd%% *} (line 1 column 2)"
  exit 0
  ;;
esac
[ -n "$sentinel" ] && say "$sentinel"
exit 0
