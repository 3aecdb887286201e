// The practice's audit trail, for its admins: the last administrative actions, newest first.
import { createRoute } from "@hono/zod-openapi";
import { desc, eq, sql } from "drizzle-orm";
import { AuditTrail, ErrorBody } from "../../schema/api.ts";
import { AUDIT_PAGE_SIZE } from "../../schema/audit.ts";
import { auditEntries } from "../../schema/tables.ts";
import { access } from "../auth/access.ts";
import { database } from "../db.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const trail = createRoute({
  method: "get",
  path: "/audit",
  middleware: [access.admin] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: `The practice's last ${AUDIT_PAGE_SIZE} administrative actions (kept 90 days), newest first`,
      responses: {
        200: json(AuditTrail, "The audit trail"),
        401: json(ErrorBody, "Not logged in"),
        403: json(ErrorBody, "Not an admin of the practice, or 2FA required and not set up"),
      },
    },
  ),
});

export const auditRoutes = router().openapi(trail, async (c) => {
  const rows = await database(c.env.DB)
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.practiceId, c.get("practice").id))
    // Insertion order breaks ties: two actions within one millisecond still show in the order they happened.
    .orderBy(desc(auditEntries.at), desc(sql`rowid`))
    .limit(AUDIT_PAGE_SIZE);
  return c.json(
    {
      entries: rows.map((row) => ({
        id: row.id,
        action: row.action,
        actorName: row.actorName,
        targetName: row.targetName,
        detail: row.detail,
        at: new Date(row.at).toISOString(),
      })),
    },
    200,
  );
});
