import type { MessageKey } from "./i18n.ts";

export type MediaResult = { ok: true; stream: MediaStream } | { ok: false; problem: MessageKey };

/** Camera and microphone, with a plain explanation of what went wrong. */
export async function openCameraAndMicrophone(): Promise<MediaResult> {
  if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === "undefined") {
    return { ok: false, problem: "cameraUnsupported" };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: { echoCancellation: true, noiseSuppression: true },
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
