import { base64 } from "../../common/encoding.ts";
import type { Env } from "../env.ts";
import { attachmentsOf, type Mail, type Mailer } from "./mailer.ts";

/** The local outbox (durable-objects/outbox.ts): one object for the whole deployment, shown at /dev/outbox. */
export function outbox(env: Pick<Env, "OUTBOX">) {
  return env.OUTBOX.get(env.OUTBOX.idFromName("outbox"));
}

export class OutboxMailer implements Mailer {
  constructor(private readonly env: Pick<Env, "OUTBOX">) {}

  async send(mail: Mail): Promise<void> {
    // Kept as /dev/outbox.json shows them: attachments with base64 content.
    const attachments = attachmentsOf(mail).map(({ filename, contentType, content }) => ({
      filename,
      contentType,
      content: base64(content),
    }));
    await outbox(this.env).add({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments });
  }
}
