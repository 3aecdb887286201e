// An operator deploys with `wrangler deploy` or `wrangler deploy --env eu`. Both must work, the EU
// environment must really keep data in the EU (environments inherit no bindings), and what is uploaded
// (the script and the argon2 wasm) must stay within the standing budget of 150 KB gzip.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
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

type Metafile = {
  inputs: Record<string, { imports: { path: string }[] }>;
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
};

function dryRun(...args: string[]) {
  const outdir = mkdtempSync(join(tmpdir(), "anteroom-dry-"));
  try {
    const metafile = join(outdir, "meta.json");
    const result = spawnSync(
      "node_modules/.bin/wrangler",
      ["deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile, ...args],
      { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
    );
    const ok = result.status === 0;
    const script = ok ? readFileSync(join(outdir, "index.js"), "utf8") : "";
    const meta: Metafile = ok ? JSON.parse(readFileSync(metafile, "utf8")) : { inputs: {}, outputs: {} };
    return {
      status: result.status,
      output: `${result.stdout}${result.stderr}`,
      // What is uploaded, as the budget counts it: the minified script and every wasm module beside it.
      uploadGzip: ok
        ? readdirSync(outdir)
            .filter((file) => /\.(js|mjs|wasm)$/.test(file))
            .reduce((sum, file) => sum + gzipSync(readFileSync(join(outdir, file)), { level: 9 }).length, 0)
        : undefined,
      inputs: meta.inputs,
      script,
      // The modules of which some code is in the upload: an imported module whose exports all go unused is not.
      bundled: Object.values(meta.outputs).flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([module]) => module),
      ),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// zod reaches some modules through `import * as`, where a name missing from a stand-in is undefined, not an
// error at bundling: each stand-in offers every name of the module it replaces.
describe("zod's stand-ins in the deployed Worker", () => {
  it.each([
    ["v4/core/compile.js", "worker/zod-compile.ts"],
    ["v4/classic/from-json-schema.js", "worker/zod-from-json-schema.ts"],
    ["v4/core/to-json-schema.js", "worker/zod-to-json-schema.ts"],
    ["v4/core/json-schema-generator.js", "worker/zod-to-json-schema.ts"],
    ["v4/core/json-schema-processors.js", "worker/zod-json-schema-processors.ts"],
  ])("zod/%s is replaced by %s with all its names", async (original, standIn) => {
    const names = async (path: string) => Object.keys((await import(path)) as object);
    const offered = await names(`../../${standIn}`);
    const missing = (await names(`../../node_modules/zod/${original}`)).filter((name) => !offered.includes(name));
    expect(missing).toEqual([]);
  });
});

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

  it.each([
    ["default", []],
    ["eu", ["--env", "eu"]],
  ] as const)(
    "the %s environment's upload (script and wasm) stays under 150 KB gzip, with zod's English locale and no generators",
    (_name, args) => {
      const { status, uploadGzip, inputs, bundled, script } = dryRun(...args);
      expect(status).toBe(0);
      expect.soft(uploadGzip).toBeLessThan(150 * 1024);
      const modules = Object.keys(inputs);
      // `[alias]` replaces zod's index of locales; if zod renames that import, all 63 locales come back.
      expect.soft(modules.filter((m) => /\/zod\/v4\/locales\//.test(m))).toEqual([expect.stringMatching(/\/en\.js$/)]);
      // Nor does zod's compiled fast path, its JSON Schema importer or its JSON Schema generator (stand-ins keep
      // zod's fallbacks; of the processors only `aggregateChecks`, which schemas' `minLength` and the like read).
      expect
        .soft(
          modules.filter((m) =>
            /\/zod\/v4\/.*\/(compile|from-json-schema|to-json-schema|json-schema-generator)\.js$/.test(m),
          ),
        )
        .toEqual([]);
      // Nor the OpenAPI generator: the document comes from `npm run build` (scripts/openapi-document.ts).
      expect.soft(modules.filter((m) => m.includes("/@asteasolutions/zod-to-openapi/"))).toEqual([]);
      // Nor drizzle's PostgreSQL columns and tables: SQLite's queries only ask two questions of them.
      expect.soft(modules.filter((m) => m.includes("/drizzle-orm/pg-core/"))).toEqual([]);
      // Nor hono's RegExpRouter and SmartRouter: every app routes with the TrieRouter (worker/router.ts). (hono's
      // `createApp` still imports hono's own class, unused: only what reaches the upload counts.)
      expect.soft(bundled.filter((m) => /\/hono\/dist\/router\/(reg-exp|smart)-router\//.test(m))).toEqual([]);
      expect.soft(bundled.filter((m) => m.endsWith("/hono/dist/hono.js"))).toEqual([]);
      // Nor the routes' summaries and responses, which only the generator reads (worker/routes/describe.ts).
      expect.soft(script).not.toMatch(/\b(summary|responses):/);
      // The alias matches an import's text wherever it appears: only the module it was meant for may be redirected.
      const meantFor: [string, RegExp][] = [
        ["worker/zod-locales.ts", /\/zod\/v4\//],
        ["worker/zod-compile.ts", /\/zod\/v4\//],
        ["worker/zod-from-json-schema.ts", /\/zod\/v4\//],
        ["worker/zod-to-json-schema.ts", /\/zod\/v4\//],
        ["worker/zod-json-schema-processors.ts", /\/zod\/v4\//],
        ["worker/zod-to-openapi.ts", /\/@hono\/zod-openapi\//],
        ["worker/openapi-route-assets.ts", /^worker\/app\.ts$/],
        ["worker/drizzle-pg-core.ts", /\/drizzle-orm\/(sql\/sql|relations)\.js$/],
        ["worker/hono-trie-router.ts", /\/hono\/dist\/index\.js$/],
        ["worker/routes/openapi-prebuilt-deployed.ts", /^worker\/routes\/describe\.ts$/],
      ];
      for (const [standIn, importer] of meantFor) {
        const importers = modules.filter((m) => inputs[m]!.imports.some((i) => i.path === standIn));
        expect(importers.length, standIn).toBeGreaterThan(0);
        for (const m of importers) expect(m).toMatch(importer);
      }
    },
  );
});
