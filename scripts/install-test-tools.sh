#!/usr/bin/env bash
# The Debian packages the tests need besides npm's: the two browsers, a TURN relay, and what makes the
# loopback-only network namespace and cuts its media path. The one list of them: `.ci/run` and `npm test`
# (scripts/check-test-tools.ts, when run as root) both install through this script.
#   bash scripts/install-test-tools.sh            installs whatever is missing (root and apt-get)
#   bash scripts/install-test-tools.sh --missing  prints the missing packages, one a line; installs nothing
set -euo pipefail
# ip and nft live in /usr/sbin, which a normal user's PATH may lack although they run fine there.
PATH="$PATH:/usr/sbin:/sbin"

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
# The recovery test cuts the media path with an nftables rule inside its own network namespace.
command -v nft >/dev/null 2>&1 || missing+=(nftables)

if [ "${1:-}" = "--missing" ]; then
  if ((${#missing[@]})); then printf '%s\n' "${missing[@]}"; fi
  exit 0
fi
if ((${#missing[@]} == 0)); then exit 0; fi
echo "Installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
