#!/usr/bin/env bash
# End-to-end tests of the built rosgen binary: stdout, stderr and exit codes.
#   usage: tests/e2e/run.sh path/to/rosgen path/to/source-tree
set -u
rosgen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some checks change directory
src=$(cd "$2" && pwd)
work=$(mktemp -d)
shared=$(ls -d "$src/../shared/data" /work/shared/data 2>/dev/null | head -1)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cd "$src" || exit 1
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE -- command...: runs the command, saving stdout/stderr, checks the exit code.
expect() {
  local want=$1; shift; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want; stderr: $(head -c 400 "$work/err")"
}

# 1. compile prints the golden script and only the queue warning.
expect 0 -- "$rosgen" compile examples/cafe.pol
cmp -s "$work/out" tests/golden/compile/examples/cafe.rsc || fail "compile stdout differs from the golden file"
cmp -s "$work/err" tests/golden/compile/examples/cafe.err || fail "compile stderr differs from the golden .err"

# 2. -o writes the same bytes atomically and prints nothing on stdout.
expect 0 -- "$rosgen" compile examples/cafe.pol -o "$work/cafe.rsc"
[ ! -s "$work/out" ] || fail "compile -o wrote to stdout"
cmp -s "$work/cafe.rsc" tests/golden/compile/examples/cafe.rsc || fail "compile -o file differs"
[ -z "$(ls -A "$work" | grep rosgen-)" ] || fail "temporary file left behind"

# 3. --target 6 gives the v6 golden output.
expect 0 -- "$rosgen" compile --target 6 examples/cafe.pol
cmp -s "$work/out" tests/golden/compile/examples/cafe.v6.rsc || fail "--target 6 differs from golden"

# 4. check on a good policy: exit 0 and a summary.
expect 0 -- "$rosgen" check examples/cafe.pol
grep -q "^examples/cafe.pol: ok: 5 rules, " "$work/out" || fail "check summary missing: $(cat "$work/out")"

# 5. check on a broken policy: exit 1, clang-style diagnostics on stderr, nothing on stdout.
expect 1 -- "$rosgen" check tests/diagnostics/port-out-of-range.pol
grep -q "^tests/diagnostics/port-out-of-range.pol:[0-9]*:[0-9]*: error: port 70000 is out of range (1-65535)$" "$work/err" \
  || fail "diagnostic format: $(cat "$work/err")"
[ ! -s "$work/out" ] || fail "check wrote to stdout on error"

# 6. compile of a broken policy writes nothing, not even to -o; an existing file survives.
echo "previous" >"$work/keep.rsc"
expect 1 -- "$rosgen" compile tests/diagnostics/port-out-of-range.pol -o "$work/keep.rsc"
[ "$(cat "$work/keep.rsc")" = "previous" ] || fail "failed compile touched the output file"

# 7. usage errors exit 64 (EX_USAGE) in every command, never a result code: no command,
#    no file named, bad target, unknown option, an unknown command named.
expect 64 -- "$rosgen"
grep -q "^rosgen: error: A subcommand is required$" "$work/err" || fail "no command: $(cat "$work/err")"
expect 64 -- "$rosgen" compile
expect 64 -- "$rosgen" compile --target 5 examples/cafe.pol
expect 64 -- "$rosgen" compile --target 99999999999999999999 examples/cafe.pol
grep -q "must be 6 or 7 (the RouterOS major version), not '99999999999999999999'" "$work/err" \
  || fail "--target out of range message: $(cat "$work/err")"
expect 64 -- "$rosgen" check --frobnicate examples/cafe.pol
expect 64 -- "$rosgen" diff examples/cafe.pol
expect 64 -- "$rosgen" diff examples/cafe.pol --against tests/golden/compile/examples/cafe.rsc --frobnicate
expect 64 -- "$rosgen" push examples/cafe.pol
grep -q "^rosgen: error: push needs FILE and --host H" "$work/err" || fail "push without --host: $(cat "$work/err")"
expect 64 -- "$rosgen" push --all examples/cafe.pol
grep -q "push --all takes each router's policy from the inventory" "$work/err" \
  || fail "push --all FILE: $(cat "$work/err")"
expect 64 -- "$rosgen" push examples/cafe.pol --host 127.0.0.1 --confirm-timeout 1
"$rosgen" push --help | grep -q "rosgen-push-<policy>" || fail "push --help does not explain the rollback entry"
expect 64 -- "$rosgen" bogus examples/cafe.pol
[ "$(cat "$work/err")" = "rosgen: error: unknown command 'bogus'; commands: compile, check, diff, push, simulate, profile" ] \
  || fail "unknown command: $(cat "$work/err")"

# An empty -o is not standard output but a usage error, in both commands that take it.
expect 64 -- "$rosgen" compile examples/cafe.pol -o ''
grep -q "^rosgen: error: --output: the value is empty; give a file name ('-' for standard output)$" \
  "$work/err" || fail "compile -o '': $(cat "$work/err")"
[ ! -s "$work/out" ] || fail "compile -o '' wrote to stdout"
expect 64 -- "$rosgen" diff examples/cafe.pol --against tests/golden/compile/examples/cafe.rsc -o ''
[ ! -s "$work/out" ] || fail "diff -o '' wrote to stdout"
# Each -I takes one directory: the policy after it is not a second one.
mkdir -p "$work/incdir" && cp policies/smtp-bots.pol "$work/incdir/"
expect 0 -- "$rosgen" compile -I "$work/incdir" examples/hotspot.pol -o "$work/hs-incdir.rsc"
expect 0 -- "$rosgen" compile -I "$work/incdir" -I "$work" examples/hotspot.pol
grep -q "^# sources: hotspot.pol, .*incdir/smtp-bots.pol, library:syn-flood.pol$" "$work/out" \
  || fail "-I twice: $(grep '^# sources' "$work/out")"
