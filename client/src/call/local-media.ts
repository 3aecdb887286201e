// What this side of a call captures and sends: the microphone, the camera or a shared screen, and the
// flags the other side shows (muted, camera off, audio-only, sharing). Plain logic over an injected
// MediaAccess, so every rule is tested with fake tracks (test/client/call-session.test.ts, "a call's controls").
import { type MediaFlags, NO_FLAGS } from "../../../schema/peer-messages.ts";
import { CAMERA_CONSTRAINTS, type MediaAccess, MICROPHONE_CONSTRAINTS, stopStream } from "../shared/media.ts";
import type { Outgoing } from "./negotiation.ts";

export type DeviceKind = "audioinput" | "videoinput";
type Facing = "user" | "environment";

/**
 * Something between the camera and what is sent and shown (background blur): given a camera track, the
 * track to use in its place. It rejects when it cannot run; the camera is then used as it is.
 */
export type VideoProcessor = (camera: MediaStreamTrack) => Promise<ProcessedVideo>;
export interface ProcessedVideo {
  readonly track: MediaStreamTrack;
  /** Stops the processed track; the camera is LocalMedia's and keeps running. */
  stop(): void;
}

export interface LocalMediaOptions {
  access: MediaAccess;
  /** Builds the self-view's stream; tests pass a stand-in, as Node has no MediaStream. */
  newStream(tracks: MediaStreamTrack[]): MediaStream;
  /** Called after every change of tracks or flags. */
  changed(): void;
}

export class LocalMedia {
  private flagsNow: MediaFlags = NO_FLAGS;
  private audio: MediaStreamTrack | undefined;
  private camera: MediaStreamTrack | undefined;
  private screen: MediaStreamTrack | undefined;
  /** The camera to open when it goes on again: the one chosen, or the one in use. */
  private cameraDeviceId: string | undefined;
  private facing: Facing | undefined;
  /** The stream the tracks are announced with; the self-view gets a new one on every change. */
  private announced: MediaStream | undefined;
  private view: MediaStream | undefined;
  private stopped = false;
  private processor: VideoProcessor | undefined;
  /** The processor's output for one camera track; a new camera needs a new one. */
  private processed: { camera: MediaStreamTrack; by: VideoProcessor; video: ProcessedVideo } | undefined;
  /** The camera the processor is starting on, so that it starts once. */
  private starting: MediaStreamTrack | undefined;
  /** Sent while the processor starts: the camera's clone, disabled (black), so no renegotiation is needed. */
  private placeholder: MediaStreamTrack | undefined;

  constructor(private readonly options: LocalMediaOptions) {}

  get flags(): MediaFlags {
    return this.flagsNow;
  }

  /** What the self-view shows: the shared screen or the camera, and the microphone. */
  get stream(): MediaStream | undefined {
    return this.view;
  }

  /** Takes over the stream the device check (or the call screen) opened; without video, the camera is off. */
  start(stream: MediaStream): void {
    this.announced = stream;
    this.audio = stream.getTracks().find((t) => t.kind === "audio");
    this.camera = stream.getTracks().find((t) => t.kind === "video");
    this.cameraDeviceId = this.camera?.getSettings?.().deviceId;
    this.facing = this.camera?.getSettings?.().facingMode as Facing | undefined;
    this.flagsNow = { ...NO_FLAGS, cameraOff: !this.camera };
    this.refreshView();
  }

  /**
   * What one peer connection should send now. A peer that asked for audio-only gets no camera from
   * us (it stays on for the self-view and for everyone else), but still a shared screen.
   */
  outgoingFor(peerAudioOnly: boolean): Outgoing {
    const stream = this.announced ?? this.options.newStream([]);
    const video = this.flagsNow.audioOnly
      ? undefined
      : (this.screen ?? (peerAudioOnly || this.flagsNow.cameraOff ? undefined : this.cameraOut()));
    return { stream, audio: this.audio, video };
  }

