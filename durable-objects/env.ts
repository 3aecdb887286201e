/** The bindings the Durable Objects use themselves. */
export interface ObjectsEnv {
  /** Signs consultation tickets; the worker verifies them with the same secret. */
  TICKET_SECRET: string;
}
