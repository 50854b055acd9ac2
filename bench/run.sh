#!/usr/bin/env bash
# The benchmark as a comparison (README, "Performance"): JenkinsLite and bench/Baseline, a bare Kestrel app
# doing the least the same answers need, both built in Release, started on loopback and driven alternately
# with wrk; prints medians, p99, peak memory and one ratio line per scenario. Ratios from one run are what
# count: both sides share the machine's load, so its drift cancels out.
#   ROUNDS (default 4)  SECONDS_PER_RUN (5)  CONNECTIONS (32)  CLI_RUNS (20)
#   JOBS (1000): the jobs of the second /api/json scenario
#   LARGE_HOMES ("10000"; "10000 100000" for both, "" for none): homes of that many users with 5 tokens each
#   SERVER_PORT (18089)  BASELINE_PORT (18090): other ports when another run is using these
# Usage: bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-4}
seconds=${SECONDS_PER_RUN:-5}
connections=${CONNECTIONS:-32}
cli_runs=${CLI_RUNS:-20}
large_homes=${LARGE_HOMES-10000}
many_jobs=${JOBS:-1000}

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
results="$work/results.tsv"
: >"$results"

echo "building (Release)..."
dotnet build server/JenkinsLite.Server -c Release -o "$work/server" -v quiet -nologo >/dev/null
dotnet build bench/Baseline -c Release -o "$work/baseline" -v quiet -nologo >/dev/null
dotnet build cli-client/JenkinsLite.Cli -c Release -o "$work/cli" -v quiet -nologo >/dev/null
dotnet build bench/HomeGenerator -c Release -o "$work/generator" -v quiet -nologo >/dev/null
bash cli-client/publish-native.sh "$work/cli-native" >/dev/null

server_port=${SERVER_PORT:-18089}
baseline_port=${BASELINE_PORT:-18090}
server="http://127.0.0.1:$server_port"
baseline="http://127.0.0.1:$baseline_port"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

wait_for() {  # url: until it answers at all
  for _ in $(seq 1 6000); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1
}

start_server() {  # home [port]: sets server_pid and started_ms, the time to the first answered request
  local port=${2:-$server_port} start; start=$(now_ms)
  JENKINS_HOME="$1" dotnet "$work/server/JenkinsLite.Server.dll" --httpPort="$port" >>"$work/server.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  wait_for "http://127.0.0.1:$port/whoAmI/api/json"
  started_ms=$(($(now_ms) - start))
}

stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }

