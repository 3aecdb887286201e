// The provider's list of waiting patients, kept from the room's messages: one snapshot when the
// socket opens, then one small message per change. Sorted like the room sorts: who came first.
import type { ServerMessage, WaitingPatient } from "../../../schema/messages.ts";

const byArrival = (a: WaitingPatient, b: WaitingPatient) =>
  a.waitingSince - b.waitingSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The list after `message`, or the same list when the message is not about the queue. */
export function applyQueueMessage(list: readonly WaitingPatient[], message: ServerMessage): readonly WaitingPatient[] {
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
      return list;
  }
}
