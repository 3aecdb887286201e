// D1 tables. Every column here is listed in docs/DATA.md (where, why, how long);
// test/workerd/data-inventory.test.ts fails when the two drift apart.
// Times are Unix milliseconds.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { AUDIT_ACTIONS } from "./audit.ts";

/** A practice: the organisation providers belong to. Its first provider is its admin. */
export const practices = sqliteTable(
  "practices",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /**
     * The practice's short name (schema/short-name.ts): the start of its join codes and of its members'
     * personal-room links. Unique when set; chosen by the admin on the practice page, first made from the name.
     */
    shortName: text("short_name"),
    /** One line shown to patients on the join page ("Questions? 030 1234567"). */
    contactLine: text("contact_line").notNull().default(""),
    /** Members must use two-factor authentication. */
    requireTotp: integer("require_totp", { mode: "boolean" }).notNull().default(false),
    /** Days appointments (with invites and consents) are kept after they end; at most docs/DATA.md's maximum. */
    appointmentRetentionDays: integer("appointment_retention_days").notNull().default(30),
    /** A consultation ends automatically after this many minutes (warned 5 minutes before). */
    consultationLimitMinutes: integer("consultation_limit_minutes").notNull().default(120),
    /** Patients waiting longer than this are told and removed from the waiting room. */
    waitingIdleLimitMinutes: integer("waiting_idle_limit_minutes").notNull().default(180),
    /** After a deny, the same link may ask again only after this pause. */
    denyPauseMinutes: integer("deny_pause_minutes").notNull().default(5),
    /** One waiting room for the whole practice, where any member admits, instead of one per provider. */
    sharedWaitingRoom: integer("shared_waiting_room", { mode: "boolean" }).notNull().default(false),
    /** A patient's link works until the appointment's scheduled end plus this many minutes. */
    inviteGraceMinutes: integer("invite_grace_minutes").notNull().default(30),
    /** The waiting room lets a patient in from this many minutes before the appointment's start. */
    waitingRoomOpensMinutes: integer("waiting_room_opens_minutes").notNull().default(15),
    /** The name patients see (on the join page and in the waiting room); empty: the practice's name. */
    brandName: text("brand_name").notNull().default(""),
    /** "#rrggbb", the practice's colour on patients' pages; empty: Anteroom's own. */
    brandColour: text("brand_colour").notNull().default(""),
    /** The day (days since 1970, UTC) the invitation quota counts, and how many invitations were mailed on it. */
    invitationsDay: integer("invitations_day").notNull().default(0),
    invitationsThatDay: integer("invitations_that_day").notNull().default(0),
    /** The day (days since 1970, UTC) wrong join codes are counted for, and how many were typed on it (worker/join-code-guesses.ts). */
    joinCodeDay: integer("join_code_day").notNull().default(0),
    joinCodeWrongThatDay: integer("join_code_wrong_that_day").notNull().default(0),
    /**
     * The day (days since 1970, UTC) the quota of messages to patients counts (invitation mails and SMS,
     * reminders included: worker/message-quota.ts), and how many were sent on it.
     */
    messagesDay: integer("messages_day").notNull().default(0),
    messagesThatDay: integer("messages_that_day").notNull().default(0),
    /** The activity log (one entry per consultation) is kept: off by default, switched on by an admin. */
    activityLogOn: integer("activity_log_on", { mode: "boolean" }).notNull().default(false),
    /** Days an activity entry is kept (1–90: KBV allows at most three months). */
    activityLogDays: integer("activity_log_days").notNull().default(90),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("practices_short_name").on(t.shortName)],
);

/** The practice's logo, shown to patients: one small image, served from our own origin by its hash. */
export const practiceLogos = sqliteTable(
  "practice_logos",
  {
    practiceId: text("practice_id")
      .primaryKey()
      .references(() => practices.id, { onDelete: "cascade" }),
    /** SHA-256 of the image, hex: its address (/api/logos/{hash}), which changes with the image. */
    hash: text("hash").notNull(),
    /** image/png, image/jpeg or image/webp, checked against the file's first bytes. */
    contentType: text("content_type").notNull(),
    /** The image, base64 (at most MAX_LOGO_BYTES before encoding). */
    data: text("data").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("practice_logos_hash").on(t.hash)],
);

/**
 * The practice's own consent texts, one row per version and never changed: a consent record names
 * the version a patient accepted ("practice-<version>"), so the text it stands for must stay.
 */
