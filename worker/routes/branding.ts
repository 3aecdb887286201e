// What a practice shows its patients: its consent text (versioned) and its logo. The logo is served
// here too, without a session, because patients' pages show it.
import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { ErrorBody } from "../../schema/api.ts";
import { ConsentTextUpdate, ConsentTextView, LogoView } from "../../schema/api-accounts.ts";
import { DEFAULT_CONSENT_TEXT } from "../../schema/consent.ts";
import { MAX_LOGO_BYTES } from "../../schema/limits.ts";
import { practiceLogos } from "../../schema/tables.ts";
import { recorded, recordedIfChanged } from "../audit.ts";
import { access } from "../auth/access.ts";
import { fromBase64, logoType, logoUrl, toBase64 } from "../branding.ts";
import {
  consentVersionsFull,
  currentConsentText,
  MAX_KEPT_CONSENT_VERSIONS,
  pruneConsentTexts,
  saveConsentText,
} from "../consent-texts.ts";
import { sha256Hex } from "../crypto.ts";
import { database } from "../db.ts";
import { problem } from "../problem.ts";
import { throttle } from "../rate-limit.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, jsonBody, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const notLoggedIn = json(ErrorBody, "Not logged in");
const notAdmin = json(ErrorBody, "Not an admin of the practice, or 2FA required and not set up");
const image = { schema: z.string().openapi({ format: "binary" }) };

const showConsent = createRoute({
  method: "get",
  path: "/consent-text",
  middleware: [access.provider] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "The consent text the practice's patients accept now (the practice's own or the default)",
      responses: { 200: json(ConsentTextView, "The current text"), 401: notLoggedIn, 403: notAdmin },
    },
  ),
});

const saveConsent = createRoute({
  method: "put",
  path: "/consent-text",
  middleware: [access.admin] as const,
  request: { body: jsonBody(ConsentTextUpdate) },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Make these texts the practice's next consent version; earlier versions stay for the records",
      responses: {
        200: json(ConsentTextView, "The text patients accept from now on"),
        400: json(
          ErrorBody,
          "Empty, too long or unreadable text, or one language left at the default (consent-one-language)",
        ),
        401: notLoggedIn,
        403: notAdmin,
        409: json(
          ErrorBody,
          "As many earlier versions as allowed are still named by consent records (consent-versions-full)",
        ),
        429: json(ErrorBody, "Too many saves; see Retry-After"),
      },
    },
  ),
});

const putLogo = createRoute({
  method: "put",
  path: "/logo",
  middleware: [access.admin] as const,
  request: {
    body: { content: { "image/png": image, "image/jpeg": image, "image/webp": image }, required: true },
  },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: `Replace the practice's logo: a PNG, JPEG or WebP image of at most ${MAX_LOGO_BYTES} bytes`,
      responses: {
        200: json(LogoView, "Stored; where patients' pages load it"),
        400: json(ErrorBody, "Not a PNG, JPEG or WebP image (logo-unsupported)"),
        401: notLoggedIn,
        403: notAdmin,
        413: json(ErrorBody, "Larger than the limit (logo-too-large, body-too-large)"),
      },
    },
  ),
});

const deleteLogo = createRoute({
  method: "delete",
  path: "/logo",
  middleware: [access.admin] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "Remove the practice's logo",
      responses: { 204: { description: "Removed (or there was none)" }, 401: notLoggedIn, 403: notAdmin },
    },
  ),
});

