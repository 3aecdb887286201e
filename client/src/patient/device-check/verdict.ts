// The device check's plain answer: can the patient be seen and heard, heard only, or neither yet.
import type { MessageKey } from "../../shared/i18n.ts";
import type { MediaResult } from "../../shared/media.ts";

export type DeviceVerdict =
  | { state: "ok" }
  | { state: "audio-only" }
  /** `audioOnlyHelps`: the camera is the problem, so going on with the microphone alone may work. */
  | { state: "failed"; problem: MessageKey; audioOnlyHelps: boolean };

/** Problems that the microphone alone may get around. */
const CAMERA_PROBLEMS: ReadonlySet<MessageKey> = new Set([
  "cameraDenied",
  "cameraMissing",
  "cameraBusy",
  "errorGeneric",
]);

export function deviceVerdict(result: MediaResult, audioOnlyChosen: boolean): DeviceVerdict {
  if (result.ok) {
    const hasVideo = result.stream.getVideoTracks().length > 0;
    return { state: hasVideo && !audioOnlyChosen ? "ok" : "audio-only" };
  }
  return {
    state: "failed",
    problem: result.problem,
    audioOnlyHelps: !audioOnlyChosen && CAMERA_PROBLEMS.has(result.problem),
  };
}
