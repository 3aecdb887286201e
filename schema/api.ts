// Bodies and parameters of the HTTP API, written with classic zod for @hono/zod-openapi,
// which turns them into /api/openapi.json. The client imports only the types (see api-types.ts);
// importing these values would pull classic zod into the page.
import { z } from "@hono/zod-openapi";
import { Language, TimeZone } from "./api-accounts.ts";
import { ACTIVITY_PAGE_SIZE, AUDIT_ACTIONS, AUDIT_PAGE_SIZE } from "./audit.ts";
import { API_ERROR_CODES } from "./errors.ts";
import {
  MAX_APPOINTMENT_MINUTES,
  MAX_APPOINTMENT_NOTE_LENGTH,
  MAX_INVITATION_LABEL_LENGTH,
  MAX_TITLE_LENGTH,
  MIN_APPOINTMENT_MINUTES,
} from "./limits.ts";
import { KEY_COMMITMENT_PATTERN } from "./sealed-name.ts";
import { isPlainLine, PLAIN_LINE_MESSAGE } from "./text.ts";

/** Every error answer: a stable code the client translates, and an English message for people reading logs. */
export const ErrorBody = z.object({ code: z.enum(API_ERROR_CODES), error: z.string() }).openapi("Error");

export const LoginBody = z
  .object({
    email: z.email().max(254).toLowerCase(),
    password: z.string().min(1).max(1024),
  })
  .openapi("Login");

/** The practice's own note: plain text, never shown to the patient. */
const AppointmentNote = z.string().max(MAX_APPOINTMENT_NOTE_LENGTH);
/**
 * Minutes. Bounded loosely here: the handler refuses what is under MIN_APPOINTMENT_MINUTES or over
 * MAX_APPOINTMENT_MINUTES with a code of its own (appointment-too-short/-long), which the page translates.
 */
const Duration = z
  .number()
  .int()
  .positive()
  .max(24 * 60)
  .openapi({ description: `${MIN_APPOINTMENT_MINUTES}–${MAX_APPOINTMENT_MINUTES} minutes` });
const StartsAt = z.iso.datetime({ offset: true }).openapi({ example: "2026-12-01T09:30:00+01:00" });

export const AppointmentCreate = z
  .object({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    startsAt: StartsAt,
    durationMinutes: Duration,
    note: AppointmentNote.optional(),
    /** Whose appointment: an admin may name any member of their practice; others only themselves. */
    providerId: z.uuid().optional(),
  })
  .openapi("AppointmentCreate");

/** What an edit may change; what is left out stays. */
export const AppointmentUpdate = z
  .object({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH).optional(),
    startsAt: StartsAt.optional(),
    durationMinutes: Duration.optional(),
    note: AppointmentNote.optional(),
  })
  .openapi("AppointmentUpdate");

/** What the practice can tell from D1: scheduled, someone entered (waiting), over (done), or cancelled. */
export const AppointmentStatus = z.enum(["scheduled", "waiting", "in-consultation", "done", "cancelled"]);

export const AppointmentView = z
  .object({
    id: z.string(),
    providerId: z.string(),
    title: z.string(),
    note: z.string(),
    startsAt: z.iso.datetime(),
    durationMinutes: z.number().int(),
    status: AppointmentStatus,
    sequence: z.number().int(),
  })
  .openapi("Appointment");

export const AppointmentList = z.object({ appointments: z.array(AppointmentView) }).openapi("AppointmentList");

/** Which appointments: a range (default: those not over yet) and, for an admin, a member's. */
export const AppointmentListQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  providerId: z.uuid().optional(),
});

export const InviteLink = z.object({ inviteUrl: z.url(), validUntil: z.iso.datetime() }).openapi("InviteLink");

/** Other appointments of the same provider at the same time: allowed, but the page warns. */
const Overlaps = z.array(z.string());

