#!/bin/sh
# Print the path of a Chromium for the browser tests, installing one if none is found.
# 1. $CHROMIUM_PATH or an installed chromium/chrome; 2. on Debian/Ubuntu as root, the
# `chromium` apt package; 3. elsewhere, Playwright's own download. Fails loudly otherwise.
set -e
bin="$1"
found() { if [ -n "$1" ] && [ -x "$1" ]; then echo "$1"; exit 0; fi; }
found "${CHROMIUM_PATH:-}"
for c in chromium chromium-browser google-chrome google-chrome-stable; do
  found "$(command -v "$c" 2>/dev/null || true)"
done
found "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
found "/Applications/Chromium.app/Contents/MacOS/Chromium"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian package chromium ..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  found "$(command -v chromium 2>/dev/null || true)"
fi
echo "no Chromium found; trying Playwright's download ..." >&2
"$bin/python" -m playwright install chromium >&2
p=$("$bin/python" -c "from playwright.sync_api import sync_playwright as s; p=s().start(); print(p.chromium.executable_path); p.stop()")
found "$p"
echo "ERROR: no Chromium available for the browser tests (expected chromium on PATH," \
     "the apt package, or Playwright's download; got none)" >&2
exit 1