expect 64 -- "$rosgen" compile -I '' examples/hotspot.pol

# 7b. a missing input file is an I/O error (3), not a usage error, for every command
#     and for the export of diff; the message names the file and the reason, alone.
for cmd in compile check; do
  expect 3 -- "$rosgen" $cmd nosuch.pol
  [ "$(cat "$work/err")" = "rosgen: error: cannot open 'nosuch.pol': No such file or directory" ] \
    || fail "$cmd of a missing file: $(cat "$work/err")"
  [ ! -s "$work/out" ] || fail "$cmd of a missing file wrote to stdout"
done
expect 3 -- "$rosgen" diff nosuch.pol --against tests/golden/compile/examples/cafe.rsc
[ "$(cat "$work/err")" = "rosgen: error: cannot open 'nosuch.pol': No such file or directory" ] \
  || fail "diff of a missing policy: $(cat "$work/err")"
expect 3 -- "$rosgen" diff examples/cafe.pol --against "$work/nosuch.rsc"
[ "$(cat "$work/err")" = "rosgen: error: cannot open '$work/nosuch.rsc': No such file or directory" ] \
  || fail "diff against a missing export: $(cat "$work/err")"
expect 3 -- "$rosgen" check "$work"
[ "$(cat "$work/err")" = "rosgen: error: cannot open '$work': is a directory" ] \
  || fail "check of a directory: $(cat "$work/err")"

# 8. an unwritable output directory is an environment error (3) with a clear message.
mkdir "$work/ro" && chmod a-w "$work/ro"
if [ "$(id -u)" != 0 ]; then
  expect 3 -- "$rosgen" compile examples/cafe.pol -o "$work/ro/out.rsc"
  grep -q "rosgen: error: cannot create a temporary file" "$work/err" || fail "unwritable dir message: $(cat "$work/err")"
fi
expect 3 -- "$rosgen" compile examples/cafe.pol -o "$work/no/such/dir/out.rsc"
grep -q "^rosgen: error: cannot create a temporary file in '$work/no/such/dir'" "$work/err" || fail "missing dir message: $(cat "$work/err")"

# 9. --version and --help teach.
expect 0 -- "$rosgen" --version
grep -q "^rosgen [0-9]" "$work/out" || fail "--version output: $(cat "$work/out")"
expect 0 -- "$rosgen" compile --help
grep -q "rosgen compile examples/cafe.pol > rules.rsc" "$work/out" || fail "compile --help has no example"
expect 0 -- "$rosgen" --help
grep -q "Start here" "$work/out" || fail "--help has no introduction"

# 10. NO_COLOR and a non-TTY stderr mean no escape codes.
NO_COLOR=1 "$rosgen" check tests/diagnostics/port-out-of-range.pol 2>"$work/err" >/dev/null
! grep -q $'\033' "$work/err" || fail "colour escape codes with NO_COLOR"

# 11. garbage input: a binary file and an empty file.
head -c 4096 /dev/urandom >"$work/garbage.pol"
expect 1 -- "$rosgen" check "$work/garbage.pol"
grep -q "error: expected a statement" "$work/err" || fail "garbage: $(head -c 300 "$work/err")"
: >"$work/empty.pol"
expect 0 -- "$rosgen" compile "$work/empty.pol"

# 12. diff: 0 in sync, 2 differences, 1 errors; --script writes a patch; bad exports.
expect 0 -- "$rosgen" diff examples/cafe.pol --against tests/golden/compile/examples/cafe.rsc
grep -Eq "^In sync: [0-9]+ owned item\(s\) match the policy.$" "$work/out" || fail "diff in sync: $(cat "$work/out")"
expect 2 -- "$rosgen" diff examples/cafe.pol --against tests/import/defconf-v7.rsc
# FastTrack is on there: the plan adds the FastTrack guard before the fasttrack rule, and
# the default firewall has nothing below that rule the guard's packets would skip.
grep -q "rosgen:cafe:guard.forward  (before the fasttrack-connection rule)" "$work/out" \
  || fail "no FastTrack guard in the plan: $(head -c 400 "$work/out")"
! grep -q "FastTrack" "$work/err" || fail "FastTrack warning on the default firewall: $(cat "$work/err")"
# A file with no RouterOS command at all is not an export: an error, not a plan to add all.
expect 1 -- "$rosgen" diff examples/cafe.pol --against /etc/passwd
grep -q "/etc/passwd holds no RouterOS command: it is not an export" "$work/err" \
  || fail "diff against a non-export: $(cat "$work/err")"
[ ! -s "$work/out" ] || fail "diff against a non-export printed a plan"
! grep -q "^  root:" "$work/err" || fail "diff quoted the non-export's content: $(cat "$work/err")"
expect 2 -- "$rosgen" diff tests/golden/diff/drift/desired.pol --against tests/golden/diff/drift/running.rsc
cmp -s "$work/out" tests/golden/diff/drift/expected.diff || fail "diff human output differs from golden"
expect 2 -- "$rosgen" diff tests/golden/diff/drift/desired.pol --against tests/golden/diff/drift/running.rsc --script -o "$work/patch.rsc"
cmp -s "$work/patch.rsc" tests/golden/diff/drift/expected.patch.rsc || fail "diff --script -o differs from golden"
printf '/ip firewall filter\nadd chain=forward comment="cut off\n' >"$work/truncated.rsc"
expect 1 -- "$rosgen" diff examples/cafe.pol --against "$work/truncated.rsc"
grep -q "truncated.rsc:2:[0-9]*: error: unterminated string" "$work/err" || fail "truncated export: $(cat "$work/err")"
head -c 3000 /dev/urandom >"$work/garbage.rsc"
expect 1 -- "$rosgen" diff examples/cafe.pol --against "$work/garbage.rsc"
expect 64 -- "$rosgen" diff examples/cafe.pol --against tests/golden/compile/examples/cafe.rsc --json --script
printf '# apr/28/2017 21:42:47 by RouterOS 6.38.5\n/ip firewall filter\nadd chain=forward action=accept\n' >"$work/v6.rsc"
expect 2 -- "$rosgen" diff examples/cafe.pol --against "$work/v6.rsc"
grep -q "^rosgen: warning: '.*v6.rsc' comes from RouterOS 6.38.5 but the policy is compiled for RouterOS 7" "$work/err" \
  || fail "version mismatch warning: $(cat "$work/err")"