export const AppointmentCreated = z
  .object({
    appointment: AppointmentView,
    invite: InviteLink,
    /** The first invitation's id (the patient's): its link can be sent at once. */
    invitationId: z.uuid(),
    overlaps: Overlaps,
  })
  .openapi("AppointmentCreated");

export const AppointmentSaved = z
  .object({
    appointment: AppointmentView,
    overlaps: Overlaps,
    /** How many people with a reminder pending were told of the new time or the cancellation by mail or SMS. */
    sentNotices: z.number().int().optional(),
    /** How many people with a reminder pending could not be told of the new time or the cancellation. */
    unsentNotices: z.number().int().optional(),
  })
  .openapi("AppointmentSaved");

export const AppointmentIdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

/**
 * Whom an invitation is for: patient, relative, interpreter, colleague (keys each member's page
 * translates) or the practice's own words, a plain line like a name.
 */
export const InvitationLabel = z
  .string()
  .trim()
  .min(1)
  .max(MAX_INVITATION_LABEL_LENGTH)
  .refine(isPlainLine, PLAIN_LINE_MESSAGE);

export const AppointmentInvitationCreate = z.object({ label: InvitationLabel }).openapi("AppointmentInvitationCreate");

/**
 * A one-off link into a running consultation ("Invite someone"): for a guest, never the patient (who has
 * the appointment's own link), so any label but "patient".
 */
export const CallInvitationCreate = z
  .object({
    label: InvitationLabel.refine(
      (label) => label !== "patient",
      "A link from the call is for a guest, not the patient.",
    ),
  })
  .openapi("CallInvitationCreate");

/** The practice's other members a consultation's moderator can ask to join it ("Invite a colleague"). */
export const ConsultationColleagues = z
  .object({ colleagues: z.array(z.object({ id: z.uuid(), name: z.string() })) })
  .openapi("ConsultationColleagues");

/** Its moderator asks a colleague of the same practice to join the running consultation. */
export const ColleagueInvitationCreate = z.object({ colleagueId: z.uuid() }).openapi("ColleagueInvitationCreate");

/** The colleague was asked: their dashboards show the request until the call ends or they answer it. */
export const ColleagueInvited = z.object({ until: z.iso.datetime() }).openapi("ColleagueInvited");

/** A colleague asked to join: the consultation's ticket for them (kept by their page, never shown). */
export const ConsultationJoined = z
  .object({ consultationId: z.uuid(), ticket: z.string() })
  .openapi("ConsultationJoined");

/** An invitation as the practice sees it: never its token (a link is shown only when it is issued). */
export const AppointmentInvitationView = z
  .object({
    id: z.uuid(),
    label: z.string(),
    state: z.enum(["valid", "withdrawn", "expired"]),
    validUntil: z.iso.datetime(),
  })
  .openapi("AppointmentInvitation");

export const AppointmentInvitationList = z
  .object({ invitations: z.array(AppointmentInvitationView) })
  .openapi("AppointmentInvitationList");

/** A just-issued link with the invitation it belongs to (a new link is a new invitation id: see worker). */
export const AppointmentInvitationIssued = z
  .object({ invitation: AppointmentInvitationView, invite: InviteLink })
  .openapi("AppointmentInvitationIssued");

export const InvitationIdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

/** When a reminder goes out, if one is wanted: a day or an hour before the start. */
export const ReminderChoice = z.enum(["none", "24h", "1h"]);

/**
 * Send an invitation's link now, by e-mail or SMS. `token` is the token of the link the page holds (it
 * was shown when the link was issued): the server keeps only its hash, so it cannot rebuild the link,
 * and it mails a link of its own making (the configured origin and this token, checked against the
 * invitation), never a URL a client typed. `to` is checked per channel by the route, so that a bad
 * address and a bad number each get their own code. Neither is stored, unless a reminder is asked for.
 */
