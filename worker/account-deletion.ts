// Deleting a provider's account: the provider row goes, and with it (foreign keys, ON DELETE CASCADE)
// their sessions, recovery codes, mailed-link tokens and appointments with those appointments'
// invites and consents. A practice left without members goes too, with its pending invitations.
// A practice with other members must keep an admin: its sole admin hands over first.
import { and, eq, exists, gt, isNull, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { appointments, invites, practices, providers } from "../schema/tables.ts";
import { type AuditFacts, recordedIfChanged } from "./audit.ts";
import type { Database } from "./db.ts";
import type { Env } from "./env.ts";
import { closeSessionSockets, reopenWaitingRooms, withdrawWaitingPatients } from "./room-control.ts";

type Account = { id: string; practiceId: string };

const others = alias(providers, "others");

/**
 * True in SQL when the provider may leave their practice: they are not an admin, another member is
 * an admin too, or nobody else is left. Checked again in the deleting statement itself, so two admins
 * leaving at the same moment cannot leave the practice without one.
 */
function mayLeave(db: Database, account: Account) {
  const one = sql`1`;
  return or(
    ne(providers.role, "admin"),
    exists(
      db
        .select({ one })
        .from(others)
        .where(and(eq(others.practiceId, account.practiceId), ne(others.id, account.id), eq(others.role, "admin"))),
    ),
    notExists(
      db
        .select({ one })
        .from(others)
        .where(and(eq(others.practiceId, account.practiceId), ne(others.id, account.id))),
    ),
  );
}

/** The provider is the only admin of a practice that has other members. */
export async function mustHandOver(db: Database, account: Account): Promise<boolean> {
  const [free] = await db
    .select({ id: providers.id })
    .from(providers)
    .where(and(eq(providers.id, account.id), mayLeave(db, account)));
  return free === undefined;
}

/**
 * Deletes the account, then closes its sockets: in that order no session is left that could open a new
 * socket between the two steps. Answers "hand-over-first" (and deletes nothing) when the provider is the
 * sole admin of a practice with other members. `audit`: the trail's entry, written in the same batch
 * and only if the account went (it goes with the practice when that is left empty).
 */
export async function deleteAccount(
  env: Env,
  db: Database,
  account: Account,
  audit: AuditFacts,
  now = Date.now(),
): Promise<"deleted" | "hand-over-first"> {
  if (await mustHandOver(db, account)) return "hand-over-first";
  // Patients may be waiting on a link of this provider's: they are told at once instead of waiting
  // for someone who will never come.
  const waitingOn = await db
    .selectDistinct({ id: appointments.id })
    .from(appointments)
    .innerJoin(invites, eq(invites.appointmentId, appointments.id))
    .where(and(eq(appointments.providerId, account.id), gt(invites.validUntil, now), isNull(invites.revokedAt)));
  const [deleted] = await db.batch([
    db
      .delete(providers)
      .where(and(eq(providers.id, account.id), mayLeave(db, account)))
      .returning({ id: providers.id }),
    recordedIfChanged(db, { ...audit, at: now }),
    // Only when no member is left; in the same batch, so a practice is never left behind empty nor
    // deleted under someone who just joined.
    db
      .delete(practices)
      .where(
        and(
          eq(practices.id, account.practiceId),
          notExists(
            db.select({ id: providers.id }).from(providers).where(eq(providers.practiceId, account.practiceId)),
          ),
        ),
      ),
  ]);
  if (deleted.length === 0) return "hand-over-first";
  await closeSessionSockets(env, account, { everySessionOf: account.id });
  await Promise.all(waitingOn.map(({ id }) => withdrawWaitingPatients(env, account, id)));
  // Patients colleagues moved to this provider are sent back: the worker routes a ticket that names a
  // provider who is no longer a member to the appointment's own provider.
  await reopenWaitingRooms(env, account.practiceId, [account.id], { sharedRoom: false });
  return "deleted";
}
