// File throughput over the call's data channel, beside a bare data channel pair measured in the same
// run (the floor), and how long the call pages' main threads were blocked while the file moved.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../test/browser/chromium.ts";
import { oneCall } from "./call-pages.ts";

const FILE_MB = 50;
const FILE_BYTES = FILE_MB * 1024 * 1024;

/** The longest a page's main thread was blocked: its longest task (and when it began) and its longest gap between frames. */
export interface MainThread {
  longestTaskMs: number;
  /** Seconds after the watch began (for the file: after it was picked). */
  longestTaskAtS: number;
  longestFrameGapMs: number;
}

export interface FileThroughput {
  /** MB/s of the app, from picking the file to its verified arrival. */
  appMbPerSecond: number;
  /** MB/s of a bare RTCDataChannel pair between two plain pages of the same browser, nothing else running. */
  floorMbPerSecond: number;
  /**
   * The bare pair's pages while their 50 MB moved: on a busy machine even a page doing nothing but
   * send() shows long tasks, and this says how long.
   */
  floorSender: MainThread;
  floorReceiver: MainThread;
  /** The same bare pair while the call (video both ways) still runs: what the call's media leaves for files. */
  floorBesideCallMbPerSecond: number;
  /** The call pages while the file moves. */
  patient: MainThread;
  provider: MainThread;
  /** The same call pages for a while with no file: what they show without one. */
  idlePatient: MainThread;
  idleProvider: MainThread;
}

/** How long the call pages are watched without a file, for comparison. */
const IDLE_WATCH_MS = 5000;

/**
 * A 50 MB file from patient to provider through the real call pages, and the same 50 MB over a bare
 * data channel pair, in the same Chromium: first on an otherwise idle browser (the floor), and again
 * beside the call once the file has arrived.
 */
export async function fileThroughput(baseUrl: string): Promise<FileThroughput> {
  const browser = await launchChromium();
  try {
    const floor = await bareChannel(browser, baseUrl);
    const { provider, patient } = await oneCall(baseUrl, browser);
    await provider.getByTestId("chat-toggle").click();
    await patient.getByTestId("chat-toggle").click();
    await Promise.all([patient.evaluate(watchMainThread), provider.evaluate(watchMainThread)]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_WATCH_MS));
    const [idlePatient, idleProvider] = await Promise.all([
      patient.evaluate(readMainThread),
      provider.evaluate(readMainThread),
    ]);
    const app = await appTransfer(provider, patient);
    const besideCall = await bareChannel(browser, baseUrl);
    return {
      floorMbPerSecond: floor.mbPerSecond,
      floorSender: floor.sender,
      floorReceiver: floor.receiver,
      floorBesideCallMbPerSecond: besideCall.mbPerSecond,
      idlePatient,
      idleProvider,
      ...app,
    };
  } finally {
    await browser.close();
  }
}

