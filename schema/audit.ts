// The audit trail's actions: stable codes, stored in D1 (audit_entries.action), sent to the client and
// used as its hooks (data-action). A new action is added here, never renamed: old rows keep their code.
export const AUDIT_ACTIONS = [
  "member-invited",
  "invitation-withdrawn",
  "member-removed",
  "role-changed",
  "totp-rule-changed",
  "settings-changed",
  "logo-changed",
  "consent-text-changed",
  "data-exported",
  "account-deleted",
  /** Switched on ("on:<days>") or off ("off", its entries deleted with it). */
  "activity-log-changed",
  /** Only the period changed ("<days before>:<days after>"); the log stayed on or off as it was. */
  "activity-log-period-changed",
  /** Someone accepted a member invitation: the actor is the new member, the detail their role. */
  "member-joined",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How long an audit entry is kept (the cron purges older ones). */
export const AUDIT_RETENTION_DAYS = 90;
/** At most this many entries are shown and answered, newest first. */
export const AUDIT_PAGE_SIZE = 200;

/** The activity log's period is chosen per practice, at most three months (KBV, Anlage 31b). */
export const MIN_ACTIVITY_LOG_DAYS = 1;
export const MAX_ACTIVITY_LOG_DAYS = 90;
/** At most this many activity entries are shown, newest first; the CSV holds them all. */
export const ACTIVITY_PAGE_SIZE = 200;
