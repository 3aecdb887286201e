// What the call screen shows, in one state with its listeners: the call's phase (starting, live,
// reconnecting, ended, failed), who is in it, and the state of each other participant's peer. The
// 1:1 screen reads the first other participant's peer flattened into the call's own fields
// (`flatten`). The rules that hold for every call live here: an ended or failed call stays over,
// and a store that was disposed (its screen is gone) tells nobody anything more.
import type { ConsultationRole, Participant } from "../../../schema/messages.ts";
import { type MediaFlags, NO_FLAGS } from "../../../schema/peer-messages.ts";
import type { MessageKey } from "../shared/i18n.ts";
import { IDLE_PEER, type MediaState, type PeerState } from "./peer.ts";

export type CallPhase =
  | { name: "starting" }
  | { name: "live" }
  /** Signaling dropped; media may well still flow peer to peer. */
  | { name: "reconnecting" }
  | { name: "ended"; note?: MessageKey }
  | { name: "failed"; problem: MessageKey; code?: number };

/** The phases a call does not leave. */
export type FinalPhase = Extract<CallPhase, { name: "ended" | "failed" }>;

/** One other participant as this side sees them: who (by the room's presence), their peer's media path, and their flags. */
export interface ParticipantView extends PeerState {
  readonly participant: Participant;
  /** Their mute, camera, audio-only and sharing state, as they reported it over the data channel; all off until they do. */
  readonly remote: MediaFlags;
  /** The name they told over the data channel (a patient's or guest's: the room never has it), once they did. */
  readonly told?: string;
}

/** The call, with the state of the other participant's peer (media, safety code, quality) flattened in for the 1:1 screen. */
export interface CallState extends PeerState {
  readonly phase: CallPhase;
  /**
   * Every other participant this side holds a peer for, by connection id. The flattened fields
   * (`peer`, `remote`, `remoteStream`, `safetyCode`, `quality`, `suggestAudioOnly`) are the first
   * one's; `media` is the call's (see `callMedia`).
   */
  readonly participants: Readonly<Record<string, ParticipantView>>;
  readonly role?: ConsultationRole;
  /** Who (the moderator's name) last asked this side to mute; the microphone was muted then. */
  readonly askedToMuteBy?: string;
  /** This side as the room's latest presence names it (name, label, moderator): for the participants panel. */
  readonly self?: Participant;
  /** The name this side tells the others (a provider's from the room, a patient's as they typed it), if any. */
  readonly ownName?: string;
  /** The moderator locked the consultation: nobody new is added (by the room's latest presence). */
  readonly locked: boolean;
  /** The moderator left and no provider is in the call: it ends at this time unless one comes (back). */
  readonly graceEndsAt?: number;
  /** The other participant, while present. */
  readonly peer?: Participant;
  readonly peerEverSeen: boolean;
  /** What this side sends, for the self-view: camera (or shared screen) and microphone. */
  readonly localStream?: MediaStream;
  /** This side's mute, camera, audio-only and sharing state. */
  readonly local: MediaFlags;
  /** The other side's, as it reported it over the data channel; all off until it does. */
  readonly remote: MediaFlags;
  /** Set when the server warned that the consultation reaches its maximum length at this time. */
  readonly endsAt?: number;
  /** Chat and file messages received so far: the screen loads the chat when the first arrives. */
  readonly peerMessages: number;
  /** Messages from the other side that were malformed or too large, and dropped. */
  readonly droppedPeerMessages: number;
  /**
   * Frames from the consultation's room that are not its messages to a participant (another room's,
   * a newer protocol's, malformed ones): counted, never acted on.
   */
  readonly ignoredMessages: number;
}

/** A call before anything happened: nobody else seen, nothing sent or received. */
export const INITIAL_CALL_STATE: CallState = {
  phase: { name: "starting" },
  participants: {},
  locked: false,
  peerEverSeen: false,
  media: "none",
  local: NO_FLAGS,
  remote: NO_FLAGS,
  suggestAudioOnly: false,
  peerMessages: 0,
  droppedPeerMessages: 0,
  ignoredMessages: 0,
};

/**
 * The call's media path, from its peers': one peer's own state in a 1:1 call. With more, peers that
 * failed are left out (each fails alone), the call is reconnecting only when every other one is, and
 * otherwise as good as its best peer; failed only when every peer failed.
 */
export function callMedia(states: readonly MediaState[]): MediaState {
  if (states.length === 0) return "none";
  const alive: readonly MediaState[] = states.filter((state) => state !== "failed");
  if (alive.length === 0) return "failed";
  if (alive.every((state) => state === "reconnecting")) return "reconnecting";
  const best: MediaState[] = ["connected", "connecting", "none"];
  return best.find((state) => alive.includes(state)) ?? "reconnecting";
}

/**
 * The fields the 1:1 screen reads, from the participants: the first other participant's peer and
 * flags (or none, with every key present so a previous participant's state is cleared) and the
 * call's media path.
 */
export function flatten(
  participants: Readonly<Record<string, ParticipantView>>,
  firstId: string | undefined,
): PeerState & { readonly remote: MediaFlags } {
  const media = callMedia(Object.values(participants).map((view) => view.media));
  const first = firstId === undefined ? undefined : participants[firstId];
  if (!first) return { ...IDLE_PEER, remote: NO_FLAGS, media };
  const { participant: _participant, told: _told, ...peer } = first;
  return { ...IDLE_PEER, ...peer, media };
}

export class CallStore {
  private current: CallState = INITIAL_CALL_STATE;
  private readonly listeners = new Set<(state: CallState) => void>();
  private disposed = false;

  get state(): CallState {
    return this.current;
  }

  /** Ended, failed, or its screen is gone: nothing more happens in this call. */
  get over(): boolean {
    const phase = this.current.phase.name;
    return this.disposed || phase === "ended" || phase === "failed";
  }

  subscribe(listener: (state: CallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(change: Partial<CallState>): void {
    if (this.disposed) return;
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener(this.current);
  }

  /**
   * Moves the call to this phase, with any other changes in the same notification. A call that is
   * over stays over: a late "reconnecting" or a second ending changes nothing.
   */
  enter(phase: CallPhase, change: Partial<CallState> = {}): void {
    if (!this.over) this.update({ ...change, phase });
  }

  /** The screen is gone: no listener hears of this call again. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
