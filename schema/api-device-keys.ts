// The device keys of issue 25 over HTTP (classic zod for @hono/zod-openapi, like api-accounts.ts): a
// provider's browser registers the public half of a key pair it made and keeps; the account page lists and
// removes them; a patient's page receives the public keys it seals a name to. Private keys never travel.
import { z } from "@hono/zod-openapi";
import { isPlainLine, PLAIN_LINE_MESSAGE } from "./text.ts";

/** How many devices a provider keeps keys on; registering one more replaces the least recently used. */
export const MAX_DEVICE_KEYS_PER_PROVIDER = 10;
/** Days a key may go unused (its browser not opening the provider's pages) before it lapses. */
export const DEVICE_KEY_LAPSE_DAYS = 90;
/** A device's label as the page words it from its own browser ("Firefox on Linux"). */
export const MAX_DEVICE_LABEL_LENGTH = 60;

/** A raw uncompressed P-256 public key (65 bytes), base64url without padding. */
export const PublicKeyRaw = z.string().regex(/^[A-Za-z0-9_-]{87}$/, "Not a raw P-256 public key.");
/** The id the server gives a registered key: 128 random bits, base64url. */
export const DeviceKeyId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, "Not a device key id.");

export const DeviceKeyRegister = z
  .object({
    publicKey: PublicKeyRaw,
    label: z.string().trim().min(1).max(MAX_DEVICE_LABEL_LENGTH).refine(isPlainLine, PLAIN_LINE_MESSAGE),
  })
  .openapi("DeviceKeyRegister");

export const DeviceKeyView = z
  .object({
    id: DeviceKeyId,
    label: z.string(),
    /** SHA-256 of the raw public key, first 16 bytes as 8 groups of 4 hex digits (as the page computes it). */
    fingerprint: z.string(),
    publicKey: PublicKeyRaw,
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime(),
  })
  .openapi("DeviceKey");
export const DeviceKeyList = z.object({ keys: z.array(DeviceKeyView) }).openapi("DeviceKeyList");

export const DeviceKeyParam = z.object({
  id: DeviceKeyId.openapi({ param: { name: "id", in: "path" } }),
});

/** A key a patient's page seals names to: one device of a provider who may see this patient. */
export const SealKey = z.object({ kid: DeviceKeyId, publicKey: PublicKeyRaw }).openapi("SealKey");
/** The practice's keys in force, which a provider's page commits an invitation link to. */
export const SealKeyList = z.object({ keys: z.array(SealKey) }).openapi("SealKeyList");
