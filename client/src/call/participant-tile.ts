// What a participant's tile says about them, from the call's state: the parts the 1:1 stage and the
// group grid share (both in the call chunk, so the 1:1 call has the same hooks as a group). Pure, so
// the mapping is tested without a screen (test/client/participant-tile.test.ts).
import type { Participant } from "../../../schema/messages.ts";
import type { MediaState } from "./peer.ts";

/** A tile's connection as people (and tests) read it: `data-state` of the `participant` hook. */
export type TileState = "connecting" | "connected" | "reconnecting";

/**
 * The peer's media path, for its tile. A failed path is still being retried (peer.ts restarts ICE
 * while it stays failed, and the rest of the call goes on), so it reads as reconnecting, not as gone.
 */
export function tileState(media: MediaState): TileState {
  if (media === "connected") return "connected";
  if (media === "reconnecting" || media === "failed") return "reconnecting";
  return "connecting";
}

/**
 * An invitation's label (a preset key such as "interpreter", or the practice's words), when the room
 * names one. Read as optional: presence carries it only once the roster knows guests.
 */
export function labelOf(participant: Participant): string | undefined {
  if (!("label" in participant)) return undefined;
  const label: unknown = participant.label;
  return typeof label === "string" && label !== "" ? label : undefined;
}

/** Whether the room names this participant its moderator (absent before the roster knows moderation). */
export function isModerator(participant: Participant): boolean {
  return "moderator" in participant && participant.moderator === true;
}
