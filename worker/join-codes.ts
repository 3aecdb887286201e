// Join codes: "<short name> <6 digits>", typed at /join instead of opening a link. D1 keeps only an HMAC
// of practice id, short name and digits under the deployment secret, so neither a copy of the database
// nor a log holds a usable code, and renaming the practice stops its codes. A typed code is answered
// with a pass (joinPass): the patient continues on the link's own page, /j/<pass>, which opens the
// invitation exactly as long as the code would.
import { and, eq, isNull, type SQL } from "drizzle-orm";
import { base64url, hex } from "../common/encoding.ts";
import { JOIN_CODE_VALID_MS, MAX_LIVE_JOIN_CODES } from "../schema/limits.ts";
import {
  type Appointment,
  appointments,
  type Invite,
  invites,
  type JoinCode,
  joinCodes,
  practices,
  providers,
} from "../schema/tables.ts";
import { type Database, uniqueViolation } from "./db.ts";
import { foundInviteColumns } from "./invites.ts";

const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/** What D1 keeps of a code: bound to the practice and its current short name. */
export async function joinCodeHash(secret: string, practiceId: string, shortName: string, digits: string) {
  return hex(await hmac(secret, `join-code:${practiceId}:${shortName}:${digits}`));
}

/** Six uniformly random digits (rejection sampling: no digit string is likelier than another). */
export function randomDigits(): string {
  const limit = 4_294_000_000; // the largest multiple of 1,000,000 below 2^32
  for (;;) {
    const value = crypto.getRandomValues(new Uint32Array(1))[0] ?? limit;
    if (value < limit) return String(value % 1_000_000).padStart(6, "0");
  }
}

/** The last instant (exclusive) a code works: its own week, and never after its invitation's link. */
export const joinCodeUntil = (code: Pick<JoinCode, "expiresAt">, invite: Pick<Invite, "validUntil">) =>
  Math.min(code.expiresAt, invite.validUntil);

/** Whether a code opens its invitation now: not withdrawn, replaced or cancelled, and within its time. */
export function joinCodeLive(
  found: { code: JoinCode; invite: Invite; appointment: Pick<Appointment, "cancelledAt"> },
  now: number,
): boolean {
  if (found.invite.revokedAt !== null || found.invite.replacedBy !== null) return false;
  if (found.appointment.cancelledAt !== null) return false;
  return found.code.createdAt <= now && now < joinCodeUntil(found.code, found.invite);
}

/** Attempts at a code that is not taken yet: with 100 live codes in a million a clash is rare, five in a row unheard of. */
const ISSUE_ATTEMPTS = 5;

/**
 * A new code for the invitation, replacing its old one; the digits exist only in this answer. Undefined
 * when the practice already has MAX_LIVE_JOIN_CODES working codes (counted and written in one statement).
 */
export async function issueJoinCode(
  db: Database,
  secret: string,
  practice: { id: string; shortName: string },
  invite: Pick<Invite, "id">,
  now = Date.now(),
): Promise<{ digits: string; expiresAt: number } | undefined> {
  const expiresAt = now + JOIN_CODE_VALID_MS;
  for (let attempt = 1; attempt <= ISSUE_ATTEMPTS; attempt++) {
    const digits = randomDigits();
    const codeHash = await joinCodeHash(secret, practice.id, practice.shortName, digits);
    try {
      // Raw D1: drizzle's batch cannot carry raw statements. One transaction: the old code goes and the
      // new one is written only while the practice is under its limit, counted in the same statement.
      const d1 = db.$client;
      const [, written] = await d1.batch([
        d1.prepare("DELETE FROM join_codes WHERE invite_id=?1").bind(invite.id),
        d1
          .prepare(
            "INSERT INTO join_codes(invite_id,code_hash,created_at,expires_at) SELECT ?1,?2,?3,?4 WHERE(" +
              "SELECT count(*) FROM join_codes c JOIN invites i ON i.id=c.invite_id" +
              " JOIN appointments a ON a.id=i.appointment_id JOIN providers p ON p.id=a.provider_id" +
              " WHERE p.practice_id=?5 AND c.invite_id<>?1 AND c.expires_at>?3 AND i.valid_until>?3" +
              " AND i.revoked_at IS NULL AND a.cancelled_at IS NULL)<?6 RETURNING invite_id",
          )
          .bind(invite.id, codeHash, now, expiresAt, practice.id, MAX_LIVE_JOIN_CODES),
      ]);
      return (written?.results.length ?? 0) > 0 ? { digits, expiresAt } : undefined;
    } catch (error) {
      // The same digits as another code of this practice (also a dead one, until it is purged): new digits.
      if (!uniqueViolation(error, "join_codes.code_hash") || attempt === ISSUE_ATTEMPTS) throw error;
    }
  }
  return undefined;
}

/** A code with its invitation as findInvite reads it (also a dead one: the caller decides). */
async function codeWhere(db: Database, condition: SQL | undefined) {
  const [row] = await db
    .select({ ...foundInviteColumns, code: joinCodes })
    .from(joinCodes)
    .innerJoin(invites, eq(invites.id, joinCodes.inviteId))
    .innerJoin(appointments, eq(appointments.id, invites.appointmentId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .innerJoin(practices, eq(practices.id, providers.practiceId))
    .where(condition)
    .limit(1);
  return row;
}

/** The code with this hash: one query, the same for every code typed, whether one matches or not. */
export const findJoinCode = (db: Database, codeHash: string) => codeWhere(db, eq(joinCodes.codeHash, codeHash));

/** A pass: the invitation's id and an HMAC of its code's hash. Not the code, so no log ever holds one. */
const PASS = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export const isJoinPass = (token: string) => PASS.test(token);

/** The pass for a code just typed correctly: /j/<pass> continues on the link's page. */
export async function joinPass(secret: string, code: Pick<JoinCode, "inviteId" | "codeHash">): Promise<string> {
  return `${code.inviteId}.${base64url(await hmac(secret, `join-pass:${code.codeHash}`))}`;
}

/**
 * The invite behind a pass, like findInvite's answer, but working only as long as its code does: a new
 * code for the invitation stops the old pass, and the code's own week ends the invite for its holder.
 */
export async function findInviteByPass(db: Database, secret: string, pass: string) {
  const inviteId = PASS.exec(pass)?.[1];
  if (inviteId === undefined) return undefined;
  const row = await codeWhere(db, and(eq(invites.id, inviteId), isNull(invites.replacedBy)));
  if (!row) return undefined;
  // Compared without an early exit: the time taken says nothing of how much of a forged pass was right.
  const expected = encoder.encode(await joinPass(secret, row.code));
  const given = encoder.encode(pass);
  if (expected.byteLength !== given.byteLength || !crypto.subtle.timingSafeEqual(expected, given)) return undefined;
  const { code, ...found } = row;
  return { ...found, invite: { ...found.invite, validUntil: joinCodeUntil(code, found.invite) } };
}
