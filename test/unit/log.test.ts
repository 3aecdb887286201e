import { afterEach, describe, expect, it, vi } from "vitest";
import { errorName, label, logEvent } from "../../common/log.ts";

/** What the log received: each line parsed, with the console method that wrote it. */
function captured() {
  const lines: { method: string; line: unknown }[] = [];
  for (const method of ["log", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((text: unknown) => {
      lines.push({ method, line: JSON.parse(String(text)) });
    });
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("log lines", () => {
  it("are one JSON object per line: the event name and the fields, at the level asked for", () => {
    const lines = captured();
    logEvent("error", "mail-failed", { purpose: "welcome", name: errorName(new TypeError("x")) });
    logEvent("info", "reminder-skipped", { reason: "not-due" });
    logEvent("warn", "turn-service-failed", { reason: "refused", status: 503, cause: undefined });
    expect(lines).toEqual([
      { method: "error", line: { event: "mail-failed", purpose: "welcome", name: "TypeError" } },
      { method: "log", line: { event: "reminder-skipped", reason: "not-due" } },
      { method: "warn", line: { event: "turn-service-failed", reason: "refused", status: 503 } },
    ]);
  });

  it("never carry an error's message, which may quote a query's values", () => {
    const lines = captured();
    const error = new Error("UNIQUE constraint failed: providers.email = 'dr.x@example.org'");
    logEvent("error", "unhandled", { name: errorName(error) });
    expect(JSON.stringify(lines)).not.toContain("example.org");
    expect(lines[0]?.line).toEqual({ event: "unhandled", name: "Error" });
  });

  it("turn anything that is not a short label into 'other': names, addresses, tokens, SDP", () => {
    for (const text of [
      "Erika Mustermann",
      "erika@example.org",
      "203.0.113.7",
      "2001:db8::1",
      "+491701234567",
      "Mozilla/5.0 (X11; Linux x86_64)",
      "v=0\r\no=- 46117 2 IN IP4 127.0.0.1",
      "a".repeat(64),
      "",
    ]) {
      expect(label(text), text).toBe("other");
    }
    expect(label("TypeError")).toBe("TypeError");
    expect(label("second-factor-reset-by-operator")).toBe("second-factor-reset-by-operator");
  });

  it("check string fields again when writing, whatever the caller's types said", () => {
    const lines = captured();
    const smuggled = { purpose: "mail to erika@example.org" } as unknown as { purpose: "welcome" };
    logEvent("error", "mail-failed", smuggled);
    expect(lines[0]?.line).toEqual({ event: "mail-failed", purpose: "other" });
  });

  it("accept computed text only through label(), so free text does not compile", () => {
    const computed: string = "Erika Mustermann";
    const lines = captured();
    // @ts-expect-error a plain string is refused: only literals and labels are fields
    logEvent("error", "unhandled", { name: computed });
    // @ts-expect-error only the listed field names exist
    logEvent("error", "unhandled", { email: "x" });
    // @ts-expect-error only the listed events exist
    logEvent("error", "patient-arrived", {});
    logEvent("error", "unhandled", { name: label(computed) });
    expect(lines.map((l) => l.line)).toContainEqual({ event: "unhandled", name: "other" });
  });
});