NO_COLOR=1 "$rosgen" diff tests/golden/diff/drift/desired.pol --against tests/golden/diff/drift/running.rsc >"$work/out" 2>/dev/null
! grep -q $'\033' "$work/out" || fail "colour escape codes in diff with NO_COLOR"

# 13. output is complete or the run fails: a failed write to stdout (full disk, closed
#     stdout) or stderr is exit 3 with a message, never 0 after a short write.
if [ -w /dev/full ]; then
  "$rosgen" compile examples/cafe.pol >/dev/full 2>"$work/err"; code=$?
  [ "$code" -eq 3 ] || fail "compile >/dev/full exited $code"
  grep -q "^rosgen: error: cannot write to standard output: No space left on device$" "$work/err" \
    || fail "compile >/dev/full message: $(cat "$work/err")"
  "$rosgen" diff examples/cafe.pol --against tests/import/defconf-v7.rsc --json >/dev/full 2>"$work/err"; code=$?
  [ "$code" -eq 3 ] || fail "diff --json >/dev/full exited $code"
  grep -q "^rosgen: error: cannot write to standard output: No space left on device$" "$work/err" \
    || fail "diff >/dev/full message: $(cat "$work/err")"
  "$rosgen" check examples/cafe.pol >/dev/full 2>/dev/null; code=$?
  [ "$code" -eq 3 ] || fail "check >/dev/full exited $code"
  "$rosgen" --help >/dev/full 2>/dev/null; code=$?
  [ "$code" -eq 3 ] || fail "--help >/dev/full exited $code"
  "$rosgen" check tests/diagnostics/port-out-of-range.pol 2>/dev/full; code=$?
  [ "$code" -eq 3 ] || fail "diagnostics to a full stderr exited $code"
else
  echo "skipped: /dev/full is not writable here"
fi
"$rosgen" compile examples/cafe.pol >&- 2>"$work/err"; code=$?
[ "$code" -eq 3 ] || fail "compile with stdout closed exited $code"
grep -q "^rosgen: error: cannot write to standard output: Bad file descriptor$" "$work/err" \
  || fail "closed stdout message: $(cat "$work/err")"
"$rosgen" --version >&- 2>"$work/err"; code=$?
[ "$code" -eq 3 ] || fail "--version with stdout closed exited $code"
grep -q "^rosgen: error: cannot write to standard output: Bad file descriptor$" "$work/err" \
  || fail "--version closed stdout message: $(cat "$work/err")"

# 14. -o: an existing file keeps its mode; a symlink is followed and stays; a FIFO and a
#     device are written to, never replaced; a directory is refused; inputs are refused.
echo old >"$work/private.rsc" && chmod 600 "$work/private.rsc"
expect 0 -- "$rosgen" compile examples/cafe.pol -o "$work/private.rsc"
[ "$(stat -c %a "$work/private.rsc")" = 600 ] || fail "-o changed the mode to $(stat -c %a "$work/private.rsc")"
cmp -s "$work/private.rsc" tests/golden/compile/examples/cafe.rsc || fail "-o over a 0600 file: contents"
ln -s private.rsc "$work/link.rsc"
echo old >"$work/private.rsc"
expect 0 -- "$rosgen" compile examples/cafe.pol -o "$work/link.rsc"
[ -L "$work/link.rsc" ] || fail "-o replaced the symlink itself"
cmp -s "$work/private.rsc" tests/golden/compile/examples/cafe.rsc || fail "-o through a symlink: target not written"
mkfifo "$work/pipe"
cat "$work/pipe" >"$work/from-pipe" &
reader=$!
expect 0 -- timeout 10 "$rosgen" compile examples/cafe.pol -o "$work/pipe"
wait "$reader"
[ -p "$work/pipe" ] || fail "-o replaced the FIFO"
cmp -s "$work/from-pipe" tests/golden/compile/examples/cafe.rsc || fail "-o into a FIFO: the reader got other bytes"
# bash's -o >(cmd) passes /dev/fd/N, a link to a pipe that has no name to resolve.
expect 0 -- "$rosgen" compile examples/cafe.pol -o >(cat >"$work/from-fd")
sleep 1
cmp -s "$work/from-fd" tests/golden/compile/examples/cafe.rsc || fail "-o /dev/fd/N: the reader got other bytes"
# A new file gets 0666 less the umask, as > would.
(umask 027 && "$rosgen" compile examples/cafe.pol -o "$work/umask.rsc") || fail "-o under umask 027 failed"
[ "$(stat -c %a "$work/umask.rsc")" = 640 ] || fail "-o under umask 027 made mode $(stat -c %a "$work/umask.rsc")"
# A device node: a private copy of /dev/null (as root), never the machine's own, which a
# broken build would replace for everyone; without root /dev/null itself cannot be replaced.
if [ "$(id -u)" = 0 ]; then
  mknod -m 666 "$work/null" c 1 3 && device="$work/null"
else
  device=/dev/null
