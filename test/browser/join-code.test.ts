// A patient who types a code instead of opening a link: the practice makes one in the invitation's
// row, the patient finds /join from the login page on a phone, a wrong code is refused in words that
// take the focus, the right one (typed loosely) leads through the link's own page into the waiting room.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { launchFirefox, newFirefoxPage, testId } from "./firefox.ts";
import { axeOn, eventually, inSteps, loginAndInvite } from "./flows.ts";
import { newPractice } from "./mail.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The test hook of whatever has the keyboard focus. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid"));

/** Makes a code for the patient's invitation of the appointment titled `title`; its text. */
async function makeCode(provider: Page, title: string): Promise<string> {
  const row = provider.getByTestId("appointment").filter({ hasText: title });
  const invitation = row.locator('[data-testid="invitation"][data-label="patient"]');
  await invitation.getByTestId("invite-code-new").click();
  await invitation.getByTestId("invite-code").waitFor();
  return (await invitation.getByTestId("invite-code").textContent()) ?? "";
}

/** The same code with its digits changed: a code of this practice that almost surely was never made. */
function wrongCode(code: string): string {
  const [name, first, second] = code.split(" ");
  return `${name} ${String((Number(`${first}${second}`) + 1) % 1_000_000).padStart(6, "0")}`;
}

