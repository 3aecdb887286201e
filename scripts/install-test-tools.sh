#!/usr/bin/env bash
# The Debian packages the tests need besides npm's: the browsers (Chromium, Firefox, and WebKitGTK with
# its WebDriver on a virtual X display, for the Safari engine), a TURN relay, and what makes the
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
# WebKit (the engine of every iPhone browser): Debian's WebKitGTK, its MiniBrowser driven by WebKitWebDriver
# on Xvfb (test/browser/webkit.ts); xauth with it, for xvfb-run when someone watches a run by hand.
[ -x "${WEBKIT_MINIBROWSER:-/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser}" ] || missing+=(libwebkit2gtk-4.1-0)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v xauth >/dev/null 2>&1 || missing+=(xauth)
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
