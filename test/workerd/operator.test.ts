import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { OutboxMail } from "../../durable-objects/outbox.ts";
import { practices, providers } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, apiWith, confirmedProvider, ORIGIN, unique } from "./helpers.ts";

const OPERATOR_TOKEN = env.OPERATOR_TOKEN;
const STRONG = "a sturdy passphrase 42";

const body = (adminEmail: string, extra: Record<string, unknown> = {}) => ({
  practiceName: `Praxis ${adminEmail.split("@")[0]}`,
  adminName: "Dr. Erste",
  adminEmail,
  ...extra,
});

/** The operator's call, as scripts/operator.ts makes it: JSON with a bearer token, no browser Origin. */
const createPractice = (payload: unknown, token: string | null = OPERATOR_TOKEN) =>
  api("/api/operator/practices", {
    method: "POST",
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
  });

const withVars = (vars: Record<string, string>, payload: unknown) =>
  apiWith(vars, "/api/operator/practices", {
    method: "POST",
    headers: { Authorization: `Bearer ${OPERATOR_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });

const newAddress = () => `${unique("admin")}@example.test`.toLowerCase();
const providerByEmail = (email: string) =>
  database(env.DB).query.providers.findFirst({ where: eq(providers.email, email) });

async function mailsTo(email: string): Promise<OutboxMail[]> {
  return ((await (await api("/dev/outbox.json")).json()) as OutboxMail[]).filter((mail) => mail.to === email);
}

describe("the operator creates a practice and its first admin", () => {
  it("answers 201, and the mailed link lets the admin set their own password and log in", async () => {
    const email = newAddress();
    const res = await createPractice(body(email, { language: "de" }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { practiceId: string; providerId: string };

    const provider = await providerByEmail(email);
    expect(provider).toMatchObject({
      id: created.providerId,
      practiceId: created.practiceId,
      role: "admin",
      displayName: "Dr. Erste",
      language: "de",
      emailConfirmedAt: null,
    });
    const practice = await database(env.DB).query.practices.findFirst({
      where: eq(practices.id, created.practiceId),
    });
    expect(practice?.name).toBe(`Praxis ${email.split("@")[0]}`);

    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("Ihr Anteroom-Konto: Passwort festlegen");
    expect(mail?.html).toMatch(new RegExp(`<a href="${ORIGIN}/reset#[A-Za-z0-9_-]{43}"`));
    const token = mail?.text.match(/\/reset#([A-Za-z0-9_-]{43})/)?.[1];
    expect(token).toBeDefined();

    const reset = await api("/api/auth/reset-password", {
      method: "POST",
      body: JSON.stringify({ token, password: STRONG }),
    });
    expect(reset.status).toBe(204);
    expect((await providerByEmail(email))?.emailConfirmedAt).toEqual(expect.any(Number));
    const login = await api("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password: STRONG }) });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ role: "admin", practice: { id: created.practiceId } });
  });

  it("works whatever the deployment's SIGNUP setting", async () => {
    for (const mode of ["closed", "invite"]) {
      const res = await withVars({ SIGNUP: mode }, body(newAddress()));
      expect(res.status).toBe(201);
    }
  });

  it("refuses an address that has an account with 409 email-taken, changing nothing", async () => {
    const existing = await confirmedProvider();
    const res = await createPractice(body(existing.email));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "email-taken" });
    expect((await providerByEmail(existing.email))?.practiceId).toBe(existing.practiceId);
    expect(await mailsTo(existing.email)).toEqual([]);
  });

  it("refuses a malformed body with 400", async () => {
    const res = await createPractice({ practiceName: "", adminName: "X", adminEmail: "nope" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid-input" });
  });

  it("leaves nothing behind when the welcome mail cannot be sent", async () => {
    const email = newAddress();
    const res = await withVars(
      { MAILER: "http", MAIL_API_URL: "http://127.0.0.1:9/none", MAIL_API_KEY: "k" },
      body(email),
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: "misconfigured" });
    expect(await providerByEmail(email)).toBeUndefined();
  });
});

describe("the operator route's guard", () => {
  it("answers 401 without a token and with a wrong one, creating nothing", async () => {
    for (const token of [null, "wrong-token-wrong-token-wrong-token-wrong", `${OPERATOR_TOKEN}x`]) {
      const email = newAddress();
      const res = await createPractice(body(email), token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "unauthenticated" });
      expect(await providerByEmail(email)).toBeUndefined();
    }
  });

  it("does not exist (404) when the deployment has no OPERATOR_TOKEN", async () => {
    const email = newAddress();
    const res = await withVars({ OPERATOR_TOKEN: "" }, body(email));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not-found" });
    expect(await providerByEmail(email)).toBeUndefined();
  });
});
