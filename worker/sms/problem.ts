// What a route answers when an SMS is not sent: a stable code and a sentence for the provider, never
// the number. The link the SMS carried still works; the provider can copy it or try again.
import { problem } from "../problem.ts";
import { SmsError, type SmsFailure } from "./sms.ts";

const ANSWERS: Record<SmsFailure, { status: 400 | 503; code: "invalid-input" | "misconfigured"; error: string }> = {
  misconfigured: { status: 503, code: "misconfigured", error: "SMS is not configured on this server." },
  "invalid-number": {
    status: 400,
    code: "invalid-input",
    error: "The phone number must be in international form, e.g. +49 170 1234567.",
  },
  "invalid-text": { status: 400, code: "invalid-input", error: "The text cannot be sent by SMS." },
  refused: {
    status: 503,
    code: "misconfigured",
    error: "The SMS service did not accept the message. Try again later.",
  },
  unreachable: { status: 503, code: "misconfigured", error: "The SMS service cannot be reached. Try again later." },
  timeout: { status: 503, code: "misconfigured", error: "The SMS service did not answer in time. Try again later." },
};

/** The status and body for an SMS that was not sent; anything but an SmsError counts as unreachable. */
export function smsProblem(error: unknown) {
  const { status, code, error: message } = ANSWERS[error instanceof SmsError ? error.reason : "unreachable"];
  return { status, body: problem(code, message) };
}
