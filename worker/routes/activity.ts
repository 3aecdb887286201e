// The practice's activity log (opt-in), for its admins: the last consultations, and all of them as CSV.
// Switching it on and off, and its period, are practice settings (PATCH /api/practice).
import { createRoute, z } from "@hono/zod-openapi";
import { desc, eq, sql } from "drizzle-orm";
import { ActivityLog, ErrorBody } from "../../schema/api.ts";
import { ACTIVITY_PAGE_SIZE } from "../../schema/audit.ts";
import { activityEntries } from "../../schema/tables.ts";
import { activityCsv } from "../activity-csv.ts";
import { recorded } from "../audit.ts";
import { access } from "../auth/access.ts";
import { database } from "../db.ts";
import { recordedRead } from "../recorded-read.ts";
import { router } from "../router.ts";
import { documented, jsonResponse as json, OPENAPI_DOCUMENT_PREBUILT } from "./describe.ts";

const notLoggedIn = json(ErrorBody, "Not logged in");
const notAdmin = json(ErrorBody, "Not an admin of the practice, or 2FA required and not set up");

const list = createRoute({
  method: "get",
  path: "/activity",
  middleware: [access.admin] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary: `Whether the practice keeps an activity log, its period, and its last ${ACTIVITY_PAGE_SIZE} consultations, newest first`,
      responses: { 200: json(ActivityLog, "The activity log"), 401: notLoggedIn, 403: notAdmin },
    },
  ),
});

const csv = createRoute({
  method: "get",
  path: "/activity.csv",
  middleware: [access.admin, recordedRead] as const,
  ...documented(
    OPENAPI_DOCUMENT_PREBUILT || {
      summary:
        "Every entry of the activity log as a CSV file (an attachment); the export is in the audit trail. Only from this site's own pages; a HEAD records nothing",
      responses: {
        200: {
          content: { "text/csv": { schema: z.string() } },
          description: "The CSV file (UTF-8 with a byte order mark)",
        },
        401: notLoggedIn,
        403: json(
          ErrorBody,
          "Not an admin of the practice, 2FA required and not set up, or asked from another site's page (cross-site)",
        ),
      },
    },
  ),
});

export const activityRoutes = router()
  .openapi(list, async (c) => {
    const practice = c.get("practice");
    const rows = await database(c.env.DB)
      .select()
      .from(activityEntries)
      .where(eq(activityEntries.practiceId, practice.id))
      .orderBy(desc(activityEntries.startedAt), desc(sql`rowid`))
      .limit(ACTIVITY_PAGE_SIZE);
    return c.json(
      {
        on: practice.activityLogOn,
        days: practice.activityLogDays,
        entries: rows.map((row) => ({
          id: row.id,
          providerName: row.providerName,
          startedAt: new Date(row.startedAt).toISOString(),
          durationSeconds: row.durationSeconds,
          participants: row.participants,
          relayed: row.relayed,
        })),
      },
      200,
    );
  })
  .openapi(csv, async (c) => {
    const db = database(c.env.DB);
    const practiceId = c.get("practice").id;
    const [rows] = await db.batch([
      db
        .select()
        .from(activityEntries)
        .where(eq(activityEntries.practiceId, practiceId))
        .orderBy(desc(activityEntries.startedAt), desc(sql`rowid`)),
      // The copy leaves the service: the trail says who took it, with the read itself.
      recorded(db, {
        practiceId,
        action: "data-exported",
        actorName: c.get("provider").displayName,
        detail: "activity",
      }),
    ]);
    const date = new Date().toISOString().slice(0, 10);
    return c.body(activityCsv(rows), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="anteroom-activity-${date}.csv"`,
      "Cache-Control": "no-store",
    });
  });
