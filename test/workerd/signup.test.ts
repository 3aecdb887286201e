import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { OutboxMail } from "../../durable-objects/outbox.ts";
import { CloseCode } from "../../schema/messages.ts";
import { accountTokens, practices, providers } from "../../schema/tables.ts";
import { sha256Hex } from "../../worker/crypto.ts";
import { database } from "../../worker/db.ts";
import {
  api,
  apiSettled,
  apiWith,
  confirmedProvider,
  freshRateWindow,
  openSocket,
  providerWithSession,
  rowCounts,
  unique,
} from "./helpers.ts";

const STRONG = "a sturdy passphrase 42";
const db = () => database(env.DB);

// Settled: forgot-password and resend mail after answering (waitUntil); the tests read the outbox after that.
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  apiSettled(path, { method: "POST", body: JSON.stringify(body), headers });

const newAddress = () => `${unique("new")}@example.test`.toLowerCase();

const signupBody = (email: string, extra: Record<string, unknown> = {}) => ({
  name: "Dr. Hanna Berg",
  email,
  password: STRONG,
  practiceName: `Praxis ${email.split("@")[0]}`,
  ...extra,
});

const signup = (email: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post("/api/auth/signup", signupBody(email, extra), headers);

const login = (email: string, password: string) => post("/api/auth/login", { email, password });

/** The mails the local outbox holds for one address, newest first. */
async function mailsTo(email: string): Promise<OutboxMail[]> {
  const res = await api("/dev/outbox.json");
  expect(res.status).toBe(200);
  return ((await res.json()) as OutboxMail[]).filter((mail) => mail.to === email);
}

/** The token of the newest mailed link to `page`, as a person would copy it from the mail. */
async function mailedToken(email: string, page: "confirm" | "reset"): Promise<string> {
  for (const mail of await mailsTo(email)) {
    const token = mail.text.match(new RegExp(`/${page}#([A-Za-z0-9_-]{43})`))?.[1];
    if (token) return token;
  }
  throw new Error(`no ${page} link mailed to ${email}`);
}

const providerByEmail = (email: string) => db().query.providers.findFirst({ where: eq(providers.email, email) });

const practicesNamed = (name: string) => db().select().from(practices).where(eq(practices.name, name));

describe("sign-up", () => {
  it("creates an unconfirmed admin of a new practice and mails a link that confirms the address", async () => {
    const email = newAddress();
    const res = await signup(email);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true });

    const provider = await providerByEmail(email);
    expect(provider).toMatchObject({ role: "admin", displayName: "Dr. Hanna Berg", emailConfirmedAt: null });
    expect(await practicesNamed(`Praxis ${email.split("@")[0]}`)).toHaveLength(1);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("Please confirm your e-mail address");

    const confirmed = await post("/api/auth/confirm", { token: await mailedToken(email, "confirm") });
    expect(confirmed.status).toBe(204);
    expect((await providerByEmail(email))?.emailConfirmedAt).toEqual(expect.any(Number));
    expect((await login(email, STRONG)).status).toBe(200);
  });

  it("mails in the language chosen at sign-up", async () => {
    const email = newAddress();
    expect((await signup(email, { language: "de" })).status).toBe(202);
    expect((await providerByEmail(email))?.language).toBe("de");
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
    expect(mail?.text).toMatch(/\/confirm#/);
  });

  it("answers a sign-up with a confirmed address exactly like a new one, writes nothing, and tells the owner by mail", async () => {
    const owner = await confirmedProvider();
    const fresh = await signup(newAddress());
    const before = await rowCounts();
    const duplicate = await signup(owner.email, { practiceName: `Intruder ${owner.email.split("@")[0]}` });
    // Not a row more or less in any table.
    expect(await rowCounts()).toEqual(before);
    expect(duplicate.status).toBe(fresh.status);
    expect(await duplicate.json()).toEqual(await fresh.json());

    expect(await practicesNamed(`Intruder ${owner.email.split("@")[0]}`)).toEqual([]);
    expect((await providerByEmail(owner.email))?.practiceId).toBe(owner.practiceId);
    // The owner's password still works: nothing about the account changed.
    expect((await login(owner.email, owner.password)).status).toBe(200);

    const [mail] = await mailsTo(owner.email);
    expect(mail?.subject).toBe("Sign-up with your address");
    expect(mail?.text).toContain(`${"http://anteroom.test"}/login`);
    expect(mail?.text).not.toMatch(/#[A-Za-z0-9_-]{43}/);
    expect(mail?.text).not.toContain("Intruder");
  });

  it("a second sign-up for an unconfirmed address lets the mailbox owner choose the password: the first sign-up's password never logs in", async () => {
    const email = newAddress();
    // Someone signs up first with this address and a password of their own…
    expect((await signup(email, { password: "the first sign-up's password" })).status).toBe(202);
    const first = await mailedToken(email, "confirm");
    // …then the owner signs up: same answer, no second practice, and a link to choose the password.
    expect((await signup(email, { practiceName: `Second ${email.split("@")[0]}` })).status).toBe(202);
    expect(await practicesNamed(`Second ${email.split("@")[0]}`)).toEqual([]);
    const choose = await mailedToken(email, "reset");
    const owner = "the mailbox owner's passphrase";
    expect((await post("/api/auth/reset-password", { token: choose, password: owner })).status).toBe(204);
    expect((await post("/api/auth/login", { email, password: "the first sign-up's password" })).status).toBe(401);
    expect((await post("/api/auth/login", { email, password: owner })).status).toBe(200);
    // The first confirmation link is spent: the address is confirmed already.
    expect((await post("/api/auth/confirm", { token: first })).status).toBe(404);
  });

  it("refuses short and common passwords with their codes and writes nothing", async () => {
    const cases = [
      ["short pw", "password-too-short"],
      ["Password1234", "password-too-common"],
    ] as const;
    for (const [password, code] of cases) {
      const email = newAddress();
      const before = await rowCounts();
      const res = await signup(email, { password });
      expect(await rowCounts()).toEqual(before);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code, error: expect.any(String) });
      expect(await providerByEmail(email)).toBeUndefined();
      expect(await mailsTo(email)).toEqual([]);
    }
  });

  it("refuses malformed input with 400 invalid-input", async () => {
    const res = await post("/api/auth/signup", { ...signupBody("not-an-address") });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid-input" });
  });

  it("is refused with 403 signup-closed when SIGNUP is invite or closed, and writes nothing", async () => {
    for (const mode of ["invite", "closed"]) {
      const email = newAddress();
      const before = await rowCounts();
      const res = await apiWith({ SIGNUP: mode }, "/api/auth/signup", {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "http://anteroom.test" },
        body: JSON.stringify(signupBody(email)),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "signup-closed" });
      expect(await rowCounts()).toEqual(before);
      expect(await providerByEmail(email)).toBeUndefined();
    }
  });

  it("leaves no account behind when the confirmation mail cannot be sent", async () => {
    const email = newAddress();
    // Nothing listens on port 9 here: the mail API is unreachable at once.
    const unreachable = { MAILER: "http", MAIL_API_URL: "http://127.0.0.1:9/none", MAIL_API_KEY: "k" };
    const unconfigured = { MAILER: "http", MAIL_API_URL: "", MAIL_API_KEY: "" };
    for (const vars of [unreachable, unconfigured]) {
      const before = await rowCounts();
      const res = await apiWith(vars, "/api/auth/signup", {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "http://anteroom.test" },
        body: JSON.stringify(signupBody(email)),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: "misconfigured" });
      expect(await rowCounts()).toEqual(before);
      expect(await providerByEmail(email)).toBeUndefined();
      expect(await practicesNamed(`Praxis ${email.split("@")[0]}`)).toEqual([]);
    }
    // The address is free for a sign-up that works.
    expect((await signup(email)).status).toBe(202);
  });

  it("refuses a sign-up form posted from another site", async () => {
    const email = newAddress();
    const res = await signup(email, {}, { Origin: "https://evil.example", "Content-Type": "text/plain" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "cross-site" });
    expect(await providerByEmail(email)).toBeUndefined();
  });

  it("stops repeated sign-ups for one address with 429 and Retry-After", async () => {
    await freshRateWindow();
    const email = newAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await signup(email)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});

