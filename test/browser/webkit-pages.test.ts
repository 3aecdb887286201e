// The patient's pages in WebKit, the engine of every browser on an iPhone (Debian's WebKitGTK, see
// webkit.ts): the join page, the device check, the waiting room, the end of the wait and the terms load,
// show their hooks, throw no script error, and axe finds no violation. WebKitGTK is built without WebRTC,
// so no call is made here (Chromium and Firefox make them in the other tests).
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { newPractice } from "./mail.ts";
import { launchWebKit, type WebKit, type WebKitSession } from "./webkit.ts";

const baseUrl = inject("baseUrl");
const CONTACT_LINE = "Questions? 030 7654321";

let webkit: WebKit | undefined;
/** The patient's invitation: its link and its appointment, which the practice cancels at the end of the wait. */
let invitation: { link: string; appointmentId: string; cookie: string } | undefined;

/** The provider's side over the API, as the dashboard would call it: no second browser needed. */
async function api(path: string, method: string, cookie: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { "Content-Type": "application/json", Origin: baseUrl, Cookie: cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A practice of its own with a contact line, and an appointment starting now with its invitation link. */
async function invite(): Promise<{ link: string; appointmentId: string; cookie: string }> {
  const account = await newPractice("Safari");
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify(account),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("Set-Cookie")?.split(";")[0] ?? "";
  expect((await api("/api/practice", "PATCH", cookie, { contactLine: CONTACT_LINE })).status).toBe(200);
  const created = await api("/api/appointments", "POST", cookie, {
    title: "WebKit patient",
    startsAt: new Date().toISOString(),
    durationMinutes: 30,
  });
  expect(created.status).toBe(201);
  const { appointment, invite } = (await created.json()) as {
    appointment: { id: string };
    invite: { inviteUrl: string };
  };
  return { link: invite.inviteUrl, appointmentId: appointment.id, cookie };
}

const hook = (id: string) => `[data-testid="${id}"]`;

function page(): WebKitSession {
  if (!webkit) throw new Error("WebKit did not start");
  return webkit.session;
}

/**
 * Axe on the page as it is, then no script error since the page was loaded, and no peer connection
 * tried (the stand-in below counts them; none before it is in place).
 */
async function expectSound(screen: string): Promise<void> {
  // WEBKIT_SCREENSHOTS=1 keeps each screen in test-results/, to look at WebKit's layout by eye.
  if (process.env.WEBKIT_SCREENSHOTS) saveScreenshot(screen, await page().screenshot());
  await expectAccessible(page(), `${screen} (patient, WebKit)`);
  expect(await page().scriptErrors(), `script errors on "${screen}" in WebKit`).toEqual([]);
  expect(await page().evaluate("window.__peerConnections ?? 0"), `peer connections on "${screen}"`).toBe(0);
}

beforeAll(async () => {
  webkit = await launchWebKit();
});

// What WebKit showed when a step failed, for whoever reads the failure (test-results/ is not committed).
afterEach(async (context) => {
  if (context.task.result?.state !== "fail" || !webkit) return;
  const shot = await webkit.session.screenshot().catch(() => undefined);
  if (shot) console.log(`WebKit's window at the failure: ${saveScreenshot(context.task.name, shot)}`);
});

function saveScreenshot(name: string, png: Buffer): string {
  mkdirSync("test-results", { recursive: true });
  const file = `test-results/webkit-${name.replace(/\W+/g, "-").slice(0, 60)}.png`;
  writeFileSync(file, png);
  return file;
}

afterAll(async () => {
  await webkit?.stop();
});

// One browser for the file and each page once: the steps follow one patient and depend on each other.
describe("a patient in WebKit (the Safari engine)", () => {
  it("opens the invitation link and is told plainly that this browser cannot make video calls", async () => {
    // The mails that make the practice are read with expect.poll, which only runs inside a test.
    invitation = await invite();
    await page().goto(invitation.link);
    // WebKitGTK has no RTCPeerConnection: the device check says so before the patient waits for a call
    // their browser could not make, and entering stays closed.
    await page().waitFor(`${hook("device-check-verdict")}[data-state="failed"]`);
    expect(await page().text(hook("device-problem"))).toContain("This browser cannot make video calls");
    await page().waitFor(hook("patient-name"));
    await page().waitFor(hook("consent-checkbox"));
    expect(
      await page().execute("return document.querySelector(arguments[0]).disabled;", hook("join-waiting-room")),
    ).toBe(true);
    await expectSound("join page, browser without WebRTC");
  });

  it("passes the device check with WebKit's camera and microphone where the browser has WebRTC", async () => {
    // iPhones' WebKit has RTCPeerConnection; this build lacks it. A stand-in makes the feature check see
    // one; it counts and refuses every construction: nothing before admission may open a connection.
    await page().execute(`window.__peerConnections = 0;
    window.RTCPeerConnection = function RTCPeerConnection() {
      window.__peerConnections++;
      throw new Error("the test's stand-in RTCPeerConnection was constructed: WebKitGTK has no WebRTC");
    };`);
    await page().click(await page().waitFor(`${hook("device-check-verdict")} button`));
    await page().waitFor(`${hook("device-check-verdict")}[data-state="ok"]`);
    await page().until(
      `const video = document.querySelector('${hook("local-video")}'); return !!video && video.videoWidth > 0;`,
      "the camera preview showing WebKit's mock camera",
    );
    await page().waitFor(hook("mic-level"));
    await expectSound("join page: device check, name and consent");
  });

  it("enters the waiting room and sees their place, and that their provider is not online yet", async () => {
    await page().type(await page().waitFor(hook("patient-name")), "Sara Safari");
    await page().click(await page().waitFor(hook("consent-checkbox")));
    await page().click(await page().waitFor(hook("join-waiting-room")));
    await page().waitFor(hook("waiting-position"));
    expect(await page().text(hook("waiting-position"))).toBe("1");
    // No provider has the dashboard open: the patient is told so, and that their place is kept.
    expect(await page().text(hook("waiting-status"))).toContain("Your provider is not online yet.");
    await page().waitFor(hook("waiting-time"));
    await page().waitFor(hook("leave-waiting-room"));
    await expectSound("waiting room");
  });

  it("is told, with the practice's contact line, when the practice cancels the appointment while they wait", async () => {
    if (!invitation) throw new Error("no invitation");
    const cancelled = await api(`/api/appointments/${invitation.appointmentId}/cancel`, "POST", invitation.cookie);
    expect(cancelled.status).toBe(200);
    await page().waitFor(`${hook("invite-state")}[data-state="cancelled"]`);
    expect(await page().text(hook("invite-state"))).toContain("Your practice has cancelled this appointment.");
    expect(await page().text(hook("practice-contact"))).toContain(CONTACT_LINE);
    await expectSound("end of the wait: appointment cancelled");
  });

  // Last: the terms page comes with the legal part of issue 24, merged separately.
  it("reads the terms of use without logging in", async () => {
    await page().goto(`${baseUrl}/terms`);
    await page().waitFor(hook("terms"), 15_000);
    expect(await page().execute("return document.querySelector(arguments[0]).lang;", hook("terms"))).toMatch(
      /^(en|de)\b/,
    );
    await expectSound("terms of use");
  });
});
