// The provider's list of waiting patients, kept from the room's messages: one snapshot when the
// socket opens, then one small message per change. Sorted like the room sorts: who came first.
import type { ServerMessage, WaitingPatient, WaitingRoomToProvider } from "../../../schema/messages.ts";

/** The messages that change the list; the desk session hands exactly these over. */
export type QueueMessage = Extract<WaitingRoomToProvider, { type: "queue" | "arrived" | "updated" | "departed" }>;

const byArrival = (a: WaitingPatient, b: WaitingPatient) =>
  a.waitingSince - b.waitingSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The list after one change; the desk session dispatches each queue message here. */
export function applyQueueChange(list: readonly WaitingPatient[], message: QueueMessage): readonly WaitingPatient[] {
  switch (message.type) {
    case "queue":
      return [...message.patients].sort(byArrival);
    case "arrived":
      return [...list.filter((p) => p.id !== message.patient.id), message.patient].sort(byArrival);
    case "updated":
      return list.map((p) => (p.id === message.patient.id ? message.patient : p));
    case "departed":
      return list.filter((p) => p.id !== message.id);
    default:
      return message satisfies never;
  }
}

/** The list after any server message, for folding a socket's whole transcript (the server's tests do). */
export function applyQueueMessage(list: readonly WaitingPatient[], message: ServerMessage): readonly WaitingPatient[] {
  switch (message.type) {
    case "queue":
    case "arrived":
    case "updated":
    case "departed":
      return applyQueueChange(list, message);
    default:
      return list;
  }
}
