import { describe, expect, it } from "vitest";
import { RoomSettings, SETTINGS_KEPT_MS } from "../../durable-objects/waiting-room/settings.ts";
import { DEFAULT_WAITING_ROOM_SETTINGS } from "../../schema/room-settings.ts";

/** Durable Object storage as far as the settings use it, counting writes. */
function storage(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  const writes: string[] = [];
  const fake = {
    get: async (key: string) => values.get(key),
    put: async (key: string, value: unknown) => {
      writes.push(key);
      values.set(key, value);
    },
    delete: async (key: string) => values.delete(key),
  };
  return { fake: fake as unknown as DurableObjectStorage, values, writes };
}

const practice = { idleLimitMs: 15 * 60_000, denyPauseMs: 0, consultationLimitMs: 30 * 60_000, shared: false };

describe("a waiting room's own settings", () => {
  it("uses the defaults until the practice's settings arrive, then keeps them in storage for the next wake-up", async () => {
    const { fake } = storage();
    const settings = await RoomSettings.load(fake);
    expect(settings.known).toBe(false);
    expect(settings.current).toEqual(DEFAULT_WAITING_ROOM_SETTINGS);
    settings.set(practice, 1_000);
    const woken = await RoomSettings.load(fake);
    expect(woken.known).toBe(true);
    expect(woken.idleLimitMs()).toBe(15 * 60_000);
    expect(woken.denyPauseMs()).toBe(0);
  });

  it("writes the same settings again only once a day, and a change at once", async () => {
    const { fake, writes } = storage();
    const settings = await RoomSettings.load(fake);
    settings.set(practice, 0);
    settings.set(practice, 60_000);
    expect(writes).toHaveLength(1);
    settings.set({ ...practice, denyPauseMs: 60_000 }, 120_000);
    expect(writes).toHaveLength(2);
    settings.set({ ...practice, denyPauseMs: 60_000 }, 120_000 + 25 * 60 * 60_000);
    expect(writes).toHaveLength(3);
  });

  it("forgets them when nobody set them for 30 days, and ignores a stored value of another shape", async () => {
    const { fake } = storage();
    const settings = await RoomSettings.load(fake);
    settings.set(practice, 0);
    expect(settings.expire(SETTINGS_KEPT_MS - 1)).toBe(SETTINGS_KEPT_MS);
    expect(settings.expire(SETTINGS_KEPT_MS)).toBeUndefined();
    expect(settings.known).toBe(false);
    expect((await RoomSettings.load(fake)).known).toBe(false);
    const odd = await RoomSettings.load(storage({ settings: { settings: { idleLimitMs: "soon" }, until: 5 } }).fake);
    expect(odd.current).toEqual(DEFAULT_WAITING_ROOM_SETTINGS);
  });
});
