#!/usr/bin/env bash
# Installs the Debian packages the test suite and the CLI use, when missing:
# Chromium for browser tests (never a downloaded browser), fonts, and poppler for PDF checks.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/pdftoppm ] || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing Debian packages: ${need[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "Missing ${need[*]} and not root: install them with apt-get (Debian packages)." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
