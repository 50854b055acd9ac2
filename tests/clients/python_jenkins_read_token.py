"""python-jenkins with a `read`-scoped API token (token-governance.md section 1).

Usage: python_jenkins_read_token.py URL USER TOKEN. The token may list and read jobs; build_job must be
refused with the scope's 403. Prints one line per step and "ALL OK"; exits non-zero at the first failure.
"""
import sys

import jenkins

URL, USER, TOKEN = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]

server = jenkins.Jenkins(URL, username=USER, password=TOKEN, timeout=30)

names = [job["name"] for job in server.get_jobs()]
assert "hello-world" in names, names
print("ok: get_jobs lists", ",".join(sorted(names)))

info = server.get_job_info("hello-world")
assert info["name"] == "hello-world", info
print("ok: get_job_info")

assert "<project>" in server.get_job_config("hello-world")
print("ok: get_job_config (Job/ExtendedRead is in the read scope)")

try:
    server.build_job("hello-world")
except jenkins.JenkinsException as e:
    message = str(e)
    assert "[403]" in message, message
    print("ok: build_job refused:", message.splitlines()[0])
else:
    sys.exit("build_job was not refused")

print("ALL OK")
