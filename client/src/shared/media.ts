import type { MessageKey } from "./i18n.ts";

/** Camera, microphone and screen, as the browser gives them; tests pass a fake. */
export interface MediaAccess {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** Missing on phones: no screen sharing there. */
  getDisplayMedia?(options?: DisplayMediaStreamOptions): Promise<MediaStream>;
}

export type MediaResult = { ok: true; stream: MediaStream } | { ok: false; problem: MessageKey };

/** What a call sends from the camera: HD at most; the quality rules lower it on a poor line. */
export const CAMERA_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };
export const MICROPHONE_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };

/** What the patient chose in the device check: audio only, and which camera and microphone. */
export interface DeviceChoice {
  audioOnly?: boolean;
  cameraId?: string;
  microphoneId?: string;
}

/** A device the patient picked, or the browser's choice. */
const pick = (constraints: MediaTrackConstraints, deviceId: string | undefined): MediaTrackConstraints =>
  deviceId ? { ...constraints, deviceId: { exact: deviceId } } : constraints;

/**
 * Camera and microphone (or the microphone alone, for "continue with audio only"), with a plain
 * explanation of what went wrong.
 */
export async function openCameraAndMicrophone(choice: DeviceChoice = {}): Promise<MediaResult> {
  // Without WebRTC (WebKitGTK, some embedded browsers) the patient is told here, in the device check, and
  // cannot enter: better than waiting for a call the browser cannot make and learning it at admission.
  if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === "undefined") {
    return { ok: false, problem: "cameraUnsupported" };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: choice.audioOnly ? false : pick(CAMERA_CONSTRAINTS, choice.cameraId),
      audio: pick(MICROPHONE_CONSTRAINTS, choice.microphoneId),
    });
    return { ok: true, stream };
  } catch (error) {
    const name = error instanceof DOMException ? error.name : "";
    if (name === "NotAllowedError" || name === "SecurityError") return { ok: false, problem: "cameraDenied" };
    if (name === "NotFoundError" || name === "OverconstrainedError")
      return { ok: false, problem: await whatIsMissing() };
    if (name === "NotReadableError" || name === "AbortError") return { ok: false, problem: "cameraBusy" };
    return { ok: false, problem: "errorGeneric" };
  }
}

/** The devices the page may name: labels only after camera or microphone permission. */
export async function listDevices(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices?.enumerateDevices?.().catch(() => [])) ?? [];
}

/** Without a microphone nothing helps; without a camera, audio only does. */
async function whatIsMissing(): Promise<MessageKey> {
  const devices = await listDevices();
  return devices.some((device) => device.kind === "audioinput") ? "cameraMissing" : "micMissing";
}

export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

let handedOver: MediaStream | undefined;
let chosenSpeaker: string | undefined;

/** The speaker picked in the device check, for the call to play on. */
export function handOverSpeaker(deviceId: string | undefined): void {
  chosenSpeaker = deviceId || undefined;
}

export function takeChosenSpeaker(): string | undefined {
  return chosenSpeaker;
}

/** Keeps the stream the patient just checked, so the call opens it without asking again. */
export function handOverStream(stream: MediaStream): void {
  handedOver = stream;
}

/** The handed-over stream if it still works; otherwise a fresh one. */
export async function takeOrOpenCameraAndMicrophone(): Promise<MediaResult> {
  const stream = handedOver;
  handedOver = undefined;
  if (stream?.getTracks().every((track) => track.readyState === "live")) return { ok: true, stream };
  stopStream(stream);
  return openCameraAndMicrophone();
}
