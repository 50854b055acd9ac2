#!/usr/bin/env bash
# Publishes the CLI client as one Native AOT executable (trimmed, invariant globalization, no JIT at start):
#   bash cli-client/publish-native.sh [output folder, default artifacts/cli-native]
# Native AOT links with clang against zlib; both are installed from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/cli-native}
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish cli-client/JenkinsLite.Cli -c Release -r linux-x64 -o "$out" -nologo -v quiet
echo "$out/jenkinslite-cli: $(du -h "$out/jenkinslite-cli" | cut -f1)"
