// Who moderates a group consultation, whether it is locked, and whom the moderator removed: the part
// of the roster that sockets alone cannot tell after hibernation or eviction, kept in storage (`group`)
// from admission until the call ends. Plain logic over a store; the roster applies it to sockets.

/** How long a call goes on after its moderator left with no provider in it: one announced minute. */
export const MODERATOR_GRACE_MS = 60_000;
/**
 * How long a moderator whose connection dropped stays moderator without coming back (reloads and network
 * changes are normal): as long as a call may be empty (the call page's ALONE_LIMIT_MS). Then it is as if
 * they had left.
 */
export const MODERATOR_AWAY_MS = 2 * 60_000;
/**
 * How long the place of a member whose connection dropped is kept for them against adds: as long as a
 * moderator's (reloads, network changes; the call page's own reconnects take well under a minute). Not
 * for the whole call: a page closed without "leave" (a closed tab, a flat battery) never comes back, and
 * kept for up to 8 h its place would shut out every add, with nobody there for the moderator to remove.
 * A member back later still comes in whenever there is room, ahead of a newcomer (roster's `connected`).
 */
export const MEMBER_AWAY_MS = MODERATOR_AWAY_MS;

/** The stored form (participant ids only, no names): docs/DATA.md lists it. */
export interface StoredGroup {
  /** The moderator's participant id (a provider's id); absent until a provider opens or joins the call. */
  moderator?: string;
  /**
   * The appointment the call was admitted for (absent for a walk-in): a link made from inside the call
   * ("Invite someone") is an invitation of this appointment, so whoever comes through it waits for this call.
   */
  appointmentId?: string;
  locked: boolean;
  /** Participants the moderator removed: their tickets no longer open the call. */
  removed: string[];
  /** Everyone who has been in the call: a lock keeps out only those who never were (a reconnect is not new). */
  members: string[];
  /** Members who left the call ("leave", not a dropped socket): their place is free (absent when none). */
  left?: string[];
  /**
   * Members whose connection dropped (not left, not removed), each until when their place is kept for
   * them (MEMBER_AWAY_MS); a past time stays until they are back or leave. Absent when none.
   */
  away?: Record<string, number>;
  /** The moderator left and no provider was in the call: it ends at this time unless one comes. */
  graceEndsAt?: number;
  /** The moderator's connection dropped: unless they are back by this time, it is as if they had left. */
  awayUntil?: number;
  /**
   * Colleagues (provider ids) the moderator asked to join ("Invite a colleague"): they join from their
   * dashboard without a waiting room. Absent until someone is asked.
   */
  invited?: string[];
}

export interface GroupStore {
  save(group: StoredGroup): void;
  /** The call ended: nothing of the group is kept. */
  clear(): void;
}

const EMPTY: StoredGroup = { locked: false, removed: [], members: [] };

export class Group {
  private state: StoredGroup;
  /** Whether storage holds the group, so that a call that never stored one deletes nothing at its end. */
  private stored: boolean;

  constructor(
    stored: StoredGroup | undefined,
    private readonly store: GroupStore,
  ) {
    this.state = stored ?? EMPTY;
    this.stored = stored !== undefined;
  }

  get moderator(): string | undefined {
    return this.state.moderator;
  }

  get locked(): boolean {
    return this.state.locked;
  }

  get graceEndsAt(): number | undefined {
    return this.state.graceEndsAt;
  }

  get awayUntil(): number | undefined {
    return this.state.awayUntil;
  }

  /** Whether the moderator has been in the call: before they first join, nobody waits for them to come back. */
  get moderatorJoined(): boolean {
    return this.state.moderator !== undefined && this.state.members.includes(this.state.moderator);
  }

  isRemoved(participantId: string): boolean {
    return this.state.removed.includes(participantId);
  }

  /** Whether a lock keeps this participant out: they have never been in the call. */
  keepsOut(participantId: string): boolean {
    return this.state.locked && !this.state.members.includes(participantId);
  }

  /** Whether the moderator asked this colleague to join. */
  isInvited(providerId: string): boolean {
    return this.state.invited?.includes(providerId) ?? false;
  }

  /** The moderator asks a colleague to join: from now on their dashboard may open the call for them. */
  invite(providerId: string): void {
    const invited = this.state.invited ?? [];
    if (!invited.includes(providerId)) this.change({ invited: [...invited, providerId] });
  }

  /** Whether this participant was in the call and neither left it nor was removed: connecting is a return. */
  isReturning(participantId: string): boolean {
    return (
      this.state.members.includes(participantId) &&
      !this.isRemoved(participantId) &&
      !(this.state.left ?? []).includes(participantId)
    );
  }

