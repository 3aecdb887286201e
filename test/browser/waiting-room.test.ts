// The waiting room as both sides see it: the patient's place and time waited, what the practice tells
// them (status message, a notice, hold, deny), a reload that keeps their place, leaving and coming
// back; the provider's live list, their actions and the count in the tab title.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { admit, axeOn, eventually, inSteps, inviteLinkPattern, logIn, loginAndInvite } from "./flows.ts";
import { newPractice } from "./mail.ts";
import { readChimes, readDeviceTracks, readWaitingSockets } from "./page-scripts.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
/** A Chromium that leaves the permission prompt to the page's visitor: headless, it refuses. */
let refusing: Browser;

beforeAll(async () => {
  [browser, refusing] = await Promise.all([launchChromium(), launchChromium({ askPermission: true })]);
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), refusing?.close()]);
});

/** Whether the whole element is on screen without scrolling. */
async function inView(page: Page, testid: string): Promise<boolean> {
  const box = await page.getByTestId(testid).boundingBox();
  const viewport = page.viewportSize();
  return !!box && !!viewport && box.y >= 0 && box.y + box.height <= viewport.height;
}

const micLevel = (page: Page) => page.getByTestId("mic-level").getAttribute("data-level").then(Number);

/** The test hook (or, failing that, the tag and text) of whatever has the keyboard focus. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute("data-testid") ?? `${element?.tagName.toLowerCase()}: ${element?.textContent}`;
  });

/** Camera and microphone tracks the page opened that are still live: the camera's light is on while any are. */
const liveDeviceTracks = (page: Page) => page.evaluate(readDeviceTracks).then((tracks) => tracks.live);

/** A second appointment's link, from the dashboard the provider is on. */
async function anotherInvite(provider: Page, title: string): Promise<string> {
  // None shows when the provider came back to the dashboard from another page since the last one.
  const shown = provider.getByTestId("invite-link");
  const previous = (await shown.count()) > 0 ? await shown.inputValue() : "";
  await provider.getByTestId("new-appointment").click();
  // The keyboard goes where the work is: into the form, then to the new link.
  await eventually(() => focused(provider)).toBe("appointment-title");
  await provider.getByTestId("appointment-title").fill(title);
  await provider.getByTestId("appointment-create").click();
  await eventually(() => provider.getByTestId("invite-link").inputValue()).not.toBe(previous);
  await eventually(() => focused(provider)).toBe("invite-link");
  return provider.getByTestId("invite-link").inputValue();
}

/** The calendar day and hour an instant falls on in a zone ("2026-03-29", 9), as the provider's calendar reads it. */
function wallDay(ms: number, zone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) };
}

/** The day `n` calendar days after this one. */
function addDays(day: string, n: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Whether the page is no wider than its window: nothing to scroll sideways. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function enter(patient: Page, link: string, name: string): Promise<void> {
  await patient.goto(link);
  await patient.getByTestId("patient-name").fill(name);
  await patient.getByTestId("consent-checkbox").check();
  await patient.getByTestId("join-waiting-room").click();
}

describe("the device check", () => {
  it(
    "shows the patient's camera, a microphone level that moves with their voice, a test sound and the devices to choose, with Enter in view on a phone and a laptop",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl);
      try {
        const link = await loginAndInvite(provider.page, baseUrl, "Device check");
        await patient.page.setViewportSize({ width: 375, height: 667 });
        await patient.page.goto(link);
        await eventually(() => patient.page.getByTestId("device-check-verdict").getAttribute("data-state")).toBe("ok");
        await eventually(() =>
          patient.page.getByTestId("local-video").evaluate((v) => (v as HTMLVideoElement).videoWidth),
        ).toBeGreaterThan(0);
        step("The fake microphone beeps once a second");
        // The fake microphone beeps once a second: the bar rises with each beep and falls between them.
        await eventually(() => micLevel(patient.page)).toBeGreaterThan(0.25);
        await eventually(() => micLevel(patient.page)).toBeLessThan(0.05);
        await eventually(() => micLevel(patient.page)).toBeGreaterThan(0.25);
        expect(await patient.page.getByTestId("mic-level").textContent()).toBe("");
        await patient.page.getByText("We can hear you.").waitFor();
        expect(await inView(patient.page, "join-waiting-room")).toBe(true);
        await expectAccessible(patient.page, "device check, phone (patient)");

        step("Another microphone");
        // Another microphone: the check opens it, and the level still moves.
        const microphones = await patient.page
          .getByTestId("mic-select")
          .locator("option")
          .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
        expect(microphones.length).toBeGreaterThan(1);
        await patient.page.getByTestId("mic-select").selectOption(microphones[1] as string);
        await eventually(() => patient.page.getByTestId("mic-select").inputValue()).toBe(microphones[1]);
        await eventually(() => micLevel(patient.page)).toBeGreaterThan(0.25);
        expect(await patient.page.getByTestId("camera-select").locator("option").count()).toBeGreaterThan(0);

        step("The test sound, on the speaker chosen, and the question after it");
        const speakers = await patient.page.getByTestId("speaker-select").locator("option").count();
        expect(speakers).toBeGreaterThan(0);
        await patient.page.getByTestId("speaker-test").click();
        await patient.page.getByTestId("speaker-not-heard").click();
        await patient.page.getByText("Turn the volume up").waitFor();
        await patient.page.getByTestId("speaker-test").click();
        await patient.page.getByTestId("speaker-heard").click();
        await patient.page.getByText("Your speaker works.").waitFor();
        await expectAccessible(patient.page, "device check, speaker tested (patient)");

        await patient.page.setViewportSize({ width: 1280, height: 800 });
        expect(await inView(patient.page, "join-waiting-room")).toBe(true);
        await expectAccessible(patient.page, "device check, laptop (patient)");

        step("Entering without a name or the agreement says what is missing, beside it, in the page's words");
        const focused = () => patient.page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
        await patient.page.getByTestId("join-waiting-room").click();
        expect(await patient.page.getByTestId("patient-name-missing").textContent()).toBe(
          "Please enter your name, so that your practice knows who is waiting.",
        );
        expect(await focused()).toBe("patient-name");
        await patient.page.getByTestId("patient-name").fill("Nina Neu");
        await patient.page.getByTestId("join-waiting-room").click();
        expect(await patient.page.getByTestId("consent-missing").textContent()).toBe(
          "Please tick the box to agree to the text above. Without it we cannot let you in.",
        );
        expect(await patient.page.getByTestId("patient-name-missing").textContent()).toBe("");
        expect(await focused()).toBe("consent-checkbox");
        await expectAccessible(patient.page, "join page, agreement missing (patient)");

        step("While the browser asks, the page says where to click");
        // While the browser asks, the page says where to click; refused, it says how to undo it.
        const asking = await newPage(browser, baseUrl);
        await asking.context.addInitScript(() => {
          navigator.mediaDevices.getUserMedia = () => new Promise(() => undefined);
        });
        try {
          await asking.page.goto(link);
          await eventually(() => asking.page.getByTestId("permission-hint").textContent()).toContain(
            "is asking whether this page may use your camera and microphone",
          );
          expect(await asking.page.getByTestId("join-waiting-room").isDisabled()).toBe(true);
          await expectAccessible(asking.page, "device check, browser asking (patient)");
        } finally {
          await asking.context.close();
        }
        const refused = await newPage(refusing, baseUrl, { refuseMedia: true });
        try {
          await refused.page.goto(link);
          await eventually(() => refused.page.getByTestId("device-check-verdict").getAttribute("data-state")).toBe(
            "failed",
          );
          expect(await refused.page.getByTestId("device-problem").textContent()).toContain("blocked");
          expect(await refused.page.getByTestId("permission-hint").getAttribute("data-browser")).toBe("chromium");
          expect(await refused.page.getByTestId("permission-hint").textContent()).toContain(
            "allow camera and microphone",
          );
          expect(await refused.page.getByTestId("join-waiting-room").isDisabled()).toBe(true);
          await expectAccessible(refused.page, "device check, permission refused (patient)");
        } finally {
          await refused.context.close();
        }
      } finally {
        await provider.context.close();
        await patient.context.close();
      }
    }),
  );
});

