// The operator's details for the terms of use and the privacy notice: public, since both pages must be
// readable without login (GDPR Art. 13, KBV Anlage 31b). Configuration only, nothing about any user.
import { createRoute } from "@hono/zod-openapi";
import { LegalInfo } from "../../schema/api.ts";
import { access } from "../auth/access.ts";
import { legalInfo } from "../legal.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const legal = createRoute({
  method: "get",
  path: "/",
  middleware: [access.anonymous] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "The operator's name, address, contact, data protection officer and supervisory authority, whether all are set, and D1's recovery window in days",
      responses: { 200: json(LegalInfo, "The operator's details (empty strings where not configured)") },
    },
  ),
});

export const legalRoutes = router().openapi(legal, (c) => c.json(legalInfo(c.env), 200));
