// Bodies of the account, practice and operator API (classic zod for @hono/zod-openapi, like api.ts).
// The client imports only their types (api-types.ts).
import { z } from "@hono/zod-openapi";
import { MAX_ACTIVITY_LOG_DAYS, MIN_ACTIVITY_LOG_DAYS } from "./audit.ts";
import { MAX_CONSENT_TEXT_LENGTH } from "./consent.ts";
import {
  MAX_APPOINTMENT_RETENTION_DAYS,
  MAX_CONSULTATION_LIMIT_MINUTES,
  MAX_CONTACT_LINE_LENGTH,
  MAX_DENY_PAUSE_MINUTES,
  MAX_EMAIL_LENGTH,
  MAX_INVITE_GRACE_MINUTES,
  MAX_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_PRACTICE_NAME_LENGTH,
  MAX_WAITING_IDLE_LIMIT_MINUTES,
  MAX_WAITING_ROOM_OPENS_MINUTES,
  MIN_APPOINTMENT_RETENTION_DAYS,
  MIN_CONSULTATION_LIMIT_MINUTES,
  MIN_DENY_PAUSE_MINUTES,
  MIN_INVITE_GRACE_MINUTES,
  MIN_WAITING_IDLE_LIMIT_MINUTES,
  MIN_WAITING_ROOM_OPENS_MINUTES,
} from "./limits.ts";
import { SHORT_NAME_MESSAGE, SHORT_NAME_PATTERN } from "./short-name.ts";
import { holdsAddress, isPlainLine, isPlainText, NO_ADDRESS_MESSAGE, PLAIN_LINE_MESSAGE } from "./text.ts";

/** Addresses are compared and stored in lower case. */
export const Email = z.email().max(MAX_EMAIL_LENGTH).toLowerCase();
/** Length and commonness are checked by the handler, which answers with its own codes (schema/passwords.ts). */
export const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
export const Language = z.enum(["de", "en"]);
export const Role = z.enum(["admin", "provider"]);
/** A provider's name: patients see it, and invitation mails carry it, so it holds no address either. */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(MAX_NAME_LENGTH)
  .refine(isPlainLine, PLAIN_LINE_MESSAGE)
  .refine((name) => !holdsAddress(name), NO_ADDRESS_MESSAGE);
/** Mailed to anyone a practice invites: no address in it, or the practice's name would relay phishing links. */
export const PracticeName = z
  .string()
  .trim()
  .min(1)
  .max(MAX_PRACTICE_NAME_LENGTH)
  .refine(isPlainLine, PLAIN_LINE_MESSAGE)
  .refine((name) => !holdsAddress(name), NO_ADDRESS_MESSAGE);
/** An IANA time zone the runtime knows, e.g. "Europe/Berlin". */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "Not a known time zone.");
/** The token of a mailed one-time link: 32 random bytes, base64url without padding. */
export const LinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Not a link token.");
/** Six digits from an authenticator app. */
export const TotpCode = z.string().regex(/^\d{6}$/, "Six digits.");
/** A recovery code as printed ("k7m2p-x9q4r"); case, spaces and the dash do not matter. */
export const RecoveryCode = z.string().min(10).max(20);

export const SignupMode = z.enum(["open", "invite", "closed"]);
export type SignupMode = z.infer<typeof SignupMode>;
/** Whether the sign-up form is of any use here: the login page offers it only when sign-up is open. */
export const SignupSettings = z.object({ mode: SignupMode }).openapi("SignupSettings");

export const Accepted = z.object({ ok: z.literal(true) }).openapi("Accepted");

export const SignupBody = z
  .object({
    name: DisplayName,
    email: Email,
    password: Password,
    practiceName: PracticeName,
    language: Language.optional(),
  })
  .openapi("Signup");

export const EmailBody = z.object({ email: Email }).openapi("EmailOnly");
export const TokenBody = z.object({ token: LinkToken }).openapi("LinkTokenOnly");
export const ResetBody = z.object({ token: LinkToken, password: Password }).openapi("PasswordReset");

/** Answer to a correct password when the account has 2FA: prove the second factor with this challenge. */
export const LoginChallenge = z
  .object({ secondFactor: z.literal("totp"), challenge: z.string() })
  .openapi("LoginChallenge");

