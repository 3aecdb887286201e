// Production mail: one JSON POST per mail to an HTTP e-mail API in the common shape
// {from, to, subject, text, html} with a bearer key (Resend, and others through a small adapter).
// Attachments go as `attachments: [{filename, content (base64), content_type}]`, as Resend and
// others take them; a mail without attachments has no such field.
import { base64 } from "../../common/encoding.ts";
import { type Fetcher, runtimeFetch } from "../outbound.ts";
import { attachmentsOf, type Mail, type Mailer, MailerError } from "./mailer.ts";

export interface HttpMailerConfig {
  endpoint: string;
  apiKey: string;
  from: string;
  /** How long to wait for the API's answer; 10 s unless a test says otherwise. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class HttpMailer implements Mailer {
  constructor(
    private readonly config: HttpMailerConfig,
    private readonly fetcher: Fetcher = runtimeFetch,
  ) {}

  async send(mail: Mail): Promise<void> {
    const attachments = attachmentsOf(mail).map((attachment) => ({
      filename: attachment.filename,
      content: base64(attachment.content),
      content_type: attachment.contentType,
    }));
    // One attempt, bounded: a slow API answers an error instead of holding the request (as sms/http.ts).
    const signal = AbortSignal.timeout(this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let response: Response;
    try {
      response = await this.fetcher(this.config.endpoint, {
        method: "POST",
        headers: { Authorization: `Bearer ${this.config.apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          from: this.config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(attachments.length ? { attachments } : {}),
        }),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw new MailerError("mail API did not answer in time");
      throw new MailerError(`mail API unreachable: ${error instanceof Error ? error.name : "error"}`);
    }
    // Drain the body either way, so the connection is released.
    await response.body?.cancel();
    if (!response.ok) throw new MailerError(`mail API answered ${response.status}`);
  }
}
