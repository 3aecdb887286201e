// Which consent text a practice's patients accept: its newest own version, or Anteroom's default.

import type { z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
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
    if (inserted.length > 0) return { version: practiceConsentVersion(version), ...texts, own: true };
  }
  return currentConsentText(db, practiceId);
}
