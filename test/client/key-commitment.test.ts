// A link's `#k=` names the practice's device keys by a short hash: the patient's page seals only to keys
// the link names, so a server that offers other keys cannot read the name (issue 25).
import { describe, expect, it } from "vitest";
import { commitmentOf, committedKeys, keyHash, parseCommitment } from "../../client/src/shared/key-commitment.ts";
import { newDeviceKeyPair } from "../../client/src/shared/name-seal.ts";

// base64url written here again, so the module's own is not what checks it.
const encode = (bytes: Uint8Array) =>
  btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const decode = (text: string) =>
  Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (char) => char.charCodeAt(0));

/** A device's raw public key, base64url, as the server hands it out; and its hash computed independently. */
async function publicKey(): Promise<string> {
  const pair = await newDeviceKeyPair();
  const key = encode(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
  hashes.set(key, encode(new Uint8Array(await crypto.subtle.digest("SHA-256", decode(key))).slice(0, 12)));
  return key;
}

const hashes = new Map<string, string>();
const expectedHash = (key: string) => hashes.get(key) ?? "unknown key";

describe("a device key's hash in a link", () => {
  it("is the first 12 bytes of SHA-256 over the raw 65-byte key, 16 base64url characters", async () => {
    const key = await publicKey();
    expect(decode(key)).toHaveLength(65);
    const hash = await keyHash(key);
    expect(hash).toBe(expectedHash(key));
    expect(hash).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});

describe("a link's key commitment", () => {
  it("is the same whatever order the keys come in, and names each key once", async () => {
    const [a, b, c] = [await publicKey(), await publicKey(), await publicKey()];
    const one = await commitmentOf([{ publicKey: a }, { publicKey: b }, { publicKey: c }]);
    const other = await commitmentOf([{ publicKey: c }, { publicKey: a }, { publicKey: b }, { publicKey: a }]);
    expect(other).toBe(one);
    expect(one.split(".").sort()).toEqual([expectedHash(a), expectedHash(b), expectedHash(c)].sort());
    expect(parseCommitment(`#k=${one}`)).toEqual(new Set([expectedHash(a), expectedHash(b), expectedHash(c)]));
  });

  it("is empty for no keys, so that such a link carries no k= at all", async () => {
    expect(await commitmentOf([])).toBe("");
  });

  it("is absent from a link without k= (a join code, a personal room, an older link)", () => {
    expect(parseCommitment("")).toBeUndefined();
    expect(parseCommitment("#")).toBeUndefined();
    expect(parseCommitment("#lang=de")).toBeUndefined();
  });

  it("is read beside other fields of the fragment", async () => {
    const key = await publicKey();
    expect(parseCommitment(`#x=1&k=${expectedHash(key)}`)).toEqual(new Set([expectedHash(key)]));
  });

  it("matches nothing when malformed in any part", async () => {
    const good = expectedHash(await publicKey());
    for (const fragment of [
      "#k=",
      "#k=abc",
      `#k=${good}.`,
      `#k=${good}.${good.slice(1)}`,
      `#k=${good}+x`,
      `#k=${good}=`,
    ]) {
      expect(parseCommitment(fragment), fragment).toEqual(new Set());
    }
  });
});

describe("the keys a commitment names", () => {
  it("are those offered whose hash it has, in the order offered", async () => {
    const [a, b, c] = [await publicKey(), await publicKey(), await publicKey()];
    const offered = [
      { kid: "a", publicKey: a },
      { kid: "b", publicKey: b },
      { kid: "c", publicKey: c },
    ];
    const commitment = parseCommitment(`#k=${await commitmentOf([{ publicKey: c }, { publicKey: a }])}`);
    expect(await committedKeys(offered, commitment ?? new Set())).toEqual([offered[0], offered[2]]);
  });

  it("are none when the commitment is malformed or names other keys", async () => {
    const offered = [{ kid: "a", publicKey: await publicKey() }];
    expect(await committedKeys(offered, parseCommitment("#k=broken") ?? new Set(["x"]))).toEqual([]);
    const elsewhere = parseCommitment(`#k=${expectedHash(await publicKey())}`) ?? new Set(["x"]);
    expect(await committedKeys(offered, elsewhere)).toEqual([]);
  });
});
