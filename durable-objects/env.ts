import type { Consultation } from "./consultation/object.ts";
import type { WaitingRoom } from "./waiting-room/object.ts";

/** The bindings the Durable Objects use themselves. */
export interface ObjectsEnv {
  /** Signs consultation tickets; the worker verifies them with the same secret. */
  TICKET_SECRET: string;
  /** Read only, for facts that change while sockets stay open (is a colleague still a member?). */
  DB: D1Database;
  /** The waiting room asks a consultation whether a patient whose link came back is still in it. */
  CONSULTATION: DurableObjectNamespace<Consultation>;
  /** A consultation tells the waiting room that admitted it when it ends (links made in it stop). */
  WAITING_ROOM: DurableObjectNamespace<WaitingRoom>;
  /** `eu` keeps Durable Objects in the EU; the worker names them the same way. */
  DO_JURISDICTION?: string;
}
