#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the hot paths (token verification with 1/10/100 tokens, the Basic
# header, a user file read and written, the CLI frame codec). Arguments go to BenchmarkDotNet, e.g.
#   bash bench/micro.sh --filter '*TokenVerification*'      (default: all, with its short job)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# In process: BenchmarkDotNet's own rebuild per job outlasts its 2-minute limit on a loaded 2-core machine.
[ $# -gt 0 ] || set -- --filter '*' --job short
dotnet build -c Release bench/Micro -v quiet -nologo >/dev/null
dotnet bench/Micro/bin/Release/net10.0/JenkinsLite.Bench.Micro.dll --inProcess --artifacts "${TMPDIR:-/tmp}/jenkinslite-micro" "$@"
