// What the waiting room reads from D1 about the patients arriving at it, many at once (batched.ts).
// Read only: the worker writes invites, appointments and practices; the room checks them at the moment
// a patient's socket arrives, so a link withdrawn or a setting changed since the ticket counts at once.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { appointments, invites, practices, providers } from "../../schema/tables.ts";

function inviteFactsQuery(db: ReturnType<typeof drizzle>, inviteIds: string[]) {
  return db
    .select({
      inviteId: invites.id,
      label: invites.label,
      /** Made in a running consultation ("Invite someone"): the link leads into that call only. */
      consultationId: invites.consultationId,
      validity: { validFrom: invites.validFrom, validUntil: invites.validUntil, revokedAt: invites.revokedAt },
      appointment: { title: appointments.title, startsAt: appointments.startsAt },
      providerId: appointments.providerId,
      providerName: providers.displayName,
      practice: {
        id: practices.id,
        sharedWaitingRoom: practices.sharedWaitingRoom,
        waitingIdleLimitMinutes: practices.waitingIdleLimitMinutes,
        denyPauseMinutes: practices.denyPauseMinutes,
        consultationLimitMinutes: practices.consultationLimitMinutes,
        waitingRoomOpensMinutes: practices.waitingRoomOpensMinutes,
      },
    })
    .from(invites)
    .innerJoin(appointments, eq(appointments.id, invites.appointmentId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .innerJoin(practices, eq(practices.id, providers.practiceId))
    .where(inArray(invites.id, inviteIds));
}

/** An invite with its appointment, the provider it is with, and their practice's rules for waiting. */
export type InviteFacts = Awaited<ReturnType<typeof inviteFactsQuery>>[number];

/** The facts of each of these invites that exists, by invite id. */
export function lookUpInvites(d1: D1Database): (inviteIds: string[]) => Promise<Map<string, InviteFacts>> {
  const db = drizzle(d1);
  return async (inviteIds) => {
    const rows = await inviteFactsQuery(db, inviteIds);
    return new Map(rows.map((row) => [row.inviteId, row]));
  };
}

/** A confirmed member of a practice, with the practice's rules for waiting (the host of a walk-in). */
export interface MemberFacts {
  providerName: string;
  practice: InviteFacts["practice"];
}

/** Each of these providers who is a confirmed member of a practice, with that practice, by provider id. */
export function lookUpMembers(d1: D1Database): (providerIds: string[]) => Promise<Map<string, MemberFacts>> {
  const db = drizzle(d1);
  return async (providerIds) => {
    const rows = await db
      .select({
        id: providers.id,
        providerName: providers.displayName,
        practice: {
          id: practices.id,
          sharedWaitingRoom: practices.sharedWaitingRoom,
          waitingIdleLimitMinutes: practices.waitingIdleLimitMinutes,
          denyPauseMinutes: practices.denyPauseMinutes,
          consultationLimitMinutes: practices.consultationLimitMinutes,
          waitingRoomOpensMinutes: practices.waitingRoomOpensMinutes,
        },
      })
      .from(providers)
      .innerJoin(practices, eq(practices.id, providers.practiceId))
      .where(and(inArray(providers.id, providerIds), isNotNull(providers.emailConfirmedAt)));
    return new Map(rows.map(({ id, ...member }) => [id, member]));
  };
}
