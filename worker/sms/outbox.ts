import type { Env } from "../env.ts";
import { outbox } from "../mail/outbox.ts";
import { checkedSms, type Sms, type SmsSender } from "./sms.ts";

/** SMS kept in the local outbox beside the mails (durable-objects/outbox.ts), shown at /dev/outbox. */
export class OutboxSmsSender implements SmsSender {
  constructor(private readonly env: Pick<Env, "OUTBOX">) {}

  async send(sms: Sms): Promise<void> {
    const { to, text } = checkedSms(sms);
    await outbox(this.env).addSms({ to, text });
  }
}
