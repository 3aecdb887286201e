// The blur toggle's state: on loads blur and puts it between camera and call, off takes it out, the
// choice carries from the device check into the call (sessionStorage), and a device too slow (or a
// browser that cannot) turns it off by itself with the reason shown. Blur's code is a stand-in here.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { VideoProcessor } from "../../client/src/call/local-media.ts";

/** What the stand-in blur module was given: the callback that turns blur off with a reason. */
const offs: ((problem: "blurUnavailable" | "blurTooSlow") => void)[] = [];
vi.mock("../../client/src/call/blur/processor.ts", () => ({
  blurProcessor(off: (problem: "blurUnavailable" | "blurTooSlow") => void): VideoProcessor {
    offs.push(off);
    return async () => ({ track: {} as MediaStreamTrack, stop() {} });
  },
}));

const { createBlurSwitch } = await import("../../client/src/call/blur/blur-switch.ts");

class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A switch whose `apply` calls are recorded: a processor, or undefined for none. */
function switched() {
  const applied: (VideoProcessor | undefined)[] = [];
  const blur = createBlurSwitch((processor) => applied.push(processor));
  return { blur, applied };
}

beforeEach(() => {
  offs.length = 0;
  vi.stubGlobal("sessionStorage", new MemoryStorage());
});

describe("the blur switch", () => {
  it("starts off, puts blur in on a press and takes it out on the next", async () => {
    const { blur, applied } = switched();
    expect(blur.on()).toBe(false);
    expect(applied).toEqual([]);
    blur.toggle();
    expect(blur.on()).toBe(true);
    await settle();
    expect(applied).toHaveLength(1);
    expect(applied[0]).toBeTypeOf("function");
    blur.toggle();
    expect(blur.on()).toBe(false);
    expect(applied.at(-1)).toBeUndefined();
  });

  it("carries the device check's choice into the call: a new switch in the same tab starts on by itself", async () => {
    const deviceCheck = switched();
    deviceCheck.blur.toggle();
    await settle();
    const call = switched();
    expect(call.blur.on()).toBe(true);
    await settle();
    expect(call.applied[0]).toBeTypeOf("function");
  });

  it("turns itself off when the device is too slow, says why, and does not start again in the call", async () => {
    const { blur, applied } = switched();
    blur.toggle();
    await settle();
    offs[0]?.("blurTooSlow");
    expect(blur.on()).toBe(false);
    expect(blur.problem()).toBe("blurTooSlow");
    // The camera goes back as it is.
    expect(applied.at(-1)).toBeUndefined();
    expect(switched().blur.on()).toBe(false);
  });

  it("clears the notice when the person tries again", async () => {
    const { blur } = switched();
    blur.toggle();
    await settle();
    offs[0]?.("blurUnavailable");
    expect(blur.problem()).toBe("blurUnavailable");
    blur.toggle();
    expect(blur.problem()).toBeUndefined();
    expect(blur.on()).toBe(true);
  });

  it("ignores a report from a blur that was already turned off", async () => {
    const { blur } = switched();
    blur.toggle();
    await settle();
    blur.toggle();
    blur.toggle();
    await settle();
    offs[0]?.("blurTooSlow");
    expect(blur.on()).toBe(true);
    expect(blur.problem()).toBeUndefined();
  });
});
