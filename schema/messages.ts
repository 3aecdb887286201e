// Every WebSocket message between browsers and the Durable Objects.
// Written with zod/mini: the client parses server messages with these same schemas,
// and classic zod would cost it 25 KB gzipped (README, "Why each dependency").
import * as z from "zod/mini";
import {
  MAX_INVITATION_LABEL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NOTICE_LENGTH,
  MAX_STATUS_MESSAGE_LENGTH,
} from "./limits.ts";
import { MAX_SEAL_RECIPIENTS, SealedName, SealKey, SealPurpose } from "./sealed-name.ts";
import { typedLine, typedText } from "./typed-text.ts";

/**
 * 2: the waiting room sends deltas instead of snapshots, and knows status, hold, notices and transfer.
 * 3: a consultation is a group (roles provider, patient, guest; a moderator; presence with lock and grace).
 */
export const PROTOCOL_VERSION = 3;

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
/**
 * Who someone is in a call: a provider, the patient, or a guest (someone admitted through a labelled
 * invitation: a relative, an interpreter). The waiting room knows only `Role`.
 */
export const ConsultationRole = z.enum(["provider", "patient", "guest"]);
export type ConsultationRole = z.infer<typeof ConsultationRole>;

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
// Each message once; the contracts below say which room and role may send it.

const Hello = z.object({ type: z.literal("hello"), protocol: z.int() });
const Leave = z.object({ type: z.literal("leave") });
const Admit = z.object({ type: z.literal("admit"), patientId: id });
/** Admits whoever has waited longest and is not on hold. */
const AdmitNext = z.object({ type: z.literal("admit-next") });
const Deny = z.object({ type: z.literal("deny"), patientId: id, message: OptionalNotice });
/** The patient stays in the queue and is told to wait, with a message. */
const Hold = z.object({ type: z.literal("hold"), patientId: id, message: OptionalNotice });
/** Ends a hold: the patient is told so, and admit-next no longer passes over them. */
const Release = z.object({ type: z.literal("release"), patientId: id });
/** A one-way notice to one waiting patient; not a chat. */
const Notify = z.object({ type: z.literal("notify"), patientId: id, text: NoticeText });
/** Moves the patient to a colleague's queue, keeping their waiting time. */
const Transfer = z.object({ type: z.literal("transfer"), patientId: id, to: id });
const SetStatus = z.object({ type: z.literal("status"), status: ProviderStatus, message: z.optional(StatusMessage) });
/**
 * From a provider in a call: lets a patient who came back through their link (marked `returning`) into
 * that same running consultation, never a new one.
 */
const LetBackIn = z.object({ type: z.literal("let-back-in"), patientId: id });
/**
 * From a provider in a call: admits someone waiting for it (`forCall`: invited to the same appointment)
 * into that same running consultation, never a new one. The consultation decides whether there is room.
 */
const AddToCall = z.object({ type: z.literal("add-to-call"), patientId: id, consultationId: id });
/** From a colleague's dashboard: "not now" to a request to join a consultation (`call-request`). */
const DeclineCall = z.object({ type: z.literal("decline-call"), consultationId: id });
/** The result of the patient's device check. */
const Device = z.object({ type: z.literal("device"), device: DeviceCheck });
/**
 * The patient's name, sealed in their page to the device keys `seal-to` named (issue 25): the room keeps
 * it in the socket's attachment and relays it to dashboards unread. Sent after every `seal-to`.
 */
const Name = z.object({ type: z.literal("name"), sealed: SealedName });
// Signaling goes to one named peer, never to everyone.
const Offer = z.object({ type: z.literal("offer"), to: id, sdp });
const Answer = z.object({ type: z.literal("answer"), to: id, sdp });
const Ice = z.object({ type: z.literal("ice"), to: id, candidate: z.nullable(IceCandidate) });
/**
 * The sender's media path, once known (the selected ICE candidate pair): whether it goes through a TURN
 * relay. Sent once per peer, for the practice's activity log (if it keeps one); nothing else is told.
 */
const Path = z.object({ type: z.literal("path"), relayed: z.boolean() });
/** Ends the consultation for everyone (the moderator only). */
const End = z.object({ type: z.literal("end") });
// The moderator's controls in a group call; `to` is a connection id from presence.
/** Asks one participant to mute; nobody can be unmuted remotely. */
const AskMute = z.object({ type: z.literal("ask-mute"), to: id });
/** Removes one participant: they are told, and their ticket stops opening the call. */
const Remove = z.object({ type: z.literal("remove"), to: id });
/** Locked: nobody who was never in the call gets in. */
const Lock = z.object({ type: z.literal("lock"), locked: z.boolean() });
/** Hands the moderator role to another provider in the call. */
const MakeModerator = z.object({ type: z.literal("make-moderator"), to: id });

