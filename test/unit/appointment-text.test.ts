// The SMS about an appointment stays one sendable text (at most MAX_SMS_LENGTH, plain) for any practice
// name the settings allow, any language and kind, and a link of a long origin.
import { describe, expect, it } from "vitest";
import { MAX_PRACTICE_NAME_LENGTH } from "../../schema/limits.ts";
import { appointmentWhen } from "../../worker/appointment-time.ts";
import { appointmentSms } from "../../worker/sms/appointment-text.ts";
import { checkedSms, MAX_SMS_LENGTH } from "../../worker/sms/sms.ts";

const START = Date.parse("2026-03-29T07:30:00Z");
const LINK = `https://videosprechstunde.eine-sehr-lange-praxisdomain.example.org/j/${"A".repeat(22)}`;

describe("an appointment's SMS", () => {
  it("fits MAX_SMS_LENGTH and passes the sender's checks with the longest practice name", () => {
    const name = "Ü".repeat(MAX_PRACTICE_NAME_LENGTH);
    for (const language of ["de", "en"] as const) {
      for (const kind of ["invitation", "reminder", "update", "cancel"] as const) {
        const when = appointmentWhen(START, language, "America/Argentina/ComodRivadavia", true);
        const text = appointmentSms(kind, language, name, when, LINK);
        expect([...text].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
        expect(() => checkedSms({ to: "+4917012345678", text })).not.toThrow();
        if (kind !== "cancel") expect(text).toContain(LINK);
      }
    }
  });

  it("says the time in the patient's zone, after the DST change in Berlin", () => {
    // 07:30 UTC on 29 March 2026 is 09:30 summer time in Berlin, 08:30 in London.
    expect(appointmentWhen(START, "de", "Europe/Berlin", true)).toMatch(/09:30 \(Europe\/Berlin\)$/);
    expect(appointmentWhen(START, "en", "Europe/London", true)).toMatch(/08:30 \(Europe\/London\)$/);
  });
});
