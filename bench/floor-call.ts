// The admission floor: two bare pages (bench/floor/relay-page.ts) in the same Chromium as the app's, with
// the same fake camera, connecting one peer connection through a bare relay object (bench/floor/worker.ts).
// What is left of admission once the app is taken away: camera, signaling through a Durable Object,
// ICE, DTLS and the first decoded frame.
import type { Browser } from "playwright-core";
import { newPage } from "../test/browser/chromium.ts";
import { freePort, startProcess, stopProcess, waitForHttp } from "../test/browser/processes.ts";
import { bothVideosPlay } from "./call-pages.ts";

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";
const quiet = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" };

/**
 * The floors' worker (bench/floor: the bare greeting object and the bare relay) under `wrangler dev` on a
 * free loopback port; `processGroup` is its processes' group (for their CPU and memory), `stop` ends it.
 */
export async function startFloor(): Promise<{ baseUrl: string; processGroup: number; stop(): void }> {
  const port = await freePort();
  const child = startProcess(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--config",
      "bench/floor/wrangler.toml",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      "0",
      "--show-interactive-dev-session=false",
    ],
    quiet,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/relay.html`, child);
  } catch (error) {
    stopProcess(child);
    throw error;
  }
  return { baseUrl, processGroup: child.pid ?? 0, stop: () => stopProcess(child) };
}

/** Milliseconds from "go" on both bare pages until both show the other's video. */
export async function floorRound(browser: Browser, baseUrl: string, room: string): Promise<number> {
  const sides = await Promise.all(["a", "b"].map(() => newPage(browser, baseUrl)));
  try {
    await Promise.all(sides.map(({ page }, i) => page.goto(`/relay.html?room=${room}&side=${i === 0 ? "a" : "b"}`)));
    const start = performance.now();
    await Promise.all(sides.map(({ page }) => page.evaluate(() => (window as unknown as { go(): void }).go())));
    await Promise.all(sides.map(({ page }) => bothVideosPlay(page)));
    return performance.now() - start;
  } finally {
    await Promise.all(sides.map(({ context }) => context.close()));
  }
}