/** Whether the page is no wider than its window: nothing to scroll sideways. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("a join code", () => {
  it(
    "made in the invitation's row, typed at /join on a phone, takes the patient into the waiting room",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl);
      try {
        // A practice of its own: its wrong codes count against nobody else's.
        await loginAndInvite(provider.page, baseUrl, "By code", undefined, await newPractice("Müller"));
        const row = provider.page.getByTestId("appointment").filter({ hasText: "By code" });
        const invitation = row.locator('[data-testid="invitation"][data-label="patient"]');

        step("The practice makes a code: short name and six digits, with a copy button");
        const code = await makeCode(provider.page, "By code");
        expect(code).toMatch(/^praxismueller\d* \d{3} \d{3}$/);
        await eventually(() => focused(provider.page)).toBe("invite-code");
        expect(await invitation.getByTestId("invite-code-copy").isVisible()).toBe(true);
        await expectAccessible(provider.page, "dashboard, invitation with its join code");
        // `npm start` leaves the operator's legal details empty: providers are told so on every page.
        expect(await provider.page.getByTestId("operator-details-missing").isVisible()).toBe(true);

        step("The patient finds /join from the login page, on a phone");
        await patient.page.setViewportSize({ width: 375, height: 667 });
        await patient.page.goto("/login");
        await patient.page.getByTestId("join-code-link").click();
        await patient.page.getByTestId("join-code-input").waitFor();
        expect(new URL(patient.page.url()).pathname).toBe("/join");
        expect(await fitsWidth(patient.page)).toBe(true);
        await expectAccessible(patient.page, "join by code, phone, en");

        step("A wrong code is refused in words that take the focus");
        const [name = "", first, second] = code.split(" ");
        await patient.page.getByTestId("join-code-input").fill(wrongCode(code));
        await patient.page.getByTestId("join-code-submit").click();
        await eventually(() => focused(patient.page)).toBe("join-code-error");
        expect(await patient.page.getByTestId("join-code-error").textContent()).toContain("This code does not work");
        expect(await patient.page.getByTestId("join-code-input").getAttribute("aria-invalid")).toBe("true");
        await expectAccessible(patient.page, "join by code, wrong code, phone, en");

        step("In German too");
        await patient.page.getByTestId("language-toggle").click();
        await eventually(() => patient.page.getByTestId("join-code-error").textContent()).toContain(
          "Dieser Code funktioniert nicht",
        );
        await expectAccessible(patient.page, "join by code, wrong code, phone, de");
        await patient.page.getByTestId("language-toggle").click();

        step("The right code, typed loosely, leads to the link's page and into the waiting room");
        await patient.page.getByTestId("join-code-input").fill(`${name.toUpperCase()} ${first}-${second}`);
        await patient.page.getByTestId("join-code-submit").click();
        await patient.page.getByTestId("patient-name").waitFor();
        expect(new URL(patient.page.url()).pathname).toMatch(/^\/j\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
        expect(patient.page.url()).not.toContain(`${first}${second}`);
        // Beside the consent box, the privacy notice, in a tab of its own: the name and preview stay.
        const privacyLink = patient.page
          .locator(".consent")
          .getByRole("link", { name: "Privacy notice (opens in a new tab)", exact: true });
        expect(await privacyLink.getAttribute("href")).toBe("/privacy");
        expect(await privacyLink.getAttribute("target")).toBe("_blank");
        await patient.page.getByTestId("patient-name").fill("Cora Code");
        await patient.page.getByTestId("consent-checkbox").check();
        await patient.page.getByTestId("join-waiting-room").click();
        await provider.page.getByTestId("waiting-patient").filter({ hasText: "Cora Code" }).waitFor();

        step("/join on a desktop");
        await patient.page.setViewportSize({ width: 1280, height: 800 });
        await patient.page.goto("/join");
        await patient.page.getByTestId("join-code-input").waitFor();
        await expectAccessible(patient.page, "join by code, desktop, en");
      } finally {
        await provider.context.close();
        await patient.context.close();
      }
    }),
  );

  it(
    "links the terms of use and the privacy notice from the footer, in a new tab, readable on a phone without login, in English and German",
    inSteps(async (step) => {
      const visitor = await newPage(browser, baseUrl);
      const join = visitor.page;
      /** Clicks a footer link: the page it opens, in a tab of its own, held upright like the phone's. */
      async function openFromFooter(from: Page, hook: string): Promise<Page> {
        const [opened] = await Promise.all([visitor.context.waitForEvent("page"), from.getByTestId(hook).click()]);
        await opened.setViewportSize({ width: 375, height: 667 });
        return opened;
      }
      try {
        await join.setViewportSize({ width: 375, height: 667 });
        await join.goto("/join");
        await join.getByTestId("join-code-input").waitFor();
        await join.getByTestId("join-code-input").fill("praxis 123");

        step(
          "The footer's privacy link opens the privacy notice in a new tab, in English, with its table of stored data",
        );
        expect(await join.getByTestId("footer-privacy").getAttribute("target")).toBe("_blank");
        // Screen readers hear where it opens, in the page's language only.
        expect(
          await join
            .getByRole("link", { name: "Privacy notice (opens in a new tab)", exact: true })
            .getAttribute("href"),
        ).toBe("/privacy");
        const page = await openFromFooter(join, "footer-privacy");
        await page.getByTestId("privacy").waitFor();
        // The join page stays as it was in its own tab: what the patient typed is still there.
        expect(new URL(join.url()).pathname).toBe("/join");
        expect(await join.getByTestId("join-code-input").inputValue()).toBe("praxis 123");
        expect(new URL(page.url()).pathname).toBe("/privacy");
        expect(await page.getByTestId("privacy").getAttribute("lang")).toBe("en");
        // Not configured on `npm start`: the placeholder says so instead of an empty line.
        await eventually(() => page.getByTestId("operator-details").textContent()).toContain("not configured yet");
        expect(await page.getByTestId("privacy-data-table").locator("tbody tr").count()).toBeGreaterThan(20);
        await eventually(() => page.getByTestId("privacy-recovery").textContent()).toContain("30 days");
        expect(await fitsWidth(page)).toBe(true);
        // On a phone each row of the table is a block within the screen, its caption whole: nothing to
        // scroll sideways, each cell after its column's name.
        const withinScreen = (selector: string) =>
          page
            .locator(selector)
            .first()
            .evaluate((element) => {
              const box = element.getBoundingClientRect();
              return box.left >= 0 && box.right <= window.innerWidth && element.scrollWidth <= element.clientWidth;
            });
        expect(await withinScreen('[data-testid="privacy-data-table"]')).toBe(true);
        expect(await withinScreen("#privacy-data-caption")).toBe(true);
        expect(await withinScreen('[data-testid="privacy-data-table"] tbody tr')).toBe(true);
        expect(
          await page
            .getByTestId("privacy-data-table")
            .locator("tbody td")
            .first()
            .evaluate((cell) => getComputedStyle(cell, "::before").content),
        ).toContain("Where");
        // Each footer link holds both languages; only the page's shows.
        const footerWords = (hook: string, lang: string) =>
          page.getByTestId(hook).locator(`[lang="${lang}"]`).isVisible();
        expect(await footerWords("footer-privacy", "en")).toBe(true);
        expect(await footerWords("footer-privacy", "de")).toBe(false);
        await expectAccessible(page, "privacy notice, phone, en");

        step("In German, the notice and the footer switch language");
        await page.getByTestId("language-toggle").click();
        await eventually(() => page.getByTestId("privacy").getAttribute("lang")).toBe("de");
        expect(await page.getByTestId("privacy").locator("h1").textContent()).toBe("Datenschutzhinweise");
        expect(await footerWords("footer-terms", "de")).toBe(true);
        expect(await footerWords("footer-terms", "en")).toBe(false);
        await expectAccessible(page, "privacy notice, phone, de");

        step("The footer's terms link opens the terms of use in a new tab, in German (the chosen language)");
        const terms = await openFromFooter(page, "footer-terms");
        await terms.getByTestId("terms").waitFor();
        expect(new URL(terms.url()).pathname).toBe("/terms");
        expect(await terms.getByTestId("terms").getAttribute("lang")).toBe("de");
        expect(await terms.getByTestId("terms").textContent()).toContain("Nicht für Notfälle");
        expect(await fitsWidth(terms)).toBe(true);
        await expectAccessible(terms, "terms of use, phone, de");

        step("And in English");
        await terms.getByTestId("language-toggle").click();
        await eventually(() => terms.getByTestId("terms").getAttribute("lang")).toBe("en");
        expect(await terms.getByTestId("terms").textContent()).toContain("Not for emergencies");
        await expectAccessible(terms, "terms of use, phone, en");
      } finally {
        await visitor.context.close();
      }
    }),
  );

  it(
    "works for a patient in Firefox too",
    inSteps(async (step) => {
      const firefox = await launchFirefox();
      const provider = await newPage(browser, baseUrl);
      try {
        const patient = await newFirefoxPage(firefox);
        const patientScreen = axeOn(patient, "patient, Firefox");
        await loginAndInvite(provider.page, baseUrl, "Fox by code", undefined, await newPractice("Fuchs"));
        const code = await makeCode(provider.page, "Fox by code");

        step("A wrong code: the same refusal, focused");
        await patient.setViewport({ width: 375, height: 667 });
        await patient.goto(`${baseUrl}/join`);
        await patient.locator(testId("join-code-input")).wait();
        await patientScreen("join by code, phone");
        await patient.locator(testId("join-code-input")).fill(wrongCode(code));
        await patient.locator(testId("join-code-submit")).click();
        await eventually(() => patient.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
          "join-code-error",
        );

        step("The right code leads into the waiting room");
        await patient.locator(testId("join-code-input")).fill(code);
        await patient.locator(testId("join-code-submit")).click();
        await patient.locator(testId("patient-name")).wait();
        await patient.locator(testId("patient-name")).fill("Fritzi Code");
        await patient.locator(testId("consent-checkbox")).click();
        await patient.locator(testId("join-waiting-room")).click();
        await provider.page.getByTestId("waiting-patient").filter({ hasText: "Fritzi Code" }).waitFor();
      } finally {
        await provider.context.close();
        await firefox.close();
      }
    }),
  );
});