/** The login's second step: a TOTP code, or one of the recovery codes. */
export const SecondFactorBody = z
  .object({
    challenge: z.string().min(1).max(512),
    code: TotpCode.optional(),
    recoveryCode: RecoveryCode.optional(),
  })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), "Give a code or a recovery code.")
  .openapi("SecondFactor");

export const PracticeSummary = z.object({ id: z.string(), name: z.string() });

export const ProviderView = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    language: Language,
    timeZone: z.string(),
    totpEnabled: z.boolean(),
    /** The practice requires 2FA and this provider has not enrolled: only the account page works until they do. */
    mustEnrolTotp: z.boolean(),
    practice: PracticeSummary,
  })
  .openapi("Provider");

export const SessionView = z
  .object({
    /** Opaque id of the session (a prefix of its hash). */
    id: z.string(),
    browser: z.string(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    current: z.boolean(),
  })
  .openapi("Session");
export const SessionList = z.object({ sessions: z.array(SessionView) }).openapi("SessionList");

export const ProfileUpdate = z
  .object({ displayName: DisplayName.optional(), language: Language.optional(), timeZone: TimeZone.optional() })
  .openapi("ProfileUpdate");

/** Shown once at enrolment: the base32 secret and the otpauth:// URI the client renders as a QR code. */
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string() }).openapi("TotpEnrolment");
/** Switching 2FA on asks for the password too: a session alone (stolen, or left open) must not lock the owner out. */
export const TotpConfirm = z.object({ code: TotpCode, password: Password }).openapi("TotpConfirm");
export const RecoveryCodes = z.object({ codes: z.array(z.string()) }).openapi("RecoveryCodes");
export const TotpDisable = z.object({ password: Password, code: TotpCode }).openapi("TotpDisable");

export const AccountDelete = z.object({ password: Password, code: TotpCode.optional() }).openapi("AccountDelete");

/** "Download my data": every stored field about the provider, table by table (column names as in docs/DATA.md). */
export const DataExport = z
  .object({
    exportedAt: z.iso.datetime(),
    tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  })
  .openapi("DataExport");

export const PracticeView = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The start of join codes and personal-room links (schema/short-name.ts); null only before it is chosen. */
    shortName: z.string().nullable(),
    contactLine: z.string(),
    requireTotp: z.boolean(),
    appointmentRetentionDays: z.number().int(),
    consultationLimitMinutes: z.number().int(),
    waitingIdleLimitMinutes: z.number().int(),
    denyPauseMinutes: z.number().int(),
    /** A patient's link works until the scheduled end plus these minutes. */
    inviteGraceMinutes: z.number().int(),
    /** The waiting room opens these minutes before an appointment's start. */
    waitingRoomOpensMinutes: z.number().int(),
    /** One waiting room for the whole practice, where any member admits. */
    sharedWaitingRoom: z.boolean(),
    /** The name patients see; empty: the practice's name. */
    brandName: z.string(),
    /** "#rrggbb" or empty. */
    brandColour: z.string(),
    /** Where the logo is served (same origin), or null without one. */
    logoUrl: z.string().nullable(),
    /** Whether the activity log (one entry per consultation) is kept; off by default. */
    activityLogOn: z.boolean(),
    /** Days an activity entry is kept. */
    activityLogDays: z.number().int(),
  })
  .openapi("Practice");

