// Background blur sits between the camera and what is sent and shown (LocalMedia.setVideoProcessor):
// every peer gets the processed track, the self-view shows it, a new camera is processed too, and
// nothing unprocessed is sent while it starts. Fake tracks: Node has no media.
import { describe, expect, it } from "vitest";
import { LocalMedia, type ProcessedVideo, type VideoProcessor } from "../../client/src/call/local-media.ts";

interface FakeTrack {
  kind: string;
  label: string;
  enabled: boolean;
  stopped: boolean;
  stop(): void;
  getSettings(): MediaTrackSettings;
  clone(): MediaStreamTrack;
}

let count = 0;
function track(kind: string): MediaStreamTrack {
  const fake: FakeTrack = {
    kind,
    label: `${kind}-${++count}`,
    enabled: true,
    stopped: false,
    stop() {
      fake.stopped = true;
    },
    getSettings: () => ({ deviceId: `${kind}-default` }),
    clone: () => track(kind),
  };
  return fake as unknown as MediaStreamTrack;
}
const stream = (tracks: MediaStreamTrack[]) => ({ getTracks: () => tracks }) as unknown as MediaStream;

function local() {
  let changes = 0;
  const media = new LocalMedia({
    access: { getUserMedia: async () => stream([track("video")]) },
    newStream: stream,
    changed: () => changes++,
  });
  media.start(stream([track("audio"), track("video")]));
  return { media, changes: () => changes, shown: () => media.stream?.getTracks().find((t) => t.kind === "video") };
}

/** A processor whose start the test lets finish; it labels its output after the camera. */
function processor() {
  const outputs: { camera: MediaStreamTrack; video: ProcessedVideo; stopped: boolean }[] = [];
  let fail = false;
  const run: VideoProcessor = async (camera) => {
    if (fail) throw new Error("unavailable");
    const out = { camera, stopped: false, video: { track: track("video"), stop: () => (out.stopped = true) } };
    outputs.push(out);
    return out.video;
  };
  return {
    run,
    outputs,
    failNext: () => {
      fail = true;
    },
  };
}

describe("a video processor between camera and call", () => {
  it("sends and shows the processed picture, and the camera again once it is taken out", async () => {
    const { media, changes, shown } = local();
    const camera = media.outgoingFor(false).video;
    const blur = processor();
    const before = changes();
    expect(await media.setVideoProcessor(blur.run)).toBe(true);
    const processed = blur.outputs[0]?.video.track;
    expect(blur.outputs[0]?.camera).toBe(camera);
    expect(media.outgoingFor(false).video).toBe(processed);
    expect(shown()).toBe(processed);
    // Every peer replaces its video track on this.
    expect(changes()).toBeGreaterThan(before);

    expect(await media.setVideoProcessor(undefined)).toBe(true);
    expect(media.outgoingFor(false).video).toBe(camera);
    expect(shown()).toBe(camera);
    expect(blur.outputs[0]?.stopped).toBe(true);
    expect((camera as unknown as FakeTrack).stopped).toBe(false);
  });

  it("follows a camera switch: the old camera's output stops, the new camera is processed and sent", async () => {
    const { media } = local();
    const blur = processor();
    await media.setVideoProcessor(blur.run);
    const switching = media.useDevice("videoinput", "rear");
    const done = await switching;
    expect(done).toBe(true);
    // The old output stopped with its camera; the new camera is being processed.
    expect(blur.outputs[0]?.stopped).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(blur.outputs).toHaveLength(2);
    expect(blur.outputs[1]?.camera).not.toBe(blur.outputs[0]?.camera);
    expect(media.outgoingFor(false).video).toBe(blur.outputs[1]?.video.track);
  });

  it("sends black, never the background, while the processor starts; the self-view shows the camera meanwhile", async () => {
    const { media, shown } = local();
    const camera = media.outgoingFor(false).video;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: VideoProcessor = async () => {
      await gate;
      return { track: track("video"), stop() {} };
    };
    const started = media.setVideoProcessor(slow);
    const placeholder = media.outgoingFor(false).video as unknown as FakeTrack;
    expect(placeholder).not.toBe(camera);
    expect(placeholder.enabled).toBe(false);
    expect(shown()).toBe(camera);
    release();
    expect(await started).toBe(true);
    const processed = media.outgoingFor(false).video;
    expect(processed).not.toBe(camera);
    expect(processed).not.toBe(placeholder);
    expect(shown()).toBe(processed);
    expect(placeholder.stopped).toBe(true);
  });

  it("goes on with the camera as it is when the processor cannot start", async () => {
    const { media, shown } = local();
    const camera = media.outgoingFor(false).video;
    const blur = processor();
    blur.failNext();
    expect(await media.setVideoProcessor(blur.run)).toBe(false);
    expect(media.outgoingFor(false).video).toBe(camera);
    expect(shown()).toBe(camera);
  });

  it("stops the processed track when the call ends", async () => {
    const { media } = local();
    const blur = processor();
    await media.setVideoProcessor(blur.run);
    media.stop();
    expect(blur.outputs[0]?.stopped).toBe(true);
  });
});
