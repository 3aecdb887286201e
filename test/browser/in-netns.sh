#!/bin/sh
# Runs a command inside a loopback-only network namespace, so that the server, Chromium and
# coturn can reach each other on 127.0.0.1 and WebRTC offers no other interface's candidates.
# As root (CI, the dev machines here) a plain network namespace; otherwise a user namespace too.
set -e
if [ "$(id -u)" = 0 ]; then
  exec unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$@"
else
  exec unshare -rn sh -c 'ip link set lo up && exec "$@"' sh "$@"
fi
