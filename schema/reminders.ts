// How long before an appointment's start each reminder goes out: the server schedules by it
// (worker/reminder-store.ts) and refuses a time already past; the send form offers only a reminder whose
// time still lies ahead (client/src/provider/appointments/invite-send.tsx).
export const LEAD_MINUTES = { "24h": 1440, "1h": 60 } as const;
export type ReminderLead = keyof typeof LEAD_MINUTES;

/** When a reminder this long before the start goes out. */
export const reminderTime = (startsAt: number, lead: ReminderLead) => startsAt - LEAD_MINUTES[lead] * 60_000;
