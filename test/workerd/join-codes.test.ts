// Join codes: made per invitation and shown once, typed by the patient at /join, answered with a pass
// that continues on the link's page. Valid like the link but at most 7 days, stopped by withdrawal,
// cancellation and a new code; every code that does not work answers alike; throttled per client and
// per practice. Date is faked for the edges: D1 and the rate-limit bindings keep running for real.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { JOIN_CODE_VALID_MS, MAX_LIVE_JOIN_CODES, MAX_WRONG_JOIN_CODES_PER_DAY } from "../../schema/limits.ts";
import { appointments, invites, joinCodes, practices } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, providerWithSession } from "./helpers.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const at = (ms: number) => vi.setSystemTime(ms);
let clientSerial = 0;
/** A fresh client address: the per-client limit touches only the test about it. */
const freshClient = () => `203.0.113.${++clientSerial}`;

async function schedule(cookie: string, startsAt: number, durationMinutes = 30) {
  const res = await api("/api/appointments", {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({ title: "Follow-up", startsAt: new Date(startsAt).toISOString(), durationMinutes }),
  });
  expect(res.status).toBe(201);
  const { appointment } = (await res.json()) as { appointment: { id: string } };
  const list = await api(`/api/appointments/${appointment.id}/invitations`, { headers: { Cookie: cookie } });
  const { invitations } = (await list.json()) as { invitations: { id: string }[] };
  return { appointmentId: appointment.id, invitationId: invitations[0]!.id };
}

interface Code {
  code: string;
  shortName: string;
  digits: string;
  validUntil: string;
}

async function makeCode(cookie: string, invitationId: string) {
  const res = await api(`/api/invitations/${invitationId}/code`, { method: "POST", headers: { Cookie: cookie } });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { code: string; validUntil: string };
  // The answer holds the code as shown ("mueller 482 913"); its parts, for typing variations.
  const [shortName = "", first = "", second = ""] = body.code.split(" ");
  return { ...body, shortName, digits: `${first}${second}` } satisfies Code;
}

async function typeCode(code: string, client = freshClient()) {
  const res = await api("/api/join-code", {
    method: "POST",
    headers: { "CF-Connecting-IP": client },
    body: JSON.stringify({ code }),
  });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get("Retry-After") };
}

