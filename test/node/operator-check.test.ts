// `npm run operator -- check`: run as the operator runs it, against a tiny local server that answers like
// a deployment (complete, or with what a careless deployment lacks), reading the printed lines and the exit code.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const TOKEN = "operator-token-of-32-characters-or-more";

const PAGE_HEADERS = {
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": "camera=(self), microphone=(self), display-capture=(self), geolocation=()",
  "Content-Security-Policy": "default-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
};
const API_HEADERS = {
  ...PAGE_HEADERS,
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Cache-Control": "no-store",
};

interface Deployment {
  pageHeaders: Record<string, string>;
  complete: boolean;
  settings: { name: string; set: boolean }[];
  relay: string;
  doJurisdiction: string;
}

const COMPLETE: Deployment = {
  pageHeaders: PAGE_HEADERS,
  complete: true,
  settings: [
    { name: "TICKET_SECRET", set: true },
    { name: "PUBLIC_ORIGIN", set: true },
    { name: "OPERATOR_NAME", set: true },
  ],
  relay: "ok",
  doJurisdiction: "eu",
};

function answer(deployment: Deployment) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { ...API_HEADERS, "Content-Type": "application/json" }).end(JSON.stringify(body));
    };
    const path = req.url ?? "/";
    if (path === "/api/health") return json(200, { ok: true });
    if (path === "/api/legal") return json(200, { operator: {}, complete: deployment.complete, recoveryDays: 30 });
    if (path === "/api/operator/configuration") {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { code: "unauthenticated", error: "" });
      return json(200, {
        settings: deployment.settings,
        choices: { doJurisdiction: deployment.doJurisdiction, iceProvider: "coturn" },
        relay: deployment.relay,
      });
    }
    if (path.startsWith("/api/")) return json(404, { code: "not-found", error: "Not found." });
    if (path.startsWith("/assets/")) {
      res.writeHead(200, { ...deployment.pageHeaders, "Content-Type": "text/javascript" }).end("export {};");
      return;
    }
    res
      .writeHead(200, { ...deployment.pageHeaders, "Content-Type": "text/html" })
      .end('<!doctype html><script type="module" src="/assets/index-abc.js"></script>');
  };
}

let server: Server | undefined;
afterEach(() => server?.close());

async function deployed(deployment: Deployment): Promise<string> {
  server = createServer(answer(deployment));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Runs the script as `npm run operator` does; resolves with its output and exit code. */
function check(args: string[], env: Record<string, string> = {}): Promise<{ lines: string[]; code: number }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/operator.ts", "check", ...args],
      { env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout) => {
        resolve({ lines: stdout.trim().split("\n"), code: error ? Number(error.code) : 0 });
      },
    );
  });
}

function euConfig(databaseJurisdiction: string): string {
  const dir = mkdtempSync(join(tmpdir(), "operator-check-"));
  const path = join(dir, "wrangler.toml");
  writeFileSync(
    path,
    `name = "x"\n[env.eu]\nname = "x-eu"\n[env.eu.vars]\nDO_JURISDICTION = "eu"\n` +
      `[[env.eu.d1_databases]]\nbinding = "DB"\ndatabase_id = "1"\n${databaseJurisdiction}\n`,
  );
  return path;
}

