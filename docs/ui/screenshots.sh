#!/usr/bin/env bash
# Regenerates docs/ui/*.png: every admin UI page at 1280 px (desktop) and 390 px (phone), taken in
# headless Chromium (Debian chromium + chromium-driver) against a Keyway and a mock-oauth2-server
# started in the test JVM on 127.0.0.1. Usage: docs/ui/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
./mvnw -B -q test -Dtest='UiScreenshots,HookScreenshots' -Dsurefire.failIfNoSpecifiedTests=false
ls -1 docs/ui/*.png