  /**
   * Puts a processor between the camera and what is sent and shown, or takes it out (undefined); it
   * follows every camera change. False if it could not start: the camera is then used as it is.
   */
  async setVideoProcessor(processor: VideoProcessor | undefined): Promise<boolean> {
    this.processor = processor;
    const started = await this.process();
    this.refreshView();
    this.options.changed();
    return started;
  }

  setMuted(muted: boolean): void {
    if (this.audio) this.audio.enabled = !muted;
    this.setFlags({ muted });
  }

  /** Off stops the camera, so its light goes out; on opens it again. */
  async setCameraOff(off: boolean): Promise<boolean> {
    if (off) {
      this.stopCamera();
      this.setFlags({ cameraOff: true });
      return true;
    }
    if (!(await this.ensureCamera())) return false;
    this.setFlags({ cameraOff: false, audioOnly: false });
    return true;
  }

  /** Audio-only stops the camera and asks the other side not to send video either. */
  async setAudioOnly(on: boolean): Promise<boolean> {
    if (on) {
      this.stopCamera();
      this.stopScreen();
      this.setFlags({ audioOnly: true, sharing: false });
      return true;
    }
    // Back to video: the camera goes on again unless it had been switched off on purpose.
    if (!this.flagsNow.cameraOff && !(await this.ensureCamera())) return false;
    this.setFlags({ audioOnly: false });
    return true;
  }

  async useDevice(kind: DeviceKind, deviceId: string): Promise<boolean> {
    if (kind === "audioinput") {
      const track = await this.open({ audio: { ...MICROPHONE_CONSTRAINTS, deviceId: { exact: deviceId } } }, "audio");
      if (!track) return false;
      track.enabled = !this.flagsNow.muted;
      this.audio?.stop();
      this.audio = track;
      this.refreshView();
      this.options.changed();
      return true;
    }
    // A camera that is off is only remembered: it opens when the camera goes on.
    const done = !this.camera || (await this.replaceCamera({ ...CAMERA_CONSTRAINTS, deviceId: { exact: deviceId } }));
    if (done) {
      this.cameraDeviceId = deviceId;
      this.facing = undefined;
    }
    return done;
  }

  /** Front or rear camera, on phones. */
  async flipCamera(): Promise<boolean> {
    const next: Facing = this.facing === "environment" ? "user" : "environment";
    if (!this.camera) {
      this.facing = next;
      this.cameraDeviceId = undefined;
      return true;
    }
    const done = await this.replaceCamera({ ...CAMERA_CONSTRAINTS, facingMode: { exact: next } });
    if (done) {
      this.facing = next;
      this.cameraDeviceId = this.camera?.getSettings?.().deviceId;
    }
    return done;
  }

  async shareScreen(): Promise<boolean> {
    if (!this.options.access.getDisplayMedia) return false;
    let stream: MediaStream;
    try {
      stream = await this.options.access.getDisplayMedia({ video: true, audio: false });
    } catch {
      // Cancelled in the browser's picker, or not allowed.
      return false;
    }
    const track = stream.getTracks().find((t) => t.kind === "video");
    if (!track || this.stopped) {
      stopStream(stream);
      return false;
    }
    this.screen?.stop();
    this.screen = track;
    // Text on a screen stays sharp at the cost of frame rate.
    if ("contentHint" in track) track.contentHint = "detail";
    // The browser's own "stop sharing" button ends the track.
    track.addEventListener("ended", () => {
      if (this.screen === track) this.stopSharing();
    });
    this.setFlags({ sharing: true, audioOnly: false });
    return true;
  }

  stopSharing(): void {
    if (!this.screen) return;
    this.stopScreen();
    this.setFlags({ sharing: false });
  }

  /** The call is over: every track stops. */
  stop(): void {
    this.stopped = true;
    this.audio?.stop();
    this.stopCamera();
    this.stopScreen();
    stopStream(this.announced);
  }

  private setFlags(change: Partial<MediaFlags>): void {
    this.flagsNow = { ...this.flagsNow, ...change };
    this.refreshView();
    this.options.changed();
  }

