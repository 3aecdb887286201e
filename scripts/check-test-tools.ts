// Runs before `npm test`: the browser tests need Debian packages besides npm's (the list is in
// scripts/install-test-tools.sh). Where they are missing and this machine can install them (root with
// apt-get), this installs them, so that `npm install && npm test` is enough on a fresh machine;
// elsewhere it says plainly what is missing and the one command that installs it, instead of letting the
// tests fail somewhere deep inside.
import { spawnSync } from "node:child_process";

const INSTALLER = "scripts/install-test-tools.sh";

function missingPackages(): string[] {
  const result = spawnSync("bash", [INSTALLER, "--missing"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${INSTALLER} --missing failed:\n${result.stderr}`);
  return result.stdout.split("\n").filter((line) => line !== "");
}

const canInstall = () => process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;

/** What still stands in the way of the browser tests, each with what to do about it. */
function problems(): string[] {
  const found: string[] = [];
  const missing = missingPackages();
  // Chromium, Firefox and WebKit count as missing when CHROMIUM_PATH / FIREFOX_PATH / WEBKIT_MINIBROWSER
  // name no program, too.
  if (missing.length > 0) found.push(`missing Debian packages: ${missing.join(", ")}`);
  if (spawnSync("sh", ["test/browser/in-netns.sh", "true"]).status !== 0) {
    found.push("cannot make a loopback-only network namespace (run as root, or allow unprivileged user namespaces)");
  }
  return found;
}

if (missingPackages().length > 0 && canInstall()) {
  const installed = spawnSync("bash", [INSTALLER], { stdio: "inherit" });
  if (installed.status !== 0) {
    console.error(`\`bash ${INSTALLER}\` failed (exit ${installed.status}); see above.`);
    process.exit(1);
  }
}
const left = problems();
if (left.length > 0) {
  console.error(
    `npm test cannot run the browser tests on this machine:\n  - ${left.join("\n  - ")}\n` +
      `\`sudo bash ${INSTALLER}\` installs the packages (Debian); then run \`npm test\` again.`,
  );
  process.exit(1);
}
