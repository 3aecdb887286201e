// Headers on every route: every operation of the OpenAPI document, every client page and every static
// asset, asked of the suite's one real server (`npm start`'s wrangler dev, so client/public/_headers
// applies as deployed), carries the security headers: a CSP without inline script or another origin and
// with frame-ancestors 'none', camera, microphone and screen for our origin only, no referrer, HSTS,
// nosniff, and no-store on every API answer (they hold sessions, names, tickets). Any status is fine:
// refusals need the headers as much as successes. The rules are scripts/operator/header-rules.ts, which
// `npm run operator -- check` applies to a deployment.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { type AnswerKind, headerProblems } from "../../scripts/operator/header-rules.ts";

const baseUrl = inject("baseUrl");

/** Every client route of client/src/main.tsx, a parameter filled with a dummy, and the legal pages. */
const PAGES = [
  "/",
  "/login",
  "/signup",
  "/confirm",
  "/forgot-password",
  "/reset",
  "/join-practice",
  "/account",
  "/practice",
  "/dashboard",
  "/account-deleted",
  "/j/x",
  "/r/a/b",
  "/join",
  "/c/x",
  "/terms",
  "/privacy",
  "/no-such-page",
];

const ASSETS_DIR = "dist/client";
/** Files wrangler reads as configuration, not served. */
const NOT_SERVED = new Set(["_headers", "_redirects"]);

function staticFiles(): string[] {
  return readdirSync(ASSETS_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(ASSETS_DIR, join(entry.parentPath, entry.name))}`)
    .filter((path) => !NOT_SERVED.has(path.slice(1)));
}

async function operations(): Promise<{ method: string; path: string }[]> {
  const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, "x") })),
  );
}

/** A browser's request: writes come from our own origin with an (invalid) JSON body, refused before any work. */
function request(method: string, path: string): Promise<Response> {
  const writes = method !== "GET" && method !== "HEAD";
  return fetch(`${baseUrl}${path}`, {
    method,
    redirect: "manual",
    headers: writes ? { Origin: baseUrl, "Content-Type": "application/json" } : { "Sec-Fetch-Mode": "navigate" },
    body: writes ? "{}" : undefined,
  });
}

async function problemsOf(method: string, path: string, kind: AnswerKind) {
  const res = await request(method, path);
  await res.body?.cancel();
  return { route: `${method} ${path} (${res.status})`, problems: headerProblems(res.headers, kind), res };
}

describe("Headers on every route", () => {
  it("every operation of the OpenAPI document answers with the security headers and Cache-Control: no-store", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(50);
    const wrong: Record<string, string[]> = {};
    for (const { method, path } of ops) {
      const { route, problems } = await problemsOf(method, path, "api");
      if (problems.length) wrong[route] = problems;
    }
    expect(wrong).toEqual({});
  });

  it("the API's own documents and unknown API paths carry them too", async () => {
    const wrong: Record<string, string[]> = {};
    for (const path of ["/api/openapi.json", "/api/health", "/api/no-such-route"]) {
      const { route, problems } = await problemsOf("GET", path, "api");
      if (problems.length) wrong[route] = problems;
    }
    expect(wrong).toEqual({});
  });

  it("every client page is the app's page, with the pages' policy", async () => {
    const wrong: Record<string, string[]> = {};
    for (const path of PAGES) {
      const { route, problems, res } = await problemsOf("GET", path, "page");
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type"), path).toContain("text/html");
      if (problems.length) wrong[route] = problems;
    }
    expect(wrong).toEqual({});
  });

  it("every static asset carries them; only the blur worker's files may run wasm", async () => {
    const files = staticFiles();
    expect(files).toContain("/index.html");
    expect(files.some((f) => f.startsWith("/assets/"))).toBe(true);
    const wrong: Record<string, string[]> = {};
    for (const path of files) {
      const { route, problems, res } = await problemsOf("GET", path, "asset");
      expect(res.status, path).toBeLessThan(400);
      if (problems.length) wrong[route] = problems;
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      if (path.startsWith("/blur/")) expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval'");
      else expect(csp, path).not.toContain("wasm-unsafe-eval");
    }
    expect(wrong).toEqual({});
  });
});
