// D1 tables. Every column here is listed in docs/DATA.md (where, why, how long);
// test/workerd/data-inventory.test.ts fails when the two drift apart.
// Times are Unix milliseconds.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const providers = sqliteTable("providers", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  // PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash): parameters travel with the hash.
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the cookie's token; the token itself is never stored.
    tokenHash: text("token_hash").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_expires_at").on(t.expiresAt)],
);

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
  },
  (t) => [index("invites_appointment").on(t.appointmentId), index("invites_valid_until").on(t.validUntil)],
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
    consentedAt: integer("consented_at").notNull(),
  },
  // One record per link: joining again through it replaces the record instead of adding one.
  (t) => [index("consents_appointment").on(t.appointmentId), uniqueIndex("consents_invite").on(t.inviteId)],
);

export type Provider = typeof providers.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type Invite = typeof invites.$inferSelect;