/** `count` working codes of the practice, written straight to D1 (each with its own appointment and invite). */
async function liveCodes(providerId: string, count: number) {
  const db = database(env.DB);
  const now = Date.now();
  const statements = [];
  const inviteIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const appointmentId = crypto.randomUUID();
    const inviteId = crypto.randomUUID();
    inviteIds.push(inviteId);
    statements.push(
      db.insert(appointments).values({
        id: appointmentId,
        providerId,
        title: "",
        startsAt: now + 3600_000,
        durationMinutes: 30,
        createdAt: now,
      }),
      db.insert(invites).values({
        id: inviteId,
        appointmentId,
        tokenHash: crypto.randomUUID(),
        validFrom: now,
        validUntil: now + 7200_000,
      }),
      db.insert(joinCodes).values({
        inviteId,
        codeHash: crypto.randomUUID(),
        createdAt: now,
        expiresAt: now + JOIN_CODE_VALID_MS,
      }),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return inviteIds;
}

/** The digits next to `digits` (another code of the same practice, almost surely not issued). */
const otherDigits = (digits: string) => String((Number(digits) + 1) % 1_000_000).padStart(6, "0");

describe("join codes", () => {
  it("are shown once as '<short name> ddd ddd' and only their HMAC is stored", async () => {
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const code = await makeCode(provider.cookie, invitationId);
    expect(code.code).toBe(`${code.shortName} ${code.digits.slice(0, 3)} ${code.digits.slice(3)}`);
    expect(code.digits).toMatch(/^[0-9]{6}$/);
    const [row] = await database(env.DB).select().from(joinCodes).where(eq(joinCodes.inviteId, invitationId));
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code.digits);
  });

  it("lead a patient who types one (any case, spaces, hyphens) to the link's page, and on into the waiting room", async () => {
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const code = await makeCode(provider.cookie, invitationId);
    const typed = `  ${code.shortName.toUpperCase()} - ${code.digits.slice(0, 2)} ${code.digits.slice(2)} `;
    const answer = await typeCode(typed);
    expect(answer.status).toBe(200);
    const { path } = JSON.parse(answer.text) as { path: string };
    expect(path).toMatch(/^\/j\/.+/);
    expect(path).not.toContain(code.digits);
    const pass = path.slice("/j/".length);
    const status = await api(`/api/invites/${pass}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: "valid" });
    const join = await api(`/api/invites/${pass}/join`, {
      method: "POST",
      body: JSON.stringify({ name: "Alex", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    });
    expect(join.status).toBe(200);
    expect(await join.json()).toHaveProperty("ticket");
  });

  it("work from when they are made until the link ends, at their exact edges", async () => {
    const start = Date.UTC(2030, 2, 4, 9, 0);
    at(start - 60 * 60_000);
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, start, 30);
    const code = await makeCode(provider.cookie, invitationId);
    // The link's end: the scheduled end plus the default grace of 30 minutes.
    const linkEnd = start + 60 * 60_000;
    expect(Date.parse(code.validUntil)).toBe(linkEnd);
    at(linkEnd - 1);
    expect((await typeCode(code.code)).status).toBe(200);
    at(linkEnd);
    expect((await typeCode(code.code)).status).toBe(404);
  });

  it("work at most 7 days after they are made, even when the link lasts longer", async () => {
    const made = Date.UTC(2030, 5, 1, 8, 0);
    at(made);
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, made + 10 * 86_400_000, 30);
    const code = await makeCode(provider.cookie, invitationId);
    expect(Date.parse(code.validUntil)).toBe(made + JOIN_CODE_VALID_MS);
    at(made + JOIN_CODE_VALID_MS - 1);
    const answer = await typeCode(code.code);
    expect(answer.status).toBe(200);
    const pass = (JSON.parse(answer.text) as { path: string }).path.slice(3);
    at(made + JOIN_CODE_VALID_MS);
    expect((await typeCode(code.code)).status).toBe(404);
    // A pass the code gave lasts no longer than the code itself.
    const status = await api(`/api/invites/${pass}`);
    expect(status.status).toBe(410);
    expect(await status.json()).toMatchObject({ status: "expired" });
  });

  it("stop when the invitation is withdrawn, the appointment cancelled, or a new code is made", async () => {
    const provider = await providerWithSession();
    const first = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const withdrawn = await makeCode(provider.cookie, first.invitationId);
    await api(`/api/invitations/${first.invitationId}/withdraw`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    expect((await typeCode(withdrawn.code)).status).toBe(404);

    const second = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const cancelled = await makeCode(provider.cookie, second.invitationId);
    const pass = (JSON.parse((await typeCode(cancelled.code)).text) as { path: string }).path.slice(3);
    const cancel = await api(`/api/appointments/${second.appointmentId}/cancel`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    expect(cancel.status).toBe(200);
    expect((await typeCode(cancelled.code)).status).toBe(404);
    expect(await (await api(`/api/invites/${pass}`)).json()).toMatchObject({ status: "cancelled" });

    const third = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const old = await makeCode(provider.cookie, third.invitationId);
    const fresh = await makeCode(provider.cookie, third.invitationId);
    if (fresh.digits !== old.digits) expect((await typeCode(old.code)).status).toBe(404);
    expect((await typeCode(fresh.code)).status).toBe(200);
  });

  it("answer a wrong code exactly like an unknown practice or a dead code", async () => {
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const code = await makeCode(provider.cookie, invitationId);
    const wrong = await typeCode(`${code.shortName} ${otherDigits(code.digits)}`);
    const unknownPractice = await typeCode(`nosuchpractice ${code.digits}`);
    const garbage = await typeCode("hello");
    await api(`/api/invitations/${invitationId}/withdraw`, { method: "POST", headers: { Cookie: provider.cookie } });
    const dead = await typeCode(code.code);
    for (const answer of [unknownPractice, garbage, dead]) {
      expect({ status: answer.status, text: answer.text }).toEqual({ status: wrong.status, text: wrong.text });
    }
    expect(wrong.status).toBe(404);
    expect(JSON.parse(wrong.text)).toMatchObject({ code: "join-code-unknown" });
  });

  it("are throttled per client: the sixth attempt in a minute is refused, also a correct one", async () => {
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const code = await makeCode(provider.cookie, invitationId);
    const client = freshClient();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await typeCode(`nosuchpractice 00000${attempt}`, client)).status).toBe(404);
    }
    const refused = await typeCode(code.code, client);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toMatchObject({ code: "rate-limited" });
    expect(refused.retryAfter).toBe("60");
    expect((await typeCode(code.code)).status).toBe(200);
  });

  it("are throttled per practice: after ten wrong codes in a day, even the right one waits for the next day", async () => {
    const day = Date.UTC(2030, 7, 1, 10, 0);
    at(day);
    const provider = await providerWithSession();
    // The next morning: the code still works when the practice's day has turned.
    const { invitationId } = await schedule(provider.cookie, day + 20 * 3600_000);
    const code = await makeCode(provider.cookie, invitationId);
    // Right codes do not count against the practice.
    expect((await typeCode(code.code)).status).toBe(200);
    for (let attempt = 0; attempt < MAX_WRONG_JOIN_CODES_PER_DAY; attempt++) {
      // Each from another client: the practice's limit holds whoever types.
      expect((await typeCode(`${code.shortName} ${otherDigits(code.digits)}`)).status).toBe(404);
    }
    const paused = await typeCode(code.code);
    expect(paused.status).toBe(429);
    expect(JSON.parse(paused.text)).toMatchObject({ code: "join-code-paused" });
    expect(Number(paused.retryAfter)).toBe(14 * 3600);
    // Another practice is not affected.
    const other = await providerWithSession();
    const elsewhere = await schedule(other.cookie, day + 10 * 60_000);
    expect((await typeCode((await makeCode(other.cookie, elsewhere.invitationId)).code)).status).toBe(200);
    at(Date.UTC(2030, 7, 2, 0, 0));
    expect((await typeCode(code.code)).status).toBe(200);
  });

  it("stop when the practice changes its short name", async () => {
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const code = await makeCode(provider.cookie, invitationId);
    const renamed = `r${code.shortName.slice(1)}`;
    const res = await api("/api/practice", {
      method: "PATCH",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ shortName: renamed }),
    });
    expect(res.status).toBe(200);
    expect((await typeCode(code.code)).status).toBe(404);
    expect((await typeCode(`${renamed} ${code.digits}`)).status).toBe(404);
  });

  it("stop with their passes and free their places when the short name changes, and only then", async () => {
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const code = await makeCode(provider.cookie, invitationId);
    const { path } = JSON.parse((await typeCode(code.code)).text) as { path: string };
    const pass = path.slice("/j/".length);
    expect((await api(`/api/invites/${pass}`)).status).toBe(200);
    // The practice's other places are taken: no further code until the rename frees them.
    await liveCodes(provider.id, MAX_LIVE_JOIN_CODES - 1);
    const next = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const nextCode = () =>
      api(`/api/invitations/${next.invitationId}/code`, { method: "POST", headers: { Cookie: provider.cookie } });
    expect((await nextCode()).status).toBe(409);
    const rename = (shortName: string) =>
      api("/api/practice", {
        method: "PATCH",
        headers: { Cookie: provider.cookie },
        body: JSON.stringify({ shortName }),
      });

    // Saving the same short name changes nothing: the code and its pass still work.
    expect((await rename(code.shortName)).status).toBe(200);
    expect((await api(`/api/invites/${pass}`)).status).toBe(200);
    expect((await typeCode(code.code)).status).toBe(200);

    expect((await rename(`r${code.shortName.slice(1)}`)).status).toBe(200);
    const unknown = await api(`/api/invites/${invitationId}.${"A".repeat(43)}`);
    const stopped = await api(`/api/invites/${pass}`);
    expect(stopped.status).toBe(unknown.status);
    expect(await stopped.text()).toBe(await unknown.text());
    expect((await typeCode(code.code)).status).toBe(404);
    expect((await nextCode()).status).toBe(201);
  });

  it("are at most MAX_LIVE_JOIN_CODES working at once per practice; dead ones do not count", async () => {
    const provider = await providerWithSession();
    const db = database(env.DB);
    const now = Date.now();
    const inviteIds = await liveCodes(provider.id, MAX_LIVE_JOIN_CODES);
    const { invitationId } = await schedule(provider.cookie, now + 6 * 60_000);
    const refused = await api(`/api/invitations/${invitationId}/code`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "join-code-unavailable" });
    // One of them lapses: its place is free again.
    await db
      .update(joinCodes)
      .set({ expiresAt: now - 1 })
      .where(eq(joinCodes.inviteId, inviteIds[0]!));
    await makeCode(provider.cookie, invitationId);
  });

  it("go with their invite when it is purged", async () => {
    const provider = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    await makeCode(provider.cookie, invitationId);
    const db = database(env.DB);
    await db.delete(invites).where(eq(invites.id, invitationId));
    expect(await db.select().from(joinCodes).where(eq(joinCodes.inviteId, invitationId))).toEqual([]);
  });

  it("are not made for someone else's invitation (404) nor for a withdrawn one (409)", async () => {
    const provider = await providerWithSession();
    const stranger = await providerWithSession();
    const { invitationId } = await schedule(provider.cookie, Date.now() + 6 * 60_000);
    const foreign = await api(`/api/invitations/${invitationId}/code`, {
      method: "POST",
      headers: { Cookie: stranger.cookie },
    });
    expect(foreign.status).toBe(404);
    await api(`/api/invitations/${invitationId}/withdraw`, { method: "POST", headers: { Cookie: provider.cookie } });
    const withdrawn = await api(`/api/invitations/${invitationId}/code`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    expect(withdrawn.status).toBe(409);
    expect(await withdrawn.json()).toMatchObject({ code: "invite-revoked" });
  });
});

describe("short names", () => {
  it("are made from a new practice's name, transliterated and unique", async () => {
    const db = database(env.DB);
    const { createPractice } = await import("../../worker/new-practice.ts");
    const names: string[] = [];
    for (let n = 0; n < 2; n++) {
      const created = await createPractice(db, {
        practiceName: "Praxis Dr. Müller-Weiß",
        adminName: "Dr. M",
        email: `shortname-${n}-${crypto.randomUUID()}@example.test`,
        passwordHash: "x",
        language: "de",
        link: { purpose: "confirm", validMs: 60_000 },
      });
      if (created === "email-taken") throw new Error("unexpected");
      const [row] = await db.select().from(practices).where(eq(practices.id, created.practiceId));
      names.push(row!.shortName!);
    }
    expect(names).toEqual(["praxisdrmuellerw", "praxisdrmueller2"]);
  });

  it("are changed by the admin: invalid ones refused (400), another practice's refused (409 short-name-taken)", async () => {
    const admin = await providerWithSession();
    const other = await providerWithSession();
    const otherName = (await (await api("/api/practice", { headers: { Cookie: other.cookie } })).json()) as {
      shortName: string;
    };
    const change = (shortName: string) =>
      api("/api/practice", { method: "PATCH", headers: { Cookie: admin.cookie }, body: JSON.stringify({ shortName }) });
    for (const bad of ["ab", "1abc", "dr-mueller", "müller", "a".repeat(17)]) {
      expect((await change(bad)).status, bad).toBe(400);
    }
    const taken = await change(otherName.shortName);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: "short-name-taken" });
    const mine = `m${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
    const ok = await change(mine.toUpperCase());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ shortName: mine });
  });
});
