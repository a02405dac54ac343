#!/usr/bin/env bash
# End-to-end tests of the built rosgen binary: stdout, stderr and exit codes.
#   usage: tests/e2e/run.sh path/to/rosgen path/to/source-tree
set -u
rosgen=$1
src=$2
work=$(mktemp -d)
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

# 1. compile prints the golden script and only the queue note.
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
expect 64 -- "$rosgen" check --frobnicate examples/cafe.pol
expect 64 -- "$rosgen" diff examples/cafe.pol
expect 64 -- "$rosgen" diff examples/cafe.pol --against tests/golden/compile/examples/cafe.rsc --frobnicate
expect 64 -- "$rosgen" bogus examples/cafe.pol
[ "$(cat "$work/err")" = "rosgen: error: unknown command 'bogus'; commands: compile, check, diff" ] \
  || fail "unknown command: $(cat "$work/err")"

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
grep -q "^In sync: 231 owned item(s) match the policy.$" "$work/out" || fail "diff in sync: $(cat "$work/out")"
expect 2 -- "$rosgen" diff examples/cafe.pol --against tests/import/defconf-v7.rsc
grep -q "warning: 'tests/import/defconf-v7.rsc' has FastTrack on" "$work/err" || fail "no FastTrack warning: $(cat "$work/err")"
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

if [ "$failures" -ne 0 ]; then
  echo "$failures e2e check(s) failed"
  exit 1
fi
echo "e2e: all checks passed"
