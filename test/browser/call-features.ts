// What the people in a call can do besides seeing each other, driven through the stable hooks in
// Chromium: compare safety codes, mute, turn the camera off, chat, send a file.
import { createHash } from "node:crypto";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { eventually, type ScreenCheck } from "./flows.ts";
import { readCallStats, readChat, type ShownChat } from "./page-scripts.ts";

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

/** One participant's chat as the group checks read it, in whichever browser. */
export interface ChatSide {
  name: string;
  /** Opens the chat panel (once loaded it stays in the page, shown or hidden). */
  open(): Promise<void>;
  read(): Promise<ShownChat>;
}

export const chromiumChat = (name: string, page: Page): ChatSide => ({
  name,
  open: () => openChat(page),
  read: () => page.evaluate(readChat),
});

/** A message from one person reaches everyone else in the call, each naming who sent it. */
export async function expectChatToAll(from: Page, sender: string, to: ChatSide[], message: string): Promise<void> {
  await chatFrom(from, message);
  for (const side of to) {
    await side.open();
    await eventually(
      async () => (await side.read()).messages.find((shown) => shown.text === message)?.who ?? "",
      `${side.name}: the message, named by its sender`,
    ).toContain(sender);
  }
}

/**
 * A file sent to one person (`file-recipient`) arrives whole there (the same SHA-256, a download), the
 * sender's row says whom it went to, and nobody else is offered it.
 */
export async function expectFileToOne(
  from: Page,
  to: { name: string; chat: ChatSide },
  others: ChatSide[],
  file: string,
  bytes: number,
): Promise<void> {
  await to.chat.open();
  for (const other of others) await other.open();
  await openChat(from);
  const choice = from.getByTestId("file-recipient");
  const value = await choice.locator("option").filter({ hasText: to.name }).getAttribute("value");
  if (!value || value === "all") throw new Error(`${to.name} is not offered as the file's recipient`);
  await choice.selectOption(value);
  const sha256 = await sendFileFrom(from, file, bytes);
  await eventually(
    async () => (await to.chat.read()).transfers.find((row) => row.name === file && row.state === "done"),
    `${to.chat.name}: the file, received whole`,
  ).toMatchObject({ sha256, download: file });
  const sent = async () => (await from.evaluate(readChat)).transfers.filter((row) => row.name === file);
  await eventually(async () => (await sent()).map((row) => row.state)).toEqual(["done"]);
  expect((await sent())[0]?.to).toContain(to.name);
  for (const other of others) {
    expect((await other.read()).transfers, `${other.name}: offered no file`).toEqual([]);
  }
}

type Box = { x: number; y: number; width: number; height: number };
const box = async (page: Page, testid: string): Promise<Box> => {
  const found = await page.getByTestId(testid).first().boundingBox();
  if (!found) throw new Error(`${testid} is not shown`);
  return found;
};
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Sharing the screen shows the sharer a bar with Stop; the other side keeps receiving video, is told
 * whose screen it is (`label`), sees it fill the stage and can zoom into it.
 */
export async function shareScreen(sharer: Page, viewer: Page, label: RegExp): Promise<void> {
  await sharer.getByTestId("screen-share").click();
  await sharer.getByTestId("sharing-bar").waitFor();
  // A shared screen is shown as it is, not mirrored like a face.
  expect((await sharer.getByTestId("local-video").getAttribute("class")) ?? "").not.toContain("mirror");
  const before = (await viewer.evaluate(readCallStats)).framesDecoded;
  await eventually(async () => (await viewer.evaluate(readCallStats)).framesDecoded).toBeGreaterThan(before);
  await eventually(() => viewer.getByTestId("remote-sharing").textContent()).toMatch(label);
  // As large as the stage: the whole width of the screen (a phone's), shown whole (contain).
  const shown = await box(viewer, "remote-video");
  expect(shown.width).toBe(viewer.viewportSize()?.width);
  expect(await viewer.getByTestId("remote-video").evaluate((v) => getComputedStyle(v).objectFit)).toBe("contain");
  // Zoomed in, it is larger than the stage and can be panned; zoomed out, whole again.
  await viewer.getByTestId("remote-zoom").click();
  expect((await box(viewer, "remote-video")).width).toBeGreaterThan(shown.width * 1.5);
  const pans = await viewer.getByTestId("remote-frame").evaluate((frame) => frame.scrollWidth > frame.clientWidth);
  expect(pans).toBe(true);
  await viewer.getByTestId("remote-zoom").click();
  expect((await box(viewer, "remote-video")).width).toBe(shown.width);
  await sharer.getByTestId("sharing-bar").getByRole("button").click();
  await sharer.getByTestId("sharing-bar").waitFor({ state: "detached" });
  await viewer.getByTestId("remote-sharing").waitFor({ state: "detached" });
}

/**
 * A 1:1 call has its one `participant` tile, connected, and no grid; the safety code says it covers
 * two people. The participants panel opens from the controls (reachable on the screen, focus moves
 * into it), lists both people, passes axe, and Escape closes it with focus back on its toggle.
 */