describe("the waiting room", () => {
  it(
    "shows the patient their place, time waited and the practice's words, keeps their place on reload, lets the provider hold, notify and deny, keeps the provider present on their practice and account pages, and shows arrivals silently during a consultation",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const wanda = await newPage(browser, baseUrl);
      const bruno = await newPage(browser, baseUrl);
      const patientScreen = axeOn(wanda.page, "patient, waiting room");
      const providerScreen = axeOn(provider.page, "provider, waiting room");
      try {
        const link = await loginAndInvite(provider.page, baseUrl, "Waiting room");
        await eventually(() => provider.page.title()).toMatch(/^Your consultations · Anteroom$/);
        step("Arrival sounds need a click first (browsers keep audio suspended until then)");
        // Arrival sounds need a click first (browsers keep audio suspended until then). Until one, a
        // "turn sound on" switch shows; the clicks on the dashboard above already turned sound on.
        await provider.page.getByTestId("sound-on").waitFor({ state: "detached" });
        const waitingSockets = () => provider.page.evaluate(readWaitingSockets);
        expect(await waitingSockets()).toBe(1);
        const chimesBefore = await provider.page.evaluate(readChimes);

        step("The provider looks at their account, then at the practice's page, when Wanda arrives");
        // The provider looks at their account, then at the practice's page, when Wanda arrives: they are
        // still there for her (not "not online yet"), and they still hear and see her arrive.
        await provider.page.getByTestId("account-link").click();
        await eventually(() => provider.page.title()).toBe("Your account · Anteroom");
        await provider.page.getByTestId("practice-link").click();
        await provider.page.getByTestId("practice-title").waitFor();
        expect(await provider.page.getByTestId("nav-waiting-count").count()).toBe(0);

        step("Wanda waits on a phone held upright");
        await wanda.page.setViewportSize({ width: 375, height: 667 });
        await enter(wanda.page, link, "Wanda Wartend");
        await eventually(() => wanda.page.getByTestId("waiting-position").textContent()).toBe("1");
        step("Shown in the unit it moves in (client/src/waiting/waited.ts), never as seconds that jump by five");
        expect(await wanda.page.getByTestId("waiting-time").textContent()).toBe("Waiting for less than a minute");
        expect(await wanda.page.getByTestId("provider-status").getAttribute("data-state")).toBe("available");
        expect(await wanda.page.getByTestId("provider-status").textContent()).toContain("will let you in shortly");
        step("Status, place and time come first, without scrolling");
        // Status, place and time come first, without scrolling; the device check folds away below them.
        expect(await wanda.page.evaluate(() => window.scrollY)).toBe(0);
        for (const hook of ["provider-status", "waiting-position", "waiting-time"]) {
          expect(await inView(wanda.page, hook), `${hook} in view at 375×667`).toBe(true);
        }
        expect(await wanda.page.getByTestId("device-fold").evaluate((fold) => (fold as HTMLDetailsElement).open)).toBe(
          false,
        );
        await patientScreen("waiting, with place, time and leave");
        step("Unfolded, the camera, the devices and the network setting are all still there");
        await wanda.page.getByText("Camera, microphone and sound").click();
        await wanda.page.getByTestId("camera-select").waitFor();
        expect(await wanda.page.getByTestId("local-video").isVisible()).toBe(true);
        await patientScreen("waiting, device settings unfolded");
        await wanda.page.getByText("Camera, microphone and sound").click();
        await wanda.page.getByTestId("camera-select").waitFor({ state: "hidden" });

        step("On the practice page");
        // On the practice page: a count in the navigation, in the tab's title, and the chime.
        const navCount = provider.page.getByTestId("nav-waiting-count");
        await eventually(() => navCount.getAttribute("data-count")).toBe("1");
        expect(await navCount.textContent()).toBe("1 patient waiting");
        await eventually(() => provider.page.title()).toBe("(1) Practice · Anteroom");
        await eventually(() => provider.page.evaluate(readChimes)).toBeGreaterThan(chimesBefore);
        await providerScreen("practice page, one patient waiting");
        step("On a phone held upright the count is in view at the top, without scrolling");
        await provider.page.setViewportSize({ width: 375, height: 667 });
        expect(await inView(provider.page, "nav-waiting-count")).toBe(true);
        await provider.page.setViewportSize({ width: 1280, height: 720 });
        await provider.page.getByTestId("account-link").click();
        await eventually(() => provider.page.title()).toBe("(1) Your account · Anteroom");
        expect(await navCount.getAttribute("data-count")).toBe("1");
        await providerScreen("account page, one patient waiting");
        step("The count leads back to the dashboard, which lists her over the same socket");
        // The count leads back to the dashboard, which lists her over the same socket: moving between the
        // provider's pages never dropped the connection, so Wanda never saw the provider go offline.
        await navCount.click();
        await provider.page.getByTestId("waiting-patient").filter({ hasText: "Wanda Wartend" }).waitFor();
        expect(await waitingSockets()).toBe(1);
        expect(await navCount.count()).toBe(0);

        step("The provider sees what she came for, how long she has waited, her device check");
        // The provider sees what she came for, how long she has waited, her device check; the tab counts her.
        const wandaEntry = provider.page.getByTestId("waiting-patient").filter({ hasText: "Wanda Wartend" });
        expect(await wandaEntry.getByTestId("waiting-appointment").textContent()).toContain("Waiting room");
        // Its time in the provider's zone, like the calendar beside it, not this browser's (UTC here).
        const { zone, startsAt } = await provider.page.evaluate(async () => {
          const me = await (await fetch("/api/auth/me")).json();
          const list = await (await fetch("/api/appointments")).json();
          const found = list.appointments.find((a: { title: string }) => a.title === "Waiting room");
          return { zone: me.timeZone as string, startsAt: Date.parse(found.startsAt) };
        });
        const wallTime = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: zone }).format(startsAt);
        expect((await wandaEntry.getByTestId("waiting-appointment").textContent())?.replace(/\s+/g, " ")).toContain(
          wallTime.replace(/\s+/g, " "),
        );
        expect(await wandaEntry.getByTestId("waiting-duration").textContent()).toBe("less than a minute");
        await eventually(() => wandaEntry.getByTestId("waiting-device").getAttribute("data-camera")).toBe("true");
        await eventually(() => provider.page.title()).toBe("(1) Waiting room · Anteroom");

        step("A status message reaches everyone waiting");
        await provider.page.getByTestId("status-select").selectOption("away");
        await provider.page.getByTestId("status-message").fill("Running about 10 minutes late");
        const fieldWidth = async () => (await provider.page.getByTestId("status-message").boundingBox())?.width;
        const widthBefore = await fieldWidth();
        await provider.page.getByTestId("status-save").click();
        await provider.page.getByText("Everyone waiting can see it now.").waitFor();
        step("The confirmation has a line of its own");
        // The confirmation has a line of its own: the fields keep their width.
        expect(await fieldWidth()).toBe(widthBefore);
        await eventually(() => wanda.page.getByTestId("practice-message").textContent()).toContain(
          "Running about 10 minutes late",
        );
        expect(await wanda.page.getByTestId("provider-status").getAttribute("data-state")).toBe("away");
        step("The practice's words join the status at the top");
        for (const hook of ["provider-status", "waiting-position", "waiting-time", "practice-message"]) {
          expect(await inView(wanda.page, hook), `${hook} in view at 375×667`).toBe(true);
        }

        step("A second patient queues behind her");
        // A second patient queues behind her; a reload keeps Wanda first, not last.
        const secondLink = await anotherInvite(provider.page, "Second patient");
        await enter(bruno.page, secondLink, "Bruno Zweiter");
        await eventually(() => bruno.page.getByTestId("waiting-position").textContent()).toBe("2");
        await eventually(() => provider.page.title()).toBe("(2) Waiting room · Anteroom");
        await wanda.page.reload();
        await eventually(() => wanda.page.getByTestId("waiting-position").textContent()).toBe("1");
        step("Her place was kept while she reloaded");
        // Her place was kept while she reloaded: Bruno stays second.
        await eventually(() => bruno.page.getByTestId("waiting-position").textContent()).toBe("2");
        await eventually(() => provider.page.getByTestId("waiting-patient").allTextContents()).toEqual([
          expect.stringContaining("Wanda Wartend"),
          expect.stringContaining("Bruno Zweiter"),
        ]);

        step("A one-way notice to Wanda only");
        await wandaEntry.getByTestId("notify").click();
        // An empty notice is named under its field, in the page's words, not the browser's.
        await provider.page.getByTestId("notify-send").click();
        expect(await provider.page.getByTestId("notify-text-error").textContent()).toBe("Write the notice first.");
        expect(await focused(provider.page)).toBe("notify-text");
        await provider.page.getByTestId("notify-text").fill("Two more minutes, please.");
        await providerScreen("notice form open");
        await provider.page.getByTestId("notify-send").click();
        await eventually(() => wanda.page.getByTestId("patient-notice").textContent()).toContain(
          "Two more minutes, please.",
        );
        step("The provider is told it went, and the keyboard is back on the button that opened the form");
        expect(await provider.page.getByTestId("notice-sent").textContent()).toBe("Notice sent to Wanda Wartend.");
        expect(await focused(provider.page)).toBe("notify");
        expect(await bruno.page.getByTestId("patient-notice").count()).toBe(0);

        step("Hold");
        // Hold: Bruno stays, with the practice's message.
        const brunoEntry = provider.page.getByTestId("waiting-patient").filter({ hasText: "Bruno Zweiter" });
        await brunoEntry.getByTestId("hold").click();
        await brunoEntry.getByTestId("hold-message").fill("Your lab results are not in yet.");
        await brunoEntry.getByTestId("hold").click();
        await eventually(() => bruno.page.getByTestId("on-hold").textContent()).toContain(
          "Your lab results are not in yet.",
        );
        await axeOn(bruno.page, "patient")("on hold, with notice and status message");
        step("The badge keeps to its words instead of stretching across the row");
        const badge = await brunoEntry.getByText("on hold", { exact: true }).boundingBox();
        const who = await brunoEntry.locator(".who").boundingBox();
        expect(badge?.width).toBeLessThan((who?.width ?? 0) / 2);

        step("Hold again releases the hold");
        // Hold again releases the hold: Bruno's notice goes, the provider's row says so, focus stays.
        expect(await brunoEntry.getByTestId("hold").textContent()).toBe("Release hold");
        await brunoEntry.getByTestId("hold").click();
        await bruno.page.getByTestId("on-hold").waitFor({ state: "detached" });
        await eventually(() => brunoEntry.getByTestId("hold").textContent()).toBe("Hold");
        expect(await brunoEntry.getByText("on hold", { exact: true }).count()).toBe(0);
        expect(await brunoEntry.getByTestId("hold-message").count()).toBe(0);
        expect(await focused(provider.page)).toBe("hold");

        step("Deny");
        // Deny: Bruno is told, with the practice's message, and leaves the list.
        await brunoEntry.getByTestId("deny").click();
        await brunoEntry.getByTestId("deny-message").fill("Please call the practice to rebook.");
        await brunoEntry.getByTestId("deny").click();
        await eventually(() => bruno.page.getByTestId("waiting-denied").textContent()).toContain(
          "Please call the practice to rebook.",
        );
        await axeOn(bruno.page, "patient")("denied, with the practice's message");
        step("Turned away, Bruno's camera and microphone go off");
        expect((await bruno.page.evaluate(readDeviceTracks)).opened).toBeGreaterThan(0);
        await eventually(() => liveDeviceTracks(bruno.page)).toBe(0);
        await eventually(() => provider.page.title()).toBe("(1) Waiting room · Anteroom");
        step("His row went with the focus in it");
        // His row went with the focus in it: the keyboard continues from the waiting room's heading.
        await eventually(() => provider.page.evaluate(() => document.activeElement?.id)).toBe("waiting-heading");
        await providerScreen("one waiting, status away");

        step("Leaving takes Wanda off the list at once and turns her camera off");
        // Leaving takes Wanda off the list at once and turns her camera off; entering again puts her back.
        // She leaves with the keyboard: focus moves to what appeared, without a ring around the heading.
        await wanda.page.getByTestId("leave-waiting-room").focus();
        await wanda.page.keyboard.press("Enter");
        await provider.page.getByTestId("waiting-empty").waitFor();
        await eventually(() => liveDeviceTracks(wanda.page)).toBe(0);
        await eventually(() => wanda.page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
        expect(await wanda.page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe(
          "none",
        );
        await eventually(() => provider.page.title()).toBe("Your consultations · Anteroom");
        await patientScreen("left the waiting room");
        await wanda.page.getByRole("button", { name: "Enter the waiting room again" }).click();
        step("The device check opens them again for entering");
        await eventually(() => liveDeviceTracks(wanda.page)).toBeGreaterThan(0);
        await eventually(() => wanda.page.getByTestId("device-check-verdict").getAttribute("data-state")).toBe("ok");
        await wanda.page.getByTestId("patient-name").fill("Wanda Wartend");
        await wanda.page.getByTestId("consent-checkbox").check();
        await wanda.page.getByTestId("join-waiting-room").click();
        await eventually(() => wanda.page.getByTestId("waiting-position").textContent()).toBe("1");
        await wandaEntry.waitFor();
        await eventually(() => provider.page.title()).toBe("(1) Waiting room · Anteroom");

        step("In a consultation the provider stays in the waiting room as busy");
        // In a consultation the provider stays in the waiting room as busy: arrivals show, silently.
        const clara = await newPage(browser, baseUrl);
        try {
          const thirdLink = await anotherInvite(provider.page, "Third patient");
          await wandaEntry.getByTestId("admit").click();
          await eventually(() => provider.page.url()).toContain("/c/");
          await eventually(() => wanda.page.url()).toContain("/c/");
          // The admit button went with the dashboard: focus starts at the call's heading on both sides.
          await eventually(() => focused(provider.page)).toBe("call-heading");
          await eventually(() => focused(wanda.page)).toBe("call-heading");
          await enter(clara.page, thirdLink, "Clara Dritte");
          await eventually(() => clara.page.getByTestId("provider-status").getAttribute("data-state")).toBe("busy");
          await eventually(() => provider.page.getByTestId("call-waiting-count").textContent()).toBe(
            "1 patient waiting",
          );
          expect(await provider.page.evaluate(() => localStorage.getItem("anteroom.inConsultation"))).not.toBeNull();
          await providerScreen("consultation, one more waiting");

          // The call ends: camera and microphone go off on both sides.
          await eventually(() => liveDeviceTracks(wanda.page)).toBeGreaterThan(0);
          await provider.page.getByTestId("end-call").click();
          await provider.page.getByTestId("end-confirm").click();
          await provider.page.getByTestId("call-ended").waitFor();
          await wanda.page.getByTestId("call-ended").waitFor();
          await eventually(() => liveDeviceTracks(provider.page)).toBe(0);
          await eventually(() => liveDeviceTracks(wanda.page)).toBe(0);
          // Links wear the theme's green, not the browser's blue.
          expect(
            await provider.page
              .getByRole("link", { name: "Back to the dashboard" })
              .evaluate((a) => getComputedStyle(a).color),
          ).toBe("rgb(11, 110, 79)");
        } finally {
          await clara.context.close();
        }
      } finally {
        await provider.context.close();
        await wanda.context.close();
        await bruno.context.close();
      }
    }),
  );

  it(
    "lets the provider invite someone from inside the call on a phone: a labelled one-off link, through the usual join page into the waiting room, and added to that call",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl);
      const relative = await newPage(browser, baseUrl);
      try {
        step("A practice of its own; the patient is admitted");
        const account = await newPractice("Einladen");
        await logIn(provider.page, account);
        const link = await provider.page.evaluate(async () => {
          const res = await fetch("/api/appointments", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ title: "Invite", startsAt: new Date().toISOString(), durationMinutes: 30 }),
          });
          return ((await res.json()) as { invite: { inviteUrl: string } }).invite.inviteUrl;
        });
        await enter(patient.page, link, "Ada Patient");
        await admit(provider.page, "Ada Patient");
        await provider.page.getByTestId("call-heading").waitFor();

        step("On a phone held upright, Invite someone opens its panel with the focus on the choice");
        await provider.page.setViewportSize({ width: 375, height: 667 });
        await provider.page.getByTestId("call-invite").click();
        await eventually(() => focused(provider.page)).toBe("call-invite-label");
        await provider.page.getByTestId("call-invite-label").selectOption("relative");
        await provider.page.getByTestId("call-invite-create").click();
        const made = provider.page.getByTestId("call-invite-link");
        await made.waitFor();
        const guestLink = await made.inputValue();
        expect(guestLink).toMatch(inviteLinkPattern(baseUrl));
        expect(guestLink).not.toBe(link);
        expect(await inView(provider.page, "call-invite-link")).toBe(true);
        expect(await fitsWidth(provider.page)).toBe(true);
        await expectAccessible(provider.page, "call screen, invite panel with a link (provider, phone)");

        step("Escape closes the panel and the focus goes back to its button");
        await provider.page.keyboard.press("Escape");
        await provider.page.getByTestId("call-invite-panel").waitFor({ state: "detached" });
        expect(await focused(provider.page)).toBe("call-invite");

        step("The relative passes the usual join page and waits for this call, with the label");
        await enter(relative.page, guestLink, "Rita Relative");
        const person = provider.page.getByTestId("call-waiting-person").filter({ hasText: "Rita Relative" });
        await person.waitFor();
        expect(await person.getAttribute("data-label")).toBe("relative");

        step("Added to that same call");
        const consultation = new URL(provider.page.url()).pathname;
        await person.getByTestId("add-to-call").click();
        await eventually(() => new URL(relative.page.url()).pathname).toBe(consultation);
      } finally {
        await provider.context.close();
        await patient.context.close();
        await relative.context.close();
      }
    }),
  );
});

