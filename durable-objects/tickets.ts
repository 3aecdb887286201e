// Tickets: short-lived proofs that the worker or a room handed out. A patient's waiting ticket
// proves a valid invite and recorded consent; a consultation ticket proves admission. The worker
// opens them before any socket reaches an object.
// They are sealed with AES-GCM, not just signed: they carry a patient's display name, which must
// not be readable by anyone who sees a ticket on its way.
import { Ticket } from "../schema/identity.ts";
import { base64url, fromBase64url } from "./encoding.ts";

const encoder = new TextEncoder();
const IV_BYTES = 12;
/** 32 random bytes, written as 64 hex characters by `npm start`; the operator's secret is checked against this. */
export const MIN_TICKET_SECRET_LENGTH = 32;
/** Far longer than any real ticket; refuses absurd input before any crypto runs. */
const MAX_TICKET_LENGTH = 4096;

const keys = new Map<string, Promise<CryptoKey>>();

/** An AES-256-GCM key derived from the secret (HKDF-SHA-256), cached per secret. */
function key(secret: string): Promise<CryptoKey> {
  let derived = keys.get(secret);
  if (!derived) {
    derived = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode("anteroom ticket v1") },
          material,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(secret, derived);
  }
  return derived;
}

export async function sealTicket(secret: string, ticket: Ticket): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await key(secret),
    encoder.encode(JSON.stringify(ticket)),
  );
  const token = new Uint8Array(IV_BYTES + sealed.byteLength);
  token.set(iv);
  token.set(new Uint8Array(sealed), IV_BYTES);
  return base64url(token);
}

/** The ticket if it was sealed with this secret, is well-formed and has not expired; otherwise null. */
export async function openTicket(secret: string, token: string, now = Date.now()): Promise<Ticket | null> {
  if (token.length > MAX_TICKET_LENGTH) return null;
  const bytes = fromBase64url(token);
  if (!bytes || bytes.length <= IV_BYTES) return null;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES) },
      await key(secret),
      bytes.slice(IV_BYTES),
    );
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return null;
  }
  const parsed = Ticket.safeParse(json);
  if (!parsed.success || parsed.data.exp <= now) return null;
  return parsed.data;
}
