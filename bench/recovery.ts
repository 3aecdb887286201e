// Recovery after a cut of the media path: how long until frames flow again once UDP is back.
import { launchChromium } from "../test/browser/chromium.ts";
import { cutMediaPath, restoreMediaPath } from "../test/browser/network.ts";
import { framesDecoded, oneCall, until } from "./call-pages.ts";

/**
 * Milliseconds from restoring a cut media path (all UDP dropped for 10 s, both sides noticed) until the
 * provider decodes new frames from the patient again.
 */
export async function recoveryAfterCut(baseUrl: string, rounds: number): Promise<number[]> {
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    const { provider } = await oneCall(baseUrl, browser);
    const state = () =>
      provider
        .getByTestId("connection-status")
        .first()
        .getAttribute("data-state", { timeout: 1000 })
        .catch(() => null);
    for (let round = 0; round < rounds; round++) {
      await until(async () => (await state()) === "connected", 60_000, "connected before the cut");
      cutMediaPath();
      const cutAt = performance.now();
      try {
        await until(async () => (await state()) === "reconnecting", 30_000, "reconnecting shown");
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutAt + 10_000 - performance.now())));
      } finally {
        restoreMediaPath();
      }
      const restoredAt = performance.now();
      const before = await framesDecoded(provider);
      await until(async () => (await framesDecoded(provider)) > before, 90_000, "frames after the cut");
      times.push(performance.now() - restoredAt);
    }
  } finally {
    await browser.close();
  }
  return times;
}
