// Mail through Cloudflare Email Service: the Worker's `send_email` binding (named EMAIL), for operators
// who already send from a domain on Cloudflare. No key to keep and no outbound HTTP: the platform
// takes the structured message and writes the MIME itself.
import { attachmentsOf, type Mail, type Mailer, MailerError } from "./mailer.ts";

/** The part of the `send_email` binding this mailer calls (the structured form of `send`). */
export interface EmailBinding {
  send(message: EmailMessageBuilder): Promise<unknown>;
}

/** `Anteroom <no-reply@example.org>` as {name, email}; a bare address as it is. */
export function sender(from: string): string | EmailAddress {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(from);
  if (!match?.[2]) return from.trim();
  const name = (match[1] ?? "").replace(/^"(.*)"$/, "$1");
  return name ? { name, email: match[2] } : match[2];
}

export class CloudflareEmailMailer implements Mailer {
  constructor(
    private readonly binding: EmailBinding,
    private readonly from: string,
  ) {}

  async send(mail: Mail): Promise<void> {
    const attachments = attachmentsOf(mail).map(
      ({ filename, contentType, content }): EmailAttachment => ({
        disposition: "attachment",
        filename,
        type: contentType,
        content,
      }),
    );
    try {
      await this.binding.send({
        from: sender(this.from),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(attachments.length ? { attachments } : {}),
      });
    } catch (error) {
      // The binding throws for an unverified sender, a refused recipient or a quota; the message says
      // which, but may name the address, so only the kind goes on.
      throw new MailerError(`Email Service refused the mail: ${error instanceof Error ? error.name : "error"}`);
    }
  }
}