describe("confirmation links", () => {
  it("refuses a forged link with 404 link-invalid and a malformed one with 400", async () => {
    const forged = await post("/api/auth/confirm", { token: "A".repeat(43) });
    expect(forged.status).toBe(404);
    expect(await forged.json()).toMatchObject({ code: "link-invalid" });
    expect((await post("/api/auth/confirm", { token: "short" })).status).toBe(400);
  });

  it("works only once", async () => {
    const email = newAddress();
    await signup(email);
    const token = await mailedToken(email, "confirm");
    expect((await post("/api/auth/confirm", { token })).status).toBe(204);
    const again = await post("/api/auth/confirm", { token });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: "link-invalid" });
  });

  it("refuses an expired link with 410 link-expired, leaves the address unconfirmed, and forgets the link", async () => {
    const email = newAddress();
    await signup(email);
    const token = await mailedToken(email, "confirm");
    await db()
      .update(accountTokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(accountTokens.tokenHash, await sha256Hex(token)));
    const expired = await post("/api/auth/confirm", { token });
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ code: "link-expired" });
    expect((await providerByEmail(email))?.emailConfirmedAt).toBeNull();
    expect((await post("/api/auth/confirm", { token })).status).toBe(404);
  });

  it("resending mails a new link only to an unconfirmed account, and answers every address alike", async () => {
    const unconfirmed = newAddress();
    await signup(unconfirmed);
    const old = await mailedToken(unconfirmed, "confirm");
    const confirmed = await confirmedProvider();
    const unknown = newAddress();

    const answers = await Promise.all(
      [unconfirmed, confirmed.email, unknown].map(async (email) => {
        const res = await post("/api/auth/resend-confirmation", { email });
        return [res.status, await res.json()];
      }),
    );
    expect(answers).toEqual([
      [202, { ok: true }],
      [202, { ok: true }],
      [202, { ok: true }],
    ]);
    expect(await mailsTo(confirmed.email)).toEqual([]);
    expect(await mailsTo(unknown)).toEqual([]);
    const fresh = await mailedToken(unconfirmed, "confirm");
    expect(fresh).not.toBe(old);
    expect((await post("/api/auth/confirm", { token: old })).status).toBe(404);
    expect((await post("/api/auth/confirm", { token: fresh })).status).toBe(204);
  });

  it("stops resending to one address with 429 and Retry-After", async () => {
    await freshRateWindow();
    const email = newAddress();
    const answers: Response[] = [];
    for (let attempt = 0; attempt < 4; attempt++) answers.push(await post("/api/auth/resend-confirmation", { email }));
    expect(answers.map((res) => res.status)).toEqual([202, 202, 202, 429]);
    const refused = answers.at(-1)!;
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "rate-limited" });
  });
});

