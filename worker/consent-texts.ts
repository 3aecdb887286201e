// Which consent text a practice's patients accept: its newest own version, or Anteroom's default.

import type { z } from "@hono/zod-openapi";
import { count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { ConsentTextUpdate, ConsentTextView } from "../schema/api-accounts.ts";
import { CONSENT_TEXT_VERSION, DEFAULT_CONSENT_TEXT, practiceConsentVersion } from "../schema/consent.ts";
import { consentTexts } from "../schema/tables.ts";
import type { Database } from "./db.ts";

export type ConsentText = z.infer<typeof ConsentTextView>;

const DEFAULT: ConsentText = { version: CONSENT_TEXT_VERSION, ...DEFAULT_CONSENT_TEXT, own: false };

/** The practice's newest own text, if it wrote one. */
async function newestOwnText(db: Database, practiceId: string) {
  const [newest] = await db
    .select()
    .from(consentTexts)
    .where(eq(consentTexts.practiceId, practiceId))
    .orderBy(desc(consentTexts.version))
    .limit(1);
  return newest;
}

const asView = (row: typeof consentTexts.$inferSelect | undefined): ConsentText =>
  row ? { version: practiceConsentVersion(row.version), en: row.textEn, de: row.textDe, own: true } : DEFAULT;

/**
 * How many versions a practice may keep: the newest, and older ones while a consent record names them
 * (versions nobody consented to are deleted as soon as a newer one is saved). Reaching it takes a
 * hundred changes, each accepted by a patient, within the retention period.
 */
export const MAX_KEPT_CONSENT_VERSIONS = 100;

/**
 * Deletes every older version that no consent record names, for one practice or (the cron) for all:
 * an older text lives exactly as long as a record of a patient's consent refers to it.
 */
export function pruneConsentTexts(db: Database, practiceId?: string) {
  const ofPractice: SQL = practiceId === undefined ? sql`1 = 1` : sql`ct.practice_id = ${practiceId}`;
  return db.run(sql`
    DELETE FROM consent_texts AS ct
    WHERE ${ofPractice}
      AND ct.version < (SELECT max(newest.version) FROM consent_texts AS newest WHERE newest.practice_id = ct.practice_id)
      AND NOT EXISTS (
        SELECT 1 FROM consents AS c
        JOIN appointments AS a ON a.id = c.appointment_id
        JOIN providers AS p ON p.id = a.provider_id
        WHERE p.practice_id = ct.practice_id AND c.text_version = 'practice-' || ct.version
      )
      AND NOT EXISTS (
        SELECT 1 FROM walk_in_consents AS w
        JOIN providers AS p ON p.id = w.provider_id
        WHERE p.practice_id = ct.practice_id AND w.text_version = 'practice-' || ct.version
      )`);
}

/** Whether the practice keeps as many versions as it may: saving another is refused until records lapse. */
export async function consentVersionsFull(db: Database, practiceId: string): Promise<boolean> {
  const [kept] = await db.select({ n: count() }).from(consentTexts).where(eq(consentTexts.practiceId, practiceId));
  return (kept?.n ?? 0) >= MAX_KEPT_CONSENT_VERSIONS;
}

export async function currentConsentText(db: Database, practiceId: string): Promise<ConsentText> {
  return asView(await newestOwnText(db, practiceId));
}

/**
 * Stores the texts as the practice's next version, unless they are the text patients already accept.
 * Two admins saving at once: the second insert collides on (practice, version) and is tried once more.
 */
export async function saveConsentText(
  db: Database,
  practiceId: string,
  texts: z.infer<typeof ConsentTextUpdate>,
  now = Date.now(),
): Promise<ConsentText> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const newest = await newestOwnText(db, practiceId);
    const current = asView(newest);
    if (current.en === texts.en && current.de === texts.de) return current;
    const version = (newest?.version ?? 0) + 1;
    const inserted = await db
      .insert(consentTexts)
      .values({ practiceId, version, textEn: texts.en, textDe: texts.de, createdAt: now })
      .onConflictDoNothing()
      .returning({ version: consentTexts.version });
    if (inserted.length > 0) {
      await pruneConsentTexts(db, practiceId);
      return { version: practiceConsentVersion(version), ...texts, own: true };
    }
  }
  return currentConsentText(db, practiceId);
}
