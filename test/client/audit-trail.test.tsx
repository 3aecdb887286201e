// What an admin reads in the audit trail: each action in words of their language, a change of the
// activity log's period as just that (never a switch), a colleague joining, and "1 day" for one.
import { describe, expect, it } from "vitest";
import { describeAudit } from "../../client/src/provider/practice/audit-trail.tsx";
import { setLanguage } from "../../client/src/shared/i18n.ts";
import type { AuditEntryView } from "../../schema/api-types.ts";
import { AUDIT_ACTIONS, type AuditAction } from "../../schema/audit.ts";

await import("../../client/src/provider/i18n-provider.ts");

const entry = (action: AuditAction, detail = ""): AuditEntryView => ({
  id: "a-1",
  action,
  actorName: "Dr. Jürgen Größe",
  targetName: "",
  detail,
  at: "2030-01-01T09:00:00.000Z",
});

describe("the audit trail's words", () => {
  it("says a change of the activity log's period as that change, with 1 day said right", async () => {
    await setLanguage("en");
    expect(describeAudit(entry("activity-log-period-changed", "30:45"))).toBe(
      "changed how long the activity log keeps entries from 30 days to 45 days",
    );
    expect(describeAudit(entry("activity-log-period-changed", "30:1"))).toBe(
      "changed how long the activity log keeps entries from 30 days to 1 day",
    );
    expect(describeAudit(entry("activity-log-changed", "on:1"))).toBe("switched the activity log on (1 day)");
    await setLanguage("de");
    expect(describeAudit(entry("activity-log-period-changed", "1:45"))).toBe(
      "hat die Aufbewahrung des Aktivitätsprotokolls geändert: 45 Tage statt 1 Tag",
    );
    expect(describeAudit(entry("activity-log-changed", "on:30"))).toBe(
      "hat das Aktivitätsprotokoll eingeschaltet (30 Tage)",
    );
  });

  it("says who joined the practice and in which role", async () => {
    await setLanguage("en");
    expect(describeAudit(entry("member-joined", "admin"))).toBe("joined the practice as admin");
    await setLanguage("de");
    expect(describeAudit(entry("member-joined", "provider"))).toBe("ist der Praxis als behandelnde Person beigetreten");
  });

  it("has words for every action in both languages, with no placeholder left", async () => {
    for (const language of ["en", "de"] as const) {
      await setLanguage(language);
      for (const action of AUDIT_ACTIONS) {
        const words = describeAudit(entry(action, "on:30"));
        expect(words, `${language} ${action}`).toMatch(/\w/);
        expect(words, `${language} ${action}`).not.toMatch(/[{}]/);
      }
    }
  });
});
