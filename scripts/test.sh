#!/usr/bin/env bash
# Installs what the tests need, builds, runs every test, and ends with one line
# "N passed, N failed[, N skipped]" counted from the TRX results (CI reads that line).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the end-to-end tests drive (real clients, not mocks); chromium for the browser tests;
# bubblewrap for the build sandbox (decisions.md #16); slapd and ldap-utils for the throw-away directory of
# the LDAP tests (the package's default database is not used).
packages=(curl python3-jenkins jenkins-job-builder chromium bubblewrap slapd ldap-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Node.js may come from another source than Debian; only install Debian's when there is none.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The npm `jenkins` client, pinned by tests/clients/package-lock.json.
(cd tests/clients && npm ci --no-audit --no-fund --loglevel=error)
# axe-core for the browser tests' accessibility check, pinned by its package-lock.json.
(cd tests/JenkinsLite.Browser.Tests && npm ci --no-audit --no-fund --loglevel=error)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore JenkinsLite.sln
dotnet build JenkinsLite.sln --no-restore

results=TestResults
rm -rf "$results"
status=0
# One TRX file per test project, named after it, so no two runs can overwrite each other's results.
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=$?
done

# The leak check's figures (SEC-38): secrets searched for in every log line and home file, and found.
for report in "$results"/secret-leak-check.*.txt; do
  if [ -e "$report" ]; then
    echo "$(basename "$report" .txt | sed 's/^secret-leak-check\.//'): $(cat "$report")"
  fi
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value total) - $(value executed) + $(value inconclusive)))
done
if [ "$files" -eq 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