export const brandingRoutes = router()
  .openapi(showConsent, async (c) => c.json(await currentConsentText(database(c.env.DB), c.get("practice").id), 200))
  .openapi(saveConsent, async (c) => {
    const practiceId = c.get("practice").id;
    const texts = c.req.valid("json");
    // A version holds both languages: the practice's own words in one and Anteroom's default in the other
    // would have German and English patients agree to different things under one version.
    if ((texts.en === DEFAULT_CONSENT_TEXT.en) !== (texts.de === DEFAULT_CONSENT_TEXT.de)) {
      return c.json(
        problem("consent-one-language", "Write the consent text in both languages: one of them is still the default."),
        400,
      );
    }
    // Per practice: each save may add a row, so saves are throttled like any other write that grows D1.
    const limited = await throttle(c, [[c.env.CLIENT_LIMIT, `consent-text:${practiceId}`]]);
    if (limited) return limited;
    const db = database(c.env.DB);
    await pruneConsentTexts(db, practiceId);
    if (await consentVersionsFull(db, practiceId)) {
      return c.json(
        problem(
          "consent-versions-full",
          `Your practice keeps ${MAX_KEPT_CONSENT_VERSIONS} versions that consent records still name; try again once older appointments have been deleted.`,
        ),
        409,
      );
    }
    const before = await currentConsentText(db, practiceId);
    const saved = await saveConsentText(db, practiceId, texts);
    // Saving the text patients already accept makes no version, and is no action for the trail.
    if (saved.version !== before.version) {
      await recorded(db, {
        practiceId,
        action: "consent-text-changed",
        actorName: c.get("provider").displayName,
        detail: saved.version,
      });
    }
    return c.json(saved, 200);
  })
  .openapi(putLogo, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > MAX_LOGO_BYTES) {
      return c.json(problem("logo-too-large", `A logo may have at most ${MAX_LOGO_BYTES} bytes.`), 413);
    }
    const contentType = logoType(bytes);
    if (!contentType) return c.json(problem("logo-unsupported", "A logo must be a PNG, JPEG or WebP image."), 400);
    const hash = await sha256Hex(bytes);
    const row = { hash, contentType, data: toBase64(bytes), updatedAt: Date.now() };
    const db = database(c.env.DB);
    const practiceId = c.get("practice").id;
    await db.batch([
      db
        .insert(practiceLogos)
        .values({ practiceId, ...row })
        .onConflictDoUpdate({ target: practiceLogos.practiceId, set: row }),
      recorded(db, {
        practiceId,
        action: "logo-changed",
        actorName: c.get("provider").displayName,
        detail: "replaced",
      }),
    ]);
    return c.json({ logoUrl: logoUrl(hash) }, 200);
  })
  .openapi(deleteLogo, async (c) => {
    const db = database(c.env.DB);
    const practiceId = c.get("practice").id;
    // Removing no logo is no action: the entry only when a row went.
    await db.batch([
      db.delete(practiceLogos).where(eq(practiceLogos.practiceId, practiceId)),
      recordedIfChanged(db, {
        practiceId,
        action: "logo-changed",
        actorName: c.get("provider").displayName,
        detail: "removed",
      }),
    ]);
    return c.body(null, 204);
  });

const showLogo = createRoute({
  method: "get",
  middleware: [access.anonymous] as const,
  path: "/{hash}",
  request: {
    params: z.object({
      hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .openapi({ param: { name: "hash", in: "path" } }),
    }),
  },
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: "A practice's logo, for patients' pages",
      responses: {
        200: { content: { "image/png": image, "image/jpeg": image, "image/webp": image }, description: "The image" },
        400: json(ErrorBody, "Not a logo address"),
        404: json(ErrorBody, "No such logo (replaced or removed)"),
      },
    },
  ),
});

export const logoRoutes = router().openapi(showLogo, async (c) => {
  const [logo] = await database(c.env.DB)
    .select({ contentType: practiceLogos.contentType, data: practiceLogos.data })
    .from(practiceLogos)
    .where(eq(practiceLogos.hash, c.req.valid("param").hash))
    .limit(1);
  if (!logo) return c.json(problem("not-found", "No such logo."), 404);
  return c.body(fromBase64(logo.data), 200, {
    "Content-Type": logo.contentType,
    // An image and nothing else, whatever a browser might sniff in it.
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
  });
});
