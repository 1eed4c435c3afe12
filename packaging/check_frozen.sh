#!/usr/bin/env bash
# `make package-check`: the frozen app starts, runs the whole headless demo (OCR included), and
# — traced with strace where it is installed — never creates an Internet socket nor resolves a
# name, and leaves no telemetry device id in the home folder.
set -euo pipefail
cd "$(dirname "$0")/.."
app=build/dist/consent-workbench/consent-workbench
[ -x "$app" ] || { echo "no frozen app: run make package first" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# A home of its own, so a device id written by a dependency (onnxruntime) would show up here.
export HOME=$home XDG_CACHE_HOME=$home/.cache WORKBENCH_HOME=$home/workbench
"$app" --version
trace() {  # trace NAME COMMAND…: run the frozen app under strace, fail on any Internet socket
  local name=$1; shift
  strace -f -qq -e trace=socket,connect,sendto,sendmsg -o "$home/$name.trace" "$@"
  if grep -E 'AF_INET6?|PF_INET6?' "$home/$name.trace"; then
    echo "FAIL: the frozen app used an Internet socket during $name" >&2
    exit 1
  fi
  echo "no Internet socket during $name (strace: $(grep -c 'socket(' "$home/$name.trace") sockets, none AF_INET/AF_INET6)" >&2
}
if command -v strace >/dev/null 2>&1; then
  QT_QPA_PLATFORM=offscreen trace demo "$app" demo --headless --dir "$home/demo"
  trace scan "$app" scan resources/demo/email/handover.eml --format json > "$home/scan.json"
  grep -q chen.zong@client.example.org "$home/scan.json"
  # OCR on its own (the demo's scan above already ran it, with time for an upload to start).
  trace ocr "$app" scan resources/demo/images/chat_screenshot.png --format json > "$home/ocr.json"
  grep -q PHONE_NUMBER "$home/ocr.json"
else
  echo "strace is not installed: the no-socket trace was skipped (apt-get install strace)"
  QT_QPA_PLATFORM=offscreen "$app" demo --headless --dir "$home/demo"
fi
if [ -e "$home/.cache/Microsoft" ]; then
  echo "FAIL: a dependency wrote a device id: $(find "$home/.cache/Microsoft" -type f)" >&2
  exit 1
fi
echo "no telemetry files in the home folder"

# The frozen app's key custody against a real Secret Service (gnome-keyring in a private D-Bus
# session, throw-away HOME): `keys list` must name it, and a workspace made there must open.
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  app_path=$(cd "$(dirname "$app")" && pwd)/$(basename "$app")
  HOME="$home/keyring-user" XDG_DATA_HOME="$home/keyring-user/share" \
    DBUS_SESSION_BUS_ADDRESS='' dbus-run-session -- bash -c '
    set -euo pipefail
    mkdir -p "$HOME"
    printf %s frozen-check-passphrase | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    export WORKBENCH_HOME="$HOME/wb"
    "$1" keys new --role employee --name "Frozen check" >/dev/null
    "$1" init "$HOME/ws" --name "Frozen check" --timezone UTC >/dev/null
    "$1" status "$HOME/ws" >/dev/null
    "$1" keys list | tee "$HOME/keys.txt"
    grep -q "keyring.backends.SecretService.Keyring" "$HOME/keys.txt" \
      || { echo "FAIL: the frozen app does not use the Secret Service" >&2; exit 1; }
    echo "frozen app: keys and workspace key in the Secret Service"
  ' frozen-keyring "$app_path"
else
  echo "gnome-keyring is not installed: the frozen Secret Service check was skipped" \
    "(apt-get install gnome-keyring dbus-x11 libsecret-tools)"
fi
