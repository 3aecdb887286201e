// Outbound e-mail sits behind this interface: an HTTP e-mail API in production (http.ts), the local
// outbox for `npm start` and the tests (outbox.ts). Chosen by the MAILER variable (select.ts).

/** One mail: plain text plus simple HTML, no tracking pixels, no external images. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves once the mail is accepted for delivery; rejects with MailerError when it is not. */
  send(mail: Mail): Promise<void>;
}

/** The mail could not be handed over (API down, misconfigured); routes answer 503 and write nothing. */
export class MailerError extends Error {
  override readonly name = "MailerError";
}
