// Debian's Firefox ESR, headless, with fake camera and microphone, driven through puppeteer-core over
// WebDriver BiDi (no geckodriver). One Firefox per participant: a tab behind another gets no frames.
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import type { ChatSide } from "./call-features.ts";
import type { GroupSide, Side } from "./flows.ts";
import {
  type CallStats,
  instrument,
  readCallStats,
  readCallStatsAll,
  readChat,
  readPeerStates,
  readRemoteVideoWidth,
  readTiles,
  type ShownTile,
} from "./page-scripts.ts";

export const firefoxPath = () => process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

export async function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    headless: true,
    executablePath: firefoxPath(),
    extraPrefsFirefox: {
      // Fake camera and microphone, without a permission prompt.
      "media.navigator.streams.fake": true,
      "media.navigator.permission.disabled": true,
      // Counts the fake camera as in use: without it Firefox gathers only default-route addresses,
      // and the loopback-only namespace has none.
      "media.navigator.permission.fake": true,
      // Loopback ICE candidates (the namespace has nothing else).
      "media.peerconnection.ice.loopback": true,
    },
  });
}

const logs = new WeakMap<Page, string[]>();

/** A new page that records its peer connections, sockets and console, like Chromium's pages. */
export async function newFirefoxPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(instrument);
  const log: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "debug") log.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => log.push(`pageerror: ${(error as Error).message}`));
  logs.set(page, log);
  return page;
}

/** The CSS selector for one of the app's data-testid hooks. */
export const testId = (id: string) => `[data-testid="${id}"]`;

/** Frames decoded from the remote video (getStats: getVideoPlaybackQuality stays 0 in Firefox), audio received. */
export function firefoxCallStats(page: Page): Promise<CallStats> {
  return page.evaluate(readCallStats);
}

export function firefoxRemoteVideoWidth(page: Page): Promise<number> {
  return page.evaluate(readRemoteVideoWidth);
}

/** What a failing call looked like from the Firefox side: connection states and the page's console. */
export async function diagnoseFirefox(page: Page): Promise<string> {
  const states = await page.evaluate(readPeerStates).catch((error: Error) => [`unavailable: ${error.message}`]);
  return `Firefox ${page.url()}\n  peers: ${states.join(", ")}\n  ${(logs.get(page) ?? []).join("\n  ")}`;
}

/** The Firefox participant as the shared media checks see it. */
export const firefoxSide = (name: string, page: Page): Side => ({
  name,
  stats: () => firefoxCallStats(page),
  remoteVideoWidth: () => firefoxRemoteVideoWidth(page),
  diagnose: async () => `${name}: ${await diagnoseFirefox(page)}`,
});

/** The Firefox participant of a group call: each of its peer connections read on its own. */
export const firefoxGroupSide = (name: string, page: Page): GroupSide => ({
  ...firefoxSide(name, page),
  statsAll: () => page.evaluate(readCallStatsAll),
});

/** The Firefox participant's chat as the group checks read it. */
export const firefoxChat = (name: string, page: Page): ChatSide => ({
  name,
  async open() {
    const expanded = await page.$eval(testId("chat-toggle"), (toggle) => toggle.getAttribute("aria-expanded"));
    if (expanded !== "true") await page.locator(testId("chat-toggle")).click();
    await page.waitForSelector(testId("chat-input"), { visible: true });
  },
  read: () => page.evaluate(readChat),
});

/** The `participant` tiles the Firefox page shows. */
export function firefoxTiles(page: Page): Promise<ShownTile[]> {
  return page.evaluate(readTiles);
}
