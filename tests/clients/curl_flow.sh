#!/usr/bin/env bash
# The curl one-liners of Jenkins' documentation, against a live JenkinsLite.
# Environment: JENKINS_URL, JUSER, TOKEN, WORK (a scratch folder). One "ok:" line per step.
set -euo pipefail
cd "$WORK"
AUTH="$JUSER:$TOKEN"

wait_for_last_build() {  # job
  for _ in $(seq 1 150); do
    if curl -sf -u "$AUTH" "$JENKINS_URL/job/$1/lastBuild/api/json" > last.json 2>/dev/null \
       && grep -q '"building":false' last.json; then return 0; fi
    sleep 0.2
  done
  echo "FAILED: $1 did not finish"; exit 1
}

# Download a job's config.xml, then create a job from it with --data-binary @file.
curl -sf -u "$AUTH" "$JENKINS_URL/job/hello-world/config.xml" -o hello.xml
sed -e 's#<authToken>.*</authToken>##' -e 's#<disabled>false</disabled>#<disabled>false</disabled><authToken>remote-trigger-secret</authToken>#' hello.xml > curl-job.xml
curl -sf -u "$AUTH" -H "Content-Type: application/xml" --data-binary @curl-job.xml "$JENKINS_URL/createItem?name=curl-job"
echo "ok: createItem --data-binary"

# Upload a changed config.xml.
sed -i 's#Hello from JenkinsLite#Hello from curl#' curl-job.xml
curl -sf -u "$AUTH" -H "Content-Type: application/xml" --data-binary @curl-job.xml "$JENKINS_URL/job/curl-job/config.xml"
curl -sf -u "$AUTH" "$JENKINS_URL/job/curl-job/config.xml" | cmp -s - curl-job.xml && echo "ok: config.xml upload and download"

# build, then lastBuild/api/json and consoleText.
status=$(curl -s -o /dev/null -w '%{http_code}' -u "$AUTH" -X POST "$JENKINS_URL/job/curl-job/build")
[ "$status" = 201 ] && echo "ok: build answers 201"
wait_for_last_build curl-job
grep -q '"result":"SUCCESS"' last.json && echo "ok: lastBuild/api/json"
curl -sf -u "$AUTH" "$JENKINS_URL/job/curl-job/lastBuild/consoleText" | grep -q "Hello from curl, build 1" && echo "ok: consoleText"

# buildWithParameters.
curl -sf -u "$AUTH" -X POST "$JENKINS_URL/job/greet/buildWithParameters?NAME=curl&SHOUT=true" -o /dev/null
wait_for_last_build greet
curl -sf -u "$AUTH" "$JENKINS_URL/job/greet/lastBuild/consoleText" | grep -q "HELLO, CURL!" && echo "ok: buildWithParameters"

# The remote trigger token ("Trigger builds remotely").
status=$(curl -s -o /dev/null -w '%{http_code}' -u "$AUTH" "$JENKINS_URL/job/curl-job/build?token=remote-trigger-secret")
[ "$status" = 201 ] && echo "ok: remote trigger token"
status=$(curl -s -o /dev/null -w '%{http_code}' -u "$AUTH" "$JENKINS_URL/job/curl-job/build?token=wrong")
[ "$status" = 403 ] && echo "ok: wrong trigger token is refused"
wait_for_last_build curl-job
grep -q '"number":2' last.json && grep -q 'hudson.model.Cause$RemoteCause' last.json && echo "ok: remote cause recorded"

# The job list with tree=, raw brackets (curl -g).
curl -sfg -u "$AUTH" "$JENKINS_URL/api/json?tree=jobs[name,color]" > tree.json
grep -q '"name":"curl-job","color":"blue"' tree.json && ! grep -q '"url"' tree.json && echo "ok: api/json?tree=jobs[name,color]"
echo "ALL OK"
