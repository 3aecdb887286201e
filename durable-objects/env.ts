/** The bindings the Durable Objects use themselves. */
export interface ObjectsEnv {
  /** Signs consultation tickets; the worker verifies them with the same secret. */
  TICKET_SECRET: string;
  /** Read only, for facts that change while sockets stay open (is a colleague still a member?). */
  DB: D1Database;
}
