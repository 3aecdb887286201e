// `npm install && npm test` must be enough on a fresh Debian machine, and CI must not turn green with
// tests that never ran. A stand-in apt-get records what would be installed: nothing is installed here.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const scratch = mkdtempSync(join(tmpdir(), "anteroom-tools-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A directory with an apt-get that only writes its arguments to a log, and that log. */
function fakeAptGet(): { bin: string; log: string } {
  const bin = mkdtempSync(join(scratch, "bin-"));
  const log = join(bin, "apt-get.log");
  writeFileSync(join(bin, "apt-get"), `#!/bin/sh\necho "$*" >> ${log}\n`);
  chmodSync(join(bin, "apt-get"), 0o755);
  return { bin, log };
}

/** `npm test`'s pretest on a machine whose Chromium is missing, as root or as an ordinary user. */
function pretestWithoutChromium(options: { asNobody: boolean }) {
  const { bin, log } = fakeAptGet();
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHROMIUM_PATH: join(scratch, "no-chromium") };
  const node = [process.execPath, "scripts/check-test-tools.ts"];
  const command = options.asNobody ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node] : node;
  const result = spawnSync(command[0] ?? "", command.slice(1), { encoding: "utf8", env, timeout: 30_000 });
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}`,
    aptGet: existsSync(log) ? readFileSync(log, "utf8") : "",
  };
}

describe("npm test on a machine without the test tools", () => {
  // The node tests run as root inside their network namespace (test/browser/in-netns.sh), as in CI.
  it("installs the missing packages itself when run as root", () => {
    const run = pretestWithoutChromium({ asNobody: false });
    expect(run.aptGet).toMatch(/^install .*\bchromium\b/m);
    // The stand-in installed nothing, so it still says what is missing and how to install it.
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("missing Debian packages: chromium");
  });

  it("names the one command that installs them where it cannot install them itself", () => {
    const run = pretestWithoutChromium({ asNobody: true });
    expect(run.status).not.toBe(0);
    expect(run.aptGet).toBe("");
    expect(run.output).toContain("missing Debian packages: chromium");
    expect(run.output).toContain("sudo bash scripts/install-test-tools.sh");
  });

  it("uses the same package list as CI", () => {
    expect(readFileSync(".ci/run", "utf8")).toContain("bash scripts/install-test-tools.sh");
    const missing = spawnSync("bash", ["scripts/install-test-tools.sh", "--missing"], {
      encoding: "utf8",
      env: {
        ...process.env,
        CHROMIUM_PATH: join(scratch, "no-chromium"),
        FIREFOX_PATH: join(scratch, "no-firefox"),
        WEBKIT_MINIBROWSER: join(scratch, "no-webkit"),
      },
    });
    expect(missing.stdout.split("\n")).toEqual(
      expect.arrayContaining(["chromium", "firefox-esr", "libwebkit2gtk-4.1-0"]),
    );
  });
});

type Assertion = { fullName: string; status: string };

/** The test summary CI prints, over one vitest JSON report with these tests. */
function summary(tests: Assertion[]) {
  const report = join(mkdtempSync(join(scratch, "report-")), "report.json");
  const count = (status: string) => tests.filter((test) => test.status === status).length;
  writeFileSync(
    report,
    JSON.stringify({
      success: count("failed") === 0,
      numPassedTests: count("passed"),
      numFailedTests: count("failed"),
      numPendingTests: count("skipped"),
      numTodoTests: count("todo"),
      testResults: [{ name: join(process.cwd(), "test/browser/call-recovery.test.ts"), assertionResults: tests }],
    }),
  );
  const result = spawnSync(process.execPath, ["scripts/test-summary.ts", report], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the CI test summary", () => {
  it("passes when every test ran and passed", () => {
    const run = summary([{ fullName: "a call connects", status: "passed" }]);
    expect(run.status).toBe(0);
    expect(run.output).toContain("1 passed, 0 failed");
  });

  it("fails when a test was skipped, and names it", () => {
    const run = summary([
      { fullName: "a call connects", status: "passed" },
      { fullName: "the call on poor lines comes back after a cut", status: "skipped" },
    ]);
    expect(run.status).toBe(1);
    expect(run.output).toContain("1 passed, 0 failed, 1 skipped");
    expect(run.output).toContain(
      "test/browser/call-recovery.test.ts › the call on poor lines comes back after a cut (skipped)",
    );
  });
});
