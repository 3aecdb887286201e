// A patient in Firefox ESR, a provider in Chromium: invite link, waiting room, admission, video and
// audio both ways, chat and a file each way, and the end, against the same server as the other browser tests.

import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import type { ElementHandle, Browser as FirefoxBrowser, Page as FirefoxPage } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chatFrom, openChat, sendFileFrom } from "./call-features.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { firefoxSide, launchFirefox, newFirefoxPage, testId } from "./firefox.ts";
import {
  admit,
  axeOn,
  chromiumSide,
  eventually,
  expectMediaBothWays,
  inSteps,
  logIn,
  loginAndInvite,
} from "./flows.ts";
import { newPractice } from "./mail.ts";

const baseUrl = inject("baseUrl");
let chromium: Browser | undefined;
let firefox: FirefoxBrowser | undefined;

beforeAll(async () => {
  // Both start at once; whichever starts is kept for afterAll even if the other fails.
  const [c, f] = await Promise.allSettled([launchChromium(), launchFirefox()]);
  if (c.status === "fulfilled") chromium = c.value;
  if (f.status === "fulfilled") firefox = f.value;
  for (const result of [c, f]) if (result.status === "rejected") throw result.reason;
});

afterAll(async () => {
  await Promise.allSettled([chromium?.close(), firefox?.close()]);
});

/** The text of the element with this data-testid, or undefined while there is none. */
const textOf = (page: FirefoxPage, id: string) =>
  page.evaluate((selector) => document.querySelector(selector)?.textContent ?? undefined, testId(id));

