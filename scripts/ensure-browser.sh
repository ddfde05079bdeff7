#!/usr/bin/env bash
# Make sure the page test (test/web/) can run: Debian's chromium and the playwright-core package.
# CI calls this from .ci/run. Installs chromium when running as root and it is missing;
# otherwise prints what to do. Never downloads a browser from elsewhere (playwright-core drives
# the system chromium through executablePath).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browser: installing Debian's chromium (apt-get install -y chromium)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null; }
  else
    echo "ensure-browser: $CHROMIUM not found. Install it: sudo apt-get install -y chromium (or set CHROMIUM=/path/to/chromium)" >&2
    exit 1
  fi
fi
"$CHROMIUM" --version 2>/dev/null | head -n1 >&2 || true
# Chinese text on the page (court names, headings) needs a CJK font; without one it renders as boxes.
if [ "$(id -u)" = "0" ] && command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-wqy-zenhei >/dev/null 2>&1 \
    || echo "ensure-browser: could not install fonts-wqy-zenhei (Chinese text in screenshots will show as boxes)" >&2
fi

if [ ! -f node_modules/playwright-core/package.json ]; then
  echo "ensure-browser: node_modules/playwright-core is missing. It is a devDependency: run npm ci (or npm i -D playwright-core)" >&2
  exit 1
fi
echo "ensure-browser: ok (chromium at $CHROMIUM, playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version"))" >&2
