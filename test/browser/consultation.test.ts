// The whole path a provider and a patient take, in two real browsers: invite, waiting room,
// admission, live video both ways, and the end.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { blurCameraFile, readCornerDetail } from "./blur-camera.ts";
import {
  chat,
  endCall,
  expectChatBesidePictures,
  expectChatFollowsNewest,
  expectMuteAndCameraSeen,
  expectParticipantsPanel,
  expectSameSafetyCode,
  expectSelfTileKeepsSize,
  openChat,
  sendFile,
  shareScreen,
} from "./call-features.ts";
import { callStats, dropSignaling, launchChromium, newPage } from "./chromium.ts";
import {
  admit,
  axeOn,
  chromiumSide,
  eventually,
  expectMediaBothWays,
  inSteps,
  loginAndInvite,
  noCheck,
  type ScreenCheck,
} from "./flows.ts";
import { readDeviceTracks } from "./page-scripts.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function patientWaits(
  patient: Page,
  link: string,
  name: string,
  waitingText: string,
  check: ScreenCheck = noCheck,
  options: { relayOnly?: boolean } = {},
): Promise<void> {
  await patient.goto(link);
  await eventually(() =>
    patient.getByTestId("local-video").evaluate((v) => (v as HTMLVideoElement).videoWidth),
  ).toBeGreaterThan(0);
  await check("join page: camera check, name and consent");
  // The device check's "hide my network address" setting: the call then goes through the relay only.
  if (options.relayOnly) {
    // In plain words on the box (no "IP", "relay" or "network address"); how it works one click away.
    const box = patient.locator("label", { has: patient.getByTestId("relay-only") });
    expect(await box.textContent()).not.toMatch(/\bIP\b|relay|network address|Netzwerkadresse/i);
    const help = patient.locator("details", { has: patient.locator("#relay-only-help") });
    await help.locator("summary").click();
    await eventually(() => patient.locator("#relay-only-help").isVisible()).toBe(true);
    await patient.getByTestId("relay-only").check();
  }
  await patient.getByTestId("patient-name").fill(name);
  await patient.getByTestId("consent-checkbox").check();
  await patient.getByTestId("join-waiting-room").click();
  await eventually(() => patient.getByTestId("waiting-status").textContent()).toContain(waitingText);
  await check("waiting room");
}

