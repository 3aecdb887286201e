// A new practice with its first admin and the admin's first mailed link, written in one batch: by
// sign-up (a confirmation link) and by the operator (a link to set the password).
import { eq } from "drizzle-orm";
import type { Language } from "../schema/tables.ts";
import { accountTokens, practices, providers } from "../schema/tables.ts";
import { newAccountToken, type TokenPurpose } from "./account-tokens.ts";
import { type Database, uniqueViolation } from "./db.ts";
import { freeShortName, randomVariant } from "./short-names.ts";

export interface NewPractice {
  practiceName: string;
  adminName: string;
  email: string;
  passwordHash: string;
  language: Language;
  link: { purpose: TokenPurpose; validMs: number };
}

export type Created = { created: true; practiceId: string; providerId: string; token: string };

/** Writes practice, admin (unconfirmed) and link together; "email-taken" when the address has an account. */
export async function createPractice(db: Database, input: NewPractice, now = Date.now()) {
  const shortName = await freeShortName(db, input.practiceName);
  const first = await writePractice(db, input, shortName, now);
  // Another practice took the same short name a moment ago: once more with random digits.
  if (first !== "short-name-taken") return first;
  const second = await writePractice(db, input, randomVariant(shortName), now);
  if (second === "short-name-taken") throw new Error("No free short name for a new practice");
  return second;
}

async function writePractice(db: Database, input: NewPractice, shortName: string, now: number) {
  const practiceId = crypto.randomUUID();
  const providerId = crypto.randomUUID();
  const { token, row } = await newAccountToken(providerId, input.link.purpose, input.link.validMs, now);
  try {
    await db.batch([
      db.insert(practices).values({ id: practiceId, name: input.practiceName, shortName, createdAt: now }),
      db.insert(providers).values({
        id: providerId,
        practiceId,
        role: "admin",
        email: input.email,
        displayName: input.adminName,
        passwordHash: input.passwordHash,
        emailConfirmedAt: null,
        language: input.language,
        createdAt: now,
      }),
      db.insert(accountTokens).values(row),
    ]);
  } catch (error) {
    if (uniqueViolation(error, "practices.short_name")) return "short-name-taken" as const;
    // Two sign-ups with one address at once: the unique index lets one through; the batch of the
    // other is rolled back whole.
    if (uniqueViolation(error)) return "email-taken" as const;
    throw error;
  }
  return { created: true, practiceId, providerId, token } satisfies Created;
}

/** Undoes createPractice (its mail could not be sent): the practice's rows cascade to the admin and the link. */
export const deletePractice = (db: Database, practiceId: string) =>
  db.delete(practices).where(eq(practices.id, practiceId));
