// Device keys (issue 25): a provider's browsers register the public halves of key pairs they keep, and
// patients' pages are handed exactly the keys of the providers who may see them, never a removed one.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { base64url } from "../../common/encoding.ts";
import { DEVICE_KEY_LAPSE_DAYS, MAX_DEVICE_KEYS_PER_PROVIDER } from "../../schema/api-device-keys.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode } from "../../schema/messages.ts";
import { MAX_SEAL_RECIPIENTS } from "../../schema/sealed-name.ts";
import { deviceKeys, practices, providers } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { purgeExpired } from "../../worker/purge.ts";
import { api, appointmentWithInvite, connected, logIn, providerWithSession, ticketed, unique } from "./helpers.ts";

const DAY = 86_400_000;
const db = () => database(env.DB);

type View = {
  id: string;
  label: string;
  fingerprint: string;
  publicKey: string;
  createdAt: string;
  lastUsedAt: string;
};
type SealKey = { kid: string; publicKey: string };

/** A fresh P-256 public key, raw and base64url, as a provider's browser makes it. */
async function newPublicKey(): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ])) as CryptoKeyPair;
  return base64url(new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer));
}

/** The fingerprint as client/src/shared/name-seal.ts keyFingerprint computes it. */
async function expectedFingerprint(publicKey: string): Promise<string> {
  const raw = Uint8Array.from(atob(publicKey.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  const hex = [...hash.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return hex.match(/.{4}/g)!.join(" ");
}

const register = (cookie: string, body: unknown) =>
  api("/api/account/device-keys", {
    method: "POST",
    headers: { Cookie: cookie },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** Registers a new device for the provider and answers its view. */
async function device(cookie: string, label = "Firefox on Linux"): Promise<View> {
  const res = await register(cookie, { publicKey: await newPublicKey(), label });
  expect(res.status).toBe(201);
  return (await res.json()) as View;
}

const listed = async (cookie: string) => {
  const res = await api("/api/account/device-keys", { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { keys: View[] }).keys;
};

const remove = (cookie: string, id: string) =>
  api(`/api/account/device-keys/${id}`, { method: "DELETE", headers: { Cookie: cookie } });
const seen = (cookie: string, id: string) =>
  api(`/api/account/device-keys/${id}/seen`, { method: "POST", headers: { Cookie: cookie } });

/** Moves a key's last use into the past. */
const lastUsed = (id: string, msAgo: number) =>
  db()
    .update(deviceKeys)
    .set({ lastUsedAt: Date.now() - msAgo })
    .where(eq(deviceKeys.id, id));

const kids = (keys: SealKey[]) => keys.map((key) => key.kid);

/** Joins as a patient's page does, through a link or pass (`/api/invites`) or a personal room (`/api/rooms`). */
async function joined(link: string, under = "/api/invites"): Promise<string> {
  const res = await api(`${under}/${link}/join`, {
    method: "POST",
    body: JSON.stringify({ consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** The keys the waiting room's `seal-to` hands the patient's page that opens its socket with `ticket`. */
async function offeredKeys(ticket: string): Promise<SealKey[]> {
  const socket = await connected("/api/ws/waiting", ticketed(ticket));
  const { keys } = await socket.next("seal-to");
  socket.ws.close();
  return keys;
}

/** Four members of `first`'s practice with ten devices each, every key used a minute apart; newest first. */
async function manyKeys(first: { id: string; practiceId: string }) {
  const members = [first];
  for (let i = 1; i < 4; i++) {
    members.push(await providerWithSession("correct horse battery", { practiceId: first.practiceId }));
  }
  const now = Date.now();
  // Ids of their own: every test of this file shares one database.
  const tag = crypto.randomUUID().slice(0, 8);
  const rows = members.flatMap((member, m) =>
    Array.from({ length: MAX_DEVICE_KEYS_PER_PROVIDER }, (_, k) => ({
      id: `${tag}${m}${k}`.padEnd(22, "k"),
      providerId: member.id,
      publicKey: `${tag}${m}${k}`.padEnd(87, "A"),
      label: "Firefox on Linux",
      fingerprint: "0000 0000 0000 0000 0000 0000 0000 0000",
      createdAt: now,
      lastUsedAt: now - (m * MAX_DEVICE_KEYS_PER_PROVIDER + k) * 60_000,
    })),
  );
  for (const row of rows) await db().insert(deviceKeys).values(row);
  return rows;
}

describe("registering a device's key", () => {
  it("lists the key with the fingerprint the device itself shows", async () => {
    const provider = await providerWithSession();
    const publicKey = await newPublicKey();
    const res = await register(provider.cookie, { publicKey, label: "Firefox on Linux" });
    expect(res.status).toBe(201);
    const view = (await res.json()) as View;
    expect(view).toMatchObject({
      label: "Firefox on Linux",
      publicKey,
      fingerprint: await expectedFingerprint(publicKey),
    });
    expect(view.fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(view.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await listed(provider.cookie)).toEqual([view]);
  });

  it("refuses a key that is not a point on P-256 with device-key-invalid", async () => {
    const provider = await providerWithSession();
    // The right length and alphabet, but no point on the curve.
    const notAPoint = base64url(Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : 7)));
    const res = await register(provider.cookie, { publicKey: notAPoint, label: "Chrome on Windows" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("device-key-invalid");
    expect(await listed(provider.cookie)).toEqual([]);
  });

  it("answers malformed and oversized bodies with 400, never a server error", async () => {
    const provider = await providerWithSession();
    const publicKey = await newPublicKey();
    for (const body of [
      "not json",
      {},
      { publicKey },
      { publicKey: `${publicKey}A`, label: "Safari on macOS" },
      { publicKey, label: "" },
      { publicKey, label: "x".repeat(61) },
      { publicKey, label: "two\nlines" },
      { publicKey: 42, label: "Safari on macOS" },
    ]) {
      const res = await register(provider.cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const huge = await register(provider.cookie, { publicKey, label: "x".repeat(200_000) });
    expect([400, 413]).toContain(huge.status);
    expect(await listed(provider.cookie)).toEqual([]);
  });

  it("keeps one row when the same key is registered twice, and answers that row", async () => {
    const provider = await providerWithSession();
    const publicKey = await newPublicKey();
    const first = (await (await register(provider.cookie, { publicKey, label: "Firefox on Linux" })).json()) as View;
    const again = await register(provider.cookie, { publicKey, label: "Firefox on Linux" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as View).id).toBe(first.id);
    expect((await listed(provider.cookie)).map((key) => key.id)).toEqual([first.id]);
  });

  it(`replaces the least recently used key when an ${MAX_DEVICE_KEYS_PER_PROVIDER + 1}th device comes`, async () => {
    const provider = await providerWithSession();
    const keys: View[] = [];
    for (let i = 0; i < MAX_DEVICE_KEYS_PER_PROVIDER; i++) keys.push(await device(provider.cookie, `Device ${i}`));
    // Each used a day apart; the third is the one used longest ago.
    for (const [i, key] of keys.entries()) await lastUsed(key.id, (i === 2 ? 50 : i) * DAY);
    const newest = await device(provider.cookie, "Chrome on Android");
    const ids = (await listed(provider.cookie)).map((key) => key.id);
    expect(ids).toHaveLength(MAX_DEVICE_KEYS_PER_PROVIDER);
    expect(ids).toContain(newest.id);
    expect(ids).not.toContain(keys[2]!.id);
    expect(ids[0]).toBe(newest.id);
  });

  it("is refused to a member who has yet to set up the two-factor login their practice requires", async () => {
    const provider = await providerWithSession();
    await db().update(practices).set({ requireTotp: true }).where(eq(practices.id, provider.practiceId));
    const res = await register(provider.cookie, { publicKey: await newPublicKey(), label: "Firefox on Linux" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("totp-required");
    expect(await listed(provider.cookie)).toEqual([]);
  });

  it("needs a login", async () => {
    expect((await api("/api/account/device-keys")).status).toBe(401);
    const res = await api("/api/account/device-keys", {
      method: "POST",
      body: JSON.stringify({ publicKey: await newPublicKey(), label: "Firefox on Linux" }),
    });
    expect(res.status).toBe(401);
  });
});

describe("a provider's keys are their own", () => {
  it("another provider, even of the same practice, neither sees nor removes them, nor marks them used", async () => {
    const owner = await providerWithSession();
    const colleague = await providerWithSession("correct horse battery", {
      practiceId: owner.practiceId,
      role: "admin",
    });
    const key = await device(owner.cookie);
    expect(await listed(colleague.cookie)).toEqual([]);
    expect((await remove(colleague.cookie, key.id)).status).toBe(404);
    expect((await seen(colleague.cookie, key.id)).status).toBe(404);
    expect((await listed(owner.cookie)).map((k) => k.id)).toEqual([key.id]);
  });

  it("a removed key is no longer listed, and its device is told to make a new one", async () => {
    const provider = await providerWithSession();
    const kept = await device(provider.cookie, "Firefox on Linux");
    const gone = await device(provider.cookie, "Safari on iOS");
    expect((await remove(provider.cookie, gone.id)).status).toBe(204);
    expect((await listed(provider.cookie)).map((k) => k.id)).toEqual([kept.id]);
    expect((await seen(provider.cookie, gone.id)).status).toBe(404);
    expect((await remove(provider.cookie, gone.id)).status).toBe(404);
    expect((await seen(provider.cookie, kept.id)).status).toBe(204);
  });

  it("removing another browser's key logs that browser out (its dashboard closes), so it cannot make itself a new key; removing this browser's own keeps it logged in", async () => {
    const provider = await providerWithSession();
    const phoneCookie = await logIn({ email: provider.email, password: provider.password });
    const laptopKey = await device(provider.cookie, "Firefox on Linux");
    const phoneKey = await device(phoneCookie, "Chrome on Android");
    const phoneDesk = await connected("/api/ws/waiting", { Cookie: phoneCookie });
    await phoneDesk.next("queue");

    expect((await remove(provider.cookie, phoneKey.id)).status).toBe(204);
    expect((await phoneDesk.whenClosed()).code).toBe(CloseCode.unauthorized);
    expect((await register(phoneCookie, { publicKey: await newPublicKey(), label: "Chrome on Android" })).status).toBe(
      401,
    );
    expect((await listed(provider.cookie)).map((k) => k.id)).toEqual([laptopKey.id]);

    expect((await remove(provider.cookie, laptopKey.id)).status).toBe(204);
    expect(await listed(provider.cookie)).toEqual([]);
  });

  it("a key marked used from a new login follows that login: removing it logs out the new one", async () => {
    const provider = await providerWithSession();
    const key = await device(provider.cookie);
    const laterCookie = await logIn({ email: provider.email, password: provider.password });
    // The same browser after logging in again (the old session ended): its key, seen from the new one.
    expect((await seen(laterCookie, key.id)).status).toBe(204);
    const otherCookie = await logIn({ email: provider.email, password: provider.password });
    expect((await remove(otherCookie, key.id)).status).toBe(204);
    expect((await api("/api/account/device-keys", { headers: { Cookie: laterCookie } })).status).toBe(401);
    expect((await api("/api/account/device-keys", { headers: { Cookie: provider.cookie } })).status).toBe(200);
  });

  it("logging out keeps the device's key, and only its link to the ended session goes", async () => {
    const provider = await providerWithSession();
    const key = await device(provider.cookie);
    expect((await api("/api/auth/logout", { method: "POST", headers: { Cookie: provider.cookie } })).status).toBe(204);
    const [row] = await db().select().from(deviceKeys).where(eq(deviceKeys.id, key.id));
    expect(row).toMatchObject({ id: key.id, sessionHash: null });
  });

  it("seeing a device keeps its key in force and lists it first", async () => {
    const provider = await providerWithSession();
    const older = await device(provider.cookie, "Firefox on Linux");
    const newer = await device(provider.cookie, "Safari on iOS");
    await lastUsed(older.id, 2 * DAY);
    await lastUsed(newer.id, DAY);
    expect((await seen(provider.cookie, older.id)).status).toBe(204);
    const keys = await listed(provider.cookie);
    expect(keys.map((k) => k.id)).toEqual([older.id, newer.id]);
    expect(Date.now() - Date.parse(keys[0]!.lastUsedAt)).toBeLessThan(DAY);
  });
});

describe("keys unused for the lapse", () => {
  it(`are not listed after ${DEVICE_KEY_LAPSE_DAYS} days, answer 404 when seen, and the purge deletes them`, async () => {
    const provider = await providerWithSession();
    const live = await device(provider.cookie, "Firefox on Linux");
    const lapsed = await device(provider.cookie, "Chrome on Windows");
    await lastUsed(live.id, (DEVICE_KEY_LAPSE_DAYS - 1) * DAY);
    await lastUsed(lapsed.id, (DEVICE_KEY_LAPSE_DAYS + 1) * DAY);
    expect((await listed(provider.cookie)).map((k) => k.id)).toEqual([live.id]);
    expect((await seen(provider.cookie, lapsed.id)).status).toBe(404);
    await purgeExpired(db());
    const rows = await db().select().from(deviceKeys).where(eq(deviceKeys.providerId, provider.id));
    expect(rows.map((row) => row.id)).toEqual([live.id]);
  });
});

describe("the keys the waiting room asks a patient's page to seal their name to", () => {
  it("are exactly the live keys of the appointment's provider", async () => {
    const provider = await providerWithSession();
    const colleague = await providerWithSession("correct horse battery", { practiceId: provider.practiceId });
    const stranger = await providerWithSession();
    const older = await device(provider.cookie);
    const newer = await device(provider.cookie);
    const lapsed = await device(provider.cookie);
    await lastUsed(older.id, 2 * DAY);
    await lastUsed(lapsed.id, (DEVICE_KEY_LAPSE_DAYS + 1) * DAY);
    await device(colleague.cookie);
    await device(stranger.cookie);
    const { token } = await appointmentWithInvite(provider.id);
    expect(await offeredKeys(await joined(token))).toEqual([
      { kid: newer.id, publicKey: newer.publicKey },
      { kid: older.id, publicKey: older.publicKey },
    ]);
  });

  it("are every member's when the practice shares its waiting room", async () => {
    const provider = await providerWithSession();
    const colleague = await providerWithSession("correct horse battery", { practiceId: provider.practiceId });
    const stranger = await providerWithSession();
    await db().update(practices).set({ sharedWaitingRoom: true }).where(eq(practices.id, provider.practiceId));
    const own = await device(provider.cookie);
    const theirs = await device(colleague.cookie);
    await device(stranger.cookie);
    const { token } = await appointmentWithInvite(provider.id);
    expect(kids(await offeredKeys(await joined(token))).sort()).toEqual([own.id, theirs.id].sort());
  });

  it(`are at most ${MAX_SEAL_RECIPIENTS} in a shared waiting room, the most recently used`, async () => {
    const first = await providerWithSession();
    await db().update(practices).set({ sharedWaitingRoom: true }).where(eq(practices.id, first.practiceId));
    const rows = await manyKeys(first);
    const { token } = await appointmentWithInvite(first.id);
    expect(kids(await offeredKeys(await joined(token)))).toEqual(
      rows.slice(0, MAX_SEAL_RECIPIENTS).map((row) => row.id),
    );
  });

  it("are the same for a join code's pass as for the link itself", async () => {
    const provider = await providerWithSession();
    const own = await device(provider.cookie);
    const made = await api("/api/appointments", {
      method: "POST",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({
        title: "Follow-up",
        startsAt: new Date(Date.now() + 60_000).toISOString(),
        durationMinutes: 30,
      }),
    });
    const { appointment } = (await made.json()) as { appointment: { id: string } };
    const listing = await api(`/api/appointments/${appointment.id}/invitations`, {
      headers: { Cookie: provider.cookie },
    });
    const { invitations } = (await listing.json()) as { invitations: { id: string }[] };
    const coded = await api(`/api/invitations/${invitations[0]!.id}/code`, {
      method: "POST",
      headers: { Cookie: provider.cookie },
    });
    const { code } = (await coded.json()) as { code: string };
    const typed = await api("/api/join-code", { method: "POST", body: JSON.stringify({ code }) });
    const { path } = (await typed.json()) as { path: string };
    expect(kids(await offeredKeys(await joined(path.slice("/j/".length))))).toEqual([own.id]);
  });

  it("never hold a removed device's key", async () => {
    const provider = await providerWithSession();
    const kept = await device(provider.cookie);
    const removed = await device(provider.cookie);
    const { token } = await appointmentWithInvite(provider.id);
    expect(kids(await offeredKeys(await joined(token))).sort()).toEqual([kept.id, removed.id].sort());
    expect((await remove(provider.cookie, removed.id)).status).toBe(204);
    // The same patient's page again (a reload): asked anew, without the removed key.
    expect(kids(await offeredKeys(await joined(token)))).toEqual([kept.id]);
  });

  it("never hold a lapsed key, even when it is the provider's only one", async () => {
    const provider = await providerWithSession();
    const lapsed = await device(provider.cookie);
    await lastUsed(lapsed.id, (DEVICE_KEY_LAPSE_DAYS + 1) * DAY);
    const { token } = await appointmentWithInvite(provider.id);
    expect(await offeredKeys(await joined(token))).toEqual([]);
  });

  it("are the room owner's live keys in an open personal room", async () => {
    const owner = await providerWithSession();
    const colleague = await providerWithSession("correct horse battery", { practiceId: owner.practiceId });
    const room = unique("room").toLowerCase();
    await db()
      .update(providers)
      .set({ personalRoomName: room, personalRoomOn: true })
      .where(eq(providers.id, owner.id));
    const [practice] = await db().select().from(practices).where(eq(practices.id, owner.practiceId));
    const own = await device(owner.cookie);
    await device(colleague.cookie);
    const ticket = await joined(`${practice!.shortName}/${room}`, "/api/rooms");
    expect(await offeredKeys(ticket)).toEqual([{ kid: own.id, publicKey: own.publicKey }]);
  });

  it("are no longer part of the link's status answer", async () => {
    const provider = await providerWithSession();
    await device(provider.cookie);
    const { token } = await appointmentWithInvite(provider.id);
    const res = await api(`/api/invites/${token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty("keys");
  });
});

describe("the practice's keys a provider's page commits a link to", () => {
  const practiceKeys = async (cookie: string) => {
    const res = await api("/api/practice/device-keys", { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { keys: SealKey[] }).keys;
  };

  it("are every member's live keys of the caller's practice only, most recently used first", async () => {
    const provider = await providerWithSession();
    const colleague = await providerWithSession("correct horse battery", { practiceId: provider.practiceId });
    const stranger = await providerWithSession();
    const own = await device(provider.cookie);
    const theirs = await device(colleague.cookie);
    const lapsed = await device(colleague.cookie);
    const removed = await device(provider.cookie);
    await lastUsed(own.id, DAY);
    await lastUsed(lapsed.id, (DEVICE_KEY_LAPSE_DAYS + 1) * DAY);
    expect((await remove(provider.cookie, removed.id)).status).toBe(204);
    await device(stranger.cookie);
    const expected = [
      { kid: theirs.id, publicKey: theirs.publicKey },
      { kid: own.id, publicKey: own.publicKey },
    ];
    // The same set whichever member asks, shared waiting room or not.
    expect(await practiceKeys(provider.cookie)).toEqual(expected);
    expect(await practiceKeys(colleague.cookie)).toEqual(expected);
  });

  it(`are at most ${MAX_SEAL_RECIPIENTS}, the most recently used`, async () => {
    const first = await providerWithSession();
    const rows = await manyKeys(first);
    expect(kids(await practiceKeys(first.cookie))).toEqual(rows.slice(0, MAX_SEAL_RECIPIENTS).map((row) => row.id));
  });

  it("need a login", async () => {
    const res = await api("/api/practice/device-keys");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "unauthenticated" });
  });
});
