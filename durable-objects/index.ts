export { Consultation } from "./consultation/object.ts";
export type { ObjectsEnv } from "./env.ts";
export { Outbox, type OutboxMail, type OutboxMessage, type OutboxSms } from "./outbox.ts";
export type { SessionMatch } from "./sessions.ts";
export type { CallOverview } from "./waiting-room/calls.ts";
export { WaitingRoom } from "./waiting-room/object.ts";
