// What the worker has verified about a socket before it reaches a Durable Object.
// The worker builds the forwarded request from scratch, so no client can set this header;
// the objects trust it and nothing else.
import * as z from "zod/mini";
import { AppointmentLabel, ConsultationRole, DisplayName, InvitationLabel } from "./messages.ts";

export const IDENTITY_HEADER = "x-anteroom-identity";

/**
 * The identity as the header's value: JSON with every character outside printable ASCII escaped
 * (\uXXXX), which JSON.parse reads back unchanged. Header values are bytes: workerd warns about others
 * and prints the whole value in its warning, and with it a patient's name ("Müller") into the log.
 */
export function identityHeaderValue(identity: unknown): string {
  return JSON.stringify(identity).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const id = z.string().check(z.minLength(1), z.maxLength(64));

export const WaitingIdentity = z.discriminatedUnion("role", [
  z.object({
    role: z.literal("provider"),
    providerId: id,
    name: DisplayName,
    /** The session that opened the socket: logout closes it, and it closes when the session expires. */
    sessionHash: id,
    sessionExpiresAt: z.number(),
  }),
  z.object({
    role: z.literal("patient"),
    providerId: id,
    appointmentId: id,
    inviteId: id,
    /** The waiting ticket: once admitted, the same ticket cannot queue again while the consultation lasts. */
    ticketId: id,
    /** When they first entered: a reconnect keeps their place in the queue. */
    waitingSince: z.number(),
    /** When their ticket was issued: within the grace period of it, the ticket's place holds. */
    issuedAt: z.optional(z.number()),
    /** When the ticket stops working: a ticket the room hands out (new place, transfer) keeps it. */
    ticketExpiresAt: z.number(),
    /** The room the ticket names, which the worker sent the socket to: the room checks it is still theirs. */
    room: id,
    /** Filled in by the room once it has checked the link (durable-objects/waiting-room/arrivals.ts). */
    appointment: z.optional(AppointmentLabel),
    /** The invitation's label, filled in by the room with the appointment. */
    label: z.optional(InvitationLabel),
    /**
     * The consultation the link was made in ("Invite someone"), filled in by the room from the invite: it
     * leads into that call only, never into a new one, and not at all once that call has ended.
     */
    madeInCall: z.optional(id),
    /** Came through a provider's personal room, without an appointment (as the ticket says). */
    walkIn: z.optional(z.literal(true)),
    /** In a practice's shared room: whose personal room a walk-in came through, filled in by the room. */
    walkInWith: z.optional(DisplayName),
  }),
]);
export type WaitingIdentity = z.infer<typeof WaitingIdentity>;

export const ConsultationIdentity = z.object({
  consultationId: id,
  participantId: id,
  role: ConsultationRole,
  /** A provider's name; never a patient's or guest's (issue 25: their pages tell each other). */
  name: z.optional(DisplayName),
  /** A guest's invitation label (interpreter, relative), shown to everyone in the call. */
  label: z.optional(InvitationLabel),
  /** When the ticket stops opening the consultation: the record that it ended is kept until then. */
  ticketExpiresAt: z.number(),
  /** The provider's session, which their ticket is bound to: logout closes the socket. */
  sessionHash: z.optional(id),
  sessionExpiresAt: z.optional(z.number()),
});
export type ConsultationIdentity = z.infer<typeof ConsultationIdentity>;

/** Sealed, short-lived proofs handed to browsers (see durable-objects/tickets.ts). */
export const Ticket = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("waiting"),
    /** Random: tells this ticket apart from a later one of the same invite. */
    id,
    providerId: id,
    appointmentId: id,
    inviteId: id,
    waitingSince: z.number(),
    /** When this ticket was issued (at entering, transfer or a new place); older tickets lack it. */
    issuedAt: z.optional(z.number()),
    exp: z.number(),
    /**
     * The waiting room it opens, so that the worker routes the socket without reading D1 (the room
     * checks the link itself). Tickets sealed before rooms were named lack it: they go to the room of
     * the provider they name, which sends them on if the practice shares its room.
     */
    room: z.optional(id),
    /**
     * A walk-in through a provider's personal room: no appointment and no invite behind it. Its
     * appointment and invite ids are both the visit's own random id, which D1 keeps only in the consent record.
     */
    walkIn: z.optional(z.literal(true)),
  }),
  z.object({
    kind: z.literal("consultation"),
    consultationId: id,
    participantId: id,
    providerId: id,
    role: ConsultationRole,
    /** A provider's name; a patient's or guest's never (issue 25). */
    name: z.optional(DisplayName),
    /** A guest's invitation label, as the waiting room had it. */
    label: z.optional(InvitationLabel),
    exp: z.number(),
  }),
]);
export type Ticket = z.infer<typeof Ticket>;
export type WaitingTicket = Extract<Ticket, { kind: "waiting" }>;
export type ConsultationTicket = Extract<Ticket, { kind: "consultation" }>;
