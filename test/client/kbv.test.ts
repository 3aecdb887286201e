// The KBV set's points that live in the browser: the provider's page stays silent during a consultation,
// and the video adapts to the line. Anlage 31b BMV-Ä, § 5 (Anforderungen an den Videodienstanbieter);
// docs/KBV.md maps every point to its tests.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { monitorQuality, SAMPLE_INTERVAL_MS, SAMPLES_TO_STEP, type SenderLike } from "../../client/src/call/quality.ts";
import { FakeClock } from "./fake-clock.ts";

const played = vi.hoisted(() => ({ chimes: 0 }));
// The page's localStorage, which the modules read as they load (the language, the consultation mark).
const stored = vi.hoisted(() => {
  const values = new Map<string, string>();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => values.set(key, value),
      removeItem: (key: string) => values.delete(key),
    },
  });
  return values;
});
vi.mock("../../client/src/shared/chime.ts", () => ({
  chime: () => {
    played.chimes++;
  },
}));

// The words are not the point here; the real i18n module reads the page's document as it loads.
vi.mock("../../client/src/shared/i18n.ts", () => ({ t: (key: string) => key, tf: (key: string) => key }));

const { announceArrival, announceCallRequest } = await import("../../client/src/waiting/announce.ts");
const { markInConsultation } = await import("../../client/src/waiting/chosen-status.ts");

describe("Anlage 31b § 5 (ungestörte Videosprechstunde): no arrival sounds or notices during a consultation", () => {
  const shown: string[] = [];
  beforeEach(() => {
    played.chimes = 0;
    shown.length = 0;
    stored.clear();
    // A provider who allowed notifications, looking at another window.
    vi.stubGlobal("document", { visibilityState: "hidden" });
    const Notification = Object.assign(
      class {
        constructor(title: string) {
          shown.push(title);
        }
      },
      { permission: "granted" },
    );
    vi.stubGlobal("Notification", Notification);
    vi.stubGlobal("window", { Notification });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("chimes and notifies of an arrival outside a consultation", () => {
    announceArrival(1);
    expect(played.chimes).toBe(1);
    expect(shown).toHaveLength(1);
  });

  it("stays silent, without a notice, while this provider is in a consultation in any tab; a colleague's request to join waits too", () => {
    const leave = markInConsultation();
    announceArrival(2);
    announceCallRequest({ consultationId: "c1", from: "Dr. Kollegin" } as Parameters<typeof announceCallRequest>[0]);
    expect(played.chimes).toBe(0);
    expect(shown).toEqual([]);
    leave();
    announceArrival(3);
    expect(played.chimes).toBe(1);
  });
});

describe("Anlage 31b § 5 (Adaptivität bei schwankender Verbindungsqualität)", () => {
  it("steps the video down on a poor line and back up on a good one, without the people in the call doing anything", async () => {
    // The detailed steps, audio-only suggestion and group caps: test/client/quality.test.ts.
    const clock = new FakeClock();
    const parameters: RTCRtpSendParameters = {
      transactionId: "t",
      encodings: [{ active: true }],
      codecs: [],
      headerExtensions: [],
      rtcp: {},
    };
    let current = parameters;
    const sender: SenderLike = {
      track: { kind: "video" },
      getParameters: () => structuredClone(current),
      setParameters: async (next) => {
        current = next;
      },
    };
    let rtt = 0.03;
    let kbps = 2000;
    const stats = () =>
      new Map<string, Record<string, unknown>>([
        ["T", { id: "T", type: "transport", selectedCandidatePairId: "P" }],
        ["P", { id: "P", type: "candidate-pair", currentRoundTripTime: rtt, availableOutgoingBitrate: kbps * 1000 }],
        ["V", { id: "V", type: "inbound-rtp", kind: "video", packetsLost: 0, packetsReceived: 1000 }],
      ]) as unknown as RTCStatsReport;
    const handle = monitorQuality({
      getStats: async () => stats(),
      videoSenders: () => [sender],
      clock,
      onChange: () => undefined,
    });
    const samples = async (n: number) => {
      for (let i = 0; i < n; i++) {
        clock.advance(SAMPLE_INTERVAL_MS);
        for (let j = 0; j < 5; j++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    };
    await samples(1);
    expect(current.encodings[0]?.maxBitrate).toBeUndefined();
    // The line turns poor (a train, a weak signal): the video sends less.
    rtt = 0.7;
    kbps = 80;
    await samples(SAMPLES_TO_STEP);
    const lowered = current.encodings[0]?.maxBitrate;
    expect(lowered).toBeGreaterThan(0);
    // Good again: the limit goes.
    rtt = 0.03;
    kbps = 2000;
    await samples(SAMPLES_TO_STEP);
    expect(current.encodings[0]?.maxBitrate).toBeUndefined();
    handle.stop();
  });
});
