import { base64url, hex } from "../durable-objects/encoding.ts";

/** `bytes` random bytes as base64url without padding (16 bytes: 22 characters). */
export function randomToken(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}
