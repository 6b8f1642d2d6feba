#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests and `entente brief --pdf`, if it is missing.
# Idempotent: does nothing when a Chromium is already on PATH. Needs root (CI runs as root).
set -euo pipefail

for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "install_browser: $name already installed at $(command -v "$name"); nothing to do"
    exit 0
  fi
done

if [ "$(id -u)" != "0" ]; then
  echo "install_browser: chromium is missing and this is not root; run: sudo apt-get install -y chromium" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_browser: chromium is missing and apt-get is not available; install Chromium by hand" >&2
  exit 1
fi

echo "install_browser: installing Debian's chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
echo "install_browser: installed $(chromium --version 2>/dev/null || echo chromium)"
