// The whole path a provider and a patient take, in two real browsers: invite, waiting room,
// admission, live video both ways, and the end.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callStats, diagnose, dropSignaling, launchChromium, newPage, remoteVideoWidth } from "./chromium.ts";

const baseUrl = inject("baseUrl");
/** Polls until the assertion holds; media and ICE take a few seconds on 2 cores. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 100 });
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function loginAndInvite(provider: Page, title: string): Promise<string> {
  await provider.goto("/login");
  await provider.getByTestId("login-email").fill("demo@anteroom.test");
  await provider.getByTestId("login-password").fill("anteroom-demo");
  await provider.getByTestId("login-submit").click();
  await provider.getByTestId("new-appointment").click();
  await provider.getByTestId("appointment-title").fill(title);
  await provider.getByTestId("appointment-duration").fill("45");
  await provider.getByTestId("appointment-create").click();
  const link = await provider.getByTestId("invite-link").inputValue();
  expect(link).toMatch(new RegExp(`^${baseUrl}/j/[A-Za-z0-9_-]{22}$`));
  await eventually(() => provider.getByTestId("waiting-empty").isVisible()).toBe(true);
  return link;
}

async function patientWaits(patient: Page, link: string, name: string, waitingText: string): Promise<void> {
  await patient.goto(link);
  await eventually(() =>
    patient.getByTestId("local-video").evaluate((v) => (v as HTMLVideoElement).videoWidth),
  ).toBeGreaterThan(0);
  await patient.getByTestId("patient-name").fill(name);
  await patient.getByTestId("consent-checkbox").check();
  await patient.getByTestId("join-waiting-room").click();
  await eventually(() => patient.getByTestId("waiting-status").textContent()).toContain(waitingText);
}

async function admit(provider: Page, name: string): Promise<void> {
  const entry = provider.getByTestId("waiting-patient").filter({ hasText: name });
  await entry.waitFor();
  await entry.getByTestId("admit").click();
}

/** Remote video plays on both sides and keeps decoding new frames; remote audio keeps arriving. */
async function expectMediaBothWays(pages: Page[]): Promise<void> {
  try {
    for (const page of pages) {
      await eventually(() => remoteVideoWidth(page)).toBeGreaterThan(0);
      const before = await callStats(page);
      await eventually(async () => (await callStats(page)).framesDecoded).toBeGreaterThan(before.framesDecoded);
      await eventually(async () => (await callStats(page)).audioSamplesReceived).toBeGreaterThan(
        before.audioSamplesReceived,
      );
    }
  } catch (error) {
    const sides = await Promise.all(pages.map(diagnose));
    throw new Error(`${(error as Error).message}\n${sides.join("\n")}`, { cause: error });
  }
}

describe("a consultation from invite link to the end", () => {
  it("connects provider and patient peer to peer, with video both ways, and ends for both", async () => {
    const provider = await newPage(browser, baseUrl);
    const patient = await newPage(browser, baseUrl, { locale: "de-DE" });
    try {
      const link = await loginAndInvite(provider.page, "Follow-up");
      // This patient's browser speaks German, and so does the page.
      await patientWaits(patient.page, link, "Erika Muster", "Bitte warten Sie");
      await admit(provider.page, "Erika Muster");
      // The provider heard a chime when the patient arrived.
      expect(await provider.page.evaluate(() => (window as unknown as { __chimes: number }).__chimes)).toBeGreaterThan(
        0,
      );
      await expectMediaBothWays([provider.page, patient.page]);
      expect((await callStats(provider.page)).candidateType).toBe("host");

      // The patient's signaling connection drops mid-call: it comes back by itself and so does the video.
      const peersBefore = await patient.page.evaluate(
        () => (window as unknown as { __peers: unknown[] }).__peers.length,
      );
      await dropSignaling(patient.page);
      await eventually(() =>
        patient.page.evaluate(() => (window as unknown as { __peers: unknown[] }).__peers.length),
      ).toBeGreaterThan(peersBefore);
      await expectMediaBothWays([provider.page, patient.page]);

      await provider.page.getByTestId("end-call").click();
      await provider.page.getByTestId("call-ended").waitFor();
      await patient.page.getByTestId("call-ended").waitFor();
      expect(await patient.page.getByTestId("call-ended").textContent()).toContain("Sprechstunde ist beendet");
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });

  it("relays through TURN when peer-to-peer is not allowed, and the patient can leave", async () => {
    const provider = await newPage(browser, baseUrl, { relayOnly: true });
    const patient = await newPage(browser, baseUrl, { relayOnly: true });
    try {
      const link = await loginAndInvite(provider.page, "Relay check");
      await patientWaits(patient.page, link, "Max Relay", "Waiting for your provider");
      await admit(provider.page, "Max Relay");
      await expectMediaBothWays([provider.page, patient.page]);
      expect((await callStats(patient.page)).candidateType).toBe("relay");
      expect((await callStats(provider.page)).candidateType).toBe("relay");

      await patient.page.getByTestId("end-call").click();
      await patient.page.getByTestId("call-ended").waitFor();
      await eventually(() => provider.page.getByTestId("call-status").textContent()).toContain("has left");
      await provider.page.getByTestId("end-call").click();
      await provider.page.getByTestId("call-ended").waitFor();
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });

  it("shows a clear page for a link that was replaced by a new one, and for one that never existed", async () => {
    const provider = await newPage(browser, baseUrl);
    const visitor = await newPage(browser, baseUrl);
    try {
      const first = await loginAndInvite(provider.page, "Link check");
      await provider.page.getByTestId("appointment-list").getByText("Link check").waitFor();
      await provider.page
        .getByTestId("appointment-list")
        .locator("li", { hasText: "Link check" })
        .getByRole("button")
        .click();
      await eventually(() => provider.page.getByTestId("invite-link").inputValue()).not.toBe(first);

      for (const [link, status, text] of [
        [first, "revoked", "withdrawn by the practice"],
        ["/j/AAAAAAAAAAAAAAAAAAAAAA", "unknown", "This link is not valid"],
      ] as const) {
        await visitor.page.goto(link);
        const error = visitor.page.getByTestId("invite-error");
        await error.waitFor();
        expect(await error.getAttribute("data-status")).toBe(status);
        expect(await error.textContent()).toContain(text);
      }
    } finally {
      await provider.context.close();
      await visitor.context.close();
    }
  });
});
