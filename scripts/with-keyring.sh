#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring Secret
# Service, so the real keychain tests run on headless Linux (CI, containers). The keyring lives in
# a temporary folder deleted afterwards; the command itself keeps the caller's HOME and XDG dirs.
# Needs: apt-get install -y gnome-keyring dbus-x11 libsecret-tools
# Usage: scripts/with-keyring.sh npx vitest run test/integration/credentials
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi

# macOS and Windows always have their keychain.
if [ "$(uname -s)" != "Linux" ]; then
  exec "$@"
fi

missing=""
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "with-keyring: not found:$missing (apt-get install -y gnome-keyring dbus-x11 libsecret-tools); running without a Secret Service" >&2
  exec "$@"
fi

keyring_dir=$(mktemp -d "${TMPDIR:-/tmp}/orchard-keyring.XXXXXX")
trap 'rm -rf "$keyring_dir"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$keyring_dir/home/.local/share" "$keyring_dir/run"
chmod 700 "$keyring_dir/run"

# The bus itself runs with the private HOME, so even a keyring daemon started by D-Bus activation
# could never open the caller's real keyrings. The caller's values are restored for the command.
ORCHARD_CALLER_HOME=${HOME:-} \
ORCHARD_CALLER_XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR-__unset__} \
ORCHARD_CALLER_XDG_DATA_HOME=${XDG_DATA_HOME-__unset__} \
HOME="$keyring_dir/home" XDG_RUNTIME_DIR="$keyring_dir/run" XDG_DATA_HOME="$keyring_dir/home/.local/share" \
dbus-run-session -- sh -c '
  printf %s orchard-test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null &
  daemon=$!
  # The daemon claims its bus name a moment after starting; a client that came first would make
  # D-Bus start a second, locked daemon. Wait for the name (at most 5 s).
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "with-keyring: gnome-keyring-daemon did not start its Secret Service" >&2
      kill "$daemon" 2>/dev/null
      exit 1
    fi
    sleep 0.05
  done

  HOME=$ORCHARD_CALLER_HOME
  if [ "$ORCHARD_CALLER_XDG_RUNTIME_DIR" = __unset__ ]; then unset XDG_RUNTIME_DIR; else XDG_RUNTIME_DIR=$ORCHARD_CALLER_XDG_RUNTIME_DIR; fi
  if [ "$ORCHARD_CALLER_XDG_DATA_HOME" = __unset__ ]; then unset XDG_DATA_HOME; else XDG_DATA_HOME=$ORCHARD_CALLER_XDG_DATA_HOME; fi
  unset ORCHARD_CALLER_HOME ORCHARD_CALLER_XDG_RUNTIME_DIR ORCHARD_CALLER_XDG_DATA_HOME

  status=0
  "$@" || status=$?
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  exit "$status"
' with-keyring "$@"