export async function expectParticipantsPanel(page: Page, check: ScreenCheck, screen: string): Promise<void> {
  const tile = page.getByTestId("participant");
  await eventually(() => tile.getAttribute("data-state")).toBe("connected");
  expect(await tile.count()).toBe(1);
  expect(await tile.getByTestId("remote-video").count()).toBe(1);
  expect(await page.getByTestId("layout-grid").count()).toBe(0);
  await eventually(() => page.getByTestId("safety-code").getAttribute("data-participants")).toBe("2");

  const toggle = page.getByTestId("participants-panel-toggle");
  const viewport = page.viewportSize();
  const button = await toggle.boundingBox();
  if (!viewport || !button) throw new Error("no viewport or no participants toggle");
  expect(button.x >= 0 && button.x + button.width <= viewport.width).toBe(true);
  expect(button.y >= 0 && button.y + button.height <= viewport.height).toBe(true);
  expect(await toggle.getAttribute("aria-expanded")).toBe("false");
  await toggle.click();
  const panel = page.getByTestId("participants-panel");
  await panel.waitFor();
  expect(await toggle.getAttribute("aria-expanded")).toBe("true");
  await eventually(() => panel.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  const entries = panel.getByTestId("participants-entry");
  expect(await entries.count()).toBe(2);
  // The other person's entry is the tile's person, connected as the tile says.
  const other = entries.nth(1);
  expect(await other.getAttribute("data-participant-id")).toBe(await tile.getAttribute("data-participant-id"));
  expect(await other.getAttribute("data-state")).toBe("connected");
  const shown = await panel.boundingBox();
  expect(shown && shown.x >= 0 && shown.x + shown.width <= viewport.width + 1).toBe(true);
  await check(`call, participants panel, ${screen}`);

  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });
  expect(await toggle.getAttribute("aria-expanded")).toBe("false");
  expect(await toggle.evaluate((element) => element === document.activeElement)).toBe(true);
}

/** With the camera off, one's own tile stays the small tile it was with the picture, not a tall box. */
export async function expectSelfTileKeepsSize(page: Page): Promise<void> {
  // The camera's landscape picture in a phone's corner: a tile wider than tall, once it shows (just
  // after the camera came back on, the layout may still be catching up).
  await eventually(async () => {
    const tile = await box(page, "self-view");
    return tile.height < tile.width;
  }).toBe(true);
  const withCamera = await box(page, "self-view");
  await page.getByTestId("camera-toggle").click();
  await page.getByTestId("self-camera-off").waitFor();
  await eventually(async () => {
    const tile = await box(page, "self-view");
    return Math.abs(tile.width - withCamera.width) <= 2 && Math.abs(tile.height - withCamera.height) <= 2;
  }, "the camera-off tile has the camera-on tile's size").toBe(true);
  await page.getByTestId("camera-toggle").click();
  await page.getByTestId("self-camera-off").waitFor({ state: "detached" });
}

/** On a wide screen the open chat sits beside the stage: both pictures stay in full view. */
export async function expectChatBesidePictures(page: Page): Promise<void> {
  await openChat(page);
  const panel = (await page.locator(".chat-panel").boundingBox())!;
  expect(overlaps(await box(page, "remote-video"), panel)).toBe(false);
  expect(overlaps(await box(page, "local-video"), panel)).toBe(false);
}

/** Whether the newest chat entry is inside the visible part of the list. */
const newestInView = (page: Page) =>
  page.locator(".chat-list").evaluate((list) => {
    const last = list.lastElementChild?.getBoundingClientRect();
    const shown = list.getBoundingClientRect();
    return last !== undefined && last.bottom <= shown.bottom + 1 && last.top >= shown.top - 1;
  });

/**
 * The receiver's open chat keeps the newest message in view as messages arrive and when opened again,
 * but not while the person has scrolled up to read an older one.
 */
export async function expectChatFollowsNewest(from: Page, to: Page): Promise<void> {
  await openChat(to);
  const count = await to.getByTestId("chat-message").count();
  for (let i = 1; i <= 12; i++) await chatFrom(from, `Zeile ${i} von zwölf`);
  await eventually(() => to.getByTestId("chat-message").count()).toBe(count + 12);
  // Enough to scroll: otherwise this proves nothing.
  expect(await to.locator(".chat-list").evaluate((list) => list.scrollHeight > list.clientHeight)).toBe(true);
  await eventually(() => newestInView(to)).toBe(true);

  // Scrolled up to read: a new message does not pull the list away.
  await to.locator(".chat-list").evaluate((list) => list.scrollTo({ top: 0 }));
  await chatFrom(from, "Noch eine Frage");
  await eventually(() => to.getByTestId("chat-message").count()).toBe(count + 13);
  expect(await to.locator(".chat-list").evaluate((list) => list.scrollTop)).toBe(0);

  // Closed and opened again: the newest is shown.
  await to.getByTestId("chat-toggle").click();
  await chatFrom(from, "Und die letzte");
  await eventually(() => to.getByTestId("chat-toggle").textContent()).toMatch(/\d/);
  await openChat(to);
  await eventually(() => newestInView(to)).toBe(true);
  expect(await to.getByTestId("chat-message").last().textContent()).toContain("Und die letzte");
}

/** Ending asks once; confirming ends (provider) or leaves (patient). */
export async function endCall(page: Page): Promise<void> {
  await page.getByTestId("end-call").click();
  await page.getByTestId("end-confirm").click();
  await page.getByTestId("call-ended").waitFor();
}
