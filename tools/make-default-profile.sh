#!/usr/bin/env bash
# Regenerates the default traffic profile shipped in src/profile/default-profile.toml:
# `rosgen profile` over every capture of the shared data, for the signatures of
# examples/*.pol and policies/*.pol, with the client prefixes of each capture from
# tests/golden/simulate/captures.tsv (all of them as --clients: they only decide flows
# whose SYN is not in a capture, and UDP). tests/unit/profile_default_test.cpp runs the
# same measurement and fails when the shipped file differs.
#   usage: tools/make-default-profile.sh path/to/rosgen path/to/shared/data [OUT.toml]
#   usually: cmake --build build --target default-profile
set -euo pipefail
rosgen=$1
shared=$2
src=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-$src/src/profile/default-profile.toml}
export LC_ALL=C  # glob order

args=("$src"/examples/*.pol "$src"/policies/*.pol)
while IFS=$'\t' read -r file clients _; do
  case $file in '#'* | '') continue ;; esac
  args+=(--pcap "$shared/pcap/$file")
  if [ "$clients" != "-" ]; then
    IFS=, read -ra prefixes <<<"$clients"
    for prefix in "${prefixes[@]}"; do args+=(--clients "$prefix"); done
  fi
done <"$src/tests/golden/simulate/captures.tsv"

"$rosgen" profile "${args[@]}" -o "$out"
echo "wrote $out"
