// Provider sockets live no longer than the session that opened them. Shared by both rooms.
import { CloseCode } from "../schema/messages.ts";
import type { RoomSocket } from "./socket.ts";

/**
 * Which provider sockets to close when sessions end: one session (logout), or every session of one
 * provider ("log out everywhere", a password reset, a removal). Always the provider's own: a practice's
 * shared waiting room and a group call hold colleagues' sockets too, which must stay open.
 */
export type SessionMatch = { sessionHash: string } | { everySessionOf: string };

/** What the rooms need to know of a socket to tie it to a provider's session. */
interface SessionAttachment {
  connectionId: string;
  role: string;
  sessionHash?: string;
  sessionExpiresAt?: number;
}

/** The sockets of a room, as far as ending sessions needs them. */
export interface SessionSockets<Attachment> {
  list(): readonly RoomSocket<Attachment>[];
  close(socket: RoomSocket<Attachment>, code: number, reason: string): void;
}

export const LOGGED_OUT = "You have been logged out.";
export const SECOND_FACTOR_REQUIRED = "Your practice now requires two-step login: set it up on your account page.";
export const SESSION_EXPIRED = "Your session has expired. Please log in again.";

/** Whether a socket of provider `providerId` belongs to the ended session(s). */
export function matchesSession(attachment: SessionAttachment, providerId: string, match: SessionMatch): boolean {
  if ("everySessionOf" in match) return providerId === match.everySessionOf;
  return attachment.sessionHash === match.sessionHash;
}

/** Whether a socket's session has expired by `now`; sockets not tied to a session never expire. */
export const sessionExpiredBy =
  (now: number) =>
  (attachment: SessionAttachment): boolean =>
    (attachment.sessionExpiresAt ?? Number.POSITIVE_INFINITY) <= now;

/** Closes the provider sockets `which` picks, with 4401 and `reason`; returns how many it closed. */
export function closeProviderSockets<Attachment extends SessionAttachment>(
  sockets: SessionSockets<Attachment>,
  which: (attachment: Attachment) => boolean,
  reason: string,
): number {
  const closing = sockets.list().filter((s) => s.attachment.role === "provider" && which(s.attachment));
  for (const socket of closing) sockets.close(socket, CloseCode.unauthorized, reason);
  return closing.length;
}

/** When the sessions of the open provider sockets expire, for the object's alarm. */
export function sessionDeadlines<Attachment extends SessionAttachment>(sockets: SessionSockets<Attachment>): number[] {
  return sockets
    .list()
    .map((s) => (s.attachment.role === "provider" ? s.attachment.sessionExpiresAt : undefined))
    .filter((deadline): deadline is number => deadline !== undefined);
}