export const PatientToWaitingRoom = z.discriminatedUnion("type", [Hello, Device, Name, Leave]);
export type PatientToWaitingRoom = z.infer<typeof PatientToWaitingRoom>;
export const ProviderToWaitingRoom = z.discriminatedUnion("type", [
  Hello,
  Admit,
  AdmitNext,
  Deny,
  Hold,
  Release,
  Notify,
  Transfer,
  SetStatus,
  LetBackIn,
  AddToCall,
  DeclineCall,
  Leave,
]);
export type ProviderToWaitingRoom = z.infer<typeof ProviderToWaitingRoom>;
/** What anyone in a call sends: the patient and guests (an interpreter, a relative). */
export const ParticipantToConsultation = z.discriminatedUnion("type", [Hello, Offer, Answer, Ice, Path, Leave]);
export type ParticipantToConsultation = z.infer<typeof ParticipantToConsultation>;
/** A participant's messages, and moderating the call (the room checks that the sender is its moderator). */
export const ProviderToConsultation = z.discriminatedUnion("type", [
  Hello,
  Offer,
  Answer,
  Ice,
  Path,
  Leave,
  End,
  AskMute,
  Remove,
  Lock,
  MakeModerator,
]);
export type ProviderToConsultation = z.infer<typeof ProviderToConsultation>;