describe("password reset", () => {
  it("mails a reset link to an existing account and nothing to an unknown address, answering both alike", async () => {
    const { email } = await confirmedProvider();
    const unknown = newAddress();
    const known = await post("/api/auth/forgot-password", { email });
    const other = await post("/api/auth/forgot-password", { email: unknown });
    expect([known.status, other.status]).toEqual([202, 202]);
    expect(await known.json()).toEqual(await other.json());
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("Reset your password");
    expect(mail?.text).toMatch(/\/reset#[A-Za-z0-9_-]{43}/);
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it("sets the new password, ends every session and closes the open dashboard", async () => {
    const { email, password, cookie } = await providerWithSession();
    const dashboard = await openSocket("/api/ws/waiting", { Cookie: cookie });
    if (!("ws" in dashboard)) throw new Error("no socket");
    await dashboard.next("queue");

    await post("/api/auth/forgot-password", { email });
    const token = await mailedToken(email, "reset");
    const res = await post("/api/auth/reset-password", { token, password: "a brand new passphrase" });
    expect(res.status).toBe(204);

    expect((await dashboard.whenClosed()).code).toBe(CloseCode.unauthorized);
    expect((await api("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await login(email, password)).status).toBe(401);
    expect((await login(email, "a brand new passphrase")).status).toBe(200);
    // The link is used up.
    const again = await post("/api/auth/reset-password", { token, password: "yet another passphrase" });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: "link-invalid" });
  });

  it("also confirms an address that was not confirmed yet", async () => {
    const email = newAddress();
    await signup(email);
    await post("/api/auth/forgot-password", { email });
    const token = await mailedToken(email, "reset");
    expect((await post("/api/auth/reset-password", { token, password: "a brand new passphrase" })).status).toBe(204);
    expect((await providerByEmail(email))?.emailConfirmedAt).toEqual(expect.any(Number));
  });

  it("keeps only the newest reset link", async () => {
    const { email } = await confirmedProvider();
    await post("/api/auth/forgot-password", { email });
    const first = await mailedToken(email, "reset");
    await post("/api/auth/forgot-password", { email });
    const second = await mailedToken(email, "reset");
    expect((await post("/api/auth/reset-password", { token: first, password: STRONG })).status).toBe(404);
    expect((await post("/api/auth/reset-password", { token: second, password: STRONG })).status).toBe(204);
  });

  it("refuses a weak new password with its code and leaves the link and the old password working", async () => {
    const { email, password } = await confirmedProvider();
    await post("/api/auth/forgot-password", { email });
    const token = await mailedToken(email, "reset");
    const weak = await post("/api/auth/reset-password", { token, password: "password1234" });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ code: "password-too-common" });
    expect((await login(email, password)).status).toBe(200);
    expect((await post("/api/auth/reset-password", { token, password: STRONG })).status).toBe(204);
  });

  it("refuses an expired link with 410 and a forged one with 404, changing nothing", async () => {
    const { email, password } = await confirmedProvider();
    await post("/api/auth/forgot-password", { email });
    const token = await mailedToken(email, "reset");
    await db()
      .update(accountTokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(accountTokens.tokenHash, await sha256Hex(token)));
    const expired = await post("/api/auth/reset-password", { token, password: STRONG });
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ code: "link-expired" });
    const forged = await post("/api/auth/reset-password", { token: "B".repeat(43), password: STRONG });
    expect(forged.status).toBe(404);
    expect(await forged.json()).toMatchObject({ code: "link-invalid" });
    expect((await login(email, password)).status).toBe(200);
  });

  it("a confirmation link cannot reset a password", async () => {
    const email = newAddress();
    await signup(email);
    const token = await mailedToken(email, "confirm");
    expect((await post("/api/auth/reset-password", { token, password: STRONG })).status).toBe(404);
    // …and is still good for what it was mailed for.
    expect((await post("/api/auth/confirm", { token })).status).toBe(204);
  });

  it("stops reset mails to one address with 429 and Retry-After", async () => {
    await freshRateWindow();
    const { email } = await confirmedProvider();
    const answers: Response[] = [];
    for (let attempt = 0; attempt < 4; attempt++) answers.push(await post("/api/auth/forgot-password", { email }));
    expect(answers.map((res) => res.status)).toEqual([202, 202, 202, 429]);
    expect(Number(answers.at(-1)!.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Three links were mailed, not four.
    expect(await mailsTo(email)).toHaveLength(3);
  });
});

describe("the sign-up mode", () => {
  it("is public, so the login page offers sign-up only where it is open; an unknown setting counts as closed", async () => {
    const mode = async (SIGNUP: string) =>
      ((await (await apiWith({ SIGNUP }, "/api/auth/signup")).json()) as { mode: string }).mode;
    expect(await mode("open")).toBe("open");
    expect(await mode("invite")).toBe("invite");
    expect(await mode("closed")).toBe("closed");
    expect(await mode("opne")).toBe("closed");
  });
});
