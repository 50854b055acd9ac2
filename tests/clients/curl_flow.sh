#!/usr/bin/env bash
# The curl one-liners of Jenkins' documentation, against a live JenkinsLite.
# Environment: JENKINS_URL, JUSER, TOKEN, WORK (a scratch folder). One "ok:" line per step; the first
# failed check prints "FAILED: <step>" and ends the flow with exit 1 (`set -e` alone would not stop
# at a failed `test … && echo`, so every check goes through `check`).
set -euo pipefail
cd "$WORK"
AUTH="$JUSER:$TOKEN"

check() {  # step, command...: the command must succeed
  local step=$1
  shift
  if ! "$@"; then
    echo "FAILED: $step"
    exit 1
  fi
  echo "ok: $step"
}

# Follows the queue item a trigger answered with (Location) to its build, waits for the build to end,
# keeps its JSON in build.json and its URL in $build_url. Waiting on lastBuild instead would read the
# previous build: the global quiet period keeps the new one in the queue for a while.
wait_for_triggered_build() {  # headers file of the trigger's answer
  local item number=""
  item=$(sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "$1")
  if [ -z "$item" ]; then echo "FAILED: the trigger answered without a Location"; exit 1; fi
  for _ in $(seq 1 150); do
    curl -sf -u "$AUTH" "${item}api/json" > item.json
    number=$(sed -n 's/.*"executable":{[^}]*"number":\([0-9]*\).*/\1/p' item.json)
    [ -n "$number" ] && break
    sleep 0.2
  done
  if [ -z "$number" ]; then echo "FAILED: queue item $item never started a build"; exit 1; fi
  build_url=$(sed -n 's/.*"executable":{[^}]*"url":"\([^"]*\)".*/\1/p' item.json)
  for _ in $(seq 1 150); do
    curl -sf -u "$AUTH" "${build_url}api/json" > build.json
    if grep -q '"building":false' build.json; then return 0; fi
    sleep 0.2
  done
  echo "FAILED: build $build_url did not finish"; exit 1
}

# Download a job's config.xml, then create a job from it with --data-binary @file.
curl -sf -u "$AUTH" "$JENKINS_URL/job/hello-world/config.xml" -o hello.xml
sed -e 's#<authToken>.*</authToken>##' -e 's#<disabled>false</disabled>#<disabled>false</disabled><authToken>remote-trigger-secret</authToken>#' hello.xml > curl-job.xml
check "the job's config.xml carries the trigger token" grep -q '<authToken>remote-trigger-secret</authToken>' curl-job.xml
curl -sf -u "$AUTH" -H "Content-Type: application/xml" --data-binary @curl-job.xml "$JENKINS_URL/createItem?name=curl-job"
echo "ok: createItem --data-binary"

# Upload a changed config.xml.
sed -i 's#Hello from JenkinsLite#Hello from curl#' curl-job.xml
curl -sf -u "$AUTH" -H "Content-Type: application/xml" --data-binary @curl-job.xml "$JENKINS_URL/job/curl-job/config.xml"
curl -sf -u "$AUTH" "$JENKINS_URL/job/curl-job/config.xml" -o downloaded.xml
check "config.xml upload and download" cmp -s downloaded.xml curl-job.xml

# build, then the build's api/json and consoleText.
status=$(curl -s -D build-headers.txt -o /dev/null -w '%{http_code}' -u "$AUTH" -X POST "$JENKINS_URL/job/curl-job/build")
check "build answers 201" test "$status" = 201
wait_for_triggered_build build-headers.txt
check "the build succeeded" grep -q '"result":"SUCCESS"' build.json
curl -sf -u "$AUTH" "${build_url}consoleText" -o console.txt
check "consoleText" grep -q "Hello from curl, build 1" console.txt

# buildWithParameters.
status=$(curl -s -D greet-headers.txt -o /dev/null -w '%{http_code}' -u "$AUTH" -X POST "$JENKINS_URL/job/greet/buildWithParameters?NAME=curl&SHOUT=true")
check "buildWithParameters answers 201" test "$status" = 201
wait_for_triggered_build greet-headers.txt
curl -sf -u "$AUTH" "${build_url}consoleText" -o greet.txt
check "buildWithParameters passes the parameters" grep -q "HELLO, CURL!" greet.txt

# The remote trigger token ("Trigger builds remotely").
status=$(curl -s -D remote-headers.txt -o /dev/null -w '%{http_code}' -u "$AUTH" "$JENKINS_URL/job/curl-job/build?token=remote-trigger-secret")
check "remote trigger token" test "$status" = 201
status=$(curl -s -o /dev/null -w '%{http_code}' -u "$AUTH" "$JENKINS_URL/job/curl-job/build?token=wrong")
check "wrong trigger token is refused" test "$status" = 403
wait_for_triggered_build remote-headers.txt
check "the remote trigger started build 2" grep -q '"number":2' build.json
check "remote cause recorded" grep -q '"_class":"hudson.model.Cause$RemoteCause"' build.json

# The job list with tree=, raw brackets (curl -g).
curl -sfg -u "$AUTH" "$JENKINS_URL/api/json?tree=jobs[name,color]" > tree.json
check "api/json?tree=jobs[name,color] has the job" grep -q '"name":"curl-job","color":"blue"' tree.json
check "api/json?tree=jobs[name,color] has nothing else" test "$(grep -c '"url"' tree.json)" = 0
echo "ALL OK"