describe("an appointment's invitations", () => {
  it(
    "take a label, get their own link (copy, QR code), show the label in the queue, and are withdrawn after a question, on a phone",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl);
      const interpreter = await newPage(browser, baseUrl);
      try {
        const link = await loginAndInvite(provider.page, baseUrl, "With interpreter");
        const row = provider.page.getByTestId("appointment").filter({ hasText: "With interpreter" });
        await row.locator('[data-testid="invitation"][data-label="patient"]').waitFor();
        await provider.page.setViewportSize({ width: 375, height: 667 });

        step("Add opens the label field, Enter saves it, and the new link takes the focus");
        await row.getByTestId("invitation-add").click();
        await eventually(() => focused(provider.page)).toBe("invitation-label");
        await row.getByTestId("invitation-label").fill("interpreter");
        await row.getByTestId("invitation-label").press("Enter");
        const added = row.locator('[data-testid="invitation"][data-label="interpreter"]');
        await added.getByTestId("invite-link").waitFor();
        await eventually(() => focused(provider.page)).toBe("invite-link");
        // One just-issued link on the page at a time: the appointment's first gave way to it.
        expect(await provider.page.getByTestId("invite-link").count()).toBe(1);
        const second = await added.getByTestId("invite-link").inputValue();
        expect(second).toMatch(inviteLinkPattern(baseUrl));
        expect(second).not.toBe(link);

        step("The link as a QR code, and nothing wider than the phone's screen");
        await added.getByTestId("invite-qr").click();
        await added.locator("img.qr").waitFor();
        expect(await provider.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
          true,
        );
        await expectAccessible(provider.page, "dashboard, invitation with its link and QR code, phone");

        step("The patient and the interpreter wait; the queue shows each one's label");
        await enter(patient.page, link, "Paula");
        await enter(interpreter.page, second, "Ines");
        const ines = provider.page.getByTestId("waiting-patient").filter({ hasText: "Ines" });
        await ines.waitFor();
        expect(await ines.getAttribute("data-label")).toBe("interpreter");
        expect(
          await provider.page.getByTestId("waiting-patient").filter({ hasText: "Paula" }).getAttribute("data-label"),
        ).toBe("patient");

        step("Withdraw asks first and says what happens; then only the interpreter's link stops");
        await added.getByTestId("invite-withdraw").click();
        await eventually(() => added.locator(".confirm").textContent()).toContain("whoever waits with it");
        await expectAccessible(provider.page, "dashboard, withdraw question, phone");
        await added.getByTestId("invite-withdraw-confirm").click();
        await eventually(() => added.getAttribute("data-state")).toBe("withdrawn");
        await eventually(() =>
          provider.page.getByRole("status").filter({ hasText: "The link for “interpreter” was withdrawn." }).count(),
        ).toBe(1);
        await eventually(() => interpreter.page.getByTestId("invite-error").getAttribute("data-status")).toBe(
          "revoked",
        );
        await ines.waitFor({ state: "detached" });
        expect(await provider.page.getByTestId("waiting-patient").filter({ hasText: "Paula" }).count()).toBe(1);

        step("In German the invitations name their labels in German and stay accessible on the phone");
        await provider.page.getByTestId("language-toggle").click();
        await eventually(() => added.textContent()).toContain("Dolmetscher:in");
        await expectAccessible(provider.page, "dashboard, invitations, phone, German");
        await provider.page.getByTestId("language-toggle").click();
        await provider.page.setViewportSize({ width: 1280, height: 800 });
      } finally {
        await provider.context.close();
        await patient.context.close();
        await interpreter.context.close();
      }
    }),
  );
});

