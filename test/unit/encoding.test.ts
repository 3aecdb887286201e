import { describe, expect, it } from "vitest";
import { base64url, fromBase64url } from "../../common/encoding.ts";

/** The bytes 0..n-1 shifted by a seed, so every length and many byte values are tried. */
const sample = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 37 + seed * 11) & 0xff);

describe("base64url", () => {
  it("reads back every byte string it writes, of every length up to 300", () => {
    for (let length = 0; length <= 300; length++) {
      for (const seed of [0, 1, 255]) {
        const bytes = sample(length, seed);
        expect(fromBase64url(base64url(bytes)), `length ${length}`).toEqual(bytes);
      }
    }
  });

  it("agrees with the platform's base64 decoder", () => {
    const bytes = sample(257, 3);
    const text = base64url(bytes);
    const standard = Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
    expect(fromBase64url(text)).toEqual(standard);
  });

  it("refuses padding, other alphabets, impossible lengths and unused bits set", () => {
    for (const text of ["AA==", "AAA=", "A+B/", "A", "AAAAA", "AB", "AAB", "ä", " AAA", "AA\\n"]) {
      expect(fromBase64url(text), text).toBeNull();
    }
    // The canonical spellings of those that only had unused bits set.
    expect(fromBase64url("AA")).toEqual(new Uint8Array([0]));
    expect(fromBase64url("AAA")).toEqual(new Uint8Array([0, 0]));
  });
});
