// File throughput over the call's data channel.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../test/browser/chromium.ts";
import { oneCall } from "./call-pages.ts";

/** MB/s of a 50 MB file from patient to provider over the data channel, from picking it to its verified arrival. */
export async function fileThroughput(baseUrl: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const { provider, patient } = await oneCall(baseUrl, browser);
    await provider.getByTestId("chat-toggle").click();
    await patient.getByTestId("chat-toggle").click();
    const size = 50 * 1024 * 1024;
    const content = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) content.writeUInt32BE(i >>> 0, i);
    // Playwright passes buffers only up to 50 MB: a file on disk instead.
    const folder = mkdtempSync(join(tmpdir(), "anteroom-file-"));
    const file = join(folder, "bench.bin");
    writeFileSync(file, content);
    try {
      const start = performance.now();
      await patient.getByTestId("file-input").setInputFiles(file);
      await provider.locator('[data-testid="file-transfer"][data-state="done"]').waitFor({ timeout: 180_000 });
      return 50 / ((performance.now() - start) / 1000);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
}
