// Every WebSocket message between browsers and the Durable Objects.
// Written with zod/mini: the client parses server messages with these same schemas,
// and classic zod would cost it 25 KB gzipped (README, "Why each dependency").
import * as z from "zod/mini";
import { MAX_NAME_LENGTH, MAX_NOTICE_LENGTH, MAX_STATUS_MESSAGE_LENGTH } from "./limits.ts";
import { typedLine, typedText } from "./typed-text.ts";

/** 2: the waiting room sends deltas instead of snapshots, and knows status, hold, notices and transfer. */
export const PROTOCOL_VERSION = 2;

/** Far below the platform's 1 MiB frame limit; an SDP offer is a few KB. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * The WebSocket subprotocol our pages offer. A ticket rides along as a second offered protocol,
 * `ticket.<sealed ticket>`, so that it never appears in a URL (and so in no request log).
 */
export const SOCKET_PROTOCOL = "anteroom.v1";
export const TICKET_PROTOCOL_PREFIX = "ticket.";

/** Answered by the object's auto-response, without waking it from hibernation. */
export const PING = "ping";
export const PONG = "pong";

export const Role = z.enum(["provider", "patient"]);
export type Role = z.infer<typeof Role>;

const id = z.string().check(z.minLength(1), z.maxLength(64));
const sdp = z.string().check(z.minLength(1), z.maxLength(MAX_MESSAGE_BYTES / 2));
export const DisplayName = typedLine(MAX_NAME_LENGTH, 1);
/** Free text from a provider to patients: length-limited, readable as typed, and always rendered as text. */
const NoticeText = typedText(MAX_NOTICE_LENGTH, 1);
const OptionalNotice = z.optional(typedText(MAX_NOTICE_LENGTH));
const StatusMessage = typedLine(MAX_STATUS_MESSAGE_LENGTH);

/** What a provider says about themselves; busy is set by their page while they are in a consultation. */
export const ProviderStatus = z.enum(["available", "busy", "away"]);
export type ProviderStatus = z.infer<typeof ProviderStatus>;
/** What patients see: the best of the present providers' statuses, or offline when none is present. */
export const RoomStatus = z.enum(["available", "busy", "away", "offline"]);
export type RoomStatus = z.infer<typeof RoomStatus>;

/** The patient's device check: what works. Audio only is a camera that is off or failed. */
export const DeviceCheck = z.object({ camera: z.boolean(), microphone: z.boolean() });
export type DeviceCheck = z.infer<typeof DeviceCheck>;

const IceCandidate = z.object({
  candidate: z.string().check(z.maxLength(2_000)),
  sdpMid: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  sdpMLineIndex: z.optional(z.nullable(z.int().check(z.gte(0), z.lte(64)))),
  usernameFragment: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
});

// ---- browser → object ----

