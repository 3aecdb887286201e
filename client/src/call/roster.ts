// Who else is in the call, by the server's word. Each presence message is a full snapshot naming
// everyone connected, this side included; the roster turns it into the participants this side
// should hold a peer for, and what changed against the peers it holds, so the session only adds
// and removes peers. A participant's id is one connection: someone who reconnects comes back under
// a new id, which is a new peer (and the old one left).
import type { Participant } from "../../../schema/messages.ts";

/**
 * A consultation is 1:1 for now: one peer, for the first other participant (the room lets no third
 * in). The group call raises this; nothing else here assumes one.
 */
export const MAX_PEERS = 1;

export interface RosterChange {
  /** Participants to connect to: new ones, or a new connection of someone. */
  readonly joined: readonly Participant[];
  /** Ids of the peers held for participants who are gone (left, dropped or replaced by a new connection). */
  readonly left: readonly string[];
}

export class Roster {
  private me: string | undefined;
  private othersNow: readonly Participant[] = [];
  private seen = false;

  /** The other participants in the latest snapshot, in the room's order. */
  get others(): readonly Participant[] {
    return this.othersNow;
  }

  /** Whether anyone else was ever in the call: a call the other side left is not one it never came to. */
  get everSeen(): boolean {
    return this.seen;
  }

  /**
   * The room greeted this side's connection. True when it is a new connection of ours (after a
   * reconnect): the other side starts over with it, so every peer held for the old one is stale.
   */
  greeted(you: string): boolean {
    const replaced = this.me !== undefined && this.me !== you;
    this.me = you;
    return replaced;
  }

  /** Takes a presence snapshot; `held` are the ids this side holds peers for now. */
  presence(participants: readonly Participant[], held: Iterable<string>): RosterChange {
    this.othersNow = participants.filter((p) => p.id !== this.me);
    this.seen ||= this.othersNow.length > 0;
    const wanted = this.othersNow.slice(0, MAX_PEERS);
    const heldIds = new Set(held);
    return {
      joined: wanted.filter((p) => !heldIds.has(p.id)),
      left: [...heldIds].filter((id) => !wanted.some((p) => p.id === id)),
    };
  }
}
