#!/usr/bin/env bash
# `make package-check`: the frozen app starts, runs the whole headless demo, and — traced with
# strace where it is installed — never creates an Internet socket while scanning.
set -euo pipefail
cd "$(dirname "$0")/.."
app=build/dist/consent-workbench/consent-workbench
[ -x "$app" ] || { echo "no frozen app: run make package first" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
"$app" --version
WORKBENCH_HOME=$home QT_QPA_PLATFORM=offscreen "$app" demo --headless --dir "$home/demo"
if command -v strace >/dev/null 2>&1; then
  WORKBENCH_HOME=$home strace -f -qq -e trace=socket -o "$home/trace" \
    "$app" scan resources/demo/email/handover.eml --format json > "$home/scan.json"
  grep -q chen.zong@client.example.org "$home/scan.json"
  if grep -E 'socket\((AF_INET|AF_INET6|PF_INET)' "$home/trace"; then
    echo "FAIL: the frozen app created an Internet socket while scanning" >&2
    exit 1
  fi
  echo "no Internet socket while scanning (strace: $(grep -c 'socket(' "$home/trace") sockets, none AF_INET/AF_INET6)"
else
  echo "strace is not installed: the no-socket trace was skipped (apt-get install strace)"
fi
