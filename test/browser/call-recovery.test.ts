// The call on real-world devices and lines: a phone held upright is shown whole, a patient whose camera
// is blocked joins with audio only, and a 10 s cut of the media path heals by itself.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { endCall } from "./call-features.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { admit, chromiumSide, eventually, expectMediaBothWays, loginAndInvite } from "./flows.ts";
import { canCutNetwork, cutMediaPath, restoreMediaPath } from "./network.ts";
import { PORTRAIT, portraitCameraFile } from "./portrait-camera.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
/** A second Chromium whose camera is a phone held upright. */
let phone: Browser;

beforeAll(async () => {
  [browser, phone] = await Promise.all([launchChromium(), launchChromium({ videoFile: portraitCameraFile() })]);
});

afterAll(async () => {
  restoreMediaPath();
  await Promise.allSettled([browser?.close(), phone?.close()]);
});

async function enter(patient: Page, link: string, name: string, options: { audioOnly?: boolean } = {}) {
  await patient.goto(link);
  if (options.audioOnly) {
    await patient.getByTestId("device-problem").waitFor();
    await expectAccessible(patient, "join page, camera blocked");
    await patient.getByTestId("audio-only-continue").click();
    await patient.getByTestId("device-problem").waitFor({ state: "detached" });
    await expectAccessible(patient, "join page, audio only");
  } else {
    await eventually(() =>
      patient.getByTestId("local-video").evaluate((v) => (v as HTMLVideoElement).videoWidth),
    ).toBeGreaterThan(0);
  }
  await patient.getByTestId("patient-name").fill(name);
  await patient.getByTestId("consent-checkbox").check();
  await patient.getByTestId("join-waiting-room").click();
  await patient.getByTestId("waiting-status").waitFor();
}

const connectionState = (page: Page) =>
  page
    .locator('[data-testid="connection-status"]')
    .first()
    .getAttribute("data-state", { timeout: 1000 })
    .catch(() => null);

describe("the call on phones and poor lines", () => {
  it("shows a portrait phone picture whole on the other side, not cropped to a band", async () => {
    const provider = await newPage(browser, baseUrl);
    const patient = await newPage(phone, baseUrl, { locale: "de-DE" });
    try {
      await patient.page.setViewportSize({ width: 360, height: 740 });
      const link = await loginAndInvite(provider.page, baseUrl, "Portrait");
      await enter(patient.page, link, "Paula Hochkant");
      await admit(provider.page, "Paula Hochkant");
      await expectMediaBothWays([chromiumSide("provider", provider.page), chromiumSide("patient", patient.page)]);
      const shown = await provider.page.getByTestId("remote-video").evaluate((element) => {
        const video = element as HTMLVideoElement;
        const box = video.getBoundingClientRect();
        return {
          width: video.videoWidth,
          height: video.videoHeight,
          fit: getComputedStyle(video).objectFit,
          boxWidth: box.width,
          boxHeight: box.height,
        };
      });
      expect(shown.height / shown.width).toBeCloseTo(PORTRAIT.height / PORTRAIT.width, 1);
      // Fitted inside the stage, so every part of the picture is on screen.
      expect(shown.fit).toBe("contain");
      expect(shown.boxHeight).toBeGreaterThan(0);
      await expectAccessible(patient.page, "call on a phone held upright, German");
      await endCall(provider.page);
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });

  it("lets a patient whose camera is blocked join with audio only; the provider sees their name instead", async () => {
    const provider = await newPage(browser, baseUrl);
    const patient = await newPage(browser, baseUrl);
    try {
      // The camera is blocked in this browser: asking for video fails as a refused permission does.
      await patient.context.addInitScript(() => {
        const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = (constraints) =>
          constraints?.video ? Promise.reject(new DOMException("blocked", "NotAllowedError")) : open(constraints);
      });
      const link = await loginAndInvite(provider.page, baseUrl, "Audio only");
      await enter(patient.page, link, "Otto Ohnebild", { audioOnly: true });
      await admit(provider.page, "Otto Ohnebild");
      await provider.page.getByTestId("remote-camera-off").waitFor();
      expect(await provider.page.getByTestId("remote-camera-off").textContent()).toContain("Otto Ohnebild");
      // The voice arrives; the patient sees the provider's video.
      await eventually(
        async () => (await chromiumSide("provider", provider.page).stats()).audioReceived,
      ).toBeGreaterThan(0);
      await eventually(() => chromiumSide("patient", patient.page).remoteVideoWidth()).toBeGreaterThan(0);
      await endCall(provider.page);
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });

  it("comes back by itself after the media path is cut for 10 seconds, with frames decoding again", async () => {
    // Never skipped: where the cut cannot be made, the test fails and says why.
    expect(
      canCutNetwork(),
      "cutting the media path needs nft (Debian: nftables; sudo bash scripts/install-test-tools.sh) and root in the test's network namespace",
    ).toBe(true);
    const provider = await newPage(browser, baseUrl);
    const patient = await newPage(browser, baseUrl);
    try {
      const link = await loginAndInvite(provider.page, baseUrl, "Network cut");
      await enter(patient.page, link, "Nora Netz");
      await admit(provider.page, "Nora Netz");
      const sides = [chromiumSide("provider", provider.page), chromiumSide("patient", patient.page)];
      await expectMediaBothWays(sides);
      await eventually(() => connectionState(provider.page)).toBe("connected");

      cutMediaPath();
      const cutAt = Date.now();
      try {
        // Both sides say so while the line is down.
        await eventually(() => connectionState(provider.page)).toBe("reconnecting");
        await eventually(() => connectionState(patient.page)).toBe("reconnecting");
        // Down for 10 s in all.
        await provider.page.waitForTimeout(Math.max(0, cutAt + 10_000 - Date.now()));
      } finally {
        restoreMediaPath();
      }
      // Nobody clicks anything: the call comes back, and video flows again.
      await eventually(() => connectionState(provider.page)).toBe("connected");
      await eventually(() => connectionState(patient.page)).toBe("connected");
      await expectMediaBothWays(sides);
      await endCall(provider.page);
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });
});
