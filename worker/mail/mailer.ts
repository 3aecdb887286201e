// Outbound e-mail sits behind this interface: an HTTP e-mail API (http.ts) or Cloudflare Email Service
// (cloudflare.ts) in production, the local outbox for `npm start` and the tests (outbox.ts). Chosen by
// the MAILER variable (select.ts).

/** A file sent with a mail, e.g. an invitation's calendar file (worker/calendar/attachment.ts). */
export interface MailAttachment {
  /** The name the recipient sees. */
  filename: string;
  /** The part's MIME type with its parameters, e.g. `text/calendar; method=REQUEST; charset=UTF-8`. */
  contentType: string;
  content: Uint8Array;
}

/** One mail: plain text plus simple HTML, no tracking pixels, no external images. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** Resolves once the mail is accepted for delivery; rejects with MailerError when it is not. */
  send(mail: Mail): Promise<void>;
}

/** The mail could not be handed over (API down, misconfigured); routes answer 503 and write nothing. */
export class MailerError extends Error {
  override readonly name = "MailerError";
}

// A name or type with a line break would become a header line of its own wherever MIME is written.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The mail's attachments, refused (MailerError) when a name or type could add a header line. */
export function attachmentsOf(mail: Mail): MailAttachment[] {
  const attachments = mail.attachments ?? [];
  for (const { filename, contentType } of attachments) {
    if (!filename || CONTROL.test(filename) || CONTROL.test(contentType) || !contentType.includes("/")) {
      throw new MailerError("attachment with an unusable name or type");
    }
  }
  return attachments;
}
