// The npm `jenkins` client (pinned in package.json) against a live JenkinsLite.
// Usage: node node_jenkins_flow.js URL USER TOKEN. One line per step; exits non-zero on the first failure.
"use strict";
const Jenkins = require("jenkins");

const [url, user, token] = process.argv.slice(2);
const base = new URL(url);
base.username = user;
base.password = token;
const jenkins = new Jenkins({ baseUrl: base.toString().replace(/\/$/, ""), crumbIssuer: true });

const xml = `<?xml version='1.1' encoding='UTF-8'?>
<project>
  <description>made by node</description>
  <disabled>false</disabled>
  <concurrentBuild>false</concurrentBuild>
  <builders>
    <hudson.tasks.Shell>
      <command>for i in 1 2 3; do echo "node-line-$i"; sleep 0.3; done</command>
    </hudson.tasks.Shell>
  </builders>
</project>`;

function step(name, ok, detail) {
  if (!ok) {
    console.log(`FAILED: ${name} ${detail === undefined ? "" : JSON.stringify(detail)}`);
    process.exit(1);
  }
  console.log(`ok: ${name}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const info = await jenkins.info();
  step("info", Array.isArray(info.jobs) && Array.isArray(info.views), info);

  await jenkins.job.create("node-job", xml);
  step("job.exists after create", await jenkins.job.exists("node-job"));
  const job = await jenkins.job.get("node-job");
  step("job.get", job.name === "node-job", job.name);
  step("job.config", (await jenkins.job.config("node-job")) === xml);

  const queueId = await jenkins.job.build("node-job");
  step("job.build returns the queue id", Number.isInteger(queueId), queueId);
  const queue = await jenkins.queue.list();
  step("queue.list", Array.isArray(queue), queue);

  let number;
  for (let i = 0; i < 200 && number === undefined; i++) {
    const item = await jenkins.queue.item(queueId);
    if (item.executable) number = item.executable.number;
    else await sleep(100);
  }
  step("queue item gets its build", number !== undefined);

  const text = await new Promise((resolve, reject) => {
    let collected = "";
    const stream = jenkins.build.logStream("node-job", number, { delay: 200 });
    stream.on("data", (chunk) => (collected += chunk));
    stream.on("error", reject);
    stream.on("end", () => resolve(collected));
  });
  step("build.logStream follows the log to the end", text.includes("node-line-3") && text.includes("Finished: SUCCESS"), text);

  const build = await jenkins.build.get("node-job", number);
  step("build.get", build.result === "SUCCESS" && build.building === false, build.result);

  await jenkins.job.disable("node-job");
  await jenkins.job.enable("node-job");
  await jenkins.job.copy("node-job", "node-copy");
  step("job.copy", await jenkins.job.exists("node-copy"));
  await jenkins.job.destroy("node-copy");
  await jenkins.job.destroy("node-job");
  step("job.destroy", !(await jenkins.job.exists("node-job")));

  await jenkins.node.disable("(built-in)", "node maintenance");
  let node = await jenkins.node.get("(built-in)");
  step("node.disable", node.temporarilyOffline === true && node.offlineCauseReason === "node maintenance", node.offlineCauseReason);
  await jenkins.node.disable("(built-in)", "another reason");
  node = await jenkins.node.get("(built-in)");
  step("node.disable again changes the reason", node.offlineCauseReason === "another reason", node.offlineCauseReason);
  await jenkins.node.enable("(built-in)");
  step("node.enable", (await jenkins.node.get("(built-in)")).offline === false);
  console.log("ALL OK");
}

main().catch((err) => {
  console.log(`FAILED: ${err.message} ${err.statusCode || ""}`);
  process.exit(1);
});
