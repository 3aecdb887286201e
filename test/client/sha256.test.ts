import { describe, expect, it } from "vitest";
import { Sha256 } from "../../client/src/call/sha256.ts";
import { FILE_CHUNK_BYTES } from "../../schema/peer-messages.ts";

function bytes(size: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 131 + (i >> 9)) & 0xff;
  return data;
}

/** WebCrypto's digest of the whole buffer: what the incremental hash must equal. */
async function webCrypto(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The hash of `data` fed in pieces of `piece` bytes. */
function inPieces(data: Uint8Array, piece: number): string {
  const hash = new Sha256();
  for (let at = 0; at < data.byteLength; at += piece) hash.update(data.subarray(at, at + piece));
  return hash.hex();
}

describe("Sha256", () => {
  it("gives the published digests of the standard examples", () => {
    const text = (value: string) => new Sha256().update(new TextEncoder().encode(value)).hex();
    expect(text("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(text("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  // Around the 55/56-byte padding edge, the 64-byte block edge, and a file chunk's edges.
  const sizes = [1, 55, 56, 63, 64, 65, 119, 120, 128, FILE_CHUNK_BYTES - 1, FILE_CHUNK_BYTES, FILE_CHUNK_BYTES + 1];
  it.each(sizes)("matches WebCrypto for %i bytes, in one piece and in odd pieces", async (size) => {
    const data = bytes(size);
    const expected = await webCrypto(data);
    expect(inPieces(data, size)).toBe(expected);
    expect(inPieces(data, 1)).toBe(expected);
    expect(inPieces(data, 7)).toBe(expected);
    expect(inPieces(data, 100)).toBe(expected);
  });

  it("matches WebCrypto for a file of several chunks fed as the sender sends it and as slices of another size", async () => {
    const data = bytes(3 * FILE_CHUNK_BYTES + 12_345);
    const expected = await webCrypto(data);
    expect(inPieces(data, FILE_CHUNK_BYTES)).toBe(expected);
    expect(inPieces(data, 1000 * 1000)).toBe(expected);
    expect(inPieces(data, 4099)).toBe(expected);
  });

  it("refuses more data after the digest, so a finished checksum cannot silently change", () => {
    const hash = new Sha256().update(bytes(10));
    hash.hex();
    expect(() => hash.update(bytes(1))).toThrow();
  });
});
