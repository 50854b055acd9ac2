"""python-jenkins (Debian's python3-jenkins) against a live JenkinsLite, as its users drive it.

Usage: python_jenkins_flow.py URL USER PASSWORD. Prints TOKEN=<value> first (so the test can check
it never reaches disk or logs), then one line per step; exits non-zero at the first failure.
"""
import sys
import time

import jenkins
import requests

URL, USER, PASSWORD = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]

SHELL_JOB = """<?xml version='1.1' encoding='UTF-8'?>
<project>
  <description>made by python-jenkins</description>
  <keepDependencies>false</keepDependencies>
  <properties/>
  <scm class="hudson.scm.NullSCM"/>
  <canRoam>true</canRoam>
  <disabled>false</disabled>
  <triggers/>
  <concurrentBuild>false</concurrentBuild>
  <builders>
    <hudson.tasks.Shell>
      <command>echo "py-marker-$BUILD_NUMBER"</command>
    </hudson.tasks.Shell>
  </builders>
  <publishers/>
  <buildWrappers/>
</project>"""

FOLDER = """<?xml version='1.1' encoding='UTF-8'?>
<com.cloudbees.hudson.plugins.folder.Folder plugin="cloudbees-folder@6.955.v81e2a_35c08d3">
  <description>a folder</description>
  <properties/>
  <folderViews class="com.cloudbees.hudson.plugins.folder.views.DefaultFolderViewHolder">
    <views>
      <hudson.model.AllView>
        <owner class="com.cloudbees.hudson.plugins.folder.Folder" reference="../../../.."/>
        <name>All</name>
        <filterExecutors>false</filterExecutors>
        <filterQueue>false</filterQueue>
        <properties class="hudson.model.View$PropertyList"/>
      </hudson.model.AllView>
    </views>
    <tabBar class="hudson.views.DefaultViewsTabBar"/>
  </folderViews>
  <healthMetrics/>
</com.cloudbees.hudson.plugins.folder.Folder>"""

LIST_VIEW = """<?xml version="1.1" encoding="UTF-8"?>
<hudson.model.ListView>
  <name>py-view</name>
  <filterExecutors>false</filterExecutors>
  <filterQueue>false</filterQueue>
  <properties class="hudson.model.View$PropertyList"/>
  <jobNames>
    <comparator class="hudson.util.CaseInsensitiveComparator"/>
    <string>py-job</string>
  </jobNames>
  <jobFilters/>
  <columns/>
  <recurse>false</recurse>
</hudson.model.ListView>"""


def step(name, condition, detail=""):
    if not condition:
        print(f"FAILED: {name} {detail}")
        sys.exit(1)
    print(f"ok: {name}")


def token_the_way_users_get_it():
    session = requests.Session()
    session.auth = (USER, PASSWORD)
    crumb = session.get(f"{URL}/crumbIssuer/api/json").json()
    reply = session.post(
        f"{URL}/user/{USER}/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken",
        data={"newTokenName": "python-jenkins"},
        headers={crumb["crumbRequestField"]: crumb["crumb"]},
    )
    return reply.json()["data"]["tokenValue"]


def wait_for_build(server, name, queue_id):
    deadline = time.time() + 60
    while time.time() < deadline:
        item = server.get_queue_item(queue_id)
        if item.get("executable"):
            number = item["executable"]["number"]
            while time.time() < deadline:
                info = server.get_build_info(name, number)
                if not info["building"] and info["result"] is not None:
                    return number, info
                time.sleep(0.2)
        time.sleep(0.2)
    step(f"build of {name} finished in time", False)


token = token_the_way_users_get_it()
print(f"TOKEN={token}", flush=True)
server = jenkins.Jenkins(URL, username=USER, password=token)

step("whoami", server.get_whoami()["id"] == USER)
version = server.get_version()
step("version", version and version[0].isdigit(), version)
names = [j["name"] for j in server.get_jobs()]
step("jobs lists the seeded jobs", "hello-world" in names and "greet" in names, names)

