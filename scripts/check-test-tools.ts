// Runs before `npm test`: says plainly what a machine lacks for the browser tests, instead of
// letting them fail somewhere deep inside. `bash .ci/run` installs all of it on Debian.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const problems: string[] = [];
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) problems.push(`no Chromium at ${chromium} (Debian: apt-get install chromium)`);
const firefox = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
if (!existsSync(firefox)) problems.push(`no Firefox at ${firefox} (Debian: apt-get install firefox-esr)`);
if (spawnSync("sh", ["-c", "command -v turnserver"]).status !== 0)
  problems.push("no turnserver (Debian: apt-get install coturn)");
if (spawnSync("sh", ["test/browser/in-netns.sh", "true"]).status !== 0) {
  problems.push("cannot make a loopback-only network namespace (run as root, or allow unprivileged user namespaces)");
}
if (problems.length > 0) {
  console.error(
    `npm test cannot run the browser tests on this machine:\n  - ${problems.join("\n  - ")}\n\`bash .ci/run\` installs the packages and runs the tests.`,
  );
  process.exit(1);
}
