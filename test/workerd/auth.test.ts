import { describe, expect, it } from "vitest";
import { api, providerWithSession } from "./helpers.ts";

describe("login", () => {
  it("sets an HttpOnly session cookie that opens /api/auth/me", async () => {
    const { cookie, email } = await providerWithSession();
    const me = await api("/api/auth/me", { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email });
  });

  it("answers a wrong password with 401 and a message, and sets no cookie", async () => {
    const { email } = await providerWithSession();
    const res = await api("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password: "wrong" }) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Wrong e-mail or password." });
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const res = await api("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email: "nobody@example.test", password: "whatever" }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Wrong e-mail or password." });
  });

  it("refuses malformed JSON and missing fields with 400 and a message", async () => {
    const broken = await api("/api/auth/login", { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    expect((await broken.json()) as object).toHaveProperty("error");
    const missing = await api("/api/auth/login", { method: "POST", body: JSON.stringify({ email: "x@example.test" }) });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/password/);
  });

  it("logs out: the cookie stops working", async () => {
    const { cookie } = await providerWithSession();
    expect((await api("/api/auth/logout", { method: "POST", headers: { Cookie: cookie } })).status).toBe(204);
    expect((await api("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
  });
});
