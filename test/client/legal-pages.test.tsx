// The terms of use and the privacy notice as they render, without login: the operator's details from
// GET /api/legal (or a placeholder where one is missing), the page's language on its main content, and the
// privacy notice's table of stored data with D1's recovery window. Rendered by Solid's server renderer.
import { Suspense } from "solid-js";
import { renderToStringAsync } from "solid-js/web";
import { afterEach, describe, expect, it, vi } from "vitest";
import Privacy from "../../client/src/legal/Privacy.tsx";
import { STORED_DATA } from "../../client/src/legal/stored-data.ts";
import Terms from "../../client/src/legal/Terms.tsx";
import { setLanguage } from "../../client/src/shared/i18n.ts";
import type { LegalInfo } from "../../schema/api-types.ts";
import { findAll, findOne } from "./html.ts";

const EMPTY: LegalInfo = {
  operator: { name: "", address: "", contact: "", dataProtectionOfficer: "", supervisoryAuthority: "" },
  complete: false,
  recoveryDays: 30,
};

const FILLED: LegalInfo = {
  operator: {
    name: "Beispiel Telemedizin GmbH",
    address: "Musterstraße 1, 10115 Berlin",
    contact: "support@example.org, Tel. +49 30 1234567",
    dataProtectionOfficer: "Dr. Daten Schutz, dpo@example.org",
    supervisoryAuthority: "Berliner Beauftragte für Datenschutz und Informationsfreiheit",
  },
  complete: true,
  recoveryDays: 7,
};

