// What a practice shows its patients: its own consent text (versioned, and the version is what a
// consent record keeps), the name, colour and logo on the join page, the logo served from our origin.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSION, DEFAULT_CONSENT_TEXT } from "../../schema/consent.ts";
import { MAX_LOGO_BYTES } from "../../schema/limits.ts";
import { consents, consentTexts } from "../../schema/tables.ts";
import { MAX_KEPT_CONSENT_VERSIONS } from "../../worker/consent-texts.ts";
import { database } from "../../worker/db.ts";
import { api, appointmentWithInvite, freshRateWindow, providerWithSession, TINY_PNG } from "./helpers.ts";

async function adminWithLink() {
  const admin = await providerWithSession("a sturdy passphrase 42", { role: "admin" });
  const link = await appointmentWithInvite(admin.id);
  return { admin, link };
}

const put = (path: string, cookie: string, body: unknown) =>
  api(path, { method: "PUT", headers: { Cookie: cookie }, body: JSON.stringify(body) });

const putLogo = (cookie: string, bytes: Uint8Array, type = "image/png") =>
  api("/api/practice/logo", {
    method: "PUT",
    headers: { Cookie: cookie, "Content-Type": type },
    body: new Uint8Array(bytes),
  });

const inviteStatus = async (token: string) =>
  (await (await api(`/api/invites/${token}`)).json()) as {
    practiceName: string;
    brandColour?: string;
    logoUrl?: string;
    consent: { version: string; en: string; de: string };
  };

const join = (token: string, consentVersion: string) =>
  api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name: "Ada Patient", consent: true, consentVersion }),
  });

describe("the practice's consent text", () => {
  it("is Anteroom's default in both languages until the practice writes its own", async () => {
    const { admin, link } = await adminWithLink();
    const text = await (await api("/api/practice/consent-text", { headers: { Cookie: admin.cookie } })).json();
    expect(text).toEqual({ version: CONSENT_TEXT_VERSION, ...DEFAULT_CONSENT_TEXT, own: false });
    expect((await inviteStatus(link.token)).consent).toEqual({
      version: CONSENT_TEXT_VERSION,
      ...DEFAULT_CONSENT_TEXT,
    });
  });

  it("becomes a new version on each change, which patients then read and the consent record keeps", async () => {
    const { admin, link } = await adminWithLink();
    const first = { en: "We record nothing.\nYou may leave at any time.", de: "Wir zeichnen nichts auf." };
    const saved = await (await put("/api/practice/consent-text", admin.cookie, first)).json();
    expect(saved).toEqual({ version: "practice-1", ...first, own: true });
    // Saving the same text again is not a new version.
    expect(await (await put("/api/practice/consent-text", admin.cookie, first)).json()).toMatchObject({
      version: "practice-1",
    });
    expect((await inviteStatus(link.token)).consent).toEqual({ version: "practice-1", ...first });

    const second = { ...first, de: "Wir zeichnen nichts auf. Sie können jederzeit gehen." };
    expect(await (await put("/api/practice/consent-text", admin.cookie, second)).json()).toMatchObject({
      version: "practice-2",
    });
    // A page still showing version 1 (or the default) is asked to reload; nothing is recorded.
    for (const outdated of ["practice-1", CONSENT_TEXT_VERSION]) {
      const refused = await join(link.token, outdated);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: "consent-outdated" });
    }
    const db = database(env.DB);
    expect(await db.select().from(consents).where(eq(consents.inviteId, link.inviteId))).toEqual([]);
    expect((await join(link.token, "practice-2")).status).toBe(200);
    const [record] = await db.select().from(consents).where(eq(consents.inviteId, link.inviteId));
    expect(record?.textVersion).toBe("practice-2");
  });

  it("refuses an empty, overlong or disguised text, and members who are not admins", async () => {
    const { admin } = await adminWithLink();
    const member = await providerWithSession("a sturdy passphrase 42", {
      practiceId: admin.practiceId,
      role: "provider",
    });
    for (const en of ["   ", "x".repeat(4001), "Read \\u202Eth\\u202Cis"]) {
      const res = await put("/api/practice/consent-text", admin.cookie, { en: JSON.parse(`"${en}"`), de: "Gut." });
      expect(res.status, en.slice(0, 20)).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid-input" });
    }
    expect((await put("/api/practice/consent-text", member.cookie, { en: "Fine.", de: "Gut." })).status).toBe(403);
    const text = await (await api("/api/practice/consent-text", { headers: { Cookie: admin.cookie } })).json();
    expect(text).toMatchObject({ own: false });
  });
});

