// `npm start` as a developer meets it: one quiet line for the migrations, secrets kept off every command
// line, a banner whose address answers, and the scheduled purge running as it would deployed.
// Needs the built client (dist/), as `npm run test:node` makes it; runs on loopback only.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../browser/processes.ts";

const BANNER = /Anteroom is running at (\S+)/;
const migrations = readdirSync("schema/migrations").filter((name) => name.endsWith(".sql"));
const state = mkdtempSync(join(tmpdir(), "anteroom-start-"));
afterAll(() => rmSync(state, { recursive: true, force: true }));

type Started = { child: ChildProcess; output: () => string; url: string };

/** `npm start` in its own process group, until its banner appears (at most 150 s: the machine may be busy). */
async function start(port: number): Promise<Started> {
  const child = spawn(process.execPath, ["scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), ANTEROOM_STATE: state, ANTEROOM_SKIP_BUILD: "1" },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const url = BANNER.exec(output)?.[1];
    if (url) return { child, output: () => output, url };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop(child);
  throw new Error(`npm start printed no banner:\n${output}`);
}

/** Ends the whole process group (the script, wrangler and workerd) and waits until it is gone. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  const group = child?.pid;
  if (!group) return;
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-group, name);
      return true;
    } catch {
      return false;
    }
  };
  signal("SIGTERM");
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (!signal(0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signal("SIGKILL");
}

/** Every process's command line on this machine, as `ps` shows them. */
function commandLines(): string[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      } catch {
        return ""; // ended meanwhile
      }
    });
}

/** wrangler against the local D1 in the test's state folder. */
function d1(...args: string[]): string {
  const wrangler = "node_modules/wrangler/bin/wrangler.js";
  const result = spawnSync(process.execPath, [wrangler, "d1", ...args, "DB", "--local", "--persist-to", state], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`${result.stdout}${result.stderr}`);
  return result.stdout;
}

const query = (sql: string) => d1("execute", "--command", sql);

describe("npm start", () => {
  it("says the migrations in one line, keeps the secrets off every command line and prints an address that answers", async () => {
    let started: Started | undefined;
    try {
      const port = await freePort();
      started = await start(port);
      const output = started.output();

      // Soft: each of these is its own complaint, so a failure shows all of them at once.
      expect.soft(output).toContain(`migrations: ${migrations.length} applied`);
      // Each migration's name at most once: no table per migration, no confirmation prompt.
      expect.soft(output.split(migrations[0] ?? "").length - 1).toBeLessThanOrEqual(1);
      expect.soft(output).not.toContain("continue?");

      const secrets = ["ticket-secret", "operator-token"].map((name) => readFileSync(join(state, name), "utf8").trim());
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThanOrEqual(32);
        expect.soft(commandLines().filter((line) => line.includes(secret))).toEqual([]);
      }
      const secretsFile = statSync(join(state, "secrets.env"), { throwIfNoEntry: false });
      expect.soft((secretsFile?.mode ?? 0) & 0o777).toBe(0o600);

      expect.soft(started.url).toBe(`http://127.0.0.1:${port}`);
      expect((await fetch(started.url)).status).toBe(200);
      // The Worker got its secrets from the file: the API works (it answers 503 without TICKET_SECRET).
      const signup = await fetch(`${started.url}/api/auth/signup`);
      expect(signup.status).toBe(200);
      // The Worker as bundled for upload (zod's stand-ins in place, wrangler.toml [alias]) still describes its API:
      // with the document the build wrote into the static assets, answered as the API answers (no-store).
      const openapi = await fetch(`${started.url}/api/openapi.json`);
      expect(openapi.status).toBe(200);
      expect(openapi.headers.get("Content-Type")).toBe("application/json");
      expect(openapi.headers.get("Cache-Control")).toBe("no-store");
      const described = (await openapi.json()) as { paths: object };
      expect(Object.keys(described.paths)).toContain("/api/auth/login");
      expect(described).toEqual(JSON.parse(readFileSync("dist/client/api/openapi.json", "utf8")));
      // And it validates as the tests' Worker does: zod's checks and messages, without zod's generators.
      const login = await fetch(`${started.url}/api/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "not-an-address", password: "" }),
      });
      expect(login.status).toBe(400);
      expect(await login.json()).toEqual({
        code: "invalid-input",
        error: "email: Invalid email address; password: Too small: expected string to have >=1 characters",
      });
    } finally {
      await stop(started?.child);
    }
  }, 240_000);

  it("runs the scheduled purge by itself: a practice left without providers is gone after a restart", async () => {
    let started: Started | undefined;
    try {
      // The tables exist already after the first test; this keeps the test whole when run alone.
      d1("migrations", "apply");
      query("INSERT INTO practices (id, name, created_at) VALUES ('orphaned', 'Orphaned Practice', 0)");
      expect(query("SELECT id FROM practices WHERE id = 'orphaned'")).toContain("orphaned");
      started = await start(await freePort());
      let left = "orphaned";
      // The purge finishes after the scheduled event has answered (waitUntil): ask a few times.
      for (let attempt = 0; attempt < 8 && left.includes("orphaned"); attempt++) {
        left = query("SELECT id FROM practices WHERE id = 'orphaned'");
      }
      expect(left).not.toContain("orphaned");
      expect(started.output()).toContain("migrations: up to date");
      // The seeded demo practice has its provider and stays, with a short name for join codes and rooms.
      expect(query("SELECT id FROM practices WHERE id = 'demo-practice' AND short_name = 'demo'")).toContain(
        "demo-practice",
      );
    } finally {
      await stop(started?.child);
    }
  }, 240_000);
});
