// An operator deploys with `wrangler deploy` or `wrangler deploy --env eu`. Both must work, and the
// EU environment must really keep data in the EU: environments inherit no bindings.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";

type Binding = { binding?: string; name?: string; class_name?: string; jurisdiction?: string; migrations_dir?: string };
type Section = {
  ratelimits?: { name: string; simple?: { limit: number; period: number } }[];
  d1_databases?: Binding[];
  durable_objects?: { bindings?: Binding[] };
  vars?: Record<string, string>;
  triggers?: { crons?: string[] };
  compatibility_date?: string;
  env?: Record<string, Section>;
};

const config = parse(readFileSync("wrangler.toml", "utf8")) as Section;
const eu = config.env?.eu ?? {};

function dryRun(...args: string[]) {
  const outdir = mkdtempSync(join(tmpdir(), "anteroom-dry-"));
  try {
    const result = spawnSync("node_modules/.bin/wrangler", ["deploy", "--dry-run", "--outdir", outdir, ...args], {
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe("wrangler.toml", () => {
  it("the EU environment repeats every binding of the default one", () => {
    const names = (s: Section) => ({
      d1: (s.d1_databases ?? []).map((b) => b.binding).sort(),
      objects: (s.durable_objects?.bindings ?? []).map((b) => `${b.name}:${b.class_name}`).sort(),
      vars: Object.keys(s.vars ?? {}).sort(),
      crons: s.triggers?.crons ?? [],
      ratelimits: (s.ratelimits ?? []).map((r) => `${r.name}:${r.simple?.limit}/${r.simple?.period}s`).sort(),
    });
    expect(names(eu)).toEqual(names(config));
    expect(names(config).objects).toEqual(["CONSULTATION:Consultation", "OUTBOX:Outbox", "WAITING_ROOM:WaitingRoom"]);
  });

  it("the EU environment keeps D1 and Durable Objects in the EU jurisdiction", () => {
    // wrangler does not validate these values; a typo would silently deploy outside the EU.
    expect(eu.d1_databases?.map((d) => d.jurisdiction)).toEqual(["eu"]);
    expect(eu.vars?.DO_JURISDICTION).toBe("eu");
    expect(config.vars?.DO_JURISDICTION).toBe("");
  });

  it("keeps a compatibility date the test runtime supports", () => {
    expect(config.compatibility_date! <= "2026-11-09").toBe(true);
  });

  it.each([
    ["default", []],
    ["eu", ["--env", "eu"]],
  ] as const)("`wrangler deploy --dry-run` succeeds for the %s environment", (_name, args) => {
    const { status, output } = dryRun(...args);
    expect(output).toContain("env.WAITING_ROOM (WaitingRoom)");
    expect(output).toContain("env.CONSULTATION (Consultation)");
    expect(status).toBe(0);
  });
});
