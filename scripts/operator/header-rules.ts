// What the security headers of a deployment's answers must say, in one place: `npm run operator -- check`
// applies it from outside, test/browser/headers.test.ts on every route of the real server. Each rule
// broken is one short sentence; an empty list means the answer is right.

/** A page or static asset (headers from client/public/_headers), or an API answer (worker/security-headers.ts). */
export type AnswerKind = "page" | "asset" | "api";

/** Sources a directive may name: our own origin, nothing, or the page's own data/blob URLs. */
const OWN_SOURCES = new Set(["'self'", "'none'", "data:", "blob:"]);
/** Keywords that are not origins; 'unsafe-inline' is allowed for styles only, never for scripts. */
const KEYWORDS = new Set(["'wasm-unsafe-eval'", "'unsafe-inline'"]);
const SCRIPT_DIRECTIVES = ["script-src", "script-src-elem", "script-src-attr", "default-src"];
/** At least a year, as browsers' preload lists ask. */
const MIN_HSTS_SECONDS = 31_536_000;

function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) parsed.set(name.toLowerCase(), values);
  }
  return parsed;
}

function cspProblems(policy: string | null): string[] {
  if (!policy) return ["no Content-Security-Policy"];
  const parsed = directives(policy);
  const problems: string[] = [];
  if (parsed.get("frame-ancestors")?.join(" ") !== "'none'") problems.push("CSP lacks frame-ancestors 'none'");
  // The first script directive present is the one browsers apply to scripts.
  const scripts = SCRIPT_DIRECTIVES.find((name) => parsed.has(name));
  if (scripts && parsed.get(scripts)?.some((v) => v === "'unsafe-inline'" || v === "'unsafe-eval'")) {
    problems.push(`CSP ${scripts} allows inline script or eval`);
  }
  if (!scripts) problems.push("CSP restricts no scripts (no script-src or default-src)");
  for (const [name, values] of parsed) {
    if (name === "sandbox") continue;
    const foreign = values.filter((v) => !OWN_SOURCES.has(v) && !KEYWORDS.has(v));
    if (foreign.length > 0) problems.push(`CSP ${name} names another origin: ${foreign.join(" ")}`);
  }
  return problems;
}

function permissionsProblems(policy: string | null): string[] {
  if (!policy) return ["no Permissions-Policy"];
  const features = new Map(
    policy.split(",").map((part) => {
      const [name = "", value = ""] = part.trim().split("=");
      return [name.trim(), value.trim()] as const;
    }),
  );
  return ["camera", "microphone", "display-capture"]
    .filter((feature) => features.get(feature) !== "(self)")
    .map((feature) => `Permissions-Policy does not limit ${feature} to (self)`);
}

function hstsProblems(value: string | null): string[] {
  const maxAge = Number(/max-age=(\d+)/i.exec(value ?? "")?.[1] ?? 0);
  if (maxAge < MIN_HSTS_SECONDS) return ["no Strict-Transport-Security of at least a year"];
  return /includeSubDomains/i.test(value ?? "") ? [] : ["Strict-Transport-Security lacks includeSubDomains"];
}

/** The rules `headers` break, as short sentences; empty when they are right. */
export function headerProblems(headers: Headers, kind: AnswerKind): string[] {
  const problems = [
    ...cspProblems(headers.get("Content-Security-Policy")),
    ...permissionsProblems(headers.get("Permissions-Policy")),
    ...hstsProblems(headers.get("Strict-Transport-Security")),
  ];
  if (headers.get("Referrer-Policy") !== "no-referrer") problems.push("Referrer-Policy is not no-referrer");
  if (headers.get("X-Content-Type-Options") !== "nosniff") problems.push("X-Content-Type-Options is not nosniff");
  // API answers carry sessions, names, tickets: nothing may keep them.
  if (kind === "api" && !/\bno-store\b/.test(headers.get("Cache-Control") ?? "")) {
    problems.push("Cache-Control is not no-store");
  }
  return problems;
}