export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), protocol: z.int() }),
  // waiting room, provider only
  z.object({ type: z.literal("admit"), patientId: id }),
  /** Admits whoever has waited longest and is not on hold. */
  z.object({ type: z.literal("admit-next") }),
  z.object({ type: z.literal("deny"), patientId: id, message: OptionalNotice }),
  /** The patient stays in the queue and is told to wait, with a message. */
  z.object({ type: z.literal("hold"), patientId: id, message: OptionalNotice }),
  /** Ends a hold: the patient is told so, and admit-next no longer passes over them. */
  z.object({ type: z.literal("release"), patientId: id }),
  /** A one-way notice to one waiting patient; not a chat. */
  z.object({ type: z.literal("notify"), patientId: id, text: NoticeText }),
  /** Moves the patient to a colleague's queue, keeping their waiting time. */
  z.object({ type: z.literal("transfer"), patientId: id, to: id }),
  z.object({ type: z.literal("status"), status: ProviderStatus, message: z.optional(StatusMessage) }),
  /**
   * From a provider in a call: lets a patient who came back through their link (marked `returning`) into
   * that same running consultation, never a new one.
   */
  z.object({ type: z.literal("let-back-in"), patientId: id }),
  // waiting room, patient only: the result of the device check
  z.object({ type: z.literal("device"), device: DeviceCheck }),
  // consultation: signaling goes to one named peer, never to everyone
  z.object({ type: z.literal("offer"), to: id, sdp }),
  z.object({ type: z.literal("answer"), to: id, sdp }),
  z.object({ type: z.literal("ice"), to: id, candidate: z.nullable(IceCandidate) }),
  z.object({ type: z.literal("leave") }),
  // consultation, provider only: ends it for everyone
  z.object({ type: z.literal("end") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

// ---- object → browser ----

/** The appointment a patient came for, as the provider labelled it; shown to providers only. */
export const AppointmentLabel = z.object({
  title: z.string().check(z.maxLength(200)),
  startsAt: z.number(),
  /** In a practice's shared waiting room: the member the appointment is with. */
  with: z.optional(DisplayName),
});
export type AppointmentLabel = z.infer<typeof AppointmentLabel>;

export const WaitingPatient = z.object({
  id,
  name: DisplayName,
  waitingSince: z.number(),
  appointment: z.nullable(AppointmentLabel),
  /** null until the patient's page reports its device check. */
  device: z.nullable(DeviceCheck),
  onHold: z.boolean(),
});
export type WaitingPatient = z.infer<typeof WaitingPatient>;

export const Participant = z.object({ id, role: Role, name: DisplayName });
export type Participant = z.infer<typeof Participant>;

export const ErrorCode = z.enum([
  "invalid-message",
  "unknown-type",
  "too-large",
  "forbidden",
  "not-found",
  "incompatible",
  /** Too many messages: a flood is refused, then the socket is closed. */
  "rate-limited",
  /** Someone else is already doing this (a colleague admitting the same patient). */
  "conflict",
  /** Something failed on our side while handling the message; nothing changed. */
  "server-error",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** time-limit: the consultation reached the practice's maximum length. */
export const EndReason = z.enum(["ended-by-provider", "replaced", "time-limit"]);
export type EndReason = z.infer<typeof EndReason>;

export const ServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), protocol: z.int(), you: id, role: Role }),
  // to a provider: everyone waiting once on connect, then one small message per change
  z.object({ type: z.literal("queue"), patients: z.array(WaitingPatient) }),
  z.object({ type: z.literal("arrived"), patient: WaitingPatient }),
  z.object({ type: z.literal("updated"), patient: WaitingPatient }),
  z.object({ type: z.literal("departed"), id }),
  /** The colleagues a patient can be transferred to. */
  z.object({ type: z.literal("colleagues"), colleagues: z.array(z.object({ id, name: DisplayName })) }),
  // to a waiting patient: their own position only (never anyone else's), sent when it changes
  /** waitedMs: how long they have waited, so the page counts on from there (after a reload too). */
  z.object({ type: z.literal("position"), position: z.int(), waitedMs: z.number() }),
  z.object({ type: z.literal("room-status"), status: RoomStatus, message: z.nullable(StatusMessage) }),
  z.object({ type: z.literal("notice"), text: NoticeText }),
  z.object({ type: z.literal("on-hold"), message: z.nullable(NoticeText) }),
  /** The provider released the hold: the on-hold notice goes. */
  z.object({ type: z.literal("hold-released") }),
  /** Keep this ticket for reconnecting: the patient's place or provider changed. */
  z.object({ type: z.literal("ticket"), ticket: z.string() }),
  z.object({ type: z.literal("transferred"), ticket: z.string(), to: DisplayName }),
  z.object({ type: z.literal("admitted"), consultationId: id, ticket: z.string() }),
  /**
   * To a provider, after `arrived` (or `queue`): this waiting patient's link is in a consultation of
   * theirs that still runs, which they can let the patient back into (`let-back-in`).
   */
  z.object({ type: z.literal("returning"), id, consultationId: id }),
  /**
   * To a patient whose link is in a running consultation right now (another tab or device): they are not
   * queued; the ticket opens that same consultation here, and the older connection to it is replaced.
   */
  z.object({ type: z.literal("in-call"), consultationId: id, ticket: z.string() }),
  /** retryAt: when the same link may ask again (the practice's pause). */
  z.object({ type: z.literal("denied"), message: z.nullable(NoticeText), retryAt: z.number() }),
  // consultation roster, a full snapshot on every change
  z.object({ type: z.literal("presence"), participants: z.array(Participant) }),
  z.object({ type: z.literal("offer"), from: id, sdp }),
  z.object({ type: z.literal("answer"), from: id, sdp }),
  z.object({ type: z.literal("ice"), from: id, candidate: z.nullable(IceCandidate) }),
  z.object({ type: z.literal("ended"), reason: EndReason }),
  // consultation: it ends at the practice's maximum length; sent 5 minutes before, and to anyone joining after
  z.object({ type: z.literal("time-warning"), endsAt: z.number() }),
  z.object({ type: z.literal("error"), code: ErrorCode, message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Close codes the objects use; browsers read them from the close event. */
export const CloseCode = {
  normal: 1000,
  admitted: 4000,
  denied: 4001,
  ended: 4002,
  replaced: 4003,
  full: 4004,
  /** The practice withdrew the invite link the patient came with. */
  revoked: 4005,
  /**
   * This waiting ticket was already admitted to a consultation that is still running, or (after an
   * `in-call` message) the link is in that consultation right now: nobody holds two places.
   */
  alreadyAdmitted: 4006,
  /** The patient waited longer than the practice's idle limit. */
  idle: 4007,
  /** Too many messages from this socket. */
  flooded: 4008,
  /** The patient moved to a colleague's waiting room; the page reconnects with the ticket it was sent. */
  transferred: 4009,
  /** The practice switched between a shared waiting room and one each: reconnect with the ticket just sent. */
  reopened: 4010,
  /** No valid session or ticket, or the session ended (logout, expiry, "log out everywhere"). */
  unauthorized: 4401,
  /** Valid, but not for this room, or the link has been withdrawn. */
  forbidden: 4403,
} as const;
