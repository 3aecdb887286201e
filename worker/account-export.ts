// "Download my data" (GDPR access and portability): every stored row about the provider, table by
// table, with D1's own table and column names, so the export reads like docs/DATA.md.
//
// Left out on purpose: member_invitations. Their rows are about other people (a colleague's address
// the practice invited), not about the provider; the invitation that brought the provider in was
// deleted when they accepted it. And invitation_reminders: patients' addresses, sealed until their one
// reminder is sent; about patients, not the provider, and unreadable without the deployment's key.
import { type Column, eq, getTableColumns, inArray, type Table } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  accountTokens,
  appointments,
  calendarFeeds,
  consents,
  deviceKeys,
  invites,
  joinCodes,
  practices,
  providers,
  recoveryCodes,
  sessions,
  walkInConsents,
} from "../schema/tables.ts";
import type { Database } from "./db.ts";

/**
 * Columns that hold credentials or what verifies them. They are listed, so the export names every
 * stored field, but their values are withheld: a file on a laptop must not log anyone in. A column
 * that is empty (no TOTP secret) stays null, so the export still tells whether one is stored.
 */
const WITHHELD_COLUMNS = new Set(["password_hash", "totp_secret", "token_hash", "code_hash"]);
export const WITHHELD = "withheld";

/** A drizzle row (JS keys) as D1 stores it (column names), with credentials withheld. */
function d1Row(table: Table, row: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, Column> = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => {
      const value = row[key] ?? null;
      return [column.name, WITHHELD_COLUMNS.has(column.name) && value !== null ? WITHHELD : value];
    }),
  );
}

const named = (table: SQLiteTable, rows: Record<string, unknown>[]) =>
  [getTableConfig(table).name, rows.map((row) => d1Row(table, row))] as const;

export async function accountExport(db: Database, provider: { id: string; practiceId: string }, now = Date.now()) {
  const ownAppointments = db
    .select({ id: appointments.id })
    .from(appointments)
    .where(eq(appointments.providerId, provider.id));
  const ownInvites = db.select({ id: invites.id }).from(invites).where(inArray(invites.appointmentId, ownAppointments));
  const [
    providerRows,
    practiceRows,
    sessionRows,
    codeRows,
    tokenRows,
    appointmentRows,
    inviteRows,
    consentRows,
    feedRows,
    walkInRows,
    joinCodeRows,
    deviceKeyRows,
  ] = await db.batch([
    db.select().from(providers).where(eq(providers.id, provider.id)),
    db.select().from(practices).where(eq(practices.id, provider.practiceId)),
    db.select().from(sessions).where(eq(sessions.providerId, provider.id)),
    db.select().from(recoveryCodes).where(eq(recoveryCodes.providerId, provider.id)),
    db.select().from(accountTokens).where(eq(accountTokens.providerId, provider.id)),
    db.select().from(appointments).where(eq(appointments.providerId, provider.id)),
    db.select().from(invites).where(inArray(invites.appointmentId, ownAppointments)),
    db.select().from(consents).where(inArray(consents.appointmentId, ownAppointments)),
    db.select().from(calendarFeeds).where(eq(calendarFeeds.providerId, provider.id)),
    db.select().from(walkInConsents).where(eq(walkInConsents.providerId, provider.id)),
    db.select().from(joinCodes).where(inArray(joinCodes.inviteId, ownInvites)),
    db.select().from(deviceKeys).where(eq(deviceKeys.providerId, provider.id)),
  ]);
  return {
    exportedAt: new Date(now).toISOString(),
    tables: Object.fromEntries([
      named(providers, providerRows),
      named(practices, practiceRows),
      named(sessions, sessionRows),
      named(recoveryCodes, codeRows),
      named(accountTokens, tokenRows),
      named(appointments, appointmentRows),
      named(invites, inviteRows),
      named(consents, consentRows),
      named(calendarFeeds, feedRows),
      named(walkInConsents, walkInRows),
      named(joinCodes, joinCodeRows),
      named(deviceKeys, deviceKeyRows),
    ]),
  };
}