fi
expect 0 -- "$rosgen" compile examples/cafe.pol -o "$device"
[ -c "$device" ] || fail "-o replaced the device node $device with a regular file"
expect 3 -- "$rosgen" compile examples/cafe.pol -o "$work"
grep -q "^rosgen: error: cannot write '$work': it is a directory" "$work/err" || fail "-o directory: $(cat "$work/err")"
cp examples/cafe.pol "$work/self.pol"
expect 3 -- "$rosgen" compile "$work/self.pol" -o "$work/self.pol"
grep -q "^rosgen: error: refusing to write '$work/self.pol': it is an input of this run" "$work/err" \
  || fail "self-overwrite message: $(cat "$work/err")"
cmp -s "$work/self.pol" examples/cafe.pol || fail "compile -o POLICY destroyed the policy"
ln -s self.pol "$work/self-link.pol"
expect 3 -- "$rosgen" compile "$work/self.pol" -o "$work/self-link.pol"
mkdir "$work/inc" && printf 'set web = tcp 80\n' >"$work/inc/web.pol"
printf 'include "inc/web.pol"\npolicy p { routeros 7; }\ncap c new connections 5 per host to web -> drop\n' >"$work/main.pol"
expect 3 -- "$rosgen" compile "$work/main.pol" -o "$work/inc/web.pol"
[ "$(cat "$work/inc/web.pol")" = "set web = tcp 80" ] || fail "compile -o INCLUDE destroyed the include"
cp tests/golden/compile/examples/cafe.rsc "$work/router.rsc"
expect 3 -- "$rosgen" diff examples/cafe.pol --against "$work/router.rsc" --script -o "$work/router.rsc"
cmp -s "$work/router.rsc" tests/golden/compile/examples/cafe.rsc || fail "diff -o EXPORT destroyed the export"

# 15. inputs that cannot hang or exhaust the machine: regular files only, 256 MiB at most,
#     out of memory is exit 3, an include that is not policy text is one error, errors capped.
expect 3 -- timeout 10 "$rosgen" check "$work/pipe"
[ "$(cat "$work/err")" = "rosgen: error: cannot open '$work/pipe': is a FIFO, not a regular file" ] \
  || fail "FIFO policy: $(cat "$work/err")"
expect 3 -- timeout 10 "$rosgen" check /dev/zero
grep -q "is a character device, not a regular file" "$work/err" || fail "/dev/zero policy: $(cat "$work/err")"
expect 3 -- timeout 10 "$rosgen" diff examples/cafe.pol --against "$work/pipe"
grep -q "^rosgen: error: cannot open '$work/pipe': is a FIFO, not a regular file$" "$work/err" || fail "FIFO export: $(cat "$work/err")"
printf 'include "/dev/zero"\n' >"$work/zero.pol"
expect 1 -- timeout 10 "$rosgen" check "$work/zero.pol"
grep -q "^$work/zero.pol:1:9: error: cannot read '/dev/zero': is a character device, not a regular file$" "$work/err" \
  || fail "include /dev/zero: $(cat "$work/err")"
printf 'include "pipe"\n' >"$work/pipe.pol"
expect 1 -- timeout 10 "$rosgen" check "$work/pipe.pol"
grep -q "^$work/pipe.pol:1:9: error: cannot read '$work/pipe': is a FIFO, not a regular file$" "$work/err" \
  || fail "include FIFO: $(cat "$work/err")"
printf 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' >"$work/passwd"
printf 'include "passwd"\n' >"$work/passwd.pol"
expect 1 -- "$rosgen" check "$work/passwd.pol"
[ "$(head -1 "$work/err")" = "$work/passwd.pol:1:9: error: '$work/passwd' does not look like a policy file (line 1 does not parse); nothing from it is used" ] \
  || fail "include of a non-policy file: $(cat "$work/err")"
! grep -q "root:x" "$work/err" || fail "the non-policy include was quoted"
truncate -s 300M "$work/huge.pol"
expect 3 -- "$rosgen" check "$work/huge.pol"
[ "$(cat "$work/err")" = "rosgen: error: cannot open '$work/huge.pol': is larger than the 256 MiB limit for input files (314572800 bytes)" ] \
  || fail "huge policy: $(cat "$work/err")"
rm -f "$work/huge.pol"
# Out of memory while reading: 120 MB of comments and a trailing error under a 100 MB
# address-space limit. Skipped where the binary cannot start under such a limit (ASan).
head -c 120000000 /dev/zero | tr '\0' '#' >"$work/oom.pol" && printf '\nbroken\n' >>"$work/oom.pol"
if (ulimit -v 100000 && "$rosgen" --version) >/dev/null 2>&1; then
  (ulimit -v 100000 && exec "$rosgen" check "$work/oom.pol") >"$work/out" 2>"$work/err"; code=$?
  [ "$code" -eq 3 ] || fail "out of memory while reading exited $code: $(head -c 300 "$work/err")"
  grep -q "out of memory" "$work/err" || fail "out of memory message: $(head -c 300 "$work/err")"
else
  echo "skipped: the binary cannot run under ulimit -v (sanitizer build)"
fi
rm -f "$work/oom.pol"
ln -s loop.pol "$work/loop.pol"
expect 3 -- "$rosgen" check "$work/loop.pol"
[ "$(cat "$work/err")" = "rosgen: error: cannot open '$work/loop.pol': Too many levels of symbolic links" ] \
  || fail "symlink loop: $(cat "$work/err")"
printf 'include "loop.pol"\n' >"$work/inc-loop.pol"
expect 1 -- "$rosgen" check "$work/inc-loop.pol"
grep -q "error: cannot read '$work/loop.pol': Too many levels of symbolic links$" "$work/err" \
  || fail "include of a symlink loop: $(cat "$work/err")"
