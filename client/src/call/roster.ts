// Who else is in the call, by the server's word. Each presence message is a full snapshot naming
// everyone connected, this side included; the roster turns it into the participants this side
// should hold a peer for, and what changed against the peers it holds, so the session only adds
// and removes peers. A participant's id is one connection: someone who reconnects comes back under
// a new id, which is a new peer (and the old one left).
import type { Participant } from "../../../schema/messages.ts";

/**
 * A group call is a full mesh of up to five participants: this side holds a peer for each of the
 * (at most four) others. Participants beyond that in a snapshot get none (the room admits no sixth).
 */
export const MAX_PEERS = 4;

/** Who a participant is in a call, as far as the order of offers goes: a role is read as a plain string. */
export interface Ranked {
  readonly id: string;
  readonly role: string;
}

/** Providers first, then patients, then everyone else (guests, and any role this page does not know yet). */
function rank(role: string): number {
  if (role === "provider") return 0;
  if (role === "patient") return 1;
  return 2;
}

/**
 * Whether this side yields on an offer collision with `them` (perfect negotiation's polite side),
 * so the other side makes the first offer. The lower rank offers; between equal ranks the smaller
 * connection id does. Both sides compute it from the same presence, so every pair has exactly one
 * offerer: a provider offers to a patient, as in the 1:1 call.
 */
export function politeToward(me: Ranked, them: Ranked): boolean {
  const mine = rank(me.role);
  const theirs = rank(them.role);
  if (mine !== theirs) return mine > theirs;
  return me.id > them.id;
}

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

  /** This side's connection id, once the room greeted it. */
  get you(): string | undefined {
    return this.me;
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
