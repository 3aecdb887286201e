// Background blur's wasm runs only in its worker under /blur/: that path's CSP (and no other) allows
// 'wasm-unsafe-eval', and the page-wide CSP is detached there, or both policies would apply and block it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** The _headers file as rules: path pattern → header lines (a leading "! " detaches a header). */
function rules(text: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = [];
      parsed.set(line.trim(), current);
      continue;
    }
    current?.push(line.trim());
  }
  return parsed;
}

const headers = rules(readFileSync("client/public/_headers", "utf8"));
const csp = (pattern: string) =>
  (headers.get(pattern) ?? []).find((line) => line.startsWith("Content-Security-Policy:")) ?? "";

describe("CSP for background blur", () => {
  it("the pages' CSP allows no wasm and no eval", () => {
    expect(csp("/*")).toContain("script-src 'self';");
    expect(csp("/*")).not.toContain("wasm-unsafe-eval");
    expect(csp("/*")).not.toContain("unsafe-eval");
  });

  it("/blur/* detaches the page-wide CSP and allows wasm from our own origin only", () => {
    const blur = headers.get("/blur/*") ?? [];
    expect(blur).toContain("! Content-Security-Policy");
    expect(blur.indexOf("! Content-Security-Policy")).toBeLessThan(blur.findIndex((l) => l.startsWith("Content-")));
    expect(csp("/blur/*")).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp("/blur/*")).toContain("connect-src 'self'");
    expect(csp("/blur/*")).not.toMatch(/https?:|\*/);
  });
});