export const InvitationSend = z
  .object({
    channel: z.enum(["email", "sms"]),
    to: z.string().max(320),
    token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "Not an invite token."),
    language: Language,
    /** The patient's time zone for the time in the message; default the provider's account time zone. */
    timeZone: TimeZone.optional(),
    reminder: ReminderChoice.default("none"),
    /**
     * The practice's key commitment as the provider's page computed it (issue 25: what follows `#k=` in the
     * links it shows): the mailed or texted link carries it too, so the patient's page checks the keys it
     * is offered. Not sent by pages from before: the link then has none, as a join code has none.
     */
    commitment: z.string().regex(KEY_COMMITMENT_PATTERN, "Not a key commitment.").optional(),
  })
  .openapi("InvitationSend");

/** Sent (accepted by the mailer or SMS API); when the reminder will go out, if one was asked for. */
export const InvitationSent = z
  .object({ channel: z.enum(["email", "sms"]), reminderAt: z.iso.datetime().nullable() })
  .openapi("InvitationSent");

/**
 * 128 random bits, base64url without padding; or a join code's pass (worker/join-codes.ts): the
 * invitation's id, a dot, and 256 bits of HMAC.
 */
export const InviteTokenParam = z.object({
  token: z
    .string()
    .regex(/^(?:[A-Za-z0-9_-]{22}|[0-9a-f-]{36}\.[A-Za-z0-9_-]{43})$/, "Not an invite token.")
    .openapi({ param: { name: "token", in: "path" } }),
});

export const InviteState = z.enum(["valid", "not-yet-valid", "expired", "revoked", "cancelled", "unknown"]);

export const InviteStatus = z
  .object({
    status: InviteState,
    providerName: z.string().optional(),
    /** The practice's name and contact line, shown on the patient's pages. */
    practiceName: z.string().optional(),
    contactLine: z.string().optional(),
    startsAt: z.iso.datetime().optional(),
    validFrom: z.iso.datetime().optional(),
    /** On a usable link: when the waiting room opens for this appointment (the practice's minutes before the start). */
    opensAt: z.iso.datetime().optional(),
    /** The server's clock as it answered: the page counts down to `opensAt` by it, not by the device's own. */
    now: z.iso.datetime().optional(),
    /** The practice's colour ("#rrggbb") and logo (a same-origin path) for the patient's pages. */
    brandColour: z.string().optional(),
    logoUrl: z.string().optional(),
    /** The text the patient accepts, in both languages, and its version to send back with the join. */
    consent: z.object({ version: z.string(), en: z.string(), de: z.string() }).optional(),
    /** On every answer but "valid": the stable code and an English message, as in Error. */
    code: z.enum(API_ERROR_CODES).optional(),
    error: z.string().optional(),
  })
  .openapi("InviteStatus");

/**
 * No name (issue 25): the page seals it to the practice's device keys and sends it over the waiting room's
 * socket. A `name` from pages of before is not part of the schema, so it is dropped unread.
 */
export const JoinBody = z
  .object({
    consent: z.literal(true),
    consentVersion: z.string().min(1).max(40),
    /** The language the consent text was shown in; the record keeps it (pages before it send none: "en"). */
    consentLanguage: z.enum(["de", "en"]).optional(),
  })
  .openapi("Join");

/** A join code as the patient typed it ("Mueller 482 913"); schema/short-name.ts parseJoinCode reads it. */
export const JoinCodeBody = z.object({ code: z.string().max(64) }).openapi("JoinCode");

/** A code typed correctly: the patient continues at `path` (/j/<pass>), the link's own page. */
export const JoinCodeAccepted = z.object({ path: z.string() }).openapi("JoinCodeAccepted");

/** A new join code for an invitation: shown only now; D1 keeps only its HMAC. */
export const InvitationJoinCode = z
  .object({ code: z.string(), validUntil: z.iso.datetime() })
  .openapi("InvitationJoinCode");

