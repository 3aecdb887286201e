// Steps of the consultation flow shared by the browser tests: the provider's side in Chromium, and
// the media checks for any pair of participants, whichever browser each one uses.
import type { Page, Response } from "playwright-core";
import { expect } from "vitest";
import { expectAccessible } from "./axe.ts";
import { callStats, callStatsAll, diagnose, remoteVideoWidth } from "./chromium.ts";
import type { CallStats } from "./page-scripts.ts";

/** Polls until the assertion holds; media and ICE take a few seconds on 2 cores. */
export const eventually = <T>(read: () => Promise<T> | T, message?: string) =>
  expect.poll(read, { timeout: 30_000, interval: 100, message });

/**
 * A long flow whose failure names the step it broke in: `step("…")` marks where the flow is, and an
 * error thrown after it carries the step's name at the front of its message.
 */
export function inSteps(flow: (step: (name: string) => void) => Promise<void>): () => Promise<void> {
  return async () => {
    let current = "the start";
    try {
      await flow((name) => {
        current = name;
      });
    } catch (error) {
      if (error instanceof Error) error.message = `[step: ${current}] ${error.message}`;
      throw error;
    }
  };
}

/** Runs axe on each screen a step passes through, naming the screen; or does nothing. */
export type ScreenCheck = (screen: string) => Promise<void>;
export const noCheck: ScreenCheck = async () => undefined;
export const axeOn =
  (page: Parameters<typeof expectAccessible>[0], who: string): ScreenCheck =>
  (screen) =>
    expectAccessible(page, `${screen} (${who})`);

/** The provider `npm start` seeds; most flows use their waiting room. */
const DEMO = { email: "demo@anteroom.test", password: "anteroom-demo" };

/**
 * An invitation link as a provider's page shows it: with the practice's key commitment (`#k=<hash>.<hash>…`,
 * issue 25) where a device of the practice has a key; `committed: false` where it may have none yet.
 */
export const inviteLinkPattern = (baseUrl: string, { committed = true } = {}) =>
  new RegExp(`^${baseUrl}/j/[A-Za-z0-9_-]{22}(#k=[A-Za-z0-9_-]{16}(\\.[A-Za-z0-9_-]{16})*)${committed ? "" : "?"}$`);

/**
 * This browser's device key (issue 25) registered, or confirmed as still registered: the page does it in
 * the background once a provider page knows who is logged in. Patients' pages seal names only to keys
 * registered when they arrive, so a flow that shows a name waits for this before a patient joins.
 */
const deviceKeyKept = (response: Response) => {
  const path = new URL(response.url()).pathname;
  return (
    response.request().method() === "POST" &&
    response.ok() &&
    /^\/api\/account\/device-keys(\/[^/]+\/seen)?$/.test(path)
  );
};

/**
 * Logs in on the login page and waits on the dashboard until this browser's device key is registered
 * (a new browser context is a new device: it makes and registers a key of its own).
 */
export async function logIn(
  page: Page,
  account: { email: string; password: string } = DEMO,
  check: ScreenCheck = noCheck,
): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("login-email").waitFor();
  await check("login");
  await page.getByTestId("login-email").fill(account.email);
  await page.getByTestId("login-password").fill(account.password);
  const keyKept = page.waitForResponse(deviceKeyKept, { timeout: 30_000 });
  // Awaited below; a login that fails first must not leave it rejecting unobserved.
  keyKept.catch(() => undefined);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("new-appointment").waitFor();
  await keyKept;
}

export async function loginAndInvite(
  provider: Page,
  baseUrl: string,
  title: string,
  check: ScreenCheck = noCheck,
  account: { email: string; password: string } = DEMO,
): Promise<string> {
  await logIn(provider, account, check);
  await check("dashboard");
  await provider.getByTestId("new-appointment").click();
  await provider.getByTestId("appointment-title").waitFor();
  await check("dashboard, new appointment form");
  await provider.getByTestId("appointment-title").fill(title);
  await provider.getByTestId("appointment-duration").fill("45");
  await provider.getByTestId("appointment-create").click();
  const link = await provider.getByTestId("invite-link").inputValue();
  // This device's key was registered before the link was made (logIn waits for it): the link commits to it.
  expect(link).toMatch(inviteLinkPattern(baseUrl));
  await eventually(() => provider.getByTestId("waiting-empty").isVisible()).toBe(true);
  await check("dashboard, invite link shown");
  return link;
}

export async function admit(provider: Page, name: string, check: ScreenCheck = noCheck): Promise<void> {
  const entry = provider.getByTestId("waiting-patient").filter({ hasText: name });
  await entry.waitFor();
  await check("dashboard, patient waiting");
  await entry.getByTestId("admit").click();
}

/** One participant as the media checks see it, in whichever browser. */
export interface Side {
  name: string;
  stats(): Promise<CallStats>;
  remoteVideoWidth(): Promise<number>;
  diagnose(): Promise<string>;
}

export const chromiumSide = (name: string, page: Page): Side => ({
  name,
  stats: () => callStats(page),
  remoteVideoWidth: () => remoteVideoWidth(page),
  diagnose: async () => `${name}: ${await diagnose(page)}`,
});

export const chromiumGroupSide = (name: string, page: Page): GroupSide => ({
  ...chromiumSide(name, page),
  statsAll: () => callStatsAll(page),
});

/** Remote video plays on every side and keeps decoding new frames; remote audio keeps arriving. */
export async function expectMediaBothWays(sides: Side[]): Promise<void> {
  try {
    for (const side of sides) {
      await eventually(() => side.remoteVideoWidth(), `${side.name}: remote video width`).toBeGreaterThan(0);
      const before = await side.stats();
      await eventually(
        async () => (await side.stats()).framesDecoded,
        `${side.name}: video frames decoded`,
      ).toBeGreaterThan(before.framesDecoded);
      await eventually(async () => (await side.stats()).audioReceived, `${side.name}: audio received`).toBeGreaterThan(
        before.audioReceived,
      );
    }
  } catch (error) {
    const diagnoses = await Promise.all(sides.map((side) => side.diagnose()));
    throw new Error(`${(error as Error).message}\n${diagnoses.join("\n")}`, { cause: error });
  }
}

/** A participant of a group call: the media checks read each of its peer connections on its own. */
export interface GroupSide extends Side {
  /** One entry per open peer connection (page-scripts.ts readCallStatsAll). */
  statsAll(): Promise<CallStats[]>;
}

/**
 * In a group call, every side decodes video frames and receives audio from each of the others, on each
 * pair's own connection: one connection per other participant, and every one of them keeps delivering.
 */
export async function expectMediaFromAll(sides: GroupSide[]): Promise<void> {
  const others = sides.length - 1;
  const flowing = (all: CallStats[]) => all.filter((s) => s.framesDecoded > 0 && s.audioReceived > 0).length;
  try {
    for (const side of sides) {
      await eventually(async () => flowing(await side.statsAll()), `${side.name}: peers sending video and audio`).toBe(
        others,
      );
      const before = await side.statsAll();
      await eventually(async () => {
        const now = await side.statsAll();
        return (
          now.length === before.length &&
          now.every(
            (s, i) =>
              s.framesDecoded > (before[i]?.framesDecoded ?? 0) && s.audioReceived > (before[i]?.audioReceived ?? 0),
          )
        );
      }, `${side.name}: every peer keeps sending video and audio`).toBe(true);
    }
  } catch (error) {
    const diagnoses = await Promise.all(sides.map((side) => side.diagnose()));
    throw new Error(`${(error as Error).message}\n${diagnoses.join("\n")}`, { cause: error });
  }
}