export const consentTexts = sqliteTable(
  "consent_texts",
  {
    practiceId: text("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    textEn: text("text_en").notNull(),
    textDe: text("text_de").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.version] })],
);

export const providers = sqliteTable(
  "providers",
  {
    id: text("id").primaryKey(),
    practiceId: text("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
    /** "admin" or "provider" (schema/roles.ts). */
    role: text("role", { enum: ["admin", "provider"] })
      .notNull()
      .default("provider"),
    email: text("email").notNull().unique(),
    displayName: text("display_name").notNull(),
    // PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash): parameters travel with the hash.
    passwordHash: text("password_hash").notNull(),
    /** Null until the address is confirmed by the mailed link; unconfirmed accounts cannot log in. */
    emailConfirmedAt: integer("email_confirmed_at"),
    /** Language of e-mails: "de" or "en". */
    language: text("language", { enum: ["de", "en"] })
      .notNull()
      .default("en"),
    /** IANA time zone, e.g. "Europe/Berlin": how times are shown to the provider and in their mails. */
    timeZone: text("time_zone").notNull().default("Europe/Berlin"),
    /** Base32 TOTP secret; set at enrolment, active once totp_enabled_at is set. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: integer("totp_enabled_at"),
    /** The last accepted TOTP time step: the same code (or an older one) is never accepted twice. */
    totpLastStep: integer("totp_last_step"),
    /**
     * Wrong codes in a row at the login's second step. At SECOND_FACTOR_LOCK_AFTER the second step is
     * locked until a password reset: the per-minute throttle alone would let a code be found in weeks.
     */
    secondFactorFailures: integer("second_factor_failures").notNull().default(0),
    /**
     * The provider's part of their personal-room link /r/<practice short name>/<this>
     * (schema/personal-room.ts); null until they save one. Unique within the practice.
     */
    personalRoomName: text("personal_room_name"),
    /** Walk-in patients may enter through the personal-room link; off by default, and off stops the link. */
    personalRoomOn: integer("personal_room_on", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("providers_practice").on(t.practiceId),
    uniqueIndex("providers_personal_room").on(t.practiceId, t.personalRoomName),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the cookie's token; the token itself is never stored.
    tokenHash: text("token_hash").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** Absolute expiry: the session ends then, however active it is. */
    expiresAt: integer("expires_at").notNull(),
    /** Idle expiry counts from here; refreshed at most every few minutes. */
    lastSeenAt: integer("last_seen_at").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Browser family only ("Firefox", "Chrome", …), for the account page's session list; never the user agent. */
    browser: text("browser").notNull().default("other"),
  },
  (t) => [index("sessions_expires_at").on(t.expiresAt), index("sessions_provider").on(t.providerId)],
);

/** Ten one-time recovery codes per provider with 2FA, stored as SHA-256; a used code is deleted. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("recovery_codes_provider").on(t.providerId)],
);

/**
 * The public half of a key pair a provider's browser made and keeps (issue 25): patients' pages seal
 * their names to these keys, so only the practice's own devices can read them. The private key never
 * leaves the browser; a removed or lapsed key is never offered for new seals.
 */
export const deviceKeys = sqliteTable(
  "device_keys",
  {
    /** 128 random bits, base64url: how a sealed name names the key it was sealed to. */
    id: text("id").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    /** The raw uncompressed P-256 point (65 bytes), base64url. */
    publicKey: text("public_key").notNull(),
    /** Browser family and system as the page words it ("Firefox on Linux"); never a user agent. */
    label: text("label").notNull(),
    /** SHA-256 of the raw key, first 16 bytes as 8 groups of 4 hex digits, to compare with the device's own. */
    fingerprint: text("fingerprint").notNull(),
    createdAt: integer("created_at").notNull(),
    /** The key lapses DEVICE_KEY_LAPSE_DAYS after this; written at most hourly. */
    lastUsedAt: integer("last_used_at").notNull(),
    /**
     * The login session that last used the key (its SHA-256 id): removing the device from another one logs
     * that browser out too, or it would make itself a new key. Empty once that session ended.
     */
    sessionHash: text("session_hash").references(() => sessions.tokenHash, { onDelete: "set null" }),
  },
  // Led by provider_id, the unique index also serves every look-up by provider: no second index.
  (t) => [uniqueIndex("device_keys_provider_key").on(t.providerId, t.publicKey)],
);

/** One-time links mailed to a provider: confirm the address (24 h) or reset the password (1 h). */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    // SHA-256 of the link's token; the token exists only in the mail.
    tokenHash: text("token_hash").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["confirm", "reset"] }).notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("account_tokens_provider").on(t.providerId), index("account_tokens_expires_at").on(t.expiresAt)],
);

