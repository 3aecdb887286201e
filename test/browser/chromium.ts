// Debian's headless Chromium with fake camera and microphone, driven through playwright-core.
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import {
  type CallStats,
  instrument,
  readCallStats,
  readCallStatsAll,
  readPeerStates,
  readRemoteVideoWidth,
} from "./page-scripts.ts";

export type { CallStats };

/**
 * Chromium with a fake camera and microphone; `videoFile` makes the camera play that .y4m file.
 * `askPermission` leaves out the flag that answers the permission prompt: headless Chromium then
 * refuses camera and microphone, as a patient clicking "Block" would.
 */
export async function launchChromium(options: { videoFile?: string; askPermission?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-fake-device-for-media-stream",
      ...(options.askPermission ? [] : ["--use-fake-ui-for-media-stream"]),
      "--allow-loopback-in-peer-connection",
      "--autoplay-policy=no-user-gesture-required",
      // Screen sharing picks the (fake) screen without the browser's picker.
      "--auto-select-desktop-capture-source=Entire screen",
      ...(options.videoFile ? [`--use-file-for-fake-video-capture=${options.videoFile}`] : []),
    ],
  });
}

export async function newPage(
  browser: Browser,
  baseURL: string,
  /** `refuseMedia`: the page's permission stays unanswered, so a browser launched with `askPermission` refuses it. */
  options: { relayOnly?: boolean; locale?: string; refuseMedia?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    permissions: options.refuseMedia ? [] : ["camera", "microphone"],
    locale: options.locale ?? "en-US",
  });
  await context.addInitScript(instrument);
  if (options.relayOnly) await context.addInitScript(() => localStorage.setItem("anteroom.relayOnly", "1"));
  const page = await context.newPage();
  const log: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "debug") log.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`));
  logs.set(page, log);
  return { context, page };
}

const logs = new WeakMap<Page, string[]>();

/** What a failing call looked like from one side: connection states and the page's console. */
export async function diagnose(page: Page): Promise<string> {
  const states = await page.evaluate(readPeerStates).catch((error: Error) => [`unavailable: ${error.message}`]);
  return `${page.url()}\n  peers: ${states.join(", ")}\n  ${(logs.get(page) ?? []).join("\n  ")}`;
}

/** Drops the page's newest WebSocket as a network failure would, without the app asking for it. */
export function dropSignaling(page: Page): Promise<void> {
  return page.evaluate(() =>
    (window as unknown as { __sockets: WebSocket[] }).__sockets.at(-1)?.close(4999, "test: network drop"),
  );
}

/** Frames decoded from the remote video, audio received, and the local candidate type of the selected pair. */
export function callStats(page: Page): Promise<CallStats> {
  return page.evaluate(readCallStats);
}

/** The same, from every open peer connection (one per other participant in a group call). */
export function callStatsAll(page: Page): Promise<CallStats[]> {
  return page.evaluate(readCallStatsAll);
}

/** The remote <video>'s decoded width (0 until frames arrive). */
export function remoteVideoWidth(page: Page): Promise<number> {
  return page.evaluate(readRemoteVideoWidth);
}
