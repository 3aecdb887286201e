// Byte encodings, in one place for the worker and the objects (common/: code both of them use, and nothing else).

export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** base64url without padding (RFC 4648 §5), as tokens and tickets are spelled. */
export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Each character code's 6-bit value, or -1 outside the base64url alphabet. */
const VALUES = new Int8Array(128).fill(-1);
for (const [index, char] of [...ALPHABET].entries()) VALUES[char.charCodeAt(0)] = index;

/**
 * The bytes of a base64url string, or null unless it is the canonical spelling: no padding, and no
 * unused bits set in the last character. So every byte string has exactly one accepted spelling.
 * Decoded in one pass: every ticket and session token goes through here, so a storm of reconnecting
 * patients pays for it a thousand times at once.
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  const tail = text.length % 4;
  if (tail === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffered = 0;
  let written = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = VALUES[code] ?? -1;
    if (value < 0) return null;
    bits = (bits << 6) | value;
    buffered += 6;
    if (buffered >= 8) {
      buffered -= 8;
      bytes[written++] = (bits >> buffered) & 0xff;
    }
  }
  // The bits left over after the last whole byte must be zero (2 of them after 3 characters, 4 after 2).
  if ((bits & ((1 << buffered) - 1)) !== 0) return null;
  return bytes;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