peak_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
basic() { printf 'Authorization: Basic %s' "$(printf '%s' "$1" | base64 -w0)"; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # user + system CPU of a process, in clock ticks
ticks_per_second=$(getconf CLK_TCK)

load() {  # scenario side round pid url [header]: one wrk run, recorded as requests/s, p99 in ms and the CPU time
  # the serving process (pid) spent per request in us: on two shared cores the steadier figure of the two.
  local out before after
  before=$(cpu_ticks "$4")
  if [ $# -ge 6 ]; then
    out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "$6" "$5")
  else
    out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency "$5")
  fi
  after=$(cpu_ticks "$4")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$1 ($2): non-2xx answers" >&2; grep 'Non-2xx' <<<"$out" >&2; exit 1; fi
  local rps p99 requests
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' <<<"$out")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  printf 'load\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$p99" \
    "$(awk -v t="$((after - before))" -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { print (n > 0 ? t / hz * 1e6 / n : 0) }')" >>"$results"
}

busy_ticks() {  # pid...: the CPU ticks of those of these processes still running
  local pid total=0
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then total=$((total + $(cpu_ticks "$pid"))); fi
  done
  echo "$total"
}

settle() {  # pid...: waits (10 s at most) until these processes are idle. A run can leave work queued behind it (the
  # baseline answers its last bcrypt requests for about a second after wrk stops), which would take the cores from the
  # run after it: the scoped token's, in every other round, until this wait.
  local before
  for _ in $(seq 1 100); do
    before=$(busy_ticks "$@")
    sleep 0.1
    [ $(($(busy_ticks "$@") - before)) -le 1 ] && return 0
  done
}

pair() {  # scenario round ours-url ours-header base-url base-header [wrapper]: alternating which side goes first;
  # "base" may be JenkinsLite too (a full token against a scoped one: base_pid=$server_pid); the wrapper, a command,
  # runs around ours' load. Ours is served by $server_pid, base by $base_pid; each load starts once the servers
  # (and the baseline, while it runs) are idle.
  local wrap=${7:-}
  if [ $(($2 % 2)) -eq 1 ]; then
    settle "$server_pid" "$base_pid" "$baseline_pid"; $wrap load "$1" ours "$2" "$server_pid" "$3" ${4:+"$4"}
    settle "$server_pid" "$base_pid" "$baseline_pid"; load "$1" base "$2" "$base_pid" "$5" ${6:+"$6"}
  else
    settle "$server_pid" "$base_pid" "$baseline_pid"; load "$1" base "$2" "$base_pid" "$5" ${6:+"$6"}
    settle "$server_pid" "$base_pid" "$baseline_pid"; $wrap load "$1" ours "$2" "$server_pid" "$3" ${4:+"$4"}
  fi
}

# A flood of wrong passwords, each for a user name not seen before: unknown users cost the same bcrypt as a
# wrong password, and one name would be answered 429 after ten tries by the per-user throttle (as would the
# admin's token requests from this address). Many addresses guessing look like this to the server.
cat >"$work/flood.lua" <<'LUA'
local bit = require("bit")
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = bit.bor(bit.lshift(a, 16), bit.lshift(b or 0, 8), c or 0)
    local chars = math.min(3, #s - i + 1) + 1
    for j = 1, 4 do
      local index = bit.band(bit.rshift(n, 6 * (4 - j)), 63) + 1
      out[#out + 1] = j <= chars and alphabet:sub(index, index) or "="
    end
  end
  return table.concat(out)
end
local sent = 0
request = function()
  sent = sent + 1
  return wrk.format(nil, nil, { Authorization = "Basic " .. base64("flood-" .. sent .. ":wrong-password") })
end
LUA
during_flood() {  # command...: runs it while a background wrk floods whoAmI with wrong passwords (all 401)
  local flood_pid
  wrk -t1 -c16 -d1h -s "$work/flood.lua" "$server/whoAmI/api/json" >/dev/null 2>&1 &
  flood_pid=$!; pids+=("$flood_pid")
  sleep 1  # until every flood connection waits on a password check
  "$@"
  kill "$flood_pid" || { echo "the flood's wrk ended early" >&2; exit 1; }
  wait "$flood_pid" 2>/dev/null || true
}

metric() { printf 'metric\t%s\t%s\n' "$1" "$2" >>"$results"; }


# --- a fresh home: the seeded admin, one API token, ten jobs and one finished build -------------------
home="$work/home"
start_server "$home"
password=$(cat "$home/secrets/initialAdminPassword")
crumb=$(curl -s -c "$work/jar" -b "$work/jar" -u "admin:$password" "$server/crumbIssuer/api/json" | sed -n 's/.*"crumb":"\([0-9a-f]*\)".*/\1/p')
token=$(curl -s -c "$work/jar" -b "$work/jar" -u "admin:$password" -H "Jenkins-Crumb: $crumb" -X POST \
  "$server/user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken" | sed -n 's/.*"tokenValue":"\([0-9a-f]*\)".*/\1/p')
[ -n "$token" ] || { echo "could not create an API token" >&2; exit 1; }
token_header=$(basic "admin:$token")
# A second token of the admin, narrowed to reading (token-governance.md section 1), made as the user page does.
scoped=$(curl -s -c "$work/jar" -b "$work/jar" -u "admin:$password" -H "Jenkins-Crumb: $crumb" -X POST \
  --data-urlencode "newTokenName=bench read" --data-urlencode "scope=read" \
  "$server/user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken" | sed -n 's/.*"tokenValue":"\([0-9a-f]*\)".*/\1/p')
[ -n "$scoped" ] || { echo "could not create a scoped API token" >&2; exit 1; }
scoped_header=$(basic "admin:$scoped")
password_header=$(basic "admin:$password")

create_jobs() {  # from to: freestyle jobs bench-<n> with the seed job's config
  for n in $(seq "$1" "$2"); do
    curl -sf -o /dev/null -u "admin:$token" -H 'Content-Type: application/xml' --data-binary @jobs/hello-world/config.xml \
      "$server/createItem?name=bench-$n"
  done
}
jobs_now=$(curl -sf -u "admin:$token" "$server/api/json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["jobs"]))')
create_jobs 1 $((10 - jobs_now))

build_once() {  # job: triggers a build and follows it to its end; prints the wall time in ms
  local start location queue_json build_url
  start=$(now_ms)
  location=$(curl -sf -o /dev/null -D - -u "admin:$token" -X POST "$server/job/$1/build" | tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
  build_url=""
  while [ -z "$build_url" ]; do
    queue_json=$(curl -sf -u "admin:$token" "${location}api/json")
    build_url=$(python3 -c 'import json,sys; e=json.loads(sys.argv[1]).get("executable"); print(e["url"] if e else "")' "$queue_json")
    [ -n "$build_url" ] || sleep 0.02
  done
  until curl -sf -u "admin:$token" "${build_url}api/json?tree=building" | grep -q '"building":false'; do sleep 0.02; done
  echo $(($(now_ms) - start))
}
build_once hello-world >/dev/null  # the build /job/<n>/<b>/api/json reads, and a warm-up of the builder

# Anonymous read on (Jenkins' "Allow anonymous read access"), for the anonymous /api/json scenario.
sed -i 's|<denyAnonymousReadAccess>true</denyAnonymousReadAccess>|<denyAnonymousReadAccess>false</denyAnonymousReadAccess>|' "$home/config.xml"
curl -sf -o /dev/null -u "admin:$token" -X POST "$server/reload"

mkdir -p "$work/bytes"
curl -sf -u "admin:$token" "$server/api/json" >"$work/bytes/root-10.json"
curl -sf "$server/api/json" >"$work/bytes/root-10-anonymous.json"
curl -sf -u "admin:$token" "$server/job/hello-world/1/api/json" >"$work/bytes/build.json"

BENCH_PORT=$baseline_port BENCH_USER=admin BENCH_TOKEN="$token" BENCH_PASSWORD="$password" BENCH_BYTES_DIR="$work/bytes" \
  dotnet "$work/baseline/JenkinsLite.Bench.Baseline.dll" >"$work/baseline.log" 2>&1 &
baseline_pid=$!; pids+=("$baseline_pid"); base_pid=$baseline_pid
wait_for "$baseline/bytes/build.json"

echo "warming up..."
wrk -t1 -c"$connections" -d2s -H "$token_header" "$server/whoAmI/api/json" >/dev/null
wrk -t1 -c"$connections" -d2s -H "$token_header" "$baseline/whoAmI/api/json" >/dev/null

for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds"
  pair "token whoAmI" "$round" "$server/whoAmI/api/json" "$token_header" "$baseline/whoAmI/api/json" "$token_header"
  pair "anonymous /api/json, 10 jobs" "$round" "$server/api/json" "" "$baseline/bytes/root-10-anonymous.json" ""
  pair "token /api/json, 10 jobs" "$round" "$server/api/json" "$token_header" "$baseline/bytes/root-10.json" ""
  pair "token /job/<n>/<b>/api/json" "$round" "$server/job/hello-world/1/api/json" "$token_header" "$baseline/bytes/build.json" ""
  pair "password whoAmI (vs one bcrypt)" "$round" "$server/whoAmI/api/json" "$password_header" "$baseline/password/whoAmI/api/json" "$password_header"
  base_pid=$server_pid pair "scoped token whoAmI vs full token" "$round" "$server/whoAmI/api/json" "$scoped_header" "$server/whoAmI/api/json" "$token_header"
  base_pid=$server_pid pair "token whoAmI, wrong-password flood vs quiet" "$round" "$server/whoAmI/api/json" "$token_header" "$server/whoAmI/api/json" "$token_header" during_flood
  for _ in 1 2 3; do metric "build trigger to completion ms" "$(build_once hello-world)"; done
done
metric "peak MiB ours" "$(peak_mib "$server_pid")"
metric "peak MiB base" "$(peak_mib "$baseline_pid")"

# --- the CLI's who-am-i against the same question asked with curl (process wall time) ------------------
cli_time() {  # command...: wall time of one run in ms
  local start; start=$(now_ms); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; echo $(($(now_ms) - start))
}
printf 'admin:%s' "$token" >"$work/auth"
native=("$work/cli-native/jenkinslite-cli" -s "$server/" -auth "@$work/auth")
jit=("$work/cli/jenkinslite-cli" -s "$server/" -auth "@$work/auth")
for _ in $(seq 1 "$cli_runs"); do
  metric "who-am-i ms: cli -webSocket" "$(cli_time "${native[@]}" -webSocket who-am-i)"
  metric "who-am-i ms: cli -http" "$(cli_time "${native[@]}" -http who-am-i)"
  metric "who-am-i ms: curl" "$(cli_time curl -sf -u "admin:$token" "$server/whoAmI/api/json")"
  metric "who-am-i ms: framework-dependent cli -webSocket" "$(cli_time "${jit[@]}" -webSocket who-am-i)"
  metric "who-am-i ms: framework-dependent cli -http" "$(cli_time "${jit[@]}" -http who-am-i)"
done
metric "native cli MB" "$(du -m "$work/cli-native/jenkinslite-cli" | cut -f1)"

# --- many jobs -------------------------------------------------------------------------------------------
echo "creating $((many_jobs - 10)) more jobs..."
create_jobs 11 "$many_jobs"
curl -sf -u "admin:$token" "$server/api/json" >"$work/bytes/root-many.json"
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds ($many_jobs jobs)"
  pair "token /api/json, $many_jobs jobs" "$round" "$server/api/json" "$token_header" "$baseline/bytes/root-many.json" ""
done

# --- large homes: start-up, memory and token throughput, against a home of one user ----------------------
stop_server
kill "$baseline_pid"
generate() {  # home users: prints "user password token"
  dotnet "$work/generator/JenkinsLite.Bench.HomeGenerator.dll" "$1" config.xml jobs/hello-world/config.xml "$2" 5 0 0
}
if [ -n "$large_homes" ]; then
  read -r small_user _ small_token < <(generate "$work/home-1" 1)
  start_server "$work/home-1" $baseline_port
  small_pid=$server_pid; base_pid=$small_pid
  small_header=$(basic "$small_user:$small_token")
  wrk -t1 -c"$connections" -d2s -H "$small_header" "$baseline/whoAmI/api/json" >/dev/null
  metric "start ms, 1 user" "$started_ms"
  for users in $large_homes; do
    echo "generating a home of $users users..."
    read -r large_user _ large_token < <(generate "$work/home-$users" "$users")
    start_server "$work/home-$users"
    metric "start ms, $users users" "$started_ms"
    large_header=$(basic "$large_user:$large_token")
    wrk -t1 -c"$connections" -d2s -H "$large_header" "$server/whoAmI/api/json" >/dev/null
    for round in $(seq 1 "$rounds"); do
      pair "token whoAmI, $users users (base: 1 user)" "$round" "$server/whoAmI/api/json" "$large_header" "$baseline/whoAmI/api/json" "$small_header"
    done
    metric "MiB per 10,000 users, $users users" "$(( ($(rss_mib "$server_pid") - $(rss_mib "$small_pid")) * 10000 / users ))"
    stop_server
    rm -rf "$work/home-$users"
  done
fi

python3 - "$results" "$rounds" <<'PY'
import statistics, sys
from collections import defaultdict
path, rounds = sys.argv[1], sys.argv[2]
loads, cpus, metrics, order = defaultdict(list), defaultdict(list), defaultdict(list), []
for line in open(path):
    kind, *rest = line.rstrip("\n").split("\t")
    if kind == "load":
        scenario, side, _, rps, p99, cpu = rest
        if scenario not in order:
            order.append(scenario)
        loads[(scenario, side)].append((float(rps), float(p99)))
        cpus[(scenario, side)].append(float(cpu))
    else:
        metrics[rest[0]].append(float(rest[1]))
med = statistics.median
def spread(values):  # how far the rounds stray from their median, as a fraction of it
    m = med(values)
    return max(abs(v - m) for v in values) / m if m else 0
print(f"\n== medians of {rounds} alternating rounds (ours = JenkinsLite, base = bench/Baseline, or JenkinsLite's B in \"A vs B\")")
print(f"{'scenario':36} {'ours req/s':>11} {'p99 ms':>7} {'base req/s':>11} {'p99 ms':>7}  spread ours/base  server CPU us/request ours/base")
for s in order:
    o, b = loads[(s, "ours")], loads[(s, "base")]
    print(f"{s:36} {med(r for r, _ in o):11.0f} {med(p for _, p in o):7.2f} {med(r for r, _ in b):11.0f} {med(p for _, p in b):7.2f}"
          f"  {spread([r for r, _ in o]):.0%}/{spread([r for r, _ in b]):.0%}"
          f"  {med(cpus[(s, 'ours')]):.1f}/{med(cpus[(s, 'base')]):.1f}")
print("\n== ratios (ours / base; throughput: higher is better, p99: lower is better)")
for s in order:
    o, b = loads[(s, "ours")], loads[(s, "base")]
    # Ratio per round first: both sides of a round saw the same load.
    pairs = [(ro, po, rb, pb) for (ro, po), (rb, pb) in zip(o, b) if rb > 0 and pb > 0]
    if not pairs:
        print(f"RATIO {s}: n/a (the baseline answered nothing; raise SECONDS_PER_RUN)")
        continue
    rps = med(ro / rb for ro, _, rb, _ in pairs)
    p99 = med(po / pb for _, po, _, pb in pairs)
    cpu_pairs = [co / cb for co, cb in zip(cpus[(s, "ours")], cpus[(s, "base")]) if cb > 0]
    cpu = f", server CPU per request {med(cpu_pairs):.2f}x" if cpu_pairs else ""
    print(f"RATIO {s}: throughput {rps:.2f}, p99 {p99:.2f}x{cpu}")
m = {k: med(v) for k, v in metrics.items()}
print(f"RATIO peak memory: {m['peak MiB ours']:.0f} MiB vs {m['peak MiB base']:.0f} MiB")
print(f"RATIO build trigger to completion: {m['build trigger to completion ms']:.0f} ms median (no baseline)")
for k in sorted(m):
    if k.startswith("start ms") or k.startswith("MiB per"):
        print(f"RATIO {k}: {m[k]:.0f}")
curl = m["who-am-i ms: curl"]
for transport in ("-webSocket", "-http"):
    t = m[f"who-am-i ms: cli {transport}"]
    jit = m[f"who-am-i ms: framework-dependent cli {transport}"]
    print(f"RATIO cli who-am-i {transport}: native {t:.0f} ms vs curl {curl:.0f} ms = {t / curl:.1f}x (framework-dependent: {jit:.0f} ms)")
print(f"RATIO native cli size: {m['native cli MB']:.0f} MB")
PY
