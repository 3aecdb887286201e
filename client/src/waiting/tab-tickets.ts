// Where the patient's waiting page keeps its tickets: this tab's sessionStorage (tickets.ts), under the
// link's key. Handing over to the call keeps the patient's own name for that consultation too
// (own-name.ts): the call page knows the consultation only, and tells the others the name itself.
import { keepCallName, ownName } from "../shared/own-name.ts";
import { dropWaitingTicket, keepTicket, keepWaitingTicket, takeWaitingTicket } from "../shared/tickets.ts";
import type { WaitingTickets } from "./patient-session.ts";

/** The tickets of the link `token` (the join page's `source.key`), and the call's with the name. */
export function tabTickets(token: string): WaitingTickets {
  return {
    keepWaiting: (ticket) => keepWaitingTicket(token, ticket),
    takeWaiting: () => takeWaitingTicket(token),
    dropWaiting: () => dropWaitingTicket(token),
    keepCall(consultationId, ticket) {
      keepTicket(consultationId, ticket);
      const name = ownName(token);
      if (name) keepCallName(consultationId, name);
    },
  };
}