describe("the practice's branding", () => {
  it("shows patients the name, colour and logo the practice chose, the logo from our own origin", async () => {
    const { admin, link } = await adminWithLink();
    const patched = await api("/api/practice", {
      method: "PATCH",
      headers: { Cookie: admin.cookie },
      body: JSON.stringify({ brandName: "Praxis am Park", brandColour: "#AA3366" }),
    });
    expect(await patched.json()).toMatchObject({ brandName: "Praxis am Park", brandColour: "#aa3366", logoUrl: null });
    const uploaded = await putLogo(admin.cookie, TINY_PNG);
    expect(uploaded.status).toBe(200);
    const { logoUrl } = (await uploaded.json()) as { logoUrl: string };
    expect(logoUrl).toMatch(/^\/api\/logos\/[0-9a-f]{64}$/);

    expect(await inviteStatus(link.token)).toMatchObject({
      practiceName: "Praxis am Park",
      brandColour: "#aa3366",
      logoUrl,
    });
    const logo = await api(logoUrl);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("Content-Type")).toBe("image/png");
    expect(logo.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(TINY_PNG);

    // Removed: patients see the practice without it, and the old address is gone.
    expect((await api("/api/practice/logo", { method: "DELETE", headers: { Cookie: admin.cookie } })).status).toBe(204);
    expect((await inviteStatus(link.token)).logoUrl).toBeUndefined();
    expect((await api(logoUrl)).status).toBe(404);
  });

  it("takes only PNG, JPEG or WebP images of bounded size, judged by their bytes, not their label", async () => {
    const { admin } = await adminWithLink();
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const [bytes, type] of [
      [svg, "image/png"],
      [svg, "image/svg+xml"],
      [new TextEncoder().encode("GIF89a"), "image/gif"],
    ] as const) {
      const res = await putLogo(admin.cookie, bytes, type);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "logo-unsupported" });
    }
    const large = new Uint8Array(MAX_LOGO_BYTES + 1);
    large.set(TINY_PNG);
    const tooLarge = await putLogo(admin.cookie, large);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ code: "logo-too-large" });
    const practice = await (await api("/api/practice", { headers: { Cookie: admin.cookie } })).json();
    expect(practice).toMatchObject({ logoUrl: null });
  });

  it("refuses a colour that is not #rrggbb and a brand name with control characters", async () => {
    const { admin } = await adminWithLink();
    for (const body of [{ brandColour: "red" }, { brandColour: "#12345" }, { brandName: "Praxis\u202E" }]) {
      const res = await api("/api/practice", {
        method: "PATCH",
        headers: { Cookie: admin.cookie },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("the practice's consent texts in D1", () => {
  const versionsOf = async (practiceId: string) =>
    (
      await database(env.DB)
        .select({ version: consentTexts.version })
        .from(consentTexts)
        .where(eq(consentTexts.practiceId, practiceId))
    )
      .map((row) => row.version)
      .sort((a, b) => a - b);
  const text = (n: number) => ({ en: `Version ${n}, English.`, de: `Fassung ${n}, Deutsch.` });

  it("keep an older version only while a consent record names it", async () => {
    const { admin, link } = await adminWithLink();
    await put("/api/practice/consent-text", admin.cookie, text(1));
    await put("/api/practice/consent-text", admin.cookie, text(2));
    // Nobody consented to version 1: it is gone as soon as version 2 is saved.
    expect(await versionsOf(admin.practiceId)).toEqual([2]);
    expect((await join(link.token, "practice-2")).status).toBe(200);
    await put("/api/practice/consent-text", admin.cookie, text(3));
    await put("/api/practice/consent-text", admin.cookie, text(4));
    // Version 2 is named by Ada's consent record; 3 by nobody.
    expect(await versionsOf(admin.practiceId)).toEqual([2, 4]);
  });

  it("are saved at most 30 times a minute per practice", async () => {
    await freshRateWindow();
    const { admin } = await adminWithLink();
    const answers: number[] = [];
    for (let n = 1; n <= 31; n++) answers.push((await put("/api/practice/consent-text", admin.cookie, text(n))).status);
    expect(answers.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(answers[30]).toBe(429);
    expect(await versionsOf(admin.practiceId)).toEqual([30]);
  });

  it(`stop at ${MAX_KEPT_CONSENT_VERSIONS} versions still named by consent records, refusing the next with a reason`, async () => {
    const { admin, link } = await adminWithLink();
    const db = database(env.DB);
    const now = Date.now();
    // As many versions as allowed, each named by a consent record of one of the practice's appointments.
    const versions = Array.from({ length: MAX_KEPT_CONSENT_VERSIONS }, (_, i) => i + 1);
    // Ten rows a statement: D1 binds at most 100 values in one.
    for (let first = 0; first < versions.length; first += 10) {
      const some = versions.slice(first, first + 10);
      await db.batch([
        db.insert(consentTexts).values(
          some.map((version) => ({
            practiceId: admin.practiceId,
            version,
            textEn: "e",
            textDe: "d",
            createdAt: now,
          })),
        ),
        db.insert(consents).values(
          some.map((version) => ({
            id: crypto.randomUUID(),
            appointmentId: link.appointmentId,
            inviteId: crypto.randomUUID(),
            textVersion: `practice-${version}`,
            consentedAt: now,
          })),
        ),
      ]);
    }
    const refused = await put("/api/practice/consent-text", admin.cookie, text(1000));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "consent-versions-full" });
    expect(await versionsOf(admin.practiceId)).toHaveLength(MAX_KEPT_CONSENT_VERSIONS);
  });
});

describe("a consent version in two languages", () => {
  it("is refused while one language is still Anteroom's default, and nothing is stored", async () => {
    const { admin, link } = await adminWithLink();
    for (const texts of [
      { en: "We record nothing.", de: DEFAULT_CONSENT_TEXT.de },
      { en: DEFAULT_CONSENT_TEXT.en, de: "Wir zeichnen nichts auf." },
    ]) {
      const res = await put("/api/practice/consent-text", admin.cookie, texts);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "consent-one-language" });
    }
    expect((await inviteStatus(link.token)).consent.version).toBe(CONSENT_TEXT_VERSION);
  });

  it("records which language the patient read", async () => {
    const { admin, link } = await adminWithLink();
    await put("/api/practice/consent-text", admin.cookie, { en: "We record nothing.", de: "Wir zeichnen nichts auf." });
    const res = await api(`/api/invites/${link.token}/join`, {
      method: "POST",
      body: JSON.stringify({ name: "Ada Patient", consent: true, consentVersion: "practice-1", consentLanguage: "de" }),
    });
    expect(res.status).toBe(200);
    const [record] = await database(env.DB).select().from(consents).where(eq(consents.inviteId, link.inviteId));
    expect(record).toMatchObject({ textVersion: "practice-1", language: "de" });
  });
});