describe("appointments on the dashboard", () => {
  it(
    "are changed in a prefilled form and cancelled after a question; the waiting patient is told the appointment was cancelled, also after a reload",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl);
      try {
        const link = await loginAndInvite(provider.page, baseUrl, "To be moved");
        const id = await provider.page
          .getByTestId("appointment")
          .filter({ hasText: "To be moved" })
          .getAttribute("data-appointment-id");
        const row = provider.page.locator(`[data-testid="appointment"][data-appointment-id="${id}"]`);
        expect(await row.getByTestId("appointment-status").getAttribute("data-state")).toBe("scheduled");

        step("On a phone: the form opens prefilled, the keyboard in it, nothing wider than the screen");
        await provider.page.setViewportSize({ width: 375, height: 667 });
        await row.getByTestId("appointment-edit").click();
        await eventually(() => focused(provider.page)).toBe("appointment-title");
        expect(await row.getByTestId("appointment-title").inputValue()).toBe("To be moved");
        expect(await row.getByTestId("appointment-duration").inputValue()).toBe("45");
        expect(await provider.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
          true,
        );
        const start = await row.getByTestId("appointment-start").inputValue();
        const validBefore = await row.getByTestId("invitation").first().textContent();

        step("A start in the past is refused in the page's words, and nothing changes");
        await row.getByTestId("appointment-start").fill("2020-01-06T09:00");
        await row.getByTestId("appointment-create").click();
        await eventually(() => row.getByTestId("appointment-error").textContent()).toBe(
          "The start lies in the past. Choose a time from now on.",
        );

        step("Saved: the list shows the change, and the keyboard is at the line that says so");
        await row.getByTestId("appointment-start").fill(start);
        await row.getByTestId("appointment-title").fill("Moved");
        await row.getByTestId("appointment-duration").fill("60");
        await row.getByTestId("appointment-note").fill("Call before");
        await row.getByTestId("appointment-create").click();
        await eventually(() => row.textContent()).toContain("60 min");
        expect(await row.textContent()).toContain("Call before");
        // Its link's validity moved with the longer appointment's end, and the invitation says so.
        await eventually(async () => (await row.getByTestId("invitation").first().textContent()) !== validBefore).toBe(
          true,
        );
        await eventually(() =>
          provider.page.getByRole("status").filter({ hasText: "“Moved” was saved." }).count(),
        ).toBe(1);
        await provider.page.setViewportSize({ width: 1280, height: 800 });

        step("The patient enters while a change is half typed: the row says waiting by itself, the typing stays");
        await row.getByTestId("appointment-edit").click();
        await eventually(() => focused(provider.page)).toBe("appointment-title");
        await row.getByTestId("appointment-title").fill("Half typed");
        await enter(patient.page, link, "Carla");
        await provider.page.getByTestId("waiting-patient").filter({ hasText: "Carla" }).waitFor();
        await eventually(() => row.getByTestId("appointment-status").getAttribute("data-state")).toBe("waiting");
        expect(await row.getByTestId("appointment-title").inputValue()).toBe("Half typed");
        expect(await focused(provider.page)).toBe("appointment-title");
        await row.getByRole("button", { name: "Cancel", exact: true }).click();

        step("Cancel asks first and says what happens");
        await row.getByTestId("appointment-cancel").click();
        await eventually(() => row.locator(".confirm").textContent()).toContain("a patient already waiting is told");
        await expectAccessible(provider.page, "dashboard, cancel question");
        await row.getByTestId("appointment-cancel-confirm").click();
        await eventually(() => row.getByTestId("appointment-status").getAttribute("data-state")).toBe("cancelled");
        expect(await row.getByTestId("appointment-edit").count()).toBe(0);

        step("The waiting patient is told, in their language, and the link says so after a reload");
        await eventually(() => patient.page.getByTestId("invite-state").getAttribute("data-state")).toBe("cancelled");
        expect(await patient.page.getByTestId("invite-state").textContent()).toContain(
          "Your practice has cancelled this appointment.",
        );
        await patient.page.reload();
        await eventually(() => patient.page.getByTestId("invite-state").getAttribute("data-state")).toBe("cancelled");
        await provider.page.getByTestId("waiting-patient").filter({ hasText: "Carla" }).waitFor({ state: "detached" });
      } finally {
        await provider.context.close();
        await patient.context.close();
      }
    }),
  );

  it(
    "show in a calendar: week and day views put an appointment at its time in the provider's zone, back, forward and today move the range, and each view works on a phone",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const page = provider.page;
      try {
        await loginAndInvite(page, baseUrl, "Calendar check");
        const calendar = page.getByTestId("calendar");
        const id = await page
          .getByTestId("appointment")
          .filter({ hasText: "Calendar check" })
          .getAttribute("data-appointment-id");
        const { zone, startsAt } = await page.evaluate(async (appointmentId) => {
          const me = await (await fetch("/api/auth/me")).json();
          const list = await (await fetch("/api/appointments")).json();
          const found = list.appointments.find((a: { id: string }) => a.id === appointmentId);
          return { zone: me.timeZone as string, startsAt: Date.parse(found.startsAt) };
        }, id);
        const today = wallDay(Date.now(), zone).day;
        const at = wallDay(startsAt, zone);

        step("The list is the first view: it starts today, soonest first");
        expect(await calendar.getAttribute("data-view")).toBe("list");
        expect(await page.getByTestId("calendar-view-list").getAttribute("aria-pressed")).toBe("true");

        step("Week view: seven days from Monday, today marked, the appointment in its day's column at its hour");
        await page.getByTestId("calendar-view-week").click();
        await eventually(() => calendar.getAttribute("data-view")).toBe("week");
        expect(await page.getByTestId("calendar-view-week").getAttribute("aria-pressed")).toBe("true");
        expect(await page.getByTestId("calendar-view-list").getAttribute("aria-pressed")).toBe("false");
        const days = page.getByTestId("calendar-day");
        expect(await days.count()).toBe(7);
        const week = await days.evaluateAll((all) => all.map((d) => d.getAttribute("data-day")));
        expect(week).toContain(today);
        expect(await calendar.locator('[aria-current="date"]').count()).toBe(1);
        expect(await page.getByTestId("calendar-now").count()).toBe(1);
        // An appointment made late on a Sunday lies in next week.
        if (!week.includes(at.day)) await page.getByTestId("calendar-next").click();
        const column = calendar.locator(`[data-testid="calendar-day"][data-day="${at.day}"]`);
        const block = column.locator(`[data-testid="appointment-open"][data-appointment-id="${id}"]`);
        await block.waitFor();
        const placedAt = async () => {
          const top = (await block.boundingBox())?.y ?? Number.NaN;
          // An hour the grid does not show (after the day's last appointment) has no line: undefined, not a
          // 30 s wait for one (boundingBox waits for the element to exist).
          const line = async (hour: number) => {
            const label = calendar.locator(`[data-hour="${hour}"]`);
            return (await label.count()) > 0 ? (await label.boundingBox())?.y : undefined;
          };
          const upper = await line(at.hour + 1);
          return top >= ((await line(at.hour)) ?? Number.POSITIVE_INFINITY) && (upper === undefined || top < upper);
        };
        expect(await placedAt()).toBe(true);

        step("Opening it from the grid takes the keyboard to its row, with its details and actions");
        await block.click();
        await eventually(() => focused(page)).toBe("appointment");
        expect(await page.evaluate(() => document.activeElement?.getAttribute("data-appointment-id"))).toBe(id);
        // The row says the same time as the grid: the provider's zone, not this browser's (UTC here).
        const spaced = (text: string | null) => (text ?? "").replace(/\s+/g, " ");
        const row = page.locator(`[data-testid="appointment"][data-appointment-id="${id}"]`);
        const inZone = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: zone });
        expect(spaced(await row.textContent())).toContain(spaced(inZone.format(startsAt)));
        // And its link's validity beside it, in the same zone.
        const validUntil = await page.evaluate(async (appointmentId) => {
          const res = await fetch(`/api/appointments/${appointmentId}/invitations`);
          const { invitations } = (await res.json()) as { invitations: { validUntil: string }[] };
          return Date.parse(invitations[0]?.validUntil ?? "");
        }, id);
        await eventually(async () => spaced(await row.getByTestId("invitation").first().textContent())).toContain(
          spaced(inZone.format(validUntil)),
        );
        const wallTime = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: zone }).format(startsAt);
        expect(spaced(await block.textContent())).toContain(spaced(wallTime));

        step("Forward and back move by a week, Today comes back; the buttons name the range");
        expect(await page.getByTestId("calendar-next").textContent()).toContain("Next week");
        await page.getByTestId("calendar-today").click();
        const monday = week[0] ?? "";
        await page.getByTestId("calendar-next").click();
        await eventually(() => days.first().getAttribute("data-day")).toBe(addDays(monday, 7));
        expect(await page.getByTestId("calendar-now").count()).toBe(0);
        await page.getByTestId("calendar-prev").click();
        await page.getByTestId("calendar-prev").click();
        await eventually(() => days.first().getAttribute("data-day")).toBe(addDays(monday, -7));
        await page.getByTestId("calendar-today").click();
        await eventually(() => days.first().getAttribute("data-day")).toBe(monday);

        step("Day view: today, then a day back and forward");
        await page.getByTestId("calendar-view-day").click();
        await eventually(() => calendar.getAttribute("data-view")).toBe("day");
        expect(await days.evaluateAll((all) => all.map((d) => d.getAttribute("data-day")))).toEqual([today]);
        expect(await page.getByTestId("calendar-prev").textContent()).toContain("Previous day");
        await page.getByTestId("calendar-prev").click();
        await eventually(() => days.first().getAttribute("data-day")).toBe(addDays(today, -1));
        await page.getByTestId("calendar-next").click();
        await page.getByTestId("calendar-next").click();
        await eventually(() => days.first().getAttribute("data-day")).toBe(addDays(today, 1));
        await page.getByTestId("calendar-today").click();
        await eventually(() => days.first().getAttribute("data-day")).toBe(today);
        if (at.day !== today) await page.getByTestId("calendar-next").click();
        await block.waitFor();
        expect(await placedAt()).toBe(true);

        step("Each view, on a phone and on a desktop: accessible, and day and list never scroll sideways");
        for (const size of [
          { width: 375, height: 667 },
          { width: 1280, height: 800 },
        ]) {
          await page.setViewportSize(size);
          for (const view of ["day", "week", "list"] as const) {
            await page.getByTestId(`calendar-view-${view}`).click();
            await eventually(() => calendar.getAttribute("data-view")).toBe(view);
            await page.getByTestId("appointment").first().waitFor();
            expect(await fitsWidth(page), `${view} at ${size.width} px`).toBe(true);
            await expectAccessible(page, `dashboard, calendar ${view} view at ${size.width}x${size.height}`);
          }
        }

        step("In German on a phone, with its longer words: each view still fits, is accessible, and says German");
        await page.setViewportSize({ width: 375, height: 667 });
        await page.getByTestId("language-toggle").click();
        await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe("de");
        for (const view of ["day", "week", "list"] as const) {
          await page.getByTestId(`calendar-view-${view}`).click();
          await eventually(() => calendar.getAttribute("data-view")).toBe(view);
          await page.getByTestId("appointment").first().waitFor();
          expect(await fitsWidth(page), `${view} in German`).toBe(true);
          await expectAccessible(page, `dashboard, calendar ${view} view, phone, German`);
        }
        expect(await page.getByTestId("calendar-today").textContent()).toContain("Heute");
        await page.getByTestId("language-toggle").click();
      } finally {
        await provider.context.close();
      }
    }),
  );
});

