// Every answer of the Worker carries the security headers (the pages and assets get theirs from
// client/public/_headers; test/browser/headers.test.ts walks both on the real server). Here: the routes
// that set a policy of their own keep it, and errors carry the headers as well as successes.
import { describe, expect, it } from "vitest";
import { api, apiWith, providerWithSession, TINY_PNG } from "./helpers.ts";

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
  expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(res.headers.get("Permissions-Policy")).toContain("camera=(self), microphone=(self), display-capture=(self)");
  expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
}

describe("security headers on the Worker's answers", () => {
  it("JSON answers, errors included, allow nothing to load and nothing to frame them, and no cache keeps them", async () => {
    for (const path of ["/api/health", "/api/auth/me", "/api/nothing-here", "/api/invites/AAAAAAAAAAAAAAAAAAAAAA"]) {
      const res = await api(path);
      expectSecurityHeaders(res);
      expect(res.headers.get("Content-Security-Policy"), path).toMatch(/^default-src 'none';/);
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
    }
  });

  it("a misconfigured deployment's 503 carries them too", async () => {
    const res = await apiWith({ TICKET_SECRET: "" }, "/api/auth/me");
    expect(res.status).toBe(503);
    expectSecurityHeaders(res);
  });

  it("the outbox page keeps its own policy (inline style only)", async () => {
    const res = await api("/dev/outbox");
    expectSecurityHeaders(res);
    expect(res.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
  });

  it("a practice's logo keeps its sandbox", async () => {
    const admin = await providerWithSession("a sturdy passphrase 42", { role: "admin" });
    const uploaded = await api("/api/practice/logo", {
      method: "PUT",
      headers: { Cookie: admin.cookie, "Content-Type": "image/png" },
      body: new Uint8Array(TINY_PNG),
    });
    const { logoUrl } = (await uploaded.json()) as { logoUrl: string };
    const res = await api(logoUrl);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  });
});
