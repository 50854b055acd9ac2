#!/usr/bin/env bash
# Rerunnable benchmark: a Release build of the server on a fresh temp home, loaded with wrk over
# loopback. Measures what every API call pays first: authentication (API token vs password vs
# anonymous) and the token-list JSON. Usage: bash scripts/bench.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}

command -v wrk >/dev/null 2>&1 || {
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
}

out=$(mktemp -d)
home=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null || true; rm -rf "$out" "$home"' EXIT
dotnet build server/JenkinsLite.Server -c Release -o "$out" -v quiet -nologo >/dev/null
port=18089
JENKINS_HOME="$home" dotnet "$out/JenkinsLite.Server.dll" --httpPort=$port >"$out/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -s -o /dev/null "$base/whoAmI/api/json" && break; sleep 0.1; done

password=$(cat "$home/secrets/initialAdminPassword")
crumb=$(curl -s -c "$out/jar" -b "$out/jar" -u "admin:$password" "$base/crumbIssuer/api/json" | sed -n 's/.*"crumb":"\([0-9a-f]*\)".*/\1/p')
token=$(curl -s -c "$out/jar" -b "$out/jar" -u "admin:$password" -H "Jenkins-Crumb: $crumb" -X POST \
  "$base/user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken" | sed -n 's/.*"tokenValue":"\([0-9a-f]*\)".*/\1/p')
basic() { printf 'Authorization: Basic %s' "$(printf '%s' "$1" | base64 -w0)"; }

run() {  # title, url, [header]
  echo "== $1"
  if [ $# -ge 3 ]; then wrk -t2 -c32 -d"${seconds}s" --latency -H "$3" "$2"; else wrk -t2 -c32 -d"${seconds}s" --latency "$2"; fi \
    | grep -E 'Requests/sec|Latency +[0-9]| 50%| 99%'
}

wrk -t2 -c32 -d2s "$base/whoAmI/api/json" >/dev/null  # warm-up (JIT)
run "anonymous GET /whoAmI/api/json" "$base/whoAmI/api/json"
run "API token GET /whoAmI/api/json" "$base/whoAmI/api/json" "$(basic "admin:$token")"
run "API token GET /me/api/json (token list)" "$base/me/api/json" "$(basic "admin:$token")"
run "password GET /whoAmI/api/json (bcrypt once, then the 2-minute success cache)" "$base/whoAmI/api/json" "$(basic "admin:$password")"