server.create_job("py-job", SHELL_JOB)
step("create_job", server.job_exists("py-job"))
step("get_job_config gives back what was sent", server.get_job_config("py-job") == SHELL_JOB)
reconfigured = SHELL_JOB.replace("made by python-jenkins", "reconfigured")
server.reconfig_job("py-job", reconfigured)
step("reconfig_job", "reconfigured" in server.get_job_config("py-job"))

number, info = wait_for_build(server, "py-job", server.build_job("py-job"))
step("build without parameters succeeds", info["result"] == "SUCCESS", info["result"])
console = server.get_build_console_output("py-job", number)
step("console has the step's output", f"py-marker-{number}" in console, console)

number, info = wait_for_build(server, "greet", server.build_job("greet", {"NAME": "Py", "GREETING": "Hi"}))
step("build with parameters succeeds", info["result"] == "SUCCESS", info["result"])
step("console shows the parameters", "Hi, Py!" in server.get_build_console_output("greet", number))
params = [a for a in info["actions"] if a.get("_class") == "hudson.model.ParametersAction"]
step("build info lists the parameters", params and any(p["name"] == "NAME" and p["value"] == "Py" for p in params[0]["parameters"]))

server.create_job("py-slow", SHELL_JOB.replace('echo "py-marker-$BUILD_NUMBER"', "sleep 30"))
slow_queue_id = server.build_job("py-slow")
running = []
deadline = time.time() + 30
while time.time() < deadline and not any(b["name"] == "py-slow" for b in running):
    time.sleep(0.2)
    running = server.get_running_builds()
step("get_running_builds", any(b["name"] == "py-slow" and b["number"] == 1 for b in running), running)
server.stop_build("py-slow", 1)
number, info = wait_for_build(server, "py-slow", slow_queue_id)
step("stop_build", info["result"] == "ABORTED", info["result"])
server.delete_job("py-slow")

server.disable_job("py-job")
step("disable_job", server.get_job_info("py-job")["color"] == "disabled")
server.enable_job("py-job")
step("enable_job", server.get_job_info("py-job")["color"] != "disabled")

server.copy_job("py-job", "py-copy")
step("copy_job", server.job_exists("py-copy"))
server.rename_job("py-copy", "py-renamed")
step("rename_job", server.job_exists("py-renamed") and not server.job_exists("py-copy"))
server.delete_job("py-renamed")
step("delete_job", not server.job_exists("py-renamed"))

server.create_job("py-folder", FOLDER)
server.create_job("py-folder/inner", SHELL_JOB)
step("is_folder", server.is_folder("py-folder"))
full_names = [j["fullname"] for j in server.get_all_jobs()]
step("get_all_jobs walks folders", "py-folder/inner" in full_names, full_names)
number, info = wait_for_build(server, "py-folder/inner", server.build_job("py-folder/inner"))
step("build in a folder", info["result"] == "SUCCESS")

views = [v["name"] for v in server.get_views()]
step("get_views", "all" in [v.lower() for v in views], views)
server.create_view("py-view", LIST_VIEW)
step("create_view", server.view_exists("py-view"))
step("jobs of a view", [j["name"] for j in server.get_jobs(view_name="py-view")] == ["py-job"])
server.delete_view("py-view")
step("delete_view", not server.view_exists("py-view"))

nodes = server.get_nodes()
step("get_nodes", len(nodes) >= 1 and nodes[0]["offline"] is False, nodes)
step("get_node_info", server.get_node_info(nodes[0]["name"])["offline"] is False)
server.disable_node(nodes[0]["name"], "py maintenance")
node = server.get_node_info(nodes[0]["name"])
step("disable_node", node["offline"] is True and node["offlineCauseReason"] == "py maintenance", node)
server.enable_node(nodes[0]["name"])
step("enable_node", server.get_node_info(nodes[0]["name"])["offline"] is False)

server.quiet_down()
step("quiet_down", server.get_info()["quietingDown"] is True)
# python-jenkins has no call to cancel it; scripts post to Jenkins' URL.
server.jenkins_open(requests.Request("POST", server._build_url("cancelQuietDown")))
step("cancelQuietDown", server.get_info()["quietingDown"] is False)

server.delete_job("py-folder")
server.delete_job("py-job")
step("cleanup", not server.job_exists("py-job"))
print("ALL OK")
