#!/usr/bin/env bash
# Installs Debian's chromium for the browser test of the benchmark report
# (test/report/html-report.browser.test.ts). Idempotent: does nothing when /usr/bin/chromium
# already runs. Needs root (CI and the project's machines run as root).
set -euo pipefail
if /usr/bin/chromium --version >/dev/null 2>&1; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -o DPkg::Lock::Timeout=600
apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 chromium
/usr/bin/chromium --version
