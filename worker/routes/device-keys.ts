// The logged-in provider's device keys (issue 25): each browser that opens the provider's pages registers
// the public half of a key pair it keeps; patients' pages seal names to them (worker/seal-keys.ts).
// Only the provider's own keys are ever named: another's key id answers as an unknown one.
import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, notInArray } from "drizzle-orm";
import type { Context } from "hono";
import { liveKey } from "../../common/seal-keys.ts";
import { ErrorBody } from "../../schema/api.ts";
import {
  DeviceKeyList,
  DeviceKeyParam,
  DeviceKeyRegister,
  DeviceKeyView,
  MAX_DEVICE_KEYS_PER_PROVIDER,
} from "../../schema/api-device-keys.ts";
import { deviceKeys, sessions } from "../../schema/tables.ts";
import type { AppEnv } from "../app-env.ts";
import { access } from "../auth/access.ts";
import { randomToken } from "../crypto.ts";
import { database } from "../db.ts";
import { deviceKeyView, fingerprintOf, ownLiveKey, p256Point } from "../device-keys.ts";
import { problem } from "../problem.ts";
import { closeSessionSockets } from "../room-control.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const HOUR = 60 * 60 * 1000;
const unauthenticated = json(ErrorBody, "Not logged in");
const unknownKey = json(ErrorBody, "Unknown, removed, lapsed or another's key (not-found)");
const totpRequired = json(ErrorBody, "The practice requires 2FA, not set up yet (totp-required)");
const notFound = (c: Context<AppEnv>) => c.json(problem("not-found", "No such device key."), 404);

const list = createRoute({
  method: "get",
  path: "/device-keys",
  middleware: [access.account] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The provider's device keys in force, most recently used first",
      responses: { 200: json(DeviceKeyList, "Keys"), 401: unauthenticated },
    },
  ),
});

const register = createRoute({
  method: "post",
  path: "/device-keys",
  // A provider who has yet to meet the practice's 2FA rule admits nobody: their session must not add a
  // key that patients' names would be sealed to.
  middleware: [access.provider] as const,
  request: { body: jsonBody(DeviceKeyRegister) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Register this browser's public key; past the limit the least recently used key goes",
      responses: {
        200: json(DeviceKeyView, "Registered already"),
        201: json(DeviceKeyView, "Registered"),
        400: json(ErrorBody, "Malformed body or not a P-256 point (device-key-invalid)"),
        401: unauthenticated,
        403: totpRequired,
      },
    },
  ),
});

const remove = createRoute({
  method: "delete",
  path: "/device-keys/{id}",
  middleware: [access.account] as const,
  request: { params: DeviceKeyParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Remove a device's key; another browser's is logged out with it (its last session ends)",
      responses: {
        204: { description: "Removed" },
        400: json(ErrorBody, "Not a key id"),
        401: unauthenticated,
        404: unknownKey,
      },
    },
  ),
});

const seen = createRoute({
  method: "post",
  path: "/device-keys/{id}/seen",
  middleware: [access.provider] as const,
  request: { params: DeviceKeyParam },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The device is in use, so its key does not lapse; 404: make a new key",
      responses: {
        204: { description: "Noted" },
        400: json(ErrorBody, "Not a key id"),
        401: unauthenticated,
        403: totpRequired,
        404: unknownKey,
      },
    },
  ),
});

export const deviceKeyRoutes = router()
  .openapi(list, async (c) => {
    const rows = await database(c.env.DB)
      .select()
      .from(deviceKeys)
      .where(and(eq(deviceKeys.providerId, c.get("provider").id), liveKey(Date.now())))
      .orderBy(desc(deviceKeys.lastUsedAt));
    return c.json({ keys: rows.map(deviceKeyView) }, 200);
  })
  .openapi(register, async (c) => {
    const { publicKey, label } = c.req.valid("json");
    const raw = await p256Point(publicKey);
    if (!raw) return c.json(problem("device-key-invalid", "The public key is not a point on P-256."), 400);
    const providerId = c.get("provider").id;
    const sessionHash = c.get("session").tokenHash;
    const db = database(c.env.DB);
    const now = Date.now();
    const whose = eq(deviceKeys.providerId, providerId);
    const [again] = await db
      .update(deviceKeys)
      .set({ lastUsedAt: now, sessionHash })
      .where(and(whose, eq(deviceKeys.publicKey, publicKey)))
      .returning();
    if (again) return c.json(deviceKeyView(again), 200);
    // Past the limit the least recently used key goes, in the same batch as the new one: a new device must
    // never be refused (its browser could not seal-open names at all), and removing a key only narrows
    // who can read new names. Lapsed keys, used least recently of all, go first.
    const keep = db
      .select({ id: deviceKeys.id })
      .from(deviceKeys)
      .where(whose)
      .orderBy(desc(deviceKeys.lastUsedAt))
      .limit(MAX_DEVICE_KEYS_PER_PROVIDER - 1);
    const [, [row]] = await db.batch([
      db.delete(deviceKeys).where(and(whose, notInArray(deviceKeys.id, keep))),
      db
        .insert(deviceKeys)
        .values({
          id: randomToken(16),
          providerId,
          publicKey,
          label,
          fingerprint: await fingerprintOf(raw),
          createdAt: now,
          lastUsedAt: now,
          sessionHash,
        })
        // The same key registered twice at once (two tabs): one row, the later use.
        .onConflictDoUpdate({
          target: [deviceKeys.providerId, deviceKeys.publicKey],
          set: { lastUsedAt: now, sessionHash },
        })
        .returning(),
    ]);
    // An insert that updates on conflict always answers its row.
    if (!row) throw new Error("device key not stored");
    return c.json(deviceKeyView(row), 201);
  })
  .openapi(remove, async (c) => {
    const db = database(c.env.DB);
    const provider = c.get("provider");
    const [removed] = await db
      .delete(deviceKeys)
      .where(and(eq(deviceKeys.id, c.req.valid("param").id), eq(deviceKeys.providerId, provider.id)))
      .returning({ sessionHash: deviceKeys.sessionHash });
    if (!removed) return notFound(c);
    // Another browser's key: that browser is logged out too, or it would make itself a new key at its next
    // page (a lost or stolen device). This browser's own key: it stays logged in and makes a new one.
    const { sessionHash } = removed;
    if (sessionHash && sessionHash !== c.get("session").tokenHash) {
      await db.delete(sessions).where(and(eq(sessions.tokenHash, sessionHash), eq(sessions.providerId, provider.id)));
      await closeSessionSockets(c.env, provider, { sessionHash });
    }
    return c.body(null, 204);
  })
  .openapi(seen, async (c) => {
    const db = database(c.env.DB);
    const now = Date.now();
    const sessionHash = c.get("session").tokenHash;
    const [row] = await db
      .select({ lastUsedAt: deviceKeys.lastUsedAt, sessionHash: deviceKeys.sessionHash })
      .from(deviceKeys)
      .where(ownLiveKey(c.req.valid("param").id, c.get("provider").id, now));
    if (!row) return notFound(c);
    // Written at most hourly: every page load asks, and a lapse counted in days needs no finer clock. A new
    // login on the device is written at once: removing the device must log out the session it has now.
    if (row.lastUsedAt < now - HOUR || row.sessionHash !== sessionHash) {
      await db
        .update(deviceKeys)
        .set({ lastUsedAt: now, sessionHash })
        .where(ownLiveKey(c.req.valid("param").id, c.get("provider").id, now));
    }
    return c.body(null, 204);
  });
