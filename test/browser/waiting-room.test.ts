// The waiting room as both sides see it: the patient's place and time waited, leaving and coming back;
// the provider's live waiting time and the count in the tab title.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newPage } from "./chromium.ts";
import { axeOn, eventually, loginAndInvite } from "./flows.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("the waiting room", () => {
  it("shows the patient their place and time waited, lets them leave and come back, and counts them in the provider's tab title", async () => {
    const provider = await newPage(browser, baseUrl);
    const patient = await newPage(browser, baseUrl);
    const patientScreen = axeOn(patient.page, "patient, waiting room");
    try {
      const link = await loginAndInvite(provider.page, baseUrl, "Waiting room");
      await eventually(() => provider.page.title()).toMatch(/^Your consultations · Anteroom$/);

      await patient.page.goto(link);
      await patient.page.getByTestId("patient-name").fill("Wanda Wartend");
      await patient.page.getByTestId("consent-checkbox").check();
      await patient.page.getByTestId("join-waiting-room").click();
      await eventually(() => patient.page.getByTestId("waiting-position").textContent()).toBe("1");
      expect(await patient.page.getByTestId("waiting-time").textContent()).toMatch(/Waiting for \d+ seconds?/);
      expect(await patient.page.getByTestId("provider-status").textContent()).toContain("Waiting for your provider");
      await patientScreen("waiting, with place, time and leave");

      // The provider sees how long they have waited, and the tab says someone is waiting.
      const entry = provider.page.getByTestId("waiting-patient").filter({ hasText: "Wanda Wartend" });
      await entry.getByTestId("waiting-duration").waitFor();
      await eventually(() => provider.page.title()).toBe("(1) Waiting room · Anteroom");

      // Leaving takes them off the list at once; entering again puts them back.
      await patient.page.getByTestId("leave-waiting-room").click();
      await provider.page.getByTestId("waiting-empty").waitFor();
      await eventually(() => provider.page.title()).toBe("Your consultations · Anteroom");
      await patientScreen("left the waiting room");
      await patient.page.getByRole("button", { name: "Enter the waiting room again" }).click();
      // Their name is kept; consent is given again for the new entry.
      expect(await patient.page.getByTestId("patient-name").inputValue()).toBe("Wanda Wartend");
      await patient.page.getByTestId("consent-checkbox").check();
      await patient.page.getByTestId("join-waiting-room").click();
      await eventually(() => patient.page.getByTestId("waiting-position").textContent()).toBe("1");
      await entry.waitFor();
      await eventually(() => provider.page.title()).toBe("(1) Waiting room · Anteroom");
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });
});
