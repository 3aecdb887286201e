import type { Consultation } from "./consultation/object.ts";

/** The bindings the Durable Objects use themselves. */
export interface ObjectsEnv {
  /** Signs consultation tickets; the worker verifies them with the same secret. */
  TICKET_SECRET: string;
  /** Read only, for facts that change while sockets stay open (is a colleague still a member?). */
  DB: D1Database;
  /** The waiting room asks a consultation whether a patient whose link came back is still in it. */
  CONSULTATION: DurableObjectNamespace<Consultation>;
  /** `eu` keeps Durable Objects in the EU; the worker names them the same way. */
  DO_JURISDICTION?: string;
}