export const JoinTicket = z.object({ ticket: z.string(), providerName: z.string() }).openapi("JoinTicket");

/** The provider's personal room as their account page shows it. */
export const PersonalRoomView = z
  .object({
    on: z.boolean(),
    /** The saved room name, or a suggestion made from the display name while none is saved. */
    name: z.string(),
    saved: z.boolean(),
    /** The practice's short name, the link's first part; null until the admin sets it. */
    practiceShortName: z.string().nullable(),
    /** The link's path (/r/<practice>/<room>) while the room is on; null while it is off. */
    path: z.string().nullable(),
  })
  .openapi("PersonalRoom");

/** Loose here: the handler answers a name that breaks the rule with room-name-invalid, which the page translates. */
export const PersonalRoomUpdate = z
  .object({ on: z.boolean(), name: z.string().trim().toLowerCase().min(1).max(64) })
  .openapi("PersonalRoomUpdate");

/** Any text: a malformed link answers exactly as an unknown or switched-off one (404), never 400. */
const RoomPart = (name: string) => z.string().openapi({ param: { name, in: "path" } });
export const RoomParams = z.object({ practice: RoomPart("practice"), room: RoomPart("room") });

export const RoomStatus = z
  .object({
    status: z.enum(["open", "unavailable"]),
    providerName: z.string().optional(),
    practiceName: z.string().optional(),
    contactLine: z.string().optional(),
    brandColour: z.string().optional(),
    logoUrl: z.string().optional(),
    consent: z.object({ version: z.string(), en: z.string(), de: z.string() }).optional(),
    /** On "unavailable": the stable code and an English message, as in Error. */
    code: z.enum(API_ERROR_CODES).optional(),
    error: z.string().optional(),
  })
  .openapi("RoomStatus");

export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

export const IceServers = z
  .object({ iceServers: z.array(IceServer), expiresAt: z.iso.datetime() })
  .openapi("IceServers");

export const ConsultationSocketParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

/** One administrative action of the practice (audit trail): who, what, on whom, when; never patient data. */
export const AuditEntryView = z
  .object({
    id: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    /** The acting member's name as it was then. */
    actorName: z.string(),
    /** The member acted upon, as named then; empty where none. */
    targetName: z.string(),
    /** The new role, the changed settings' names, "on"/"off", "removed", "account"/"activity"… */
    detail: z.string(),
    at: z.iso.datetime(),
  })
  .openapi("AuditEntry");

export const AuditTrail = z.object({ entries: z.array(AuditEntryView).max(AUDIT_PAGE_SIZE) }).openapi("AuditTrail");

/** One consultation in the practice's activity log (opt-in); never a patient's name. */
export const ActivityEntryView = z
  .object({
    id: z.string(),
    providerName: z.string(),
    startedAt: z.iso.datetime(),
    durationSeconds: z.number().int(),
    /** The most people in the call at once, providers included. */
    participants: z.number().int(),
    relayed: z.boolean(),
  })
  .openapi("ActivityEntry");

export const ActivityLog = z
  .object({ on: z.boolean(), days: z.number().int(), entries: z.array(ActivityEntryView).max(ACTIVITY_PAGE_SIZE) })
  .openapi("ActivityLog");

/** The operator's details for the terms and the privacy notice (GDPR Art. 13): empty strings where unset. */
export const OperatorDetails = z
  .object({
    name: z.string(),
    address: z.string(),
    contact: z.string(),
    dataProtectionOfficer: z.string(),
    supervisoryAuthority: z.string(),
  })
  .openapi("OperatorDetails");

export const LegalInfo = z
  .object({
    operator: OperatorDetails,
    /** False while any of the five details is empty: the pages show a placeholder, providers a banner. */
    complete: z.boolean(),
    /** Days D1's point-in-time recovery keeps deleted rows restorable (the operator's plan). */
    recoveryDays: z.number().int().min(0),
  })
  .openapi("LegalInfo");