/** The practice's "waiting room opens before the start" setting, saved through the practice page. */
async function setOpening(provider: Page, minutes: number): Promise<void> {
  await provider.goto("/practice");
  await provider.getByTestId("waiting-room-opens-minutes").fill(String(minutes));
  await provider.getByTestId("practice-save").click();
  await provider.getByTestId("practice-saved").waitFor();
}

describe("a patient who comes early", () => {
  it(
    "sees when the waiting room opens with a countdown, may check the devices meanwhile, and the page moves on by itself when it opens",
    inSteps(async (step) => {
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl);
      try {
        step("The practice opens its waiting room only at the start (the setting's minimum)");
        await logIn(provider.page);
        await setOpening(provider.page, 0);

        step("An appointment that starts in 25 seconds (the form has whole minutes only: through the API)");
        const startsAt = Date.now() + 25_000;
        const link = await provider.page.evaluate(async (start) => {
          const res = await fetch("/api/appointments", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ title: "Early bird", startsAt: new Date(start).toISOString(), durationMinutes: 30 }),
          });
          return ((await res.json()) as { invite: { inviteUrl: string } }).invite.inviteUrl;
        }, startsAt);

        step("On a phone, the patient sees when it opens and a countdown, and the device check works already");
        await patient.page.setViewportSize({ width: 375, height: 667 });
        await patient.page.goto(link);
        const opens = patient.page.getByTestId("waiting-room-opens");
        await opens.waitFor();
        expect(Number(await opens.getAttribute("data-opens-at"))).toBe(startsAt);
        expect(await patient.page.getByTestId("countdown").textContent()).toMatch(/^0:[0-2]\d$/);
        expect(await patient.page.getByTestId("join-waiting-room").count()).toBe(0);
        await eventually(() => patient.page.getByTestId("device-check-verdict").getAttribute("data-state")).toBe("ok");
        await expectAccessible(patient.page, "join page before the waiting room opens (phone)");
        // Marks this document: after the opening it must be the same one, not a reload.
        await patient.page.evaluate(() => {
          (window as unknown as { stillHere: boolean }).stillHere = true;
        });

        step("At the start the page moves on by itself to the form, and says so");
        await patient.page.getByTestId("join-waiting-room").waitFor({ timeout: 60_000 });
        expect(await opens.count()).toBe(0);
        expect(await patient.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
        expect(await patient.page.getByTestId("waiting-room-open-now").textContent()).toBe(
          "The waiting room is open now.",
        );

        step("And the patient enters the waiting room");
        await patient.page.getByTestId("patient-name").fill("Early Emil");
        await patient.page.getByTestId("consent-checkbox").check();
        await patient.page.getByTestId("join-waiting-room").click();
        await eventually(() => patient.page.getByTestId("waiting-position").textContent()).toMatch(/^\d+$/);
      } finally {
        // The demo practice serves the other tests: its default opening comes back.
        await setOpening(provider.page, 15).catch(() => undefined);
        await provider.context.close();
        await patient.context.close();
      }
    }),
  );
});