/** Suspense: the server renderer then waits for GET /api/legal, as the page shows once it is answered. */
/** The server answers GET /api/legal with `legal`, and nothing else is asked. */
function serve(legal: LegalInfo) {
  const fetch = vi.fn(async (path: string) => {
    expect(path).toBe("/api/legal");
    return new Response(JSON.stringify(legal), { headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(async () => {
  await setLanguage("en");
});

describe("the privacy notice", () => {
  it("shows a deployment without operator details as not configured, in English, with the whole table of stored data", async () => {
    serve(EMPTY);
    const html = await renderToStringAsync(() => (
      <Suspense>
        <Privacy />
      </Suspense>
    ));
    const page = findOne(html, "privacy");
    expect(page.attributes.lang).toBe("en");
    expect(page.text).toContain("Privacy notice");
    const details = findOne(html, "operator-details");
    // Each of the five details says so in its place (and the note above them names the words once).
    expect(details.outer.match(/<dd[^>]*>not configured yet</g)).toHaveLength(5);
    expect(findOne(html, "operator-details-placeholder").text).toContain("has not yet filled in");
    const table = findOne(html, "privacy-data-table");
    const shown = STORED_DATA.filter((item) => !item.localOnly);
    expect(table.outer.match(/<tr\b/g)).toHaveLength(shown.length + 1);
    for (const item of shown) expect(table.text).toContain(item.what.en);
    // The outbox of local test runs is no part of a deployment's notice.
    expect(table.text).not.toContain("local test run");
    expect(findOne(html, "privacy-recovery").text).toContain("for 30 days");
    expect(page.text).toContain("never reach a server");
    expect(page.text).toContain("Art. 9(2)(h)");
  });

  it("gives the purposes and legal bases of the audit trail and of the opt-in activity log, in English and German", async () => {
    serve(EMPTY);
    for (const [language, words] of [
      [
        "en",
        [
          "audit trail",
          "Art. 6(1)(c)",
          "§ 26 BDSG",
          "deleted after 90 days",
          "activity log",
          "Anlage 31b",
          "never a patient's name",
          "1 to 90 days",
        ],
      ],
      [
        "de",
        [
          "Verwaltungsprotokoll",
          "Art. 6 Abs. 1 lit. c",
          "§ 26 BDSG",
          "nach 90 Tagen gelöscht",
          "Aktivitätsprotokoll",
          "Anlage 31b",
          "nie der Name einer Patientin",
          "1 bis 90 Tage",
        ],
      ],
    ] as const) {
      await setLanguage(language);
      const html = await renderToStringAsync(() => (
        <Suspense>
          <Privacy />
        </Suspense>
      ));
      const page = findOne(html, "privacy").text;
      const start = page.indexOf(language === "en" ? "3. Purposes" : "3. Zwecke");
      const purposes = page.slice(start, page.indexOf("4. ", start));
      for (const word of words) expect(purposes, `${language}: ${word}`).toContain(word);
    }
  });

  it("names the configured operator, its data protection officer and supervisory authority, and the plan's recovery window", async () => {
    serve(FILLED);
    const html = await renderToStringAsync(() => (
      <Suspense>
        <Privacy />
      </Suspense>
    ));
    const details = findOne(html, "operator-details");
    for (const value of Object.values(FILLED.operator)) expect(details.text).toContain(value);
    expect(details.text).not.toContain("not configured");
    expect(findAll(html, "operator-details-placeholder")).toHaveLength(0);
    expect(findOne(html, "privacy-recovery").text).toContain("for 7 days");
    // What looks like an address or a number to write to or call is a link; the postal address is not.
    expect(details.outer).toContain('href="mailto:support@example.org"');
    expect(details.outer).toContain('href="tel:+49301234567"');
    expect(details.outer).toContain('href="mailto:dpo@example.org"');
    expect(details.outer.match(/<a\b/g)).toHaveLength(3);
  });

  it("reads in German when German is chosen, the table included", async () => {
    serve(EMPTY);
    await setLanguage("de");
    const html = await renderToStringAsync(() => (
      <Suspense>
        <Privacy />
      </Suspense>
    ));
    const page = findOne(html, "privacy");
    expect(page.attributes.lang).toBe("de");
    expect(page.text).toContain("Datenschutzhinweise");
    expect(page.text).toContain("Beschwerderecht");
    expect(findOne(html, "operator-details").outer.match(/<dd[^>]*>noch nicht eingetragen</g)).toHaveLength(5);
    const table = findOne(html, "privacy-data-table");
    for (const item of STORED_DATA.filter((entry) => !entry.localOnly)) expect(table.text).toContain(item.what.de);
    expect(findOne(html, "privacy-recovery").text).toContain("30 Tage");
  });
});

describe("the terms of use", () => {
  it("say in English that the service is not for emergencies and that patients need no account, with the operator's details", async () => {
    serve(FILLED);
    const html = await renderToStringAsync(() => (
      <Suspense>
        <Terms />
      </Suspense>
    ));
    const page = findOne(html, "terms");
    expect(page.attributes.lang).toBe("en");
    expect(page.text).toContain("Terms of use");
    expect(page.text).toContain("112");
    expect(page.text).toContain("Patients need no account");
    expect(findOne(html, "operator-details").text).toContain(FILLED.operator.name);
  });

  it("are complete in German", async () => {
    serve(EMPTY);
    await setLanguage("de");
    const html = await renderToStringAsync(() => (
      <Suspense>
        <Terms />
      </Suspense>
    ));
    const page = findOne(html, "terms");
    expect(page.attributes.lang).toBe("de");
    expect(page.text).toContain("Nutzungsbedingungen");
    expect(page.text).toContain("Nicht für Notfälle");
    expect(page.text).toContain("brauchen kein Konto");
    expect(page.text).not.toContain("Terms of use");
  });

  it("link the privacy notice where they mention it", async () => {
    serve(EMPTY);
    for (const [language, text] of [
      ["en", "privacy notice"],
      ["de", "Datenschutzhinweise"],
    ] as const) {
      await setLanguage(language);
      const html = await renderToStringAsync(() => (
        <Suspense>
          <Terms />
        </Suspense>
      ));
      const links = [...findOne(html, "terms").outer.matchAll(/<a\b[^>]*href="\/privacy"[^>]*>([^<]*)<\/a>/g)];
      expect(links.map(([, words]) => words)).toEqual([text]);
    }
  });
});