/** "#rrggbb" (stored in lower case, however it was sent) or empty. */
export const BrandColour = z
  .union([z.literal(""), z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour as #rrggbb.")])
  .transform((colour) => colour.toLowerCase());

/** A practice's consent text, as patients will read it. */
const ConsentTextBody = z
  .string()
  .trim()
  .min(1)
  .max(MAX_CONSENT_TEXT_LENGTH)
  .refine(isPlainText, "Control characters and text-direction overrides are not allowed.");

export const ConsentTextUpdate = z.object({ en: ConsentTextBody, de: ConsentTextBody }).openapi("ConsentTextUpdate");

export const ConsentTextView = z
  .object({
    /** The version a consent record names: the default's date, or "practice-<n>". */
    version: z.string(),
    en: z.string(),
    de: z.string(),
    /** Whether this is the practice's own text (false: Anteroom's default). */
    own: z.boolean(),
  })
  .openapi("ConsentText");

export const LogoView = z.object({ logoUrl: z.string() }).openapi("Logo");

export const PracticeUpdate = z
  .object({
    name: PracticeName.optional(),
    /** Changing it stops the practice's join codes and its members' personal-room links. */
    shortName: z.string().trim().toLowerCase().regex(SHORT_NAME_PATTERN, SHORT_NAME_MESSAGE).optional(),
    contactLine: z.string().trim().max(MAX_CONTACT_LINE_LENGTH).refine(isPlainLine, PLAIN_LINE_MESSAGE).optional(),
    requireTotp: z.boolean().optional(),
    appointmentRetentionDays: z
      .number()
      .int()
      .min(MIN_APPOINTMENT_RETENTION_DAYS)
      .max(MAX_APPOINTMENT_RETENTION_DAYS)
      .optional(),
    consultationLimitMinutes: z
      .number()
      .int()
      .min(MIN_CONSULTATION_LIMIT_MINUTES)
      .max(MAX_CONSULTATION_LIMIT_MINUTES)
      .optional(),
    waitingIdleLimitMinutes: z
      .number()
      .int()
      .min(MIN_WAITING_IDLE_LIMIT_MINUTES)
      .max(MAX_WAITING_IDLE_LIMIT_MINUTES)
      .optional(),
    denyPauseMinutes: z.number().int().min(MIN_DENY_PAUSE_MINUTES).max(MAX_DENY_PAUSE_MINUTES).optional(),
    inviteGraceMinutes: z.number().int().min(MIN_INVITE_GRACE_MINUTES).max(MAX_INVITE_GRACE_MINUTES).optional(),
    waitingRoomOpensMinutes: z
      .number()
      .int()
      .min(MIN_WAITING_ROOM_OPENS_MINUTES)
      .max(MAX_WAITING_ROOM_OPENS_MINUTES)
      .optional(),
    sharedWaitingRoom: z.boolean().optional(),
    brandName: z.union([z.literal(""), PracticeName]).optional(),
    brandColour: BrandColour.optional(),
    /** Switching it off deletes the practice's activity entries at once. */
    activityLogOn: z.boolean().optional(),
    activityLogDays: z.number().int().min(MIN_ACTIVITY_LOG_DAYS).max(MAX_ACTIVITY_LOG_DAYS).optional(),
  })
  .openapi("PracticeUpdate");

export const MemberView = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    totpEnabled: z.boolean(),
    you: z.boolean(),
  })
  .openapi("Member");

export const InvitationView = z
  .object({ id: z.string(), email: z.string(), role: Role, expiresAt: z.iso.datetime() })
  .openapi("MemberInvitation");

export const MemberList = z
  .object({ members: z.array(MemberView), invitations: z.array(InvitationView) })
  .openapi("MemberList");

export const InvitationCreate = z.object({ email: Email, role: Role }).openapi("MemberInvitationCreate");
export const RoleUpdate = z.object({ role: Role }).openapi("RoleUpdate");

export const IdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

/** What the holder of a member invitation link sees before accepting. */
export const InvitationDetails = z
  .object({ practiceName: z.string(), email: z.string(), role: Role })
  .openapi("MemberInvitationDetails");

export const InvitationAccept = z
  .object({ token: LinkToken, name: DisplayName, password: Password, language: Language.optional() })
  .openapi("MemberInvitationAccept");

export const OperatorPracticeCreate = z
  .object({
    practiceName: PracticeName,
    adminName: DisplayName,
    adminEmail: Email,
    language: Language.optional(),
  })
  .openapi("OperatorPracticeCreate");

export const OperatorPracticeCreated = z
  .object({ practiceId: z.string(), providerId: z.string() })
  .openapi("OperatorPracticeCreated");

/** The operator resets a locked-out provider's second factor (after proving who they are out of band). */
export const OperatorSecondFactorReset = z.object({ email: Email }).openapi("OperatorSecondFactorReset");
