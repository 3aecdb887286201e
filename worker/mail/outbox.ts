import type { Env } from "../env.ts";
import type { Mail, Mailer } from "./mailer.ts";

/** The local outbox (durable-objects/outbox.ts): one object for the whole deployment, shown at /dev/outbox. */
export function outbox(env: Pick<Env, "OUTBOX">) {
  return env.OUTBOX.get(env.OUTBOX.idFromName("outbox"));
}

export class OutboxMailer implements Mailer {
  constructor(private readonly env: Pick<Env, "OUTBOX">) {}

  async send(mail: Mail): Promise<void> {
    await outbox(this.env).add(mail);
  }
}
