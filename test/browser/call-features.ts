// What the people in a call can do besides seeing each other, driven through the stable hooks in
// Chromium: compare safety codes, mute, turn the camera off, chat, send a file.
import { createHash } from "node:crypto";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { eventually } from "./flows.ts";
import { readCallStats } from "./page-scripts.ts";

const text = (page: Page, testid: string) => page.getByTestId(testid).first().textContent();

/** Both sides show a safety code, and it is the same: nobody in between swapped the keys. */
export async function expectSameSafetyCode(a: Page, b: Page): Promise<string> {
  await eventually(() => text(a, "safety-code")).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  await eventually(async () => (await text(a, "safety-code")) === (await text(b, "safety-code"))).toBe(true);
  return (await text(a, "safety-code")) ?? "";
}

/** Mute and camera-off on one side show on the other, and go away again. */
export async function expectMuteAndCameraSeen(from: Page, to: Page): Promise<void> {
  await from.getByTestId("mute-toggle").click();
  await to.getByTestId("remote-muted").waitFor();
  await from.getByTestId("mute-toggle").click();
  await to.getByTestId("remote-muted").waitFor({ state: "detached" });
  await from.getByTestId("camera-toggle").click();
  await to.getByTestId("remote-camera-off").waitFor();
  await from.getByTestId("camera-toggle").click();
  await to.getByTestId("remote-camera-off").waitFor({ state: "detached" });
}

export async function openChat(page: Page): Promise<void> {
  if ((await page.getByTestId("chat-toggle").getAttribute("aria-expanded")) !== "true") {
    await page.getByTestId("chat-toggle").click();
  }
  await page.getByTestId("chat-input").waitFor();
}

/** Types and sends a chat message. */
export async function chatFrom(from: Page, message: string): Promise<void> {
  await openChat(from);
  await from.getByTestId("chat-input").fill(message);
  await from.getByTestId("chat-send").click();
}

/** A message typed on one side appears on the other. */
export async function chat(from: Page, to: Page, message: string): Promise<void> {
  await chatFrom(from, message);
  await openChat(to);
  await eventually(() => to.getByTestId("chat-message").allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining(message)]),
  );
}

/** Picks a file of this size (varied bytes) in the chat's file input; returns its SHA-256. */
export async function sendFileFrom(from: Page, name: string, bytes: number): Promise<string> {
  const content = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4096) content.writeUInt32BE((i * 2654435761) >>> 0, i);
  await openChat(from);
  await from.getByTestId("file-input").setInputFiles({ name, mimeType: "application/octet-stream", buffer: content });
  return createHash("sha256").update(content).digest("hex");
}

/** A file sent from one side arrives whole on the other: the same SHA-256 on both, and a download offered. */
export async function sendFile(from: Page, to: Page, name: string, bytes: number): Promise<void> {
  await openChat(to);
  const sha256 = await sendFileFrom(from, name, bytes);
  const arrived = to.locator(`[data-testid="file-transfer"][data-state="done"]`).filter({ hasText: name });
  await arrived.waitFor({ timeout: 60_000 });
  expect(await arrived.getAttribute("data-sha256")).toBe(sha256);
  expect(await arrived.getByTestId("file-download").getAttribute("download")).toBe(name);
  const sent = from.locator(`[data-testid="file-transfer"][data-state="done"]`).filter({ hasText: name });
  await sent.waitFor();
  expect(await sent.getAttribute("data-sha256")).toBe(sha256);
}

/** Sharing the screen shows the sharer a bar with Stop; the other side keeps receiving video. */
export async function shareScreen(sharer: Page, viewer: Page): Promise<void> {
  await sharer.getByTestId("screen-share").click();
  await sharer.getByTestId("sharing-bar").waitFor();
  // A shared screen is shown as it is, not mirrored like a face.
  expect((await sharer.getByTestId("local-video").getAttribute("class")) ?? "").not.toContain("mirror");
  const before = (await viewer.evaluate(readCallStats)).framesDecoded;
  await eventually(async () => (await viewer.evaluate(readCallStats)).framesDecoded).toBeGreaterThan(before);
  await sharer.getByTestId("sharing-bar").getByRole("button").click();
  await sharer.getByTestId("sharing-bar").waitFor({ state: "detached" });
}

/** Ending asks once; confirming ends (provider) or leaves (patient). */
export async function endCall(page: Page): Promise<void> {
  await page.getByTestId("end-call").click();
  await page.getByTestId("end-confirm").click();
  await page.getByTestId("call-ended").waitFor();
}
