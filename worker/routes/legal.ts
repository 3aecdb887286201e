// The operator's details for the terms of use and the privacy notice: public, since both pages must be
// readable without login (GDPR Art. 13, KBV Anlage 31b). Configuration only, nothing about any user.
import { createRoute } from "@hono/zod-openapi";
import { LegalInfo } from "../../schema/api.ts";
import { access } from "../auth/access.ts";
import { legalInfo } from "../legal.ts";
import { router } from "../router.ts";
import { jsonResponse as json } from "./describe.ts";

const legal = createRoute({
  method: "get",
  path: "/",
  summary:
    "The operator's name, address, contact, data protection officer and supervisory authority, whether all are set, and D1's recovery window in days",
  middleware: [access.anonymous] as const,
  responses: { 200: json(LegalInfo, "The operator's details (empty strings where not configured)") },
});

export const legalRoutes = router().openapi(legal, (c) => c.json(legalInfo(c.env), 200));