describe("a patient in Firefox", () => {
  it(
    "joins from the invite link, is admitted by a provider in Chromium, and sees the end",
    inSteps(async (step) => {
      if (!chromium || !firefox) throw new Error("browsers did not start");
      const provider = await newPage(chromium, baseUrl);
      const patient = await newFirefoxPage(firefox);
      const patientScreen = axeOn(patient, "patient, Firefox");
      try {
        // A practice of its own: the patient's place is theirs to count, whatever other tests left waiting.
        const link = await loginAndInvite(
          provider.page,
          baseUrl,
          "Firefox patient",
          undefined,
          await newPractice("Fuchs"),
        );

        await patient.goto(link);
        await eventually(() =>
          patient.evaluate(
            (selector) => (document.querySelector(selector) as HTMLVideoElement | null)?.videoWidth ?? 0,
            testId("local-video"),
          ),
        ).toBeGreaterThan(0);
        const verdict = () =>
          patient.evaluate(
            (selector) => document.querySelector(selector)?.getAttribute("data-state"),
            testId("device-check-verdict"),
          );
        await eventually(verdict).toBe("ok");
        await patientScreen("join page: camera check, name and consent");
        await patient.locator(testId("patient-name")).fill("Fritz Fuchs");
        step("Firefox keeps audio suspended until a click (and this machine has no sound device at all)");
        // Firefox keeps audio suspended until a click (and this machine has no sound device at all): the
        // level meter offers to start instead of sitting at zero unexplained. Chromium's test watches it move.
        await patient.locator(testId("mic-level-start")).wait();
        await patient.locator(testId("consent-checkbox")).click();
        await patient.locator(testId("join-waiting-room")).click();
        await eventually(() => textOf(patient, "waiting-status")).toContain("will let you in shortly");
        expect(await textOf(patient, "waiting-position")).toBe("1");
        expect(await textOf(patient, "waiting-time")).toBe("Waiting for less than a minute");
        await patientScreen("waiting room");

        step("The practice's words reach the patient in Firefox too");
        const entry = provider.page.getByTestId("waiting-patient").filter({ hasText: "Fritz Fuchs" });
        await entry.getByTestId("notify").click();
        await provider.page.getByTestId("notify-text").fill("The doctor is on her way.");
        await provider.page.getByTestId("notify-send").click();
        await eventually(() => textOf(patient, "patient-notice")).toContain("The doctor is on her way.");
        await patientScreen("waiting room, with a notice");

        await admit(provider.page, "Fritz Fuchs");
        await expectMediaBothWays([chromiumSide("provider", provider.page), firefoxSide("patient (Firefox)", patient)]);
        await patientScreen("call");

        step("Safety code, chat both ways and a file, between Firefox and Chromium, over the data channel only");
        await eventually(() => textOf(patient, "safety-code")).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
        await eventually(
          async () =>
            (await textOf(patient, "safety-code")) === (await provider.page.getByTestId("safety-code").textContent()),
        ).toBe(true);
        await patient.locator(testId("chat-toggle")).click();
        await patient.locator(testId("chat-input")).fill("Hallo aus Firefox");
        await patient.locator(testId("chat-send")).click();
        await openChat(provider.page);
        await eventually(() => provider.page.getByTestId("chat-message").allTextContents()).toEqual([
          expect.stringContaining("Hallo aus Firefox"),
        ]);
        await chatFrom(provider.page, "Hello, Firefox");
        await eventually(() =>
          patient.$$eval(testId("chat-message"), (all) => all.map((m) => m.textContent ?? "")),
        ).toEqual([expect.stringContaining("Hallo aus Firefox"), expect.stringContaining("Hello, Firefox")]);
        const sha256 = await sendFileFrom(provider.page, "scan.png", 1024 * 1024);
        await eventually(() =>
          patient.evaluate(
            (selector) => document.querySelector(selector)?.getAttribute("data-sha256") ?? undefined,
            `${testId("file-transfer")}[data-state="done"]`,
          ),
        ).toBe(sha256);
        await patientScreen("call with chat and a received file");

        step("And back");
        // And back: Chromium takes Firefox's 64 KiB frames whole, and Firefox hashes what it sends the same way.
        const photo = Buffer.alloc(3 * 1024 * 1024 + 123);
        for (let i = 0; i < photo.byteLength - 4; i += 4096) photo.writeUInt32BE((i * 2246822519) >>> 0, i);
        const folder = mkdtempSync(join(tmpdir(), "anteroom-firefox-file-"));
        try {
          writeFileSync(join(folder, "photo.jpg"), photo);
          const picker = (await patient.$(testId("file-input"))) as ElementHandle<HTMLInputElement> | null;
          if (!picker) throw new Error("Firefox shows no file input");
          await picker.uploadFile(join(folder, "photo.jpg"));
          const arrived = provider.page
            .locator('[data-testid="file-transfer"][data-state="done"]')
            .filter({ hasText: "photo.jpg" });
          await arrived.waitFor({ timeout: 60_000 });
          expect(await arrived.getAttribute("data-sha256")).toBe(createHash("sha256").update(photo).digest("hex"));
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }

        await provider.page.getByTestId("end-call").click();
        await provider.page.getByTestId("end-confirm").click();
        await provider.page.getByTestId("call-ended").waitFor();
        await eventually(() => textOf(patient, "call-ended")).toContain("The consultation has ended");
        await patientScreen("call ended");
      } finally {
        await provider.context.close();
        await patient.close().catch(() => undefined);
      }
    }),
  );

  it(
    "in German: sees the countdown before the waiting room opens and moves on by itself; is told with the contact line when the practice cancels, and so for withdrawn and unknown links",
    inSteps(async (step) => {
      if (!chromium || !firefox) throw new Error("browsers did not start");
      const provider = await newPage(chromium, baseUrl);
      const patient = await newFirefoxPage(firefox);
      // The patient's browser has chosen German before the first page, as the language switch would.
      await patient.evaluateOnNewDocument(() => localStorage.setItem("anteroom.language", "de"));
      const patientScreen = axeOn(patient, "patient, Firefox, German");
      try {
        step("A practice of its own opens its waiting room only at the start and names a contact line");
        const account = await newPractice("Frueh");
        await logIn(provider.page, account);
        const api = (path: string, method: string, body?: unknown) =>
          provider.page.evaluate(
            async ({ path, method, body }) => {
              const res = await fetch(path, {
                method,
                headers: { "Content-Type": "application/json" },
                body: body === undefined ? undefined : JSON.stringify(body),
              });
              return { status: res.status, body: (await res.json()) as Record<string, never> };
            },
            { path, method, body },
          );
        expect(
          (await api("/api/practice", "PATCH", { contactLine: "Fragen? 030 1234567", waitingRoomOpensMinutes: 0 }))
            .status,
        ).toBe(200);
        const schedule = async (title: string, startsAt: number) => {
          const created = await api("/api/appointments", "POST", {
            title,
            startsAt: new Date(startsAt).toISOString(),
            durationMinutes: 30,
          });
          expect(created.status).toBe(201);
          const { appointment, invite } = created.body as unknown as {
            appointment: { id: string };
            invite: { inviteUrl: string };
          };
          return { id: appointment.id, link: invite.inviteUrl };
        };

        step("Early, the patient sees when the waiting room opens and a countdown, in German");
        const early = await schedule("Frühtermin", Date.now() + 20_000);
        await patient.goto(early.link);
        await patient.waitForSelector(testId("waiting-room-opens"));
        expect(await textOf(patient, "waiting-room-opens")).toContain("Das Wartezimmer öffnet");
        expect(await textOf(patient, "countdown")).toMatch(/^0:[0-2]\d$/);
        await patientScreen("join page before the waiting room opens");

        step("At the start the page moves on by itself, and the patient enters the waiting room");
        await patient.waitForSelector(testId("join-waiting-room"), { timeout: 60_000 });
        await patient.locator(testId("patient-name")).fill("Frieda Früh");
        await patient.locator(testId("consent-checkbox")).click();
        await patient.locator(testId("join-waiting-room")).click();
        await eventually(() => textOf(patient, "waiting-position")).toBe("1");

        step("The practice cancels: the waiting patient is told, in German, with the practice's contact line");
        expect((await api(`/api/appointments/${early.id}/cancel`, "POST")).status).toBe(200);
        await eventually(() =>
          patient.evaluate(
            (selector) => document.querySelector(selector)?.getAttribute("data-state"),
            testId("invite-state"),
          ),
        ).toBe("cancelled");
        expect(await textOf(patient, "invite-state")).toContain("Ihre Praxis hat diesen Termin abgesagt.");
        expect(await textOf(patient, "practice-contact")).toContain("030 1234567");
        await patientScreen("appointment cancelled while waiting");

        step("A withdrawn link says so, with the contact line");
        const later = await schedule("Später", Date.now() + 60 * 60_000);
        const listed = await api(`/api/appointments/${later.id}/invitations`, "GET");
        const [first] = (listed.body as unknown as { invitations: { id: string }[] }).invitations;
        expect((await api(`/api/invitations/${first?.id}/withdraw`, "POST")).status).toBe(200);
        await patient.goto(later.link);
        await patient.waitForSelector(`${testId("invite-state")}[data-state="withdrawn"]`);
        expect(await textOf(patient, "invite-state")).toContain("zurückgezogen");
        expect(await textOf(patient, "practice-contact")).toContain("030 1234567");
        await patientScreen("withdrawn link");

        step("An unknown link says so plainly");
        await patient.goto(`${baseUrl}/j/${"A".repeat(22)}`);
        await patient.waitForSelector(`${testId("invite-state")}[data-state="unknown"]`);
        expect(await textOf(patient, "invite-state")).toContain("Dieser Link ist ungültig.");
        await patientScreen("unknown link");
      } finally {
        await provider.context.close();
        await patient.close().catch(() => undefined);
      }
    }),
  );

  it(
    "walks in through a provider's personal room without an appointment, is marked so in the queue, and is admitted into a call",
    inSteps(async (step) => {
      if (!chromium || !firefox) throw new Error("browsers did not start");
      const provider = await newPage(chromium, baseUrl);
      const patient = await newFirefoxPage(firefox);
      const providerScreen = axeOn(provider.page, "provider, Chromium");
      const patientScreen = axeOn(patient, "walk-in patient, Firefox");
      try {
        step("The provider switches the personal room on, on the account page; its link shows at once");
        const account = await newPractice("Sprechstunde");
        await logIn(provider.page, account);
        await provider.page.goto("/account");
        await provider.page.getByTestId("personal-room-toggle").check();
        const link = await provider.page.getByTestId("personal-room-link").getAttribute("href");
        expect(link).toMatch(new RegExp(`^${baseUrl}/r/[a-z0-9]{3,16}/[a-z0-9-]{3,32}$`));
        await providerScreen("account page, personal room on");

        step("A patient opens it: the same device check and consent, then the waiting room");
        await patient.goto(link ?? "");
        await eventually(() =>
          patient.evaluate(
            (selector) => document.querySelector(selector)?.getAttribute("data-state"),
            testId("device-check-verdict"),
          ),
        ).toBe("ok");
        await patientScreen("personal room: device check, name and consent");
        await patient.locator(testId("patient-name")).fill("Walter Walk");
        await patient.locator(testId("consent-checkbox")).click();
        await patient.locator(testId("join-waiting-room")).click();
        await eventually(() => textOf(patient, "waiting-position")).toBe("1");
        await patientScreen("personal room: waiting");

        step("The provider's queue marks the walk-in as without an appointment, and the call connects");
        await provider.page.goto("/dashboard");
        const entry = provider.page.getByTestId("waiting-patient").filter({ hasText: "Walter Walk" });
        await entry.waitFor();
        expect(await entry.getByTestId("no-appointment").textContent()).toBe("No appointment");
        await providerScreen("dashboard, walk-in waiting");
        await admit(provider.page, "Walter Walk");
        await expectMediaBothWays([chromiumSide("provider", provider.page), firefoxSide("walk-in (Firefox)", patient)]);

        step("Switched off, the link says the room is not available, and a new visitor cannot walk in");
        await provider.page.getByTestId("end-call").click();
        await provider.page.getByTestId("end-confirm").click();
        await provider.page.getByTestId("call-ended").waitFor();
        await provider.page.goto("/account");
        await provider.page.getByTestId("personal-room-toggle").uncheck();
        await provider.page.getByTestId("personal-room-link").waitFor({ state: "detached" });
        await patient.goto(link ?? "");
        await patient.waitForSelector(testId("invite-error"));
        expect(await textOf(patient, "join-waiting-room")).toBeUndefined();
        await patientScreen("personal room switched off");
      } finally {
        await provider.context.close();
        await patient.close().catch(() => undefined);
      }
    }),
  );

  it(
    "blurs the background in Firefox's device check through the canvas pipeline, the preview still moving",
    inSteps(async (step) => {
      if (!chromium || !firefox) throw new Error("browsers did not start");
      const provider = await newPage(chromium, baseUrl);
      const patient = await newFirefoxPage(firefox);
      const blurFiles: string[] = [];
      patient.on("request", (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith("/blur/")) blurFiles.push(path);
      });
      /** The preview's video track, and how many frames it presented in a second (requestVideoFrameCallback). */
      const preview = () =>
        patient.evaluate(async (selector) => {
          const video = document.querySelector(selector) as HTMLVideoElement | null;
          const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
          let frames = 0;
          const count = () => {
            frames++;
            video?.requestVideoFrameCallback(count);
          };
          video?.requestVideoFrameCallback(count);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return { track: track?.id, live: track?.readyState === "live", frames };
        }, testId("local-video"));
      try {
        step("device check");
        const link = await loginAndInvite(provider.page, baseUrl, "Firefox blur", undefined, await newPractice("Blur"));
        await patient.goto(link);
        await eventually(() =>
          patient.evaluate(
            (selector) => document.querySelector(selector)?.getAttribute("data-state"),
            testId("device-check-verdict"),
          ),
        ).toBe("ok");
        const camera = await preview();
        expect(blurFiles).toEqual([]);
        // No insertable streams on Firefox's page: what runs below is the canvas pipeline.
        expect(await patient.evaluate(() => "MediaStreamTrackProcessor" in window)).toBe(false);

        step("blur on: the worker loads its runtime under /blur/ and the preview shows its canvas");
        await patient.locator(testId("blur-toggle")).click();
        await eventually(() =>
          patient.evaluate(
            (selector) => document.querySelector(selector)?.getAttribute("aria-pressed"),
            testId("blur-toggle"),
          ),
        ).toBe("true");
        await eventually(async () => (await preview()).track).not.toBe(camera.track);
        expect(blurFiles.some((path) => path.endsWith(".wasm"))).toBe(true);
        expect(blurFiles.some((path) => path.endsWith(".tflite"))).toBe(true);
        // Not a frozen picture: the blurred preview keeps presenting frames, and blur stayed on.
        await eventually(async () => {
          const blurred = await preview();
          return blurred.live && blurred.frames;
        }).toBeGreaterThan(3);
        expect(await textOf(patient, "blur-unavailable")).toBeUndefined();
      } finally {
        await provider.context.close();
        await patient.close().catch(() => undefined);
      }
    }),
  );
});