  /** Members away from the call whose place is still kept for them at `now`. */
  keptFor(now: number): string[] {
    return Object.entries(this.state.away ?? {}).flatMap(([id, until]) => (until > now ? [id] : []));
  }

  /**
   * Members not in the call now (`present`: the participant ids connected) who neither left nor were
   * removed: their place is kept until `until`, counted from when this was first noticed.
   */
  notice(present: ReadonlySet<string>, until: number): void {
    const away = this.state.away ?? {};
    const dropped = this.state.members.filter(
      (id) => !present.has(id) && this.isReturning(id) && away[id] === undefined,
    );
    if (dropped.length > 0) this.change({ away: { ...away, ...Object.fromEntries(dropped.map((id) => [id, until])) } });
  }

  /** The member pressed "leave": they are gone, and their place is free for someone new. */
  memberLeft(participantId: string): void {
    if (!this.state.members.includes(participantId) || (this.state.left ?? []).includes(participantId)) return;
    const { [participantId]: _, ...away } = this.state.away ?? {};
    this.change({ left: [...(this.state.left ?? []), participantId], away });
  }

  get appointmentId(): string | undefined {
    return this.state.appointmentId;
  }

  /** The provider whose admission opened the call moderates it; `appointmentId`: what it was admitted for. */
  open(moderator: string, appointmentId?: string): void {
    const appointment = appointmentId ?? this.state.appointmentId;
    if (this.state.moderator === moderator && this.state.appointmentId === appointment) return;
    this.change(appointment === undefined ? { moderator } : { moderator, appointmentId: appointment });
  }

  /**
   * Someone is in the call. A provider takes the role when nobody has it yet (a call opened before
   * moderators existed) or while the grace period runs (the moderator left; they or a colleague came).
   */
  joined(participantId: string, provider: boolean): void {
    const takes = provider && (this.state.moderator === undefined || this.state.graceEndsAt !== undefined);
    const known = this.state.members.includes(participantId);
    // Back after leaving or a dropped connection: neither holds any longer.
    const back = (this.state.left ?? []).includes(participantId) || this.state.away?.[participantId] !== undefined;
    if (known && !takes && !back) return;
    const members = known ? this.state.members : [...this.state.members, participantId];
    const { [participantId]: _, ...away } = this.state.away ?? {};
    const returned = back ? { left: (this.state.left ?? []).filter((id) => id !== participantId), away } : {};
    this.change(
      takes
        ? { members, ...returned, moderator: participantId, graceEndsAt: undefined, awayUntil: undefined }
        : { members, ...returned },
    );
  }

  lock(locked: boolean): void {
    if (this.state.locked !== locked) this.change({ locked });
  }

  remove(participantId: string): void {
    if (!this.isRemoved(participantId)) this.change({ removed: [...this.state.removed, participantId] });
  }

  handTo(participantId: string): void {
    this.open(participantId);
  }

  /** The moderator's connection is gone: they have until `until` to come back. */
  moderatorAway(until: number): void {
    if (this.state.awayUntil === undefined) this.change({ awayUntil: until });
  }

  /** The moderator is back in the call. */
  moderatorBack(): void {
    if (this.state.awayUntil !== undefined) this.change({ awayUntil: undefined });
  }

  /**
   * The moderator left the call (not a dropped socket: reconnects are normal). `successor`: the provider
   * present longest, who takes over; without one, the call has MODERATOR_GRACE_MS left.
   */
  moderatorLeft(successor: string | undefined, now: number): void {
    if (successor !== undefined) this.change({ moderator: successor, graceEndsAt: undefined, awayUntil: undefined });
    else this.change({ graceEndsAt: now + MODERATOR_GRACE_MS, awayUntil: undefined });
  }

  /** The call ended: storage keeps nothing of the group. */
  clear(): void {
    this.state = EMPTY;
    if (!this.stored) return;
    this.stored = false;
    this.store.clear();
  }

  private change(change: Partial<StoredGroup>): void {
    this.state = { ...this.state, ...change };
    // Absent deadlines are left out, not stored as undefined.
    if (this.state.graceEndsAt === undefined) delete this.state.graceEndsAt;
    if (this.state.awayUntil === undefined) delete this.state.awayUntil;
    // Nobody left or away: the record stays as small as before anyone did.
    if (this.state.left?.length === 0) delete this.state.left;
    if (this.state.away !== undefined && Object.keys(this.state.away).length === 0) delete this.state.away;
    this.stored = true;
    this.store.save(this.state);
  }
}
