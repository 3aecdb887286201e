// The line of a waiting room: who waits in which place, what each patient was told of their position, the
// places kept for patients whose page reloads, and the practice's idle limit. It tells patients their
// position and nothing else; providers hear of arrivals and departures from the desk (desk.ts).
//
// It costs the same per arrival however long the line is: the order stays sorted, and positions go out
// coalesced, only to patients whose position changed.
import { WAITING_GRACE_MS } from "../../schema/limits.ts";
import type { ExpiringSet } from "../expiring-set.ts";
import type { PatientAttachment, PatientSocket } from "./attachments.ts";
import type { RoomSettings } from "./settings.ts";
import { SortedLine } from "./sorted-line.ts";

/** Patients hear about position changes at most this often. */
export const POSITION_INTERVAL_MS = 250;

/** A patient whose socket dropped: their place in line (and a hold) kept until the grace period ends. */
interface KeptPlace {
  entry: PatientAttachment;
  until: number;
}

export interface LineOptions {
  /** Waiting tickets whose socket dropped, until their grace period ends: they come back to their place. */
  away: ExpiringSet;
  settings: RoomSettings;
  now: () => number;
  /** Runs `task` once after `ms`; the object uses setTimeout, tests a fake clock. */
  later: (task: () => void, ms: number) => void;
}

/** A patient just placed: as the line now knows them, whether they kept an earlier place, and a hold to tell. */
export interface Placed {
  placed: PatientAttachment;
  keptPlace: boolean;
  hold: { message: string | null } | undefined;
}

export class WaitingLine {
  /** The patients whose socket is open, by connection. */
  private readonly patients = new Map<string, PatientSocket>();
  private readonly order = new SortedLine<PatientAttachment>();
  /**
   * Places of patients whose socket dropped, by invite (one place per link, whichever ticket comes back),
   * for the grace period: their entry stays in the order, so those behind them do not move up and back
   * when they reload. Memory only (a hold is the practice's words to a patient, which storage never
   * keeps): an evicted object forgets it, and the patient's `away` entry still brings them back.
   */
  private readonly keptPlaces = new Map<string, KeptPlace>();
  /** The position each patient was last told; those told nothing yet are missing. */
  private readonly told = new Map<string, number>();
  /** Positions from this index on may have changed since patients were last told. */
  private changedFrom: number | undefined;
  private positionsDue = false;
  private lastPositionsAt = Number.NEGATIVE_INFINITY;

  /**
   * Rebuilt from the open sockets after hibernation. Every change was told before the object could
   * hibernate (a pending position update keeps it awake), so everyone knows their position.
   */
  constructor(
    sockets: readonly PatientSocket[],
    private readonly options: LineOptions,
  ) {
    for (const socket of sockets) this.index(socket);
    for (const [index, patient] of this.order.all().entries()) this.told.set(patient.connectionId, index + 1);
  }

  /** How many wait with their socket open. */
  get waiting(): number {
    return this.patients.size;
  }

  /** The waiting patient on this connection, if their socket is open. */
  connection(connectionId: string): PatientSocket | undefined {
    return this.patients.get(connectionId);
  }

  /** The waiting patient who came with this invite link, if their socket is open. */
  withInvite(inviteId: string): PatientSocket | undefined {
    for (const socket of this.patients.values()) if (socket.attachment.inviteId === inviteId) return socket;
    return undefined;
  }

  sockets(): PatientSocket[] {
    return [...this.patients.values()];
  }

  /** The patients present, in order: what providers see (kept places have nobody to admit). */
  present(): PatientAttachment[] {
    return this.order.all().filter((p) => this.patients.has(p.connectionId));
  }

  /** The first patient present whom `admissible` accepts. */
  first(admissible: (patient: PatientAttachment) => boolean): PatientSocket | undefined {
    const next = this.order.find((p) => this.patients.has(p.connectionId) && admissible(p));
    return next && this.patients.get(next.connectionId);
  }

  /**
   * Puts a patient in their place and tells them their position. The ticket's place holds while it is
   * fresh, while the patient is back within the grace period, or when they replace a connection still
   * open (`replaced`); otherwise they join the end of the line. `returningTo`: the running consultation
   * their link comes back to.
   */
  place(socket: PatientSocket, from: { replaced?: PatientAttachment; returningTo?: string } = {}): Placed {
    const now = this.options.now();
    const me = socket.attachment;
    const { replaced } = from;
    const keptPlace =
      replaced !== undefined ||
      now - (me.issuedAt ?? me.waitingSince) < WAITING_GRACE_MS ||
      this.options.away.has(me.ticketId, now);
    this.options.away.delete(me.ticketId);
    // Back from a drop: the kept place makes way for the new connection. On hold before the drop (or
    // in the tab this one replaces): still on hold, and told so again.
    const kept = this.keptPlaces.get(me.inviteId);
    if (kept) this.givePlaceUp(kept.entry, { quietly: keptPlace });
    const held = replaced ?? (keptPlace && kept ? kept.entry : undefined);
    const hold = held?.onHold ? { message: held.holdMessage ?? null } : undefined;
    const placed: PatientAttachment = {
      ...me,
      waitingSince: keptPlace ? me.waitingSince : now,
      device: replaced?.device ?? null,
      onHold: hold !== undefined,
      holdMessage: hold?.message ?? null,
      // No sealed name is carried over: the page on this connection may be someone else's (a forwarded
      // link), and only its own `name` may name it. A reload sends the same name again at once.
      returningTo: from.returningTo,
    };
    socket.remember(placed);
    const index = this.index(socket);
    this.told.set(me.connectionId, index + 1);
    socket.send({ type: "position", position: index + 1, waitedMs: now - placed.waitingSince });
    this.positionsChangedFrom(index + 1);
    return { placed, keptPlace, hold };
  }

