import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../schema/messages.ts";
import { api, freshRateWindow, openSocket, providerWithSession } from "./helpers.ts";

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  api("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password }), headers });

describe("login", () => {
  it("sets an HttpOnly, SameSite session cookie that opens /api/auth/me", async () => {
    const { cookie, email, password } = await providerWithSession();
    const me = await api("/api/auth/me", { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email });
    const setCookie = (await login(email, password)).headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^anteroom_session=/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
  });

  it("over https names the cookie __Host- and makes it Secure, for the whole site and no other host", async () => {
    const { email, password } = await providerWithSession();
    const res = await api("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email, password }),
      url: "https://anteroom.test",
      headers: { Origin: "https://anteroom.test" },
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^__Host-anteroom_session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(";")[0] ?? "";
    expect((await api("/api/auth/me", { url: "https://anteroom.test", headers: { Cookie: cookie } })).status).toBe(200);
  });

  it("answers a wrong password with 401, a stable code and no cookie", async () => {
    const { email } = await providerWithSession();
    const res = await login(email, "wrong");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "wrong-credentials" });
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const { email } = await providerWithSession();
    const wrongPassword = await login(email, "wrong");
    const unknownEmail = await login("nobody@example.test", "whatever");
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(await unknownEmail.json()).toEqual(await wrongPassword.json());
  });

  it("refuses malformed JSON and missing fields with 400, a code and a message", async () => {
    const broken = await api("/api/auth/login", { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: "invalid-input", error: expect.any(String) });
    const missing = await api("/api/auth/login", { method: "POST", body: JSON.stringify({ email: "x@example.test" }) });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/password/);
  });

  it("refuses JSON from another site, and a logged-in request that does not say where it comes from", async () => {
    const { email, password, cookie } = await providerWithSession();
    const foreign = await login(email, password, { Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: "cross-site" });
    expect(foreign.headers.get("Set-Cookie")).toBeNull();
    const patch = (headers: Record<string, string>) =>
      exports.default.fetch(
        new Request("http://anteroom.test/api/account/profile", {
          method: "PATCH",
          headers: { "Content-Type": "application/json", Cookie: cookie, ...headers },
          body: JSON.stringify({ displayName: "Dr. Forged" }),
        }),
      );
    expect((await patch({ Origin: "https://evil.example" })).status).toBe(403);
    expect((await patch({ Origin: "null" })).status).toBe(403);
    expect((await patch({})).status).toBe(403);
    const me = await api("/api/auth/me", { headers: { Cookie: cookie } });
    expect(((await me.json()) as { displayName: string }).displayName).not.toBe("Dr. Forged");
    expect((await patch({ Origin: "http://anteroom.test" })).status).toBe(200);
  });

  it("refuses a form posted from another site", async () => {
    const { email, password } = await providerWithSession();
    const res = await login(email, password, { Origin: "https://evil.example", "Content-Type": "text/plain" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "cross-site" });
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("logs out: the cookie stops working", async () => {
    const { cookie } = await providerWithSession();
    expect((await api("/api/auth/logout", { method: "POST", headers: { Cookie: cookie } })).status).toBe(204);
    expect((await api("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
  });
});

describe("login throttling", () => {
  it("stops password guessing on one account with 429 and Retry-After, whatever the client address", async () => {
    await freshRateWindow();
    const { email, password } = await providerWithSession();
    // The platform counts in fixed one-minute windows; one may roll over mid-loop, hence the room.
    const statuses: number[] = [];
    while (statuses.at(-1) !== 429 && statuses.length < 22) {
      statuses.push((await login(email, `guess-${statuses.length}`)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    // Nine wrong guesses at least (the set-up logged in once) before the refusal.
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    // The right password does not get through either while the account is throttled.
    const refused = await login(email, password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "rate-limited", error: expect.any(String) });
    expect(refused.headers.get("Set-Cookie")).toBeNull();
  });

  it("stops one client guessing across many accounts", async () => {
    await freshRateWindow();
    const client = { "CF-Connecting-IP": "203.0.113.77" };
    const statuses: number[] = [];
    while (statuses.at(-1) !== 429 && statuses.length < 62) {
      statuses.push((await login(`someone-${statuses.length}@example.test`, "guess", client)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    // Another client is not affected.
    expect((await login("someone-0@example.test", "guess")).status).toBe(401);
  });
});

describe("a provider's sockets live no longer than their session", () => {
  it("logout closes the dashboard's socket with 4401, and the same cookie cannot open a new one", async () => {
    const { cookie } = await providerWithSession();
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: cookie });
    if (!("ws" in dashboard)) throw new Error("no socket");
    await dashboard.next("queue");
    expect((await api("/api/auth/logout", { method: "POST", headers: { Cookie: cookie } })).status).toBe(204);
    expect((await dashboard.whenClosed()).code).toBe(CloseCode.unauthorized);
    const again = await openSocket("/api/ws/waiting", { Cookie: cookie });
    expect("ws" in again && (await again.whenClosed()).code).toBe(CloseCode.unauthorized);
  });

  it("logging out everywhere closes the sockets of every session and ends them all", async () => {
    const first = await providerWithSession();
    const second = await login(first.email, first.password);
    const otherCookie = (second.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    const tabs = await Promise.all(
      [first.cookie, otherCookie].map((Cookie) => openSocket("/api/ws/waiting", { Cookie })),
    );
    for (const tab of tabs) if ("ws" in tab) await tab.next("queue");
    const res = await api("/api/auth/logout-everywhere", { method: "POST", headers: { Cookie: first.cookie } });
    expect(res.status).toBe(204);
    for (const tab of tabs) expect("ws" in tab && (await tab.whenClosed()).code).toBe(CloseCode.unauthorized);
    expect((await api("/api/auth/me", { headers: { Cookie: otherCookie } })).status).toBe(401);
  });
});
