// The address or number a practice types to send an invitation to, checked before anything is sent. An
// address is accepted only in the plain form that is safe in a mail header and after `mailto:` in the
// calendar file: no line breaks (header injection), spaces, quotes or display names.
import { e164 } from "./sms/sms.ts";

const PLAIN_ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
/** RFC 5321's limit of a path; longer addresses do not exist in practice. */
const MAX_ADDRESS_LENGTH = 254;

/** The address as it may be sent to (surrounding blanks dropped), or undefined. */
export function emailRecipient(input: string): string | undefined {
  const address = input.trim();
  if (address.length > MAX_ADDRESS_LENGTH || !PLAIN_ADDRESS.test(address)) return undefined;
  return address;
}

/** The number in E.164 (spaces, dashes, dots, slashes and brackets dropped), or undefined. */
export const smsRecipient = (input: string): string | undefined => (input.length > 40 ? undefined : e164(input));