/** A colleague invited into a practice by its admin (link valid 7 days). */
export const memberInvitations = sqliteTable(
  "member_invitations",
  {
    id: text("id").primaryKey(),
    practiceId: text("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "provider"] }).notNull(),
    // SHA-256 of the link's token; the token exists only in the mail.
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("member_invitations_practice").on(t.practiceId),
    index("member_invitations_expires_at").on(t.expiresAt),
  ],
);

/**
 * A provider's own calendar feed: a secret address their calendar app subscribes to. At most one per
 * provider; revoking it deletes the row, so the old address answers 404 at once.
 */
export const calendarFeeds = sqliteTable("calendar_feeds", {
  providerId: text("provider_id")
    .primaryKey()
    .references(() => providers.id, { onDelete: "cascade" }),
  // SHA-256 of the address's 256-bit token; the token exists only in the address the provider copied.
  tokenHash: text("token_hash").notNull().unique(),
  /** The provider chose to show titles and notes in the feed (their calendar provider then sees them). */
  includeDetails: integer("include_details", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
});

export const appointments = sqliteTable(
  "appointments",
  {
    id: text("id").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsAt: integer("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    /** The practice's own note (at most MAX_APPOINTMENT_NOTE_LENGTH); never shown or sent to the patient. */
    note: text("note").notNull().default(""),
    /** Set once when the practice cancels; the appointment's links stop working from then on. */
    cancelledAt: integer("cancelled_at"),
    /** 0 at creation, +1 on each edit or cancellation: the calendar file's SEQUENCE. */
    sequence: integer("sequence").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("appointments_provider_starts").on(t.providerId, t.startsAt)],
);

export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    appointmentId: text("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    // SHA-256 of the 128-bit link token; the token exists only in the link.
    tokenHash: text("token_hash").notNull().unique(),
    validFrom: integer("valid_from").notNull(),
    validUntil: integer("valid_until").notNull(),
    revokedAt: integer("revoked_at"),
    /**
     * Whom the invitation is for, in the practice's words (at most MAX_INVITATION_LABEL_LENGTH): one of the
     * keys patient, relative, interpreter, colleague (each member's page shows them in its own language) or
     * the practice's own text as typed. Shown to the practice's members only, never to the patient; a guest
     * added to a running call (any label but patient) is shown with it to everyone in that call.
     */
    label: text("label").notNull().default("patient"),
    /** When the invitation was made (a new link keeps it): the list shows invitations in this order. */
    createdAt: integer("created_at").notNull().default(0),
    /**
     * The invite that replaced this one when the practice issued a new link: this link says "withdrawn"
     * to whoever opens it, and the practice's list shows only the newest link of each invitation.
     */
    replacedBy: text("replaced_by"),
    /**
     * A one-off invitation made from inside a running consultation ("Invite someone"): that consultation's
     * id. Its link works until the consultation ends (valid_until is its maximum length, and the link says
     * "expired" as soon as the consultation has ended earlier); null for the appointment's own invitations.
     */
    consultationId: text("consultation_id"),
  },
  (t) => [index("invites_appointment").on(t.appointmentId), index("invites_valid_until").on(t.validUntil)],
);

/**
 * An invitation's join code (schema/short-name.ts): only an HMAC of practice, short name and digits under
 * the deployment secret, never the digits. One per invitation; a new code replaces the old. It works
 * while its invitation's link does, but at most JOIN_CODE_VALID_MS after it was made.
 */
export const joinCodes = sqliteTable(
  "join_codes",
  {
    inviteId: text("invite_id")
      .primaryKey()
      .references(() => invites.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("join_codes_expires_at").on(t.expiresAt)],
);

export const consents = sqliteTable(
  "consents",
  {
    id: text("id").primaryKey(),
    appointmentId: text("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    inviteId: text("invite_id").notNull(),
    textVersion: text("text_version").notNull(),
    /** The language the text was shown in (a version holds both): "de" or "en"; null before it was recorded. */
    language: text("language", { enum: ["de", "en"] }),
    consentedAt: integer("consented_at").notNull(),
  },
  // One record per link: joining again through it replaces the record instead of adding one.
  (t) => [index("consents_appointment").on(t.appointmentId), uniqueIndex("consents_invite").on(t.inviteId)],
);

/**
 * A reminder the practice asked for when it sent an invitation: one message a day or an hour before the
 * start. The only place a patient's address or number is kept, sealed (AES-256-GCM under a key derived
 * from TICKET_SECRET, worker/reminder-seal.ts) together with the link's token; the row is deleted when
 * the reminder is sent, and when its link is withdrawn or replaced or its appointment cancelled.
 */
export const invitationReminders = sqliteTable(
  "invitation_reminders",
  {
    id: text("id").primaryKey(),
    inviteId: text("invite_id")
      .notNull()
      .references(() => invites.id, { onDelete: "cascade" }),
    appointmentId: text("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    /** How long before the start it goes out: 1440 (a day) or 60 (an hour) minutes. */
    leadMinutes: integer("lead_minutes").notNull(),
    /** The start minus the lead; moved when the appointment's time is edited. */
    sendAt: integer("send_at").notNull(),
    /** The sealed box: channel, address or number, link token, language, time zone. */
    sealed: text("sealed").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("invitation_reminders_send_at").on(t.sendAt),
    index("invitation_reminders_appointment").on(t.appointmentId),
    // One reminder per invitation: sending again with a reminder replaces it (no double reminders).
    uniqueIndex("invitation_reminders_invite").on(t.inviteId),
  ],
);

/**
 * A walk-in's consent, given on a provider's personal-room page: which text, in which language, when.
 * No name, no address: the walk-in has no appointment to hang the record on, so it hangs on the provider.
 */
export const walkInConsents = sqliteTable(
  "walk_in_consents",
  {
    /** The walk-in's visit: the same id stands for them in the waiting room and the call. */
    id: text("id").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    textVersion: text("text_version").notNull(),
    language: text("language", { enum: ["de", "en"] }).notNull(),
    consentedAt: integer("consented_at").notNull(),
  },
  (t) => [index("walk_in_consents_provider").on(t.providerId), index("walk_in_consents_at").on(t.consentedAt)],
);

/**
 * The audit trail: one row per administrative action in a practice (schema/audit.ts names the actions).
 * Names are stored as written at the time, not ids resolved when read: the trail must still say who did
 * what after that member's account is gone, for as long as it is kept (90 days). Never a patient's data,
 * never an invitee's address.
 */
export const auditEntries = sqliteTable(
  "audit_entries",
  {
    id: text("id").primaryKey(),
    practiceId: text("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
    /** A stable code (schema/audit.ts), e.g. "member-removed". */
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    /** The acting member's display name at the time. */
    actorName: text("actor_name").notNull(),
    /** The member acted upon (removed, role changed), their display name at the time; empty where none. */
    targetName: text("target_name").notNull().default(""),
    /** A short fact without personal data: the new role, the settings' field names, "on"/"off"… */
    detail: text("detail").notNull().default(""),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_entries_practice_at").on(t.practiceId, t.at), index("audit_entries_at").on(t.at)],
);

/**
 * The activity log (opt-in per practice): one row per consultation, written by the consultation at its
 * end when the practice has the log on. Never a patient's name.
 */
export const activityEntries = sqliteTable(
  "activity_entries",
  {
    id: text("id").primaryKey(),
    practiceId: text("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
    /** The leading provider (the call's moderator at its start), display name at the time. */
    providerName: text("provider_name").notNull(),
    startedAt: integer("started_at").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    /** The most people in the call at once, providers included. */
    participants: integer("participants").notNull(),
    /** Whether any participant's media went through a TURN relay. */
    relayed: integer("relayed", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("activity_entries_practice_started").on(t.practiceId, t.startedAt),
    index("activity_entries_started").on(t.startedAt),
  ],
);

export type Practice = typeof practices.$inferSelect;
export type Provider = typeof providers.$inferSelect;
export type Role = Provider["role"];
export type Language = Provider["language"];
export type Appointment = typeof appointments.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type InvitationReminder = typeof invitationReminders.$inferSelect;
export type JoinCode = typeof joinCodes.$inferSelect;
export type ConsentText = typeof consentTexts.$inferSelect;
export type CalendarFeed = typeof calendarFeeds.$inferSelect;
export type DeviceKey = typeof deviceKeys.$inferSelect;
