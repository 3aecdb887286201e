// Outbound SMS sits behind this interface, like mail (worker/mail/mailer.ts): an HTTP SMS API (http.ts)
// in production, the local outbox for `npm start` and the tests (outbox.ts), or nothing at all (the
// default of a deployment). Chosen by the SMS variable (select.ts).

/** One text to one number. */
export interface Sms {
  /** E.164: `+`, country code and number, no spaces, e.g. `+4917012345678`. */
  to: string;
  /** Plain text: line feeds are the only control characters allowed. */
  text: string;
}

export interface SmsSender {
  /** Resolves once the SMS is accepted for delivery; rejects with SmsError when it is not. */
  send(sms: Sms): Promise<void>;
}

/**
 * Why an SMS was not sent. `misconfigured`: no sender on this deployment; `invalid-number` and
 * `invalid-text`: refused before anything left; `refused`: the API answered an error; `unreachable`:
 * no answer at all; `timeout`: no answer within the sender's time limit.
 */
export type SmsFailure = "misconfigured" | "invalid-number" | "invalid-text" | "refused" | "unreachable" | "timeout";

/** The SMS was not handed over. The message names the kind of failure only: never the number or the text. */
export class SmsError extends Error {
  override readonly name = "SmsError";
  constructor(
    readonly reason: SmsFailure,
    message: string,
  ) {
    super(message);
  }
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all (at least 7). */
export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * At most three concatenated GSM-7 segments (3 × 153 characters): room for a practice's name, a time
 * and a link, and a bound on what one SMS costs. Counted in code points, as a person counts them.
 */
export const MAX_SMS_LENGTH = 459;

// C0 controls but the line feed, DEL, C1 controls, and the bidirectional overrides and isolates, which
// could make a link read differently from where it leads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_PLAIN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A number as a person types it (`+49 170 123-45 67`, `(+49) 170/1234567`) in E.164, or undefined. */
export function e164(input: string): string | undefined {
  const number = input.replace(/[\s\-./()]/g, "");
  return E164.test(number) ? number : undefined;
}

/** The SMS as it may be sent; refused (SmsError) when the number is not E.164 or the text is not plain. */
export function checkedSms(sms: Sms): Sms {
  if (!E164.test(sms.to)) throw new SmsError("invalid-number", "the number is not in E.164 form");
  if (!sms.text.trim()) throw new SmsError("invalid-text", "the text is empty");
  if (NOT_PLAIN.test(sms.text)) throw new SmsError("invalid-text", "the text has control characters");
  if ([...sms.text].length > MAX_SMS_LENGTH) throw new SmsError("invalid-text", "the text is too long");
  return sms;
}