/** The file from patient to provider, both chat panels open. */
async function appTransfer(provider: Page, patient: Page) {
  const content = Buffer.alloc(FILE_BYTES);
  for (let i = 0; i < FILE_BYTES; i += 4096) content.writeUInt32BE(i >>> 0, i);
  // Playwright passes buffers only up to 50 MB: a file on disk instead.
  const folder = mkdtempSync(join(tmpdir(), "anteroom-file-"));
  const file = join(folder, "bench.bin");
  writeFileSync(file, content);
  try {
    await Promise.all([patient.evaluate(watchMainThread), provider.evaluate(watchMainThread)]);
    const start = performance.now();
    await patient.getByTestId("file-input").setInputFiles(file);
    await provider.locator('[data-testid="file-transfer"][data-state="done"]').waitFor({ timeout: 180_000 });
    const appMbPerSecond = FILE_MB / ((performance.now() - start) / 1000);
    const [patientThread, providerThread] = await Promise.all([
      patient.evaluate(readMainThread),
      provider.evaluate(readMainThread),
    ]);
    return { appMbPerSecond, patient: patientThread, provider: providerThread };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Two plain pages connected directly, signalling passed through this process; MB/s of 50 MB one way. */
/** What the bare pair measured: its rate, and its pages' main threads while the 50 MB moved. */
interface Bare {
  mbPerSecond: number;
  sender: MainThread;
  receiver: MainThread;
}

async function bareChannel(browser: Browser, baseUrl: string): Promise<Bare> {
  const context = await browser.newContext({ permissions: ["camera", "microphone"] });
  try {
    // A small page of the stack: a secure context, so the pages may ask for the (fake) microphone.
    const [sender, receiver] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([sender.goto(`${baseUrl}/api/health`), receiver.goto(`${baseUrl}/api/health`)]);
    const offer = await sender.evaluate(floorDescription, null);
    const answer = await receiver.evaluate(floorDescription, offer);
    await sender.evaluate(floorConnect, answer);
    await Promise.all([sender.evaluate(floorOpen), receiver.evaluate(floorOpen)]);
    await Promise.all([sender.evaluate(watchMainThread), receiver.evaluate(watchMainThread)]);
    const arrived = receiver.evaluate(floorReceive, FILE_BYTES);
    const start = performance.now();
    await sender.evaluate(floorSend, FILE_BYTES);
    await arrived;
    const mbPerSecond = FILE_MB / ((performance.now() - start) / 1000);
    const [senderThread, receiverThread] = await Promise.all([
      sender.evaluate(readMainThread),
      receiver.evaluate(readMainThread),
    ]);
    return { mbPerSecond, sender: senderThread, receiver: receiverThread };
  } finally {
    await context.close();
  }
}

// The functions below run inside the pages (page.evaluate serializes them): no imports, no closures.

interface FloorWindow {
  __floor: { connection: RTCPeerConnection; channel: RTCDataChannel };
  __mainThread: MainThread & { stop(): void };
}

/**
 * Records the longest task (PerformanceObserver "longtask": over 50 ms) and the longest gap between
 * animation frames from now on; readMainThread stops and reports. The frame gap also catches a page
 * kept busy by many shorter tasks in a row, which no single long task shows.
 */
function watchMainThread(): void {
  const began = performance.now();
  const state = { longestTaskMs: 0, longestTaskAtS: 0, longestFrameGapMs: 0, stop: () => {} };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= state.longestTaskMs) continue;
      state.longestTaskMs = entry.duration;
      state.longestTaskAtS = (entry.startTime - began) / 1000;
    }
  });
  observer.observe({ type: "longtask" });
  let running = true;
  let last = began;
  const frame = (now: number) => {
    if (!running) return;
    state.longestFrameGapMs = Math.max(state.longestFrameGapMs, now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  state.stop = () => {
    running = false;
    observer.disconnect();
  };
  (window as unknown as FloorWindow).__mainThread = state;
}

function readMainThread(): MainThread {
  const state = (window as unknown as FloorWindow).__mainThread;
  state.stop();
  const { longestTaskMs, longestTaskAtS, longestFrameGapMs } = state;
  return { longestTaskMs, longestTaskAtS, longestFrameGapMs };
}

/**
 * One side of the bare pair: a negotiated channel and a description carrying every candidate, the offer
 * (no `offer` given: the sender) or the answer to it (the receiver). One function for both, since
 * page.evaluate serializes only the function it is given. With the microphone granted, Chromium offers
 * its real loopback address instead of an mDNS name, as it does on the call pages.
 */
async function floorDescription(offer: string | null): Promise<string> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => undefined);
  for (const track of stream?.getTracks() ?? []) track.stop();
  const connection = new RTCPeerConnection();
  const channel = connection.createDataChannel("floor", { negotiated: true, id: 0 });
  channel.binaryType = "arraybuffer";
  (window as unknown as FloorWindow).__floor = { connection, channel };
  if (offer === null) await connection.setLocalDescription(await connection.createOffer());
  else {
    await connection.setRemoteDescription({ type: "offer", sdp: offer });
    await connection.setLocalDescription(await connection.createAnswer());
  }
  await new Promise<void>((resolve) => {
    if (connection.iceGatheringState === "complete") return resolve();
    connection.addEventListener("icegatheringstatechange", () => {
      if (connection.iceGatheringState === "complete") resolve();
    });
  });
  return connection.localDescription?.sdp ?? "";
}

async function floorConnect(answer: string): Promise<void> {
  await (window as unknown as FloorWindow).__floor.connection.setRemoteDescription({ type: "answer", sdp: answer });
}

async function floorOpen(): Promise<void> {
  const { channel } = (window as unknown as FloorWindow).__floor;
  if (channel.readyState === "open") return;
  await new Promise((resolve) => channel.addEventListener("open", resolve, { once: true }));
}

/** Resolves when `total` bytes have arrived; counts them only, as the cheapest receiver can. */
function floorReceive(total: number): Promise<void> {
  const { channel } = (window as unknown as FloorWindow).__floor;
  let received = 0;
  return new Promise((resolve) => {
    channel.addEventListener("message", ({ data }) => {
      received += (data as ArrayBuffer).byteLength;
      if (received >= total) resolve();
    });
  });
}

/**
 * Sends `total` bytes in 64 KiB messages as fast as the channel's queue allows: up to 8 MiB queued,
 * refilled on bufferedamountlow at 2 MiB (Chromium closes a channel whose queue passes 16 MiB).
 */
async function floorSend(total: number): Promise<void> {
  const { channel } = (window as unknown as FloorWindow).__floor;
  const chunk = new Uint8Array(64 * 1024).fill(7);
  channel.bufferedAmountLowThreshold = 2 * 1024 * 1024;
  for (let sent = 0; sent < total; sent += chunk.byteLength) {
    if (channel.bufferedAmount > 8 * 1024 * 1024) {
      await new Promise((resolve) => channel.addEventListener("bufferedamountlow", resolve, { once: true }));
    }
    channel.send(chunk.subarray(0, Math.min(chunk.byteLength, total - sent)));
  }
}