yes 'cap x' | head -n 100000 >"$work/many.pol"
expect 1 -- "$rosgen" check "$work/many.pol"
[ "$(grep -c ': error: ' "$work/err")" -eq 100 ] || fail "errors not capped at 100: $(grep -c ': error: ' "$work/err")"
grep -q "^rosgen: note: 99900 more errors not shown (the first 100 are above)$" "$work/err" || fail "no count of errors not shown"
grep -q "^100000 errors generated.$" "$work/err" || fail "error summary: $(tail -1 "$work/err")"
{ echo '/ip firewall filter'; yes 'add chain=forward comment="cut' | head -n 5000; } >"$work/many.rsc"
expect 1 -- "$rosgen" diff examples/cafe.pol --against "$work/many.rsc"
[ "$(grep -c ': error: ' "$work/err")" -eq 100 ] || fail "export errors not capped at 100"
grep -q "^rosgen: note: 4900 more errors not shown (the first 100 are above)$" "$work/err" || fail "no count of export errors not shown"

# 16. an unreadable main policy is exit 3 (I/O), checked as an unprivileged user since
#     root reads anything.
cp examples/cafe.pol "$work/secret.pol" && chmod 000 "$work/secret.pol"
chmod 755 "$work"
if [ "$(id -u)" != 0 ]; then
  expect 3 -- "$rosgen" check "$work/secret.pol"
  grep -q "Permission denied" "$work/err" || fail "unreadable policy: $(cat "$work/err")"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  expect 3 -- setpriv --reuid=65534 --regid=65534 --clear-groups "$rosgen" check "$work/secret.pol"
  [ "$(cat "$work/err")" = "rosgen: error: cannot open '$work/secret.pol': Permission denied" ] \
    || fail "unreadable policy: $(cat "$work/err")"
else
  echo "skipped: no way to drop root (setpriv) for the unreadable-policy test"
fi

# 16b. -o over a file the user may not write (0444) is refused as the shell's > would refuse
#      it, though the directory would allow the rename; nothing is written.
mkdir "$work/rofile" && chmod 777 "$work/rofile" && cp examples/cafe.pol "$work/rofile/cafe.pol"
echo old >"$work/rofile/ro.rsc" && chmod 444 "$work/rofile/ro.rsc"
ln -s ro.rsc "$work/rofile/ro-link.rsc"
if [ "$(id -u)" != 0 ]; then
  as_user=()
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
  as_user=(none)
  echo "skipped: no way to drop root (setpriv) for the read-only -o test"
fi
if [ "${as_user[0]:-}" != none ]; then
  for target in ro.rsc ro-link.rsc; do
    expect 3 -- "${as_user[@]}" "$rosgen" compile "$work/rofile/cafe.pol" -o "$work/rofile/$target"
    grep -q "^rosgen: error: cannot write '$work/rofile/$target': Permission denied$" "$work/err" \
      || fail "-o over a read-only file ($target): $(cat "$work/err")"
  done
  [ "$(cat "$work/rofile/ro.rsc")" = old ] || fail "-o replaced a read-only file"
  [ -z "$(ls -A "$work/rofile" | grep rosgen-)" ] || fail "-o over a read-only file left a temporary"
fi
# root may write anything, as with >: the file is replaced and keeps its mode.
if [ "$(id -u)" = 0 ]; then
  expect 0 -- "$rosgen" compile "$work/rofile/cafe.pol" -o "$work/rofile/ro.rsc"
  [ "$(stat -c %a "$work/rofile/ro.rsc")" = 444 ] || fail "-o as root changed a 0444 file's mode"
fi

# 17. same policy, same bytes: from any working directory and however the path is typed.
"$rosgen" compile examples/hotspot.pol >"$work/a.rsc" 2>/dev/null
(cd examples && "$rosgen" compile hotspot.pol) >"$work/b.rsc" 2>/dev/null
(cd / && "$rosgen" compile "$src/examples/hotspot.pol") >"$work/c.rsc" 2>/dev/null
"$rosgen" compile ./examples/../examples/hotspot.pol >"$work/d.rsc" 2>/dev/null
(cd "$work" && "$rosgen" compile "$src/./examples//hotspot.pol") >"$work/e.rsc" 2>/dev/null
for copy in b c d e; do
  cmp -s "$work/a.rsc" "$work/$copy.rsc" || fail "hotspot compiled to other bytes ($copy)"
done
grep -q "^# sources: hotspot.pol, library:smtp-bots.pol, library:syn-flood.pol$" "$work/a.rsc" \
  || fail "sources line: $(grep '^# sources' "$work/a.rsc")"
(cd "$work/inc" && "$rosgen" compile ../main.pol) >"$work/f.rsc" 2>/dev/null
"$rosgen" compile "$work/main.pol" >"$work/g.rsc" 2>/dev/null
cmp -s "$work/f.rsc" "$work/g.rsc" || fail "a policy with a neighbour include compiled to other bytes"
grep -q "^# sources: main.pol, inc/web.pol$" "$work/g.rsc" || fail "neighbour sources line: $(grep '^# sources' "$work/g.rsc")"
# Through a symlink: named as the real file, includes found next to it (not the link).
ln -s "$work/main.pol" "$work/inc/mymain.pol"
(cd "$work/inc" && "$rosgen" compile mymain.pol) >"$work/h.rsc" 2>"$work/err" || fail "compile through a symlink: $(cat "$work/err")"
cmp -s "$work/g.rsc" "$work/h.rsc" || fail "a policy through a symlink compiled to other bytes"
# Includes reached through ../ or -I are named from the main policy's directory, never by
# an absolute path: two copies of a checkout compile to the same bytes.
for copy in one two; do
  mkdir -p "$work/$copy/site" "$work/$copy/lib" "$work/$copy/extra"
  printf 'set web = tcp 80\n' >"$work/$copy/lib/web.pol"
  printf 'set mail = tcp 25\n' >"$work/$copy/extra/mail.pol"
  printf 'include "../lib/web.pol"\ninclude "mail.pol"\npolicy p { routeros 7; }\ncap c new connections 5 per host to web -> drop\ncap d new connections 5 per host to mail -> drop\n' \
    >"$work/$copy/site/p.pol"
  (cd "$work/$copy" && "$rosgen" compile -I extra site/p.pol) >"$work/$copy.rsc" 2>"$work/err" \
    || fail "compile with ../ and -I ($copy): $(cat "$work/err")"
