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

/**
 * Camera and microphone (or the microphone alone, for "continue with audio only"), with a plain
 * explanation of what went wrong.
 */
export async function openCameraAndMicrophone(options: { audioOnly?: boolean } = {}): Promise<MediaResult> {
  if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === "undefined") {
    return { ok: false, problem: "cameraUnsupported" };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: options.audioOnly ? false : CAMERA_CONSTRAINTS,
      audio: MICROPHONE_CONSTRAINTS,
    });
    return { ok: true, stream };
  } catch (error) {
    const name = error instanceof DOMException ? error.name : "";
    if (name === "NotAllowedError" || name === "SecurityError") return { ok: false, problem: "cameraDenied" };
    if (name === "NotFoundError" || name === "OverconstrainedError") return { ok: false, problem: "cameraMissing" };
    if (name === "NotReadableError" || name === "AbortError") return { ok: false, problem: "cameraBusy" };
    return { ok: false, problem: "errorGeneric" };
  }
}

export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

let handedOver: MediaStream | undefined;

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