  private refreshView(): void {
    const shown = this.processed?.camera === this.camera ? this.processed?.video.track : this.camera;
    const tracks = [this.audio, this.screen ?? shown].filter((t): t is MediaStreamTrack => t !== undefined);
    this.view = this.options.newStream(tracks);
    // A new camera (switched, flipped, on again) gets the processor too; until then the self-view shows
    // it as it is, and the other side sees black (cameraOut): a background meant to be hidden is never sent.
    const { camera } = this;
    if (this.processor && camera && this.processed?.camera !== camera && this.starting !== camera) {
      void this.process().then(() => {
        this.refreshView();
        this.options.changed();
      });
    }
  }

  /** The camera as sent: processed when a processor is set, black while it starts on a new camera. */
  private cameraOut(): MediaStreamTrack | undefined {
    if (!this.processor || !this.camera) return this.camera;
    if (this.processed?.camera === this.camera) return this.processed.video.track;
    if (!this.placeholder) {
      this.placeholder = this.camera.clone();
      this.placeholder.enabled = false;
    }
    return this.placeholder;
  }

  /** Runs the processor on the current camera, unless it already does; false if it could not. */
  private async process(): Promise<boolean> {
    const { camera, processor } = this;
    if (this.processed?.camera === camera && this.processed?.by === processor) return true;
    this.unprocess();
    if (!camera || !processor) return true;
    let video: ProcessedVideo;
    this.starting = camera;
    try {
      video = await processor(camera);
    } catch {
      if (this.processor === processor) this.processor = undefined;
      this.dropPlaceholder();
      return false;
    } finally {
      if (this.starting === camera) this.starting = undefined;
    }
    // Overtaken while it started (another camera, blur off, the call over): this output is of no use.
    const current = this.camera === camera && this.processor === processor && !this.stopped;
    if (!current || this.processed) {
      video.stop();
      return current;
    }
    this.processed = { camera, by: processor, video };
    // Peers replace the placeholder with the processed track on the change that follows.
    this.dropPlaceholder();
    return true;
  }

  private unprocess(): void {
    this.processed?.video.stop();
    this.processed = undefined;
    this.dropPlaceholder();
  }

  private dropPlaceholder(): void {
    this.placeholder?.stop();
    this.placeholder = undefined;
  }

  private stopCamera(): void {
    this.unprocess();
    this.camera?.stop();
    this.camera = undefined;
  }

  private stopScreen(): void {
    this.screen?.stop();
    this.screen = undefined;
  }

  private cameraConstraints(): MediaTrackConstraints {
    if (this.cameraDeviceId) return { ...CAMERA_CONSTRAINTS, deviceId: { exact: this.cameraDeviceId } };
    if (this.facing) return { ...CAMERA_CONSTRAINTS, facingMode: this.facing };
    return CAMERA_CONSTRAINTS;
  }

  private async ensureCamera(): Promise<boolean> {
    if (this.camera) return true;
    const track = await this.open({ video: this.cameraConstraints() }, "video");
    if (!track) return false;
    this.camera = track;
    this.cameraDeviceId = track.getSettings?.().deviceId ?? this.cameraDeviceId;
    return true;
  }

  private async replaceCamera(constraints: MediaTrackConstraints): Promise<boolean> {
    // Phones cannot open two cameras at once: the old one stops first.
    this.stopCamera();
    const track = await this.open({ video: constraints }, "video");
    if (!track) {
      // Back to what worked, if it still opens.
      await this.ensureCamera();
      this.refreshView();
      this.options.changed();
      return false;
    }
    this.camera = track;
    this.refreshView();
    this.options.changed();
    return true;
  }

  private async open(
    constraints: MediaStreamConstraints,
    kind: "audio" | "video",
  ): Promise<MediaStreamTrack | undefined> {
    try {
      const stream = await this.options.access.getUserMedia(constraints);
      const track = stream.getTracks().find((t) => t.kind === kind);
      if (!track || this.stopped) {
        stopStream(stream);
        return undefined;
      }
      return track;
    } catch {
      return undefined;
    }
  }
}