done
cmp -s "$work/one.rsc" "$work/two.rsc" || fail "two checkouts compiled to other bytes"
grep -q "^# sources: p.pol, ../lib/web.pol, ../extra/mail.pol$" "$work/one.rsc" \
  || fail "sources line with ../ and -I: $(grep '^# sources' "$work/one.rsc")"

# 18. signals a write can raise: a reader that has gone (SIGPIPE) and the file-size limit
#     (SIGXFSZ) are write errors, exit 3 with a message, never a silent death (141, 153);
#     -o then leaves no temporary file.
{ sleep 0.5; "$rosgen" compile examples/hotspot.pol 2>"$work/err"; echo $? >"$work/code"; } | true
[ "$(cat "$work/code")" = 3 ] || fail "compile into a closed pipe exited $(cat "$work/code")"
[ "$(cat "$work/err")" = "rosgen: error: cannot write to standard output: Broken pipe" ] \
  || fail "closed pipe message: $(cat "$work/err")"
mkdir "$work/fsize"
(ulimit -f 8 && exec "$rosgen" compile examples/hotspot.pol -o "$work/fsize/big.rsc") 2>"$work/err"; code=$?
[ "$code" -eq 3 ] || fail "-o past ulimit -f exited $code"
[ "$(cat "$work/err")" = "rosgen: error: cannot write '$work/fsize/big.rsc': File too large" ] \
  || fail "-o past ulimit -f message: $(cat "$work/err")"
[ -z "$(ls -A "$work/fsize")" ] || fail "-o past ulimit -f left $(ls -A "$work/fsize")"
(ulimit -f 8 && exec "$rosgen" compile examples/hotspot.pol) >"$work/fsize/out" 2>"$work/err"; code=$?
[ "$code" -eq 3 ] || fail "stdout past ulimit -f exited $code"
grep -q "^rosgen: error: cannot write to standard output: File too large$" "$work/err" \
  || fail "stdout past ulimit -f message: $(cat "$work/err")"

# 18. simulate: the README's command, its exit codes, deterministic reports.
expect 0 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json --with tests/import/defconf-v7.rsc
grep -q '^  "bot: CoNnEcT relay through port 80": 1 connection, all stopped$' "$work/out" \
  || fail "simulate: the CONNECT bot is not stopped behind the default firewall: $(head -c 600 "$work/out")"
grep -q '^  "browsing: a news site": 5 connections, passed$' "$work/out" || fail "simulate: browsing stopped"
cp "$work/out" "$work/sim1.txt"
(cd / && "$rosgen" simulate "$src/examples/cafe.pol" --scenario "$src/examples/cafe-traffic.json" \
  --with "$src/tests/import/defconf-v7.rsc") >"$work/sim2.txt" 2>/dev/null
# The same report from another directory, but for the paths as typed.
sed "s|$src/||g" "$work/sim2.txt" | cmp -s - "$work/sim1.txt" || fail "simulate reports differ between runs"
expect 0 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json --json
grep -q '"schema": "rosgen-simulate/1"' "$work/out" || fail "simulate --json schema line missing"
expect 64 -- "$rosgen" simulate examples/cafe.pol
grep -q "simulate needs traffic" "$work/err" || fail "simulate without traffic: $(cat "$work/err")"
expect 64 -- "$rosgen" simulate examples/cafe.pol --pcap x.pcap --scenario y.json
expect 3 -- "$rosgen" simulate examples/cafe.pol --pcap "$work/nosuch.pcap"
printf '{"connections": [{"client": "192.168.88.2", "server": "1.2.3.4:80", "colour": 1}]}' >"$work/bad.json"
expect 1 -- "$rosgen" simulate examples/cafe.pol --scenario "$work/bad.json"
grep -q "bad.json:1:" "$work/err" || fail "bad scenario without a position: $(cat "$work/err")"
expect 64 -- "$rosgen" simulate tests/import/defconf-v7.rsc --scenario examples/cafe-traffic.json
grep -q "needs --clients CIDR" "$work/err" || fail "a .rsc without --clients: $(cat "$work/err")"
expect 64 -- "$rosgen" simulate examples/cafe.pol --clients banana --scenario examples/cafe-traffic.json
expect 64 -- "$rosgen" simulate examples/cafe.pol --target 8 --scenario examples/cafe-traffic.json
expect 3 -- "$rosgen" simulate examples/cafe.pol --scenario "$work/nosuch.json"
for empty in "-o" "--with" "--scenario"; do
  expect 64 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json "$empty" ""
  grep -q "the value is empty" "$work/err" || fail "simulate $empty '': $(cat "$work/err")"