describe("npm run operator -- check", () => {
  it("passes a complete deployment: one ✓ line per check, exit code 0", async () => {
    const url = await deployed(COMPLETE);
    const { lines, code } = await check(["--url", url, "--token", TOKEN]);
    expect(code).toBe(0);
    expect(lines).toEqual([
      "✓ /api/health answers 200 { ok: true }",
      "✓ security headers on /",
      "✓ security headers on /api/health",
      "✓ security headers on /assets/index-abc.js",
      "✓ /terms is served",
      "✓ /privacy is served",
      "✓ the operator's details for /terms and /privacy are complete",
      "✓ TICKET_SECRET is set",
      "✓ PUBLIC_ORIGIN is set",
      "✓ OPERATOR_NAME is set",
      "✓ TURN: coturn hands out relay credentials",
      "All checks passed.",
    ]);
  });

  it("names what is missing and what to do, and exits with 1", async () => {
    const url = await deployed({
      ...COMPLETE,
      pageHeaders: {
        ...PAGE_HEADERS,
        "Strict-Transport-Security": "",
        "Content-Security-Policy": "script-src 'self' https://cdn.example",
      },
      complete: false,
      settings: [
        { name: "TICKET_SECRET", set: true },
        { name: "MAIL_API_KEY", set: false },
        { name: "OPERATOR_DPO", set: false },
      ],
      relay: "failed",
    });
    const { lines, code } = await check(["--url", url], { OPERATOR_TOKEN: TOKEN });
    expect(code).toBe(1);
    const failed = lines.filter((l) => l.startsWith("✗"));
    expect(failed).toEqual([
      expect.stringMatching(
        /^✗ security headers on \/: .*frame-ancestors 'none'.*another origin: https:\/\/cdn\.example.*Strict-Transport-Security/,
      ),
      expect.stringMatching(/^✗ security headers on \/assets\/index-abc\.js: /),
      "✗ the operator's details are incomplete: set the five OPERATOR_* vars in wrangler.toml (README)",
      "✗ MAIL_API_KEY is missing: run `wrangler secret put MAIL_API_KEY`",
      "✗ OPERATOR_DPO is missing: set OPERATOR_DPO in wrangler.toml's [vars] and deploy again",
      "✗ TURN: coturn gave no credentials: check its key and that the service is up",
    ]);
    expect(lines.at(-1)).toBe("6 check(s) failed.");
  });

  it("without a token reports the checks that need it as skipped, not passed", async () => {
    const url = await deployed(COMPLETE);
    const { lines, code } = await check(["--url", url]);
    expect(lines).toContain("– secrets and vars: skipped (no operator token)");
    expect(lines).toContain("– TURN: skipped (no operator token)");
    expect(lines).not.toContain("✓ TICKET_SECRET is set");
    expect(lines.at(-2)).toMatch(/^2 check\(s\) skipped: give the operator token/);
    expect(code).toBe(0);
  });

  it("warns, without failing, that no relay is configured", async () => {
    const url = await deployed({ ...COMPLETE, relay: "none" });
    const { lines, code } = await check(["--url", url, "--token", TOKEN]);
    expect(lines).toContain(
      "! TURN: no relay configured (ICE_PROVIDER=none): patients behind strict firewalls cannot connect",
    );
    expect(code).toBe(0);
  });

  it("with --env eu checks the deployment's and the local wrangler.toml's EU jurisdiction", async () => {
    const url = await deployed({ ...COMPLETE, doJurisdiction: "" });
    const good = await check([
      "--url",
      url,
      "--token",
      TOKEN,
      "--env",
      "eu",
      "--config",
      euConfig('jurisdiction = "eu"'),
    ]);
    expect(good.lines).toContain("✗ the deployment's DO_JURISDICTION is not eu: deploy with `npm run deploy:eu`");
    expect(good.lines.some((l) => /^✓ .*\[env\.eu\]'s D1 database is in the EU jurisdiction$/.test(l))).toBe(true);
    expect(good.lines.some((l) => /^✓ .*DO_JURISDICTION = "eu"$/.test(l))).toBe(true);
    const bad = await check(["--url", url, "--token", TOKEN, "--env", "eu", "--config", euConfig("")]);
    expect(bad.lines.some((l) => /^✗ .*set jurisdiction = "eu" on \[\[env\.eu\.d1_databases\]\]/.test(l))).toBe(true);
    expect(bad.code).toBe(1);
  });

  it("says so in one line when the deployment does not answer", async () => {
    const url = await deployed(COMPLETE);
    server?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { lines, code } = await check(["--url", url]);
    expect(lines).toEqual([expect.stringMatching(/^✗ http:\/\/127\.0\.0\.1:\d+ does not answer/)]);
    expect(code).toBe(1);
  });
});
