import { describe, expect, it } from "vitest";
import { apiWith } from "./helpers.ts";

describe("a deployment without TICKET_SECRET", () => {
  it("answers API calls with 503 and says what is missing, instead of failing with 500", async () => {
    const res = await apiWith({ TICKET_SECRET: "" }, "/api/invites/AAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain("TICKET_SECRET");
  });

  it("still answers the health check, for the operator's monitoring: 503, saying only that configuration is incomplete", async () => {
    const res = await apiWith({ TICKET_SECRET: "" }, "/api/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ code: "misconfigured", error: "The server's configuration is incomplete." });
  });
});

describe("the health check", () => {
  it("answers a configured deployment with 200 { ok: true } and nothing more, uncached", async () => {
    const res = await apiWith({}, "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Server")).toBeNull();
  });
});