done
mkdir -p "$work/incdir"
expect 0 -- "$rosgen" simulate -I "$work/incdir" examples/hotspot.pol --scenario examples/cafe-traffic.json
# -o never replaces an input: the policy, the scenario, the capture.
cp examples/cafe.pol "$work/sim.pol" && cp examples/cafe-traffic.json "$work/sim.json"
expect 3 -- "$rosgen" simulate "$work/sim.pol" --scenario "$work/sim.json" -o "$work/sim.pol"
cmp -s "$work/sim.pol" examples/cafe.pol || fail "simulate -o POLICY destroyed the policy"
expect 3 -- "$rosgen" simulate "$work/sim.pol" --scenario "$work/sim.json" -o "$work/sim.json"
cmp -s "$work/sim.json" examples/cafe-traffic.json || fail "simulate -o SCENARIO destroyed the scenario"
# --wan-iface compiles the policy for that uplink: the bots are still stopped.
expect 0 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json --wan-iface pppoe-out1
grep -q '^  "bot: SMTP spam session": 1 connection, all stopped' "$work/out" \
  || fail "simulate --wan-iface: the policy no longer sees the traffic: $(head -c 600 "$work/out")"
expect 0 -- "$rosgen" simulate "$shared/recipes/forum-recipe.rsc" --clients 192.168.88.0/24 --scenario examples/cafe-traffic.json
# Options that cannot describe a router are refused, each with its reason.
expect 64 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json --clients 10.0.0.1/8
grep -q "'10.0.0.1/8' has host bits set: did you mean 10.0.0.0/8?" "$work/err" || fail "simulate --clients host bits: $(cat "$work/err")"
expect 1 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json --lan-iface ether1
grep -q "the clients' interface and the uplink are both 'ether1'" "$work/err" || fail "simulate lan = wan: $(cat "$work/err")"
expect 1 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json --with examples/cafe.pol
grep -q "is a policy (give it as the first argument)" "$work/err" || fail "simulate --with POLICY: $(cat "$work/err")"
expect 1 -- "$rosgen" simulate examples/cafe.pol --scenario examples/cafe-traffic.json --router-address 10.0.0.0/8
grep -q "'10.0.0.0/8' is not one IPv4 address" "$work/err" || fail "simulate --router-address: $(cat "$work/err")"
# An empty capture is named, not reported as quiet traffic.
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00' > "$work/empty.pcap"
expect 0 -- "$rosgen" simulate examples/cafe.pol --pcap "$work/empty.pcap"
grep -q "empty.pcap' holds no frames: nothing was simulated" "$work/err" || fail "simulate empty pcap: $(cat "$work/err")"

# 19. profile: measure a capture, read it back in compile; exit codes 0, 1, 3, 64.
http="$shared/pcap/ndpi_http_connect.pcap"
expect 0 -- "$rosgen" profile examples/cafe.pol --pcap "$http" --clients 192.168.1.103/32 -o "$work/p.toml"
[ ! -s "$work/out" ] || fail "profile -o wrote to stdout"
grep -q '^format = "rosgen-profile/1"$' "$work/p.toml" || fail "profile: no format line"
grep -q "^#   ndpi_http_connect.pcap  $(sha256sum "$http" | cut -d' ' -f1)$" "$work/p.toml" \
  || fail "profile: the header does not name the capture with its SHA-256"
expect 0 -- "$rosgen" profile examples/cafe.pol --pcap "$http" --clients 192.168.1.103/32
cmp -s "$work/out" "$work/p.toml" || fail "profile: stdout and -o differ, or two runs differ"
expect 0 -- "$rosgen" compile examples/cafe.pol --profile "$work/p.toml" --explain
grep -q "model: the profile $work/p.toml" "$work/out" || fail "compile --explain --profile: $(head -c 300 "$work/out")"
grep -q "^  p from: " "$work/out" || fail "compile --explain --profile: no 'p from' line"
grep -q "^total over 2 signature(s), the sum of their per-gate-packet figures (the gates see different packets: no figure for any one packet): emitted " "$work/out" || fail "compile --explain: no total"
# The script names its profile; a diff with another profile says so, at that line.
expect 0 -- "$rosgen" compile examples/cafe.pol --profile "$work/p.toml" -o "$work/profiled.rsc"
grep -q "^# traffic profile: p.toml, sha256 $(sha256sum "$work/p.toml" | cut -d' ' -f1)$" "$work/profiled.rsc" \
  || fail "compile --profile: the header does not name the profile: $(head -c 400 "$work/profiled.rsc")"
expect 2 -- "$rosgen" diff examples/cafe.pol --against "$work/profiled.rsc"
grep -q "^$work/profiled.rsc:4:1: warning: the rules in '$work/profiled.rsc' were compiled with profile 'p.toml'" "$work/err" \
  || fail "diff --against a script of another profile: $(cat "$work/err")"
expect 0 -- "$rosgen" diff examples/cafe.pol --against "$work/profiled.rsc" --profile "$work/p.toml"
! grep -q "were compiled with" "$work/err" || fail "diff with the script's own profile warned: $(cat "$work/err")"
expect 0 -- "$rosgen" compile examples/cafe.pol --explain -o "$work/explained.rsc"
cmp -s "$work/explained.rsc" tests/golden/compile/examples/cafe.rsc || fail "compile --explain -o: the script differs"
# --explain --against: another script costed at each gate; the script still goes to -o.
recipe="$shared/recipes/forum-recipe.rsc"
expect 0 -- "$rosgen" compile examples/cafe.pol --explain --against "$recipe" -o "$work/against.rsc"
grep -q "^total over 2 signature(s), the sum of their per-gate-packet figures (.*): emitted .*, against $recipe 2\.[0-9][0-9] (each gate" "$work/out" \
  || fail "compile --explain --against: no total: $(tail -c 600 "$work/out")"
grep -q '^    case forms its content= strings hold: nocase "CONNECT " 1 of 128$' "$work/out" \
  || fail "compile --explain --against: case forms"
cmp -s "$work/against.rsc" tests/golden/compile/examples/cafe.rsc || fail "compile --explain --against -o: the script differs"
expect 64 -- "$rosgen" compile examples/cafe.pol --against "$recipe"
grep -q "^rosgen: error: --against requires --explain$" "$work/err" || fail "--against without --explain: $(cat "$work/err")"
expect 3 -- "$rosgen" compile examples/cafe.pol --explain --against "$work/nosuch.rsc"
grep -q "^rosgen: error: cannot open '$work/nosuch.rsc': No such file or directory$" "$work/err" \
  || fail "--against missing file: $(cat "$work/err")"
