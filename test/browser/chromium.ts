// Debian's headless Chromium with fake camera and microphone, driven through playwright-core.
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export async function launchChromium(): Promise<Browser> {
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
      "--use-fake-ui-for-media-stream",
      "--allow-loopback-in-peer-connection",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

/**
 * Records every RTCPeerConnection and WebSocket the page creates and every chime it plays, so tests
 * can read getStats(), drop a connection and hear the provider's notice without hooks in the product code.
 */
const instrument = () => {
  const w = window as unknown as { __peers: RTCPeerConnection[]; __sockets: WebSocket[]; __chimes: number };
  w.__peers = [];
  w.__sockets = [];
  w.__chimes = 0;
  const OriginalSocket = window.WebSocket;
  window.WebSocket = class extends OriginalSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      w.__sockets.push(this);
    }
  } as typeof WebSocket;
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__peers.push(this);
    }
  } as typeof RTCPeerConnection;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    w.__chimes++;
    return start.call(this, when);
  };
};

export async function newPage(
  browser: Browser,
  baseURL: string,
  options: { relayOnly?: boolean; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    permissions: ["camera", "microphone"],
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
  const states = await page
    .evaluate(() =>
      (window as unknown as { __peers: RTCPeerConnection[] }).__peers.map(
        (pc) => `${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState}/${pc.iceGatheringState}`,
      ),
    )
    .catch((error: Error) => [`unavailable: ${error.message}`]);
  return `${page.url()}\n  peers: ${states.join(", ")}\n  ${(logs.get(page) ?? []).join("\n  ")}`;
}

/** Drops the page's newest WebSocket as a network failure would, without the app asking for it. */
export function dropSignaling(page: Page): Promise<void> {
  return page.evaluate(() =>
    (window as unknown as { __sockets: WebSocket[] }).__sockets.at(-1)?.close(4999, "test: network drop"),
  );
}

export interface CallStats {
  framesDecoded: number;
  audioSamplesReceived: number;
  candidateType: string | undefined;
}

/** Frames decoded from the remote video, audio samples received, and the local candidate type of the selected pair. */
export async function callStats(page: Page): Promise<CallStats> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.filter(
      (p) => p.connectionState !== "closed",
    );
    const pc = peers.at(-1);
    if (!pc) return { framesDecoded: 0, audioSamplesReceived: 0, candidateType: undefined };
    const stats = await pc.getStats();
    let framesDecoded = 0;
    let audioSamplesReceived = 0;
    let pairId: string | undefined;
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((report: Record<string, unknown>) => {
      byId.set(report.id as string, report);
      if (report.type === "inbound-rtp" && report.kind === "video") framesDecoded += Number(report.framesDecoded ?? 0);
      if (report.type === "inbound-rtp" && report.kind === "audio")
        audioSamplesReceived += Number(report.totalSamplesReceived ?? 0);
      if (report.type === "transport" && report.selectedCandidatePairId)
        pairId = report.selectedCandidatePairId as string;
    });
    const pair = pairId ? byId.get(pairId) : undefined;
    const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
    return { framesDecoded, audioSamplesReceived, candidateType: local?.candidateType as string | undefined };
  });
}

/** The remote <video>'s decoded width (0 until frames arrive). */
export function remoteVideoWidth(page: Page): Promise<number> {
  return page.getByTestId("remote-video").evaluate((video) => (video as HTMLVideoElement).videoWidth);
}
