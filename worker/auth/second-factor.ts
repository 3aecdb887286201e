// Every check of a second factor goes through here: the login's second step, switching 2FA off and
// deleting the account. So every wrong code, wherever it is typed, counts toward the one lock: the
// per-minute throttle slows guessing, the lock ends it. After SECOND_FACTOR_LOCK_AFTER wrong codes in a
// row no code is accepted anywhere until a password reset (which proves the mailbox), and the owner is
// told by mail the moment it locks.
import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { SECOND_FACTOR_LOCK_AFTER } from "../../schema/limits.ts";
import { type Provider, providers } from "../../schema/tables.ts";
import type { AppEnv } from "../app-env.ts";
import type { Database } from "../db.ts";
import { mailedPage } from "../links.ts";
import { deliver } from "../mail/deliver.ts";
import { mailSetup } from "../mail/select.ts";
import { secondFactorLockedMail } from "../mail/templates/account.ts";
import { problem } from "../problem.ts";
import { useRecoveryCode } from "./recovery-codes.ts";
import { useTotpCode } from "./totp.ts";

export type SecondFactorProof = { code: string } | { recoveryCode: string };
export type SecondFactorOutcome = "accepted" | "wrong" | "locked";

type Checked = Pick<
  Provider,
  "id" | "email" | "displayName" | "language" | "totpSecret" | "totpLastStep" | "secondFactorFailures"
>;

export const secondFactorLocked = (c: Context<AppEnv>) =>
  c.json(problem("second-factor-locked", "Too many wrong codes. Reset your password to log in again."), 403);

/** Checks the proof (using the code up) and counts a wrong one; a right one clears the count. */
export async function checkSecondFactor(
  c: Context<AppEnv>,
  db: Database,
  provider: Checked,
  proof: SecondFactorProof,
): Promise<SecondFactorOutcome> {
  if (provider.secondFactorFailures >= SECOND_FACTOR_LOCK_AFTER) return "locked";
  const accepted =
    "code" in proof
      ? await useTotpCode(db, c.env.TICKET_SECRET, provider, proof.code)
      : await useRecoveryCode(db, provider.id, proof.recoveryCode);
  if (!accepted) return (await countFailure(c, db, provider)) ? "locked" : "wrong";
  if (provider.secondFactorFailures > 0) {
    await db.update(providers).set({ secondFactorFailures: 0 }).where(eq(providers.id, provider.id));
  }
  return "accepted";
}

/** Counts a wrong code; true once the count reaches the lock (the owner is mailed as it locks). */
async function countFailure(c: Context<AppEnv>, db: Database, provider: Checked): Promise<boolean> {
  const [counted] = await db
    .update(providers)
    .set({ secondFactorFailures: sql`${providers.secondFactorFailures} + 1` })
    .where(eq(providers.id, provider.id))
    .returning({ failures: providers.secondFactorFailures });
  if (!counted || counted.failures < SECOND_FACTOR_LOCK_AFTER) return false;
  const mailing = mailSetup(c.env);
  if (counted.failures === SECOND_FACTOR_LOCK_AFTER && mailing) {
    const mail = secondFactorLockedMail(
      { to: provider.email, name: provider.displayName, language: provider.language },
      mailedPage(mailing.origin, "/forgot-password"),
    );
    await deliver(mailing.mailer, mail, async () => undefined, "second-factor-locked");
  }
  return true;
}