/** Every message any page sends, whatever its room and role: what the pages' own types use. */
export const ClientMessage = z.discriminatedUnion("type", [
  Hello,
  Admit,
  AdmitNext,
  Deny,
  Hold,
  Release,
  Notify,
  Transfer,
  SetStatus,
  LetBackIn,
  AddToCall,
  DeclineCall,
  Device,
  Name,
  Offer,
  Answer,
  Ice,
  Path,
  Leave,
  End,
  AskMute,
  Remove,
  Lock,
  MakeModerator,
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

/** Whom an invitation is for (a key such as "interpreter", or the practice's words), shown to providers. */
export const InvitationLabel = z.string().check(z.maxLength(MAX_INVITATION_LABEL_LENGTH));

export const WaitingPatient = z.object({
  id,
  /**
   * The name as the patient's page sealed it to the practice's device keys; the dashboard opens it with
   * its own. Absent until the page sends it, and for good when it had no key to seal to or the link's
   * keys did not match (the server never learns the name: issue 25).
   */
  sealedName: z.optional(SealedName),
  /** What the sealed name must be bound to (the invitation, or a walk-in's visit): opened for this only. */
  sealedFor: id,
  waitingSince: z.number(),
  appointment: z.nullable(AppointmentLabel),
  /** null until the patient's page reports its device check. */
  device: z.nullable(DeviceCheck),
  onHold: z.boolean(),
  /** The label of the invitation they came through; absent before labels existed. */
  label: z.optional(InvitationLabel),
  /**
   * Came through a provider's personal room, without an appointment (`appointment` is null). In a
   * practice's shared room, `with` names whose room it was.
   */
  walkIn: z.optional(z.object({ with: z.optional(DisplayName) })),
  /**
   * Invited to the same appointment as a consultation that runs now (an interpreter, a relative): its
   * provider can add them to that call (`add-to-call`). The consultation's id.
   */
  forCall: z.optional(id),
});
export type WaitingPatient = z.infer<typeof WaitingPatient>;

/**
 * Someone in the call, as everyone in it sees them: `id` is their connection id (never their participant
 * id or ticket), `label` the label of the invitation a guest came through.
 */
export const Participant = z.object({
  id,
  role: ConsultationRole,
  /**
   * A provider's name. A patient's or guest's is never known to the server: their page tells it to the
   * others over the data channel (schema/peer-messages.ts).
   */
  name: z.optional(DisplayName),
  label: z.optional(InvitationLabel),
  moderator: z.boolean(),
});
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
  /** The consultation has no room for one more (five at most, seats being filled count). */
  "full",
  /** The consultation is locked: nobody new is added. */
  "locked",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * time-limit: the consultation reached the practice's maximum length. removed: the moderator removed this
 * participant (the call goes on without them). no-moderator: the moderator left, no provider took over
 * within the announced grace period.
 */
export const EndReason = z.enum(["ended-by-provider", "replaced", "time-limit", "removed", "no-moderator"]);
export type EndReason = z.infer<typeof EndReason>;

/** The waiting room greets with `Role`, a consultation with `ConsultationRole` (a guest, too). */
const ServerHello = z.object({ type: z.literal("hello"), protocol: z.int(), you: id, role: ConsultationRole });
const ErrorReply = z.object({ type: z.literal("error"), code: ErrorCode, message: z.string() });
export type ErrorReply = z.infer<typeof ErrorReply>;
const Admitted = z.object({ type: z.literal("admitted"), consultationId: id, ticket: z.string() });
// to a provider: everyone waiting once on connect, then one small message per change
const Queue = z.object({ type: z.literal("queue"), patients: z.array(WaitingPatient) });
const Arrived = z.object({ type: z.literal("arrived"), patient: WaitingPatient });
const Updated = z.object({ type: z.literal("updated"), patient: WaitingPatient });
const Departed = z.object({ type: z.literal("departed"), id });
/** The colleagues a patient can be transferred to. */
const Colleagues = z.object({
  type: z.literal("colleagues"),
  colleagues: z.array(z.object({ id, name: DisplayName })),
});
/**
 * To a provider, after `arrived` (or `queue`): this waiting patient's link is in a consultation of
 * theirs that still runs, which they can let the patient back into (`let-back-in`).
 */
const Returning = z.object({ type: z.literal("returning"), id, consultationId: id });
/**
 * To a provider's dashboards: a colleague moderating a consultation asks them to join it (no patient's
 * name: `from` is the colleague). It lapses at `until`, when the call reaches its maximum length.
 */
const CallRequest = z.object({
  type: z.literal("call-request"),
  consultationId: id,
  from: DisplayName,
  until: z.number(),
});
/** The request to join this consultation was answered (joined or declined, on any of their pages). */
const CallRequestGone = z.object({ type: z.literal("call-request-gone"), consultationId: id });
// to a waiting patient: their own position only (never anyone else's), sent when it changes
/** waitedMs: how long they have waited, so the page counts on from there (after a reload too). */
const Position = z.object({ type: z.literal("position"), position: z.int(), waitedMs: z.number() });
/**
 * forCall: this patient waits for the running consultation of their appointment (an interpreter while the
 * patient is in it), which its provider adds them to; the room's status is then not what they wait for.
 */
const RoomStatusMessage = z.object({
  type: z.literal("room-status"),
  status: RoomStatus,
  message: z.nullable(StatusMessage),
  forCall: z.optional(z.boolean()),
});
const Notice = z.object({ type: z.literal("notice"), text: NoticeText });
const OnHold = z.object({ type: z.literal("on-hold"), message: z.nullable(NoticeText) });
/** The provider released the hold: the on-hold notice goes. */
const HoldReleased = z.object({ type: z.literal("hold-released") });
/** Keep this ticket for reconnecting: the patient's place or provider changed. */
const TicketMessage = z.object({ type: z.literal("ticket"), ticket: z.string() });
/**
 * Sent to a patient on every connection: the device keys of whoever may see them here, and what to bind
 * the sealed name to. The page checks the keys against its link's commitment, seals and sends `name`.
 */
const SealTo = z.object({
  type: z.literal("seal-to"),
  for: id,
  purpose: SealPurpose,
  keys: z.array(SealKey).check(z.maxLength(MAX_SEAL_RECIPIENTS)),
});
const Transferred = z.object({ type: z.literal("transferred"), ticket: z.string(), to: DisplayName });
/**
 * To a patient whose link is in a running consultation right now (another tab or device): they are not
 * queued; the ticket opens that same consultation here, and the older connection to it is replaced.
 */
const InCall = z.object({ type: z.literal("in-call"), consultationId: id, ticket: z.string() });
/** retryAt: when the same link may ask again (the practice's pause). */
const Denied = z.object({ type: z.literal("denied"), message: z.nullable(NoticeText), retryAt: z.number() });
// consultation roster, a full snapshot on every change
/**
 * locked: nobody new gets in. graceEndsAt: the moderator left and no provider is in the call; it ends
 * then unless one comes (back).
 */
const Presence = z.object({
  type: z.literal("presence"),
  participants: z.array(Participant),
  locked: z.boolean(),
  graceEndsAt: z.optional(z.number()),
});
const OfferFrom = z.object({ type: z.literal("offer"), from: id, sdp });
const AnswerFrom = z.object({ type: z.literal("answer"), from: id, sdp });
const IceFrom = z.object({ type: z.literal("ice"), from: id, candidate: z.nullable(IceCandidate) });
const Ended = z.object({ type: z.literal("ended"), reason: EndReason });
/** The moderator asked this participant to mute (their page mutes and says who asked). */
const AskedToMute = z.object({ type: z.literal("asked-to-mute"), by: DisplayName });
// consultation: it ends at the practice's maximum length; sent 5 minutes before, and to anyone joining after
const TimeWarning = z.object({ type: z.literal("time-warning"), endsAt: z.number() });

export const WaitingRoomToPatient = z.discriminatedUnion("type", [
  ServerHello,
  Position,
  RoomStatusMessage,
  Notice,
  OnHold,
  HoldReleased,
  TicketMessage,
  SealTo,
  Transferred,
  Admitted,
  InCall,
  Denied,
  ErrorReply,
]);
export type WaitingRoomToPatient = z.infer<typeof WaitingRoomToPatient>;
export const WaitingRoomToProvider = z.discriminatedUnion("type", [
  ServerHello,
  Queue,
  Arrived,
  Updated,
  Departed,
  Colleagues,
  Returning,
  CallRequest,
  CallRequestGone,
  Admitted,
  ErrorReply,
]);
export type WaitingRoomToProvider = z.infer<typeof WaitingRoomToProvider>;
/** The same for every role in a call. */
export const ConsultationToParticipant = z.discriminatedUnion("type", [
  ServerHello,
  Presence,
  OfferFrom,
  AnswerFrom,
  IceFrom,
  Ended,
  AskedToMute,
  TimeWarning,
  ErrorReply,
]);
export type ConsultationToParticipant = z.infer<typeof ConsultationToParticipant>;

/** Every message any room sends, whatever the role: what the pages parse. */
export const ServerMessage = z.discriminatedUnion("type", [
  ServerHello,
  Queue,
  Arrived,
  Updated,
  Departed,
  Colleagues,
  Position,
  RoomStatusMessage,
  Notice,
  OnHold,
  HoldReleased,
  TicketMessage,
  SealTo,
  Transferred,
  Admitted,
  Returning,
  CallRequest,
  CallRequestGone,
  InCall,
  Denied,
  Presence,
  OfferFrom,
  AnswerFrom,
  IceFrom,
  Ended,
  AskedToMute,
  TimeWarning,
  ErrorReply,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

// ---- contracts: one per room and role ----

/** What one role may send to its room, and what the room sends it. */
export interface Contract<Send extends z.ZodMiniType, Receive extends z.ZodMiniType> {
  send: Send;
  receive: Receive;
}

/** By role, as the worker verified it and the room recorded it when it accepted the socket. */
export const WaitingRoomContracts = {
  patient: { send: PatientToWaitingRoom, receive: WaitingRoomToPatient },
  provider: { send: ProviderToWaitingRoom, receive: WaitingRoomToProvider },
} as const satisfies Record<Role, Contract<z.ZodMiniType, z.ZodMiniType>>;

/** By role in the call: a guest may send what the patient may; moderating is a provider's message. */
export const ConsultationContracts = {
  patient: { send: ParticipantToConsultation, receive: ConsultationToParticipant },
  guest: { send: ParticipantToConsultation, receive: ConsultationToParticipant },
  provider: { send: ProviderToConsultation, receive: ConsultationToParticipant },
} as const satisfies Record<ConsultationRole, Contract<z.ZodMiniType, z.ZodMiniType>>;

/** Close codes the objects use; browsers read them from the close event. */
/** Why an appointment's patients are sent away: a link withdrawn (a new one may come) or the appointment cancelled. */
export type WithdrawReason = "withdrawn" | "cancelled";

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
  /** The practice cancelled the appointment: every link of it stops, the patient is told so. */
  cancelled: 4011,
  /** The waiting room does not open yet for this appointment (its start moved later, say). */
  notOpen: 4012,
  /**
   * The moderator removed this participant from the consultation: their ticket no longer opens it, and
   * their link does not queue for it again while it runs.
   */
  removed: 4013,
  /** No valid session or ticket, or the session ended (logout, expiry, "log out everywhere"). */
  unauthorized: 4401,
  /** Valid, but not for this room, or the link has been withdrawn. */
  forbidden: 4403,
} as const;