  /** Changes what the line knows of a waiting patient, at the same place; returns the new attachment. */
  change(socket: PatientSocket, change: Partial<PatientAttachment>): PatientAttachment {
    const changed = { ...socket.attachment, ...change };
    socket.remember(changed);
    // The order holds attachments: swap in the new one at the same place.
    this.order.remove(changed);
    this.order.insert(changed);
    return changed;
  }

  /**
   * The patient's socket dropped: they keep their place for the grace period, and those behind them do
   * not move up meanwhile. Returns whether they had a place (then providers no longer see them).
   */
  stepAway(connectionId: string): boolean {
    const entry = this.patients.get(connectionId)?.attachment;
    if (!entry) return false;
    const until = this.options.now() + WAITING_GRACE_MS;
    this.options.away.add(entry.ticketId, until);
    // The same link away twice (two tabs): one kept place is enough.
    const stale = this.keptPlaces.get(entry.inviteId);
    if (stale) this.givePlaceUp(stale.entry, { quietly: true });
    this.keptPlaces.set(entry.inviteId, { entry, until });
    return this.forgetConnection(connectionId, { keepPlace: true });
  }

  /**
   * Forgets a patient's connection (its socket is closed or closing). Unless `keepPlace`, their place goes
   * too. Returns whether they had a place in line.
   */
  forgetConnection(connectionId: string, options: { keepPlace?: boolean } = {}): boolean {
    const socket = this.patients.get(connectionId);
    if (!socket) return false;
    this.patients.delete(connectionId);
    this.told.delete(connectionId);
    const entry = socket.attachment;
    if (this.order.indexOf(entry) === undefined) return false;
    if (!options.keepPlace) this.givePlaceUp(entry);
    return true;
  }

  /**
   * Runs at the object's alarm: patients past the idle limit are sent away (`sendAway` closes their socket
   * and forgets their connection), kept places past the grace period go. Returns the next idle deadline.
   */
  expire(sendAway: (socket: PatientSocket) => void): number | undefined {
    const now = this.options.now();
    const idleLimitMs = this.options.settings.idleLimitMs();
    for (;;) {
      const first = this.order.at(0);
      if (!first || first.waitingSince + idleLimitMs > now) break;
      const socket = this.patients.get(first.connectionId);
      if (socket) sendAway(socket);
      // A kept place has nobody to send away; and nothing may keep the loop on one entry.
      if (this.order.at(0) === first) this.givePlaceUp(first);
    }
    // Away past the grace period: their place goes, and those behind move up.
    for (const { entry, until } of [...this.keptPlaces.values()]) if (until <= now) this.givePlaceUp(entry);
    const first = this.order.at(0);
    return first && first.waitingSince + idleLimitMs;
  }

  private index(socket: PatientSocket): number {
    this.patients.set(socket.attachment.connectionId, socket);
    return this.order.insert(socket.attachment);
  }

  /** Takes an entry out of the line; those behind move up (`quietly`: someone takes the place at once). */
  private givePlaceUp(entry: PatientAttachment, options: { quietly?: boolean } = {}): void {
    this.keptPlaces.delete(entry.inviteId);
    const index = this.order.remove(entry);
    if (index !== undefined && !options.quietly) this.positionsChangedFrom(index);
  }

  /** Positions from `index` on may have changed: tell them soon, at most every POSITION_INTERVAL_MS. */
  private positionsChangedFrom(index: number): void {
    this.changedFrom = Math.min(this.changedFrom ?? index, index);
    if (this.positionsDue) return;
    this.positionsDue = true;
    const wait = Math.max(0, this.lastPositionsAt + POSITION_INTERVAL_MS - this.options.now());
    this.options.later(() => this.tellPositions(), wait);
  }

  private tellPositions(): void {
    this.positionsDue = false;
    this.lastPositionsAt = this.options.now();
    const from = this.changedFrom ?? this.order.length;
    this.changedFrom = undefined;
    for (const [offset, patient] of this.order.from(from).entries()) {
      const position = from + offset + 1;
      const socket = this.patients.get(patient.connectionId);
      // Kept places of patients away hold their position but have nobody to tell.
      if (!socket || this.told.get(patient.connectionId) === position) continue;
      this.told.set(patient.connectionId, position);
      socket.send({ type: "position", position, waitedMs: this.lastPositionsAt - patient.waitingSince });
    }
  }
}