printf '/ip firewall mangle\nadd chain=forward content="CONNECT action=drop\n' >"$work/bad-against.rsc"
expect 1 -- "$rosgen" compile examples/cafe.pol --explain --against "$work/bad-against.rsc"
grep -q "^$work/bad-against.rsc:2:27: error: unterminated string" "$work/err" || fail "--against syntax error: $(cat "$work/err")"
[ ! -s "$work/out" ] || fail "--against with errors printed an explanation"
cp "$recipe" "$work/recipe.rsc"
expect 3 -- "$rosgen" compile examples/cafe.pol --explain --against "$work/recipe.rsc" -o "$work/recipe.rsc"
cmp -s "$work/recipe.rsc" "$recipe" || fail "compile --explain --against X -o X destroyed the script"
expect 0 -- "$rosgen" compile --help
grep -q -- "--explain --against" "$work/out" || fail "compile --help does not show --against"
sed 's/^packets = \([1-9][0-9]*\)$/packets = -\1/' "$work/p.toml" >"$work/bad.toml"
line=$(grep -n '^packets = -' "$work/bad.toml" | head -1 | cut -d: -f1)
expect 1 -- "$rosgen" compile examples/cafe.pol --profile "$work/bad.toml"
grep -q "^$work/bad.toml:$line:11: error: 'packets' must not be negative" "$work/err" \
  || fail "bad profile: $(head -c 400 "$work/err")"
[ ! -s "$work/out" ] || fail "compile with a bad profile wrote a script"
expect 1 -- "$rosgen" profile tests/diagnostics/port-out-of-range.pol --pcap "$http"
expect 3 -- "$rosgen" profile examples/cafe.pol --pcap "$work/nosuch.pcap"
grep -q "^rosgen: error: cannot read '$work/nosuch.pcap'" "$work/err" || fail "profile of a missing capture: $(cat "$work/err")"
expect 3 -- "$rosgen" profile nosuch.pol --pcap "$http"
expect 3 -- "$rosgen" compile examples/cafe.pol --profile "$work/nosuch.toml"
expect 3 -- "$rosgen" profile examples/cafe.pol --pcap "$http" -o "$work/no/such/dir/p.toml"
expect 64 -- "$rosgen" profile examples/cafe.pol
expect 64 -- "$rosgen" profile --pcap "$http"
expect 64 -- "$rosgen" profile examples/cafe.pol --pcap "$http" --clients banana
expect 64 -- "$rosgen" profile examples/cafe.pol --pcap "$http" -o ''
expect 64 -- "$rosgen" compile examples/cafe.pol --profile ''
expect 0 -- "$rosgen" profile --help
grep -q "What a profile is" "$work/out" || fail "profile --help does not teach"
grep -q "rosgen compile examples/cafe.pol --profile cafe-profile.toml" "$work/out" || fail "profile --help: no compile example"
expect 0 -- "$rosgen" compile --help
grep -q -- "--profile" "$work/out" || fail "compile --help does not list --profile"

# 20. diff --all (fleets): the inventory's errors at file:line:col (exit 1), a missing
#     inventory (exit 3), usage (64); a router nobody answers for fails alone (exit 1,
#     its line and the summary on stdout). The SSH cases are in tests/unit/fleet_diff_test.
mkdir -p "$work/fleet"
printf '[[router]]\nname = "a"\nhots = "10.0.0.1"\n' >"$work/fleet/bad.toml"
expect 1 -- "$rosgen" diff --all --inventory "$work/fleet/bad.toml"
grep -q "^$work/fleet/bad.toml:3:1: error: unknown key 'hots' in a router (.*); did you mean 'host'?$" "$work/err" \
  || fail "diff --all: inventory error: $(cat "$work/err")"
(cd "$work/fleet" && "$rosgen" diff --all >"$work/out" 2>"$work/err"); code=$?
[ "$code" -eq 3 ] || fail "diff --all without rosgen.toml exited $code, expected 3"
grep -q "^rosgen: error: cannot open 'rosgen.toml': No such file or directory (--all reads" "$work/err" \
  || fail "diff --all without rosgen.toml: $(cat "$work/err")"
expect 64 -- "$rosgen" diff --all examples/cafe.pol
expect 64 -- "$rosgen" diff --all --shard 3/2
expect 64 -- "$rosgen" diff examples/cafe.pol --against tests/golden/compile/examples/cafe.rsc --canary 1
port=1  # tcpmux: nothing listens there on a CI machine
printf '[defaults]\npolicy = "%s"\nconnect-timeout = 5\n\n[[router]]\nname = "down"\nhost = "127.0.0.1"\nport = %s\nidentity = []\n' \
  "$src/examples/cafe.pol" "$port" >"$work/fleet/rosgen.toml"
expect 1 -- "$rosgen" diff --all --inventory "$work/fleet/rosgen.toml"
grep -q "^down  unreachable: ssh 127.0.0.1:$port: cannot connect" "$work/out" || fail "diff --all: unreachable line: $(cat "$work/out")"
grep -q "^diff --all: 1 router (1 in $work/fleet/rosgen.toml): 1 unreachable$" "$work/out" || fail "diff --all: summary: $(cat "$work/out")"
expect 0 -- "$rosgen" diff --help
grep -q "Fleets (--all)" "$work/out" || fail "diff --help does not teach --all"

if [ "$failures" -ne 0 ]; then
  echo "$failures e2e check(s) failed"
  exit 1
fi
echo "e2e: all checks passed"