describe("a consultation from invite link to the end", () => {
  it(
    "connects provider and patient peer to peer, with video both ways, and ends for both",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl, { locale: "de-DE" });
      try {
        step("A laptop and a German phone held upright, as the outside review walked it");
        await provider.page.setViewportSize({ width: 1280, height: 800 });
        await patient.page.setViewportSize({ width: 375, height: 667 });
        step("axe checks every screen this flow passes through, in German on the patient's side");
        const providerScreen = axeOn(provider.page, "provider, Chromium");
        const patientScreen = axeOn(patient.page, "patient, Chromium, German");
        const link = await loginAndInvite(provider.page, baseUrl, "Follow-up", providerScreen);
        step("This patient's browser speaks German, and so does the page");
        await patientWaits(patient.page, link, "Erika Muster", "bittet Sie gleich herein", patientScreen);
        // A practice without a colour of its own: its name lines up with the heading, no indent.
        const leftOf = async (selector: string) => (await patient.page.locator(selector).first().boundingBox())?.x;
        expect(await leftOf('[data-testid="practice-info"]')).toBe(await leftOf(".join-head h1"));
        // The appointment's time says what it is.
        expect(await patient.page.getByText(/^Termin: \d{2}\.\d{2}\.\d{4}/).count()).toBe(1);
        await admit(provider.page, "Erika Muster", providerScreen);
        step("The provider heard a chime when the patient arrived");
        expect(
          await provider.page.evaluate(() => (window as unknown as { __chimes: number }).__chimes),
        ).toBeGreaterThan(0);
        const sides = [chromiumSide("provider", provider.page), chromiumSide("patient", patient.page)];
        await expectMediaBothWays(sides);
        expect((await callStats(provider.page)).candidateType).toBe("host");
        await providerScreen("call");
        await patientScreen("call");
        step("Each side's one participant tile is connected; the participants panel on a laptop and a phone");
        await expectParticipantsPanel(provider.page, providerScreen, "desktop");
        await expectParticipantsPanel(patient.page, patientScreen, "phone, German");

        step("The patient's signaling connection drops mid-call");
        // The patient's signaling connection drops mid-call: it comes back by itself and so does the video.
        const peersBefore = await patient.page.evaluate(
          () => (window as unknown as { __peers: unknown[] }).__peers.length,
        );
        await dropSignaling(patient.page);
        await eventually(() =>
          patient.page.evaluate(() => (window as unknown as { __peers: unknown[] }).__peers.length),
        ).toBeGreaterThan(peersBefore);
        await expectMediaBothWays(sides);

        step("In the call");
        // In the call: the same safety code on both sides, mute and camera-off seen across, chat both
        // ways and a 5 MB file checked on arrival, all over the data channel.
        await expectSameSafetyCode(provider.page, patient.page);
        await expectMuteAndCameraSeen(patient.page, provider.page);
        await expectMuteAndCameraSeen(provider.page, patient.page);
        await expectSelfTileKeepsSize(patient.page);
        // The call fills the screen: the footer's links would sit behind it, so they are not there to tab to.
        expect(await patient.page.getByTestId("footer-privacy").isVisible()).toBe(false);
        await chat(provider.page, patient.page, "Guten Tag, Frau Muster");
        await chat(patient.page, provider.page, "Guten Tag!");
        await expectChatFollowsNewest(provider.page, patient.page);
        await expectChatBesidePictures(provider.page);
        await sendFile(patient.page, provider.page, "befund.pdf", 5 * 1024 * 1024);
        // Each side sees who sent the file, as with chat messages.
        const fileFrom = (page: typeof provider.page) =>
          page.getByTestId("file-transfer").filter({ hasText: "befund.pdf" }).getByTestId("file-from").textContent();
        expect(await fileFrom(provider.page)).toBe("Erika Muster");
        expect(await fileFrom(patient.page)).toBe("Sie");
        step("On the phone the chat lies over the picture");
        // On the phone the chat lies over the picture: the patient closes it to watch the shared screen.
        await patient.page.getByTestId("chat-toggle").click();
        await shareScreen(provider.page, patient.page, /teilt den Bildschirm/);
        await providerScreen("call with chat and a received file");
        await openChat(patient.page);
        await patientScreen("call with chat, German");

        step("The device settings and the end confirmation are screens of their own");
        await provider.page.getByTestId("device-settings").click();
        await provider.page.getByTestId("camera-select").waitFor();
        await providerScreen("call, device settings");
        await provider.page.keyboard.press("Escape");
        await provider.page.getByTestId("camera-select").waitFor({ state: "detached" });
        await provider.page.getByTestId("end-call").click();
        await provider.page.getByTestId("end-confirm").waitFor();
        await providerScreen("call, end confirmation");
        await provider.page.getByTestId("end-confirm").click();
        await provider.page.getByTestId("call-ended").waitFor();
        await patient.page.getByTestId("call-ended").waitFor();
        step("The chat is gone with the call unless saved");
        // The chat is gone with the call unless saved: the ended page offers to save it.
        await patient.page.getByTestId("chat-save").waitFor();
        expect(await patient.page.getByTestId("call-ended").textContent()).toContain("Sprechstunde ist beendet");
        // The ended page is a page like any other again: the footer links the terms and the privacy notice.
        expect(await patient.page.getByTestId("footer-privacy").isVisible()).toBe(true);
        step("A received file is offered once more on the ended page");
        // A received file is offered once more: it lives only in this window. The sender has none to save.
        const offered = provider.page.getByTestId("ended-file-download");
        expect(await offered.textContent()).toBe("Save befund.pdf");
        expect(await offered.getAttribute("download")).toBe("befund.pdf");
        expect(await patient.page.getByTestId("ended-files").count()).toBe(0);
        step("The patient is told whom to ask next");
        // The patient is told whom to ask next; the provider's two ways on stand apart, not touching.
        expect(await patient.page.getByTestId("ended-next-step").textContent()).toBe(
          "Ist etwas unklar? Bitte wenden Sie sich an Ihre Praxis.",
        );
        const save = await provider.page.getByTestId("chat-save").boundingBox();
        const back = await provider.page.getByRole("link", { name: "Back to the dashboard" }).boundingBox();
        if (!save || !back) throw new Error("the provider's end page lacks Save chat or Back to the dashboard");
        const apart = Math.max(
          back.x - (save.x + save.width),
          save.x - (back.x + back.width),
          back.y - (save.y + save.height),
          save.y - (back.y + back.height),
        );
        expect(apart).toBeGreaterThanOrEqual(8);
        await providerScreen("call ended");
        await patientScreen("call ended");
      } finally {
        await provider.context.close();
        await patient.context.close();
      }
    }),
  );

  it("lets the patient in with the camera they checked, the call screen already loaded on both sides and the provider's relay servers at hand", async () => {
    const provider = await newPage(browser, baseUrl);
    const patient = await newPage(browser, baseUrl);
    // The call screen's code, as each page asked for it: before the click on Admit, admission need not wait for it.
    const chunkLoads = (page: Page, chunk: RegExp) => {
      const loads: string[] = [];
      page.on("request", (request) => {
        if (chunk.test(new URL(request.url()).pathname)) loads.push(request.url());
      });
      return loads;
    };
    const callScreenLoads = (page: Page) => chunkLoads(page, /\/assets\/Call-[\w-]+\.js$/);
    const providerLoads = callScreenLoads(provider.page);
    const patientLoads = callScreenLoads(patient.page);
    // The group call's chunk (grid, participants panel) comes along with the call screen's, before admission.
    const patientGroupLoads = chunkLoads(patient.page, /\/assets\/group-[\w-]+\.js$/);
    // The provider's relay servers, fetched while the patient waits: the call starts with them.
    const providerIceFetches: string[] = [];
    provider.page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/ice-servers") providerIceFetches.push(request.url());
    });
    try {
      const link = await loginAndInvite(provider.page, baseUrl, "Handover");
      await patientWaits(patient.page, link, "Jonas Kamera", "will let you in shortly");
      await eventually(() => patientLoads.length).toBe(1);
      await eventually(() => patientGroupLoads.length).toBe(1);
      await provider.page.getByTestId("waiting-patient").filter({ hasText: "Jonas Kamera" }).waitFor();
      await eventually(() => providerLoads.length).toBe(1);
      await eventually(() => providerIceFetches.length).toBe(1);
      const checked = await patient.page.evaluate(readDeviceTracks);
      expect(checked).toEqual({ opened: 2, live: 2 });

      await admit(provider.page, "Jonas Kamera");
      await expectMediaBothWays([chromiumSide("provider", provider.page), chromiumSide("patient", patient.page)]);
      // The call sends the camera and microphone of the device check: not opened a second time, still on.
      expect(await patient.page.evaluate(readDeviceTracks)).toEqual(checked);
      expect(patientLoads).toHaveLength(1);
      expect(patientGroupLoads).toHaveLength(1);
      expect(providerLoads).toHaveLength(1);
      expect(providerIceFetches).toHaveLength(1);
      await endCall(provider.page);
      await patient.page.getByTestId("call-ended").waitFor();
      // The call is over: the light goes out.
      await eventually(() => patient.page.evaluate(readDeviceTracks).then((tracks) => tracks.live)).toBe(0);
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });

  it("relays through TURN when the patient hides their network address, and the patient can leave", async () => {
    const provider = await newPage(browser, baseUrl, { relayOnly: true });
    const patient = await newPage(browser, baseUrl);
    try {
      const link = await loginAndInvite(provider.page, baseUrl, "Relay check");
      await patientWaits(patient.page, link, "Max Relay", "will let you in shortly", noCheck, { relayOnly: true });
      await admit(provider.page, "Max Relay");
      await expectMediaBothWays([chromiumSide("provider", provider.page), chromiumSide("patient", patient.page)]);
      expect((await callStats(patient.page)).candidateType).toBe("relay");
      expect((await callStats(provider.page)).candidateType).toBe("relay");

      await endCall(patient.page);
      await eventually(() => provider.page.getByTestId("call-status").textContent()).toContain("has left");
      await endCall(provider.page);
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });

  it("lets the provider ask the patient to mute and then remove them: the patient is told, and their ticket opens the call no more", async () => {
    const provider = await newPage(browser, baseUrl);
    const patient = await newPage(browser, baseUrl);
    const providerScreen = axeOn(provider.page, "provider, Chromium");
    const patientScreen = axeOn(patient.page, "patient, Chromium");
    try {
      // The moderator on a phone held upright: every control in the panel within reach.
      await provider.page.setViewportSize({ width: 375, height: 667 });
      const link = await loginAndInvite(provider.page, baseUrl, "Moderation");
      await patientWaits(patient.page, link, "Mia Moderiert", "will let you in shortly");
      await admit(provider.page, "Mia Moderiert");
      const tile = provider.page.getByTestId("participant");
      await eventually(() => tile.getAttribute("data-state")).toBe("connected");
      const providerName = await patient.page.getByTestId("participant-name").textContent();

      await provider.page.getByTestId("participants-panel-toggle").click();
      const askMute = provider.page.getByTestId("participant-ask-mute");
      await askMute.waitFor();
      await providerScreen("call, participants panel with moderator controls, phone");
      await askMute.click();
      // Their page mutes itself and says who asked; the provider's tile shows them muted.
      await eventually(() => patient.page.getByTestId("asked-to-mute").textContent()).toContain(providerName ?? "?");
      expect(await patient.page.getByTestId("mute-toggle").getAttribute("aria-pressed")).toBe("true");
      await tile.getByTestId("participant-muted").waitFor();
      await eventually(() => askMute.getAttribute("aria-disabled")).toBe("true");
      await patientScreen("call, asked to mute");

      // The ticket the patient's tab holds, to try again once removed.
      const consultationId = new URL(patient.page.url()).pathname.split("/").at(-1) ?? "";
      const ticket = await patient.page.evaluate(
        (id) => sessionStorage.getItem(`anteroom.ticket.${id}`),
        consultationId,
      );
      expect(ticket).toBeTruthy();

      await provider.page.getByTestId("participant-remove").click();
      await provider.page.getByTestId("participant-remove-confirm").click();
      await patient.page.getByTestId("removed-from-call").waitFor();
      // Gone from the provider's call; the focus is back in the panel's list.
      await eventually(() => tile.count()).toBe(0);
      expect(await provider.page.evaluate(() => document.activeElement?.className)).toBe("participants-list");
      await patientScreen("removed from the call, desktop");
      await patient.page.setViewportSize({ width: 375, height: 667 });
      await patientScreen("removed from the call, phone");

      // The same ticket again (as a tab that kept it would): the room refuses it, the page says why.
      await patient.page.evaluate(([id, kept]) => sessionStorage.setItem(`anteroom.ticket.${id}`, kept ?? ""), [
        consultationId,
        ticket,
      ] as const);
      await patient.page.reload();
      await patient.page.getByTestId("removed-from-call").waitFor();
      expect(await patient.page.getByTestId("participant").count()).toBe(0);
      await endCall(provider.page);
    } finally {
      await provider.context.close();
      await patient.context.close();
    }
  });

  it(
    "lets a patient who closed the call tab back into the same call from the provider's call, and moves the call to a second tab instead of queueing it",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl);
      try {
        const providerScreen = axeOn(provider.page, "provider, Chromium");
        const link = await loginAndInvite(provider.page, baseUrl, "Back in");
        await patientWaits(patient.page, link, "Lena Back", "let you in");
        await admit(provider.page, "Lena Back");
        await eventually(() => provider.page.url()).toContain("/c/");
        const callUrl = provider.page.url();
        await expectMediaBothWays([chromiumSide("provider", provider.page), chromiumSide("patient", patient.page)]);

        step("The patient closes the call's tab by mistake and opens the link again");
        // The patient closes the call's tab by mistake and opens the link again: they wait, and the
        // provider sees them in the call, on a phone held upright too, without the list covering the picture.
        await patient.page.close();
        await eventually(() => provider.page.getByTestId("call-status").textContent()).toContain("has left");
        const again = await patient.context.newPage();
        await patientWaits(again, link, "Lena Back", "let you in");
        await provider.page.setViewportSize({ width: 375, height: 667 });
        const entry = provider.page.getByTestId("call-waiting-patient").filter({ hasText: "Lena Back" });
        await entry.getByTestId("let-back-in").waitFor();
        expect(await provider.page.getByTestId("call-waiting-count").textContent()).toBe("1 patient waiting");
        const button = await entry.getByTestId("let-back-in").boundingBox();
        const picture = await provider.page.getByTestId("remote-video").boundingBox();
        if (!button || !picture) throw new Error("no Let back in button or no remote picture");
        expect(button.x >= 0 && button.x + button.width <= 375 && button.y + button.height <= 667).toBe(true);
        const list = await provider.page.getByTestId("call-waiting-list").boundingBox();
        expect(list && list.y + list.height <= picture.y).toBe(true);
        await providerScreen("call, a patient waiting to come back, phone");
        await entry.getByTestId("let-back-in").click();
        await eventually(() => again.url()).toContain("/c/");
        step("The same consultation, not a new call");
        // The same consultation, not a new call: the provider never left theirs.
        expect(again.url()).toBe(callUrl);
        expect(provider.page.url()).toBe(callUrl);
        await provider.page.getByTestId("call-waiting-list").waitFor({ state: "detached" });
        await expectMediaBothWays([chromiumSide("provider", provider.page), chromiumSide("patient", again)]);

        step("A second tab opens the link during the call");
        // A second tab opens the link during the call: no second place in the queue, but the call moves there.
        const second = await patient.context.newPage();
        const secondScreen = axeOn(second, "patient, second tab");
        await second.goto(link);
        await eventually(() =>
          second.getByTestId("local-video").evaluate((v) => (v as HTMLVideoElement).videoWidth),
        ).toBeGreaterThan(0);
        await second.getByTestId("patient-name").fill("Lena Back");
        await second.getByTestId("consent-checkbox").check();
        await second.getByTestId("join-waiting-room").click();
        await second.getByTestId("already-in-call").waitFor();
        await secondScreen("already in the consultation");
        expect(await provider.page.getByTestId("call-waiting-count").count()).toBe(0);
        await second.getByTestId("move-call-here").click();
        await eventually(() => second.url()).toBe(callUrl);
        await eventually(() => again.getByTestId("call-ended").textContent()).toContain("another window");
        await expectMediaBothWays([chromiumSide("provider", provider.page), chromiumSide("patient", second)]);
        await endCall(provider.page);
      } finally {
        await provider.context.close();
        await patient.context.close();
      }
    }),
  );

  it(
    "blurs the patient's background from the device check into the call, where the settings turn it off and on again, with frames flowing throughout",
    inSteps(async (step) => {
      // The patient's camera: a sharp checkerboard behind a plain figure (blur-camera.ts).
      const patientBrowser = await launchChromium({ videoFile: blurCameraFile() });
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(patientBrowser, baseUrl);
      const blurLoads: string[] = [];
      patient.page.on("request", (request) => {
        if (/\/blur\/|\/assets\/processor-/.test(new URL(request.url()).pathname)) blurLoads.push(request.url());
      });
      try {
        step("device check");
        const link = await loginAndInvite(provider.page, baseUrl, "Blur");
        await patient.page.goto(link);
        const preview = patient.page.getByTestId("local-video");
        await eventually(() => preview.evaluate(readCornerDetail)).toBeGreaterThan(0);
        // The camera as it is: the checkerboard's edges.
        const sharp = await preview.evaluate(readCornerDetail);
        expect(sharp).toBeGreaterThan(20);
        // Nothing of blur is fetched until the patient asks for it.
        expect(blurLoads).toEqual([]);
        const toggle = patient.page.getByTestId("blur-toggle");
        expect(await toggle.getAttribute("aria-pressed")).toBe("false");
        await toggle.click();
        await eventually(() => toggle.getAttribute("aria-pressed")).toBe("true");
        // The preview shows what the practice will see: the background blurred.
        await eventually(() => preview.evaluate(readCornerDetail)).toBeLessThan(sharp / 4);
        expect(blurLoads.length).toBeGreaterThan(0);
        await expectAccessible(patient.page, "join page with background blur on (patient, Chromium)");

        step("the call starts blurred");
        await patient.page.getByTestId("patient-name").fill("Bea Blur");
        await patient.page.getByTestId("consent-checkbox").check();
        await patient.page.getByTestId("join-waiting-room").click();
        await eventually(() => patient.page.getByTestId("waiting-status").textContent()).toContain("let you in");
        // Folded away under the waiting room, the check's preview shows the camera and blur waits (no work
        // for a picture nobody sees); opened, it is blurred again.
        const previewTrack = () =>
          preview.evaluate(
            (video) => ((video as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0]?.label,
          );
        await eventually(previewTrack).toContain(".y4m");
        await patient.page.getByTestId("device-fold").locator(":scope > summary").click();
        await eventually(previewTrack).not.toContain(".y4m");
        await eventually(() => preview.evaluate(readCornerDetail)).toBeLessThan(sharp / 4);
        await admit(provider.page, "Bea Blur");
        await expectMediaBothWays([chromiumSide("provider", provider.page), chromiumSide("patient", patient.page)]);
        const received = provider.page.getByTestId("remote-video");
        await eventually(() => received.evaluate(readCornerDetail)).toBeLessThan(sharp / 4);

        step("blur off in the call's settings");
        await patient.page.getByTestId("device-settings").click();
        const callToggle = patient.page.getByTestId("blur-toggle");
        expect(await callToggle.getAttribute("aria-pressed")).toBe("true");
        await expectAccessible(patient.page, "call settings with the blur toggle (patient, Chromium)");
        // On a phone held upright too.
        await patient.page.setViewportSize({ width: 375, height: 667 });
        await callToggle.scrollIntoViewIfNeeded();
        expect(await callToggle.isVisible()).toBe(true);
        await expectAccessible(patient.page, "call settings with the blur toggle, phone (patient, Chromium)");
        await callToggle.click();
        await eventually(() => callToggle.getAttribute("aria-pressed")).toBe("false");
        await eventually(() => received.evaluate(readCornerDetail)).toBeGreaterThan(sharp / 2);

        step("blur on again: still frames, background blurred");
        await callToggle.click();
        await eventually(() => callToggle.getAttribute("aria-pressed")).toBe("true");
        await eventually(() => received.evaluate(readCornerDetail)).toBeLessThan(sharp / 4);
        const decoded = (await callStats(provider.page)).framesDecoded;
        await eventually(async () => (await callStats(provider.page)).framesDecoded).toBeGreaterThan(decoded + 20);
        expect(await received.evaluate(readCornerDetail)).toBeLessThan(sharp / 4);
        // Fast enough here: blur stayed on, with no notice that it could not.
        expect(await patient.page.getByTestId("blur-unavailable").count()).toBe(0);
        await endCall(provider.page);
      } finally {
        await provider.context.close();
        await patient.context.close();
        await patientBrowser.close();
      }
    }),
  );

  it("shows a clear page for a link that was replaced by a new one, for one that never existed, and for any other address", async () => {
    const provider = await newPage(browser, baseUrl);
    const visitor = await newPage(browser, baseUrl);
    try {
      const first = await loginAndInvite(provider.page, baseUrl, "Link check");
      await provider.page.getByTestId("appointment-list").getByText("Link check").waitFor();
      // A new link is an invitation's own action now (the patient's, made with the appointment).
      await provider.page
        .getByTestId("appointment")
        .filter({ hasText: "Link check" })
        .locator('[data-testid="invitation"][data-label="patient"]')
        .getByTestId("invite-new-link")
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
        await expectAccessible(visitor.page, `invite error: ${status} link (visitor, Chromium)`);
      }

      await visitor.page.goto("/no-such-page");
      await visitor.page.getByTestId("not-found").waitFor();
      await expectAccessible(visitor.page, "not found (visitor, Chromium)");
    } finally {
      await provider.context.close();
      await visitor.context.close();
    }
  });
});
