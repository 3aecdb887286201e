// PENDING until the legal pages (wt-legal) are merged: then rename this file to kbv-terms.test.ts, so the
// browser suite runs it. It is kept out of the suite until then because /terms, /privacy and GET /api/legal
// do not exist on this branch. Anlage 31b BMV-Ä, § 5: the terms of use complete in German and readable
// without logging in first (docs/KBV.md).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newPage } from "./chromium.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("KBV Anlage 31b § 5 (Nutzungsbedingungen vollständig in deutscher Sprache, ohne Anmeldung abrufbar)", () => {
  it("shows the terms of use and the privacy notice in German to someone not logged in, with the operator's details", async () => {
    // The operator's details as the pages read them: public, no session.
    const legal = await fetch(`${baseUrl}/api/legal`);
    expect(legal.status).toBe(200);
    expect(await legal.json()).toMatchObject({ operator: expect.any(Object), complete: expect.any(Boolean) });
    const { context, page } = await newPage(browser, baseUrl, { locale: "de-DE" });
    try {
      for (const [path, hook] of [
        ["/terms", "terms"],
        ["/privacy", "privacy"],
      ] as const) {
        await page.goto(path);
        const main = page.getByTestId(hook);
        await main.waitFor();
        // Not sent to the login page, and the whole page in German.
        expect(new URL(page.url()).pathname).toBe(path);
        expect(await main.getAttribute("lang")).toBe("de");
        expect(await page.getByTestId("operator-details").count()).toBeGreaterThan(0);
        expect(((await main.textContent()) ?? "").length).toBeGreaterThan(500);
      }
    } finally {
      await context.close();
    }
  });
});
