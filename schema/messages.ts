// Every WebSocket message between browsers and the Durable Objects.
// Written with zod/mini: the client parses server messages with these same schemas,
// and classic zod would cost it 25 KB gzipped (README, "Why each dependency").
import * as z from "zod/mini";
import { MAX_NAME_LENGTH } from "./limits.ts";

export const PROTOCOL_VERSION = 1;

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
export const DisplayName = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH));

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
  z.object({ type: z.literal("deny"), patientId: id }),
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

export const WaitingPatient = z.object({ id, name: DisplayName, waitingSince: z.number() });
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
  /** Something failed on our side while handling the message; nothing changed. */
  "server-error",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** time-limit: the consultation reached the practice's maximum length. */
export const EndReason = z.enum(["ended-by-provider", "replaced", "time-limit"]);
export type EndReason = z.infer<typeof EndReason>;

export const ServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), protocol: z.int(), you: id, role: Role }),
  // to the provider: everyone waiting, a full snapshot on every change
  z.object({ type: z.literal("queue"), patients: z.array(WaitingPatient) }),
  // to a waiting patient
  z.object({ type: z.literal("waiting"), position: z.int(), providerPresent: z.boolean() }),
  z.object({ type: z.literal("admitted"), consultationId: id, ticket: z.string() }),
  z.object({ type: z.literal("denied") }),
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
  /** This waiting ticket was already admitted to a consultation that is still running. */
  alreadyAdmitted: 4006,
  /** No valid session or ticket, or the session ended (logout, expiry, "log out everywhere"). */
  unauthorized: 4401,
  /** Valid, but not for this room, or the link has been withdrawn. */
  forbidden: 4403,
} as const;
