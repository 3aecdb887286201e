// The patient in the waiting room, without any UI: their place, how long they have waited, what the
// practice says, and every way the wait can end. Over the room connection (room.ts) with socket, clock
// and ticket storage injected, so every rule here is tested with fakes
// (test/client/patient-waiting-session.test.ts). PatientWaiting.tsx draws the state and passes the
// patient's clicks on.
//
// State is a plain object with `subscribe`, as the call session has it: tests read `session.state`
// without a reactive root, and the screen turns it into one signal.
import {
  CloseCode,
  type DeviceCheck,
  type PatientToWaitingRoom,
  type RoomStatus,
  WaitingRoomToPatient,
} from "../../../schema/messages.ts";
import { browserClock, type Clock } from "../shared/clock.ts";
import type { MessageKey } from "../shared/i18n.ts";
import { connectRoom, type RoomConnection, type RoomOptions, type RoomStop } from "../shared/room.ts";
import { watchWaited } from "./waited.ts";

/** Tries to get back into a dropped waiting room before asking the patient to enter again. */
export const MAX_RECONNECTS = 6;
const RECONNECT_CAP_MS = 10_000;
/** How often a denied patient's page looks whether the practice's pause is over. */
const ASK_AGAIN_CHECK_MS = 5_000;

/** Ways the waiting room can close for good, and what the patient is told. */
const closedFor: Partial<Record<number, MessageKey>> = {
  [CloseCode.replaced]: "replacedWaiting",
  // With the next step: ask the practice for a new link (the same words as the link page after a reload).
  [CloseCode.revoked]: "inviteRevoked",
  [CloseCode.cancelled]: "appointmentCancelled",
  [CloseCode.alreadyAdmitted]: "alreadyAdmitted",
  /** Their moderator removed them from the consultation, which still runs (durable-objects/waiting-room/entrance.ts). */
  [CloseCode.removed]: "removedWaiting",
  [CloseCode.idle]: "waitedTooLong",
  [CloseCode.flooded]: "tooManyMessages",
  /** A walk-in beyond the personal room's cap (schema/personal-room.ts). */
  [CloseCode.full]: "roomFull",
  /** Their link was made in a consultation that has ended (durable-objects/waiting-room/room.ts). */
  [CloseCode.ended]: "callEndedWaiting",
};

const statusText: Record<RoomStatus, MessageKey> = {
  available: "providerAvailable",
  busy: "providerBusy",
  away: "providerAway",
  offline: "providerNotHereYet",
};

/**
 * What the patient is told about the providers: the room's status, or, for someone waiting for the running
 * call of their appointment (an interpreter), that they will be added to it, whatever else the provider is.
 */
export function statusLine(status: PatientWaitingState["status"]): MessageKey {
  return status.forCall ? "providerAddsYou" : statusText[status.status];
}

export type PatientPhase =
  | { name: "connecting" }
  | { name: "waiting" }
  | { name: "reconnecting" }
  /** retryAt: when the same link may ask again; mayAskAgain turns true then. */
  | { name: "denied"; message: string | null; retryAt: number; mayAskAgain: boolean }
  | { name: "left" }
  /** This link is in its consultation right now (another tab or device): `moveCallHere` moves the call here. */
  | { name: "in-call"; consultationId: string; ticket: string }
  /** Let in (or the call moved here): the call's ticket is kept; the screen opens the call. */
  | { name: "admitted"; consultationId: string; movedHere: boolean }
  /** Nothing more to do on this page. */
  | { name: "closed"; message: MessageKey; code: number }
  /** Refused or lost: back to the form; `problem` says what is wrong with the link, if anything. */
  | { name: "gone"; problem?: string }
  /**
   * Refused because the room does not open yet (the practice moved the appointment later): back to the
   * page's countdown, which reads the new opening time from the link's status.
   */
  | { name: "early" };

export interface PatientWaitingState {
  readonly phase: PatientPhase;
  readonly position: number;
  /** Whole minutes waited, on the room's word, counted on by this device's clock. */
  readonly waitedMinutes: number;
  /** forCall: they wait to be added to the running call of their appointment (an interpreter). */
  readonly status: { status: RoomStatus; message: string | null; forCall?: boolean };
  readonly notice?: string;
  readonly hold?: { message: string | null };
  /** The colleague this patient was moved to. */
  readonly transferredTo?: string;
  /**
   * The practice's keys the room offered last did not match the link's: the name was not sent
   * (seal-own-name.ts), and the page says so; the wait goes on as ever.
   */
  readonly keysMismatch: boolean;
  /**
   * Errors, and frames that are not the waiting room's to a patient (a provider's or a call's messages,
   * unreadable ones): counted, never acted on.
   */
  readonly ignoredMessages: number;
}

/** Where the page keeps its tickets (sessionStorage in the browser, see tickets.ts). */
export interface WaitingTickets {
  /** The waiting ticket, for a reload or a move to another room. */
  keepWaiting(ticket: string): void;
  takeWaiting(): string | null;
  dropWaiting(): void;
  /** The consultation's ticket, for the call screen. */
  keepCall(consultationId: string, ticket: string): void;
}

export interface PatientWaitingOptions {
  ticket: string;
  tickets: WaitingTickets;
  /** The device check's result, reported to the providers whenever the room greets us. */
  device(): DeviceCheck;
  /** Whether the link itself still works; asked when the room refuses us or is lost. */
  linkProblem(): Promise<string | undefined>;
  /** In the queue: the call screen can load now, so that being let in does not wait for it. */
  prefetchCall?(): void;
  /**
   * The name typed on the join page, kept in this tab (own-name.ts): sealed and sent after every
   * `seal-to`. None (a tab that never had the form): nothing is sent, and the practice sees no name.
   */
  name?(): string | undefined;
  /**
   * The link's fragment with its key commitment (`#k=…`), as the page kept it from its address (own-name.ts);
   * none for a link without one, whose `seal-to` keys are then trusted as offered (seal-own-name.ts).
   */
  keyCommitment?(): string | undefined;
  /** For tests: socket, clock, base address. */
  room?: Pick<RoomOptions, "socket" | "clock" | "base" | "random">;
}

export interface PatientWaitingSession {
  readonly state: PatientWaitingState;
  subscribe(listener: (state: PatientWaitingState) => void): () => void;
  /** Tells the providers the device check's result now (it is told on every connect anyway). */
  reportDevice(): void;
  /** Leaves the queue at once; entering again takes the form. */
  leave(): void;
  /** In the call elsewhere: the call moves to this tab, and the older tab's connection to it is replaced. */
  moveCallHere(): void;
  /** The screen is gone: close everything without another state change. */
  dispose(): void;
}

/** The wait ended without a call: camera and microphone are of no more use on this page. */
export function releasesDevices(phase: PatientPhase): boolean {
  return phase.name === "denied" || phase.name === "left" || phase.name === "closed" || phase.name === "in-call";
}

export function createPatientWaitingSession(options: PatientWaitingOptions): PatientWaitingSession {
  const clock: Clock = options.room?.clock ?? browserClock;
  const { tickets } = options;
  const listeners = new Set<(state: PatientWaitingState) => void>();
  let state: PatientWaitingState = {
    phase: { name: "connecting" },
    position: 0,
    waitedMinutes: 0,
    status: { status: "offline", message: null },
    keysMismatch: false,
    ignoredMessages: 0,
  };
  let room: RoomConnection<PatientToWaitingRoom> | undefined;
  let disposed = false;
  let stopWaited: (() => void) | undefined;
  let askAgainTimer: unknown;
  /** Counts `seal-to`s and connections: a name sealed for an older one is not sent on a newer one. */
  let sealRound = 0;

  function update(change: Partial<PatientWaitingState>) {
    if (disposed) return;
    state = { ...state, ...change };
    for (const listener of listeners) listener(state);
  }

  /** The wait is over on this page: no more counting. */
  function end(phase: PatientPhase) {
    stopWaited?.();
    stopWaited = undefined;
    update({ phase });
  }

  /** The room says how long it has been: the page counts on from there (after a reload too). */
  function countFrom(waitedMs: number) {
    stopWaited?.();
    stopWaited = watchWaited(clock, clock.now() - waitedMs, (waitedMinutes) => {
      if (waitedMinutes !== state.waitedMinutes) update({ waitedMinutes });
    });
  }

  function denied(message: string | null, retryAt: number) {
    tickets.dropWaiting();
    end({ name: "denied", message, retryAt, mayAskAgain: clock.now() >= retryAt });
    watchAskAgain();
  }

  /**
   * Looks again at least every few seconds rather than setting one long timer: a phone that slept
   * through the pause would fire that timer late by as long as it slept.
   */
  function watchAskAgain() {
    const phase = state.phase;
    if (phase.name !== "denied" || phase.mayAskAgain) return;
    const wait = phase.retryAt - clock.now();
    if (wait <= 0) return update({ phase: { ...phase, mayAskAgain: true } });
    askAgainTimer = clock.setTimeout(watchAskAgain, Math.min(wait, ASK_AGAIN_CHECK_MS));
  }

  const ignore = () => update({ ignoredMessages: state.ignoredMessages + 1 });

  function received(message: WaitingRoomToPatient) {
    switch (message.type) {
      case "hello":
        return reportDevice();
      case "position":
        countFrom(message.waitedMs);
        update({
          position: message.position,
          phase: state.phase.name === "waiting" ? state.phase : { name: "waiting" },
        });
        return options.prefetchCall?.();
      case "room-status":
        return update({ status: { status: message.status, message: message.message, forCall: message.forCall } });
      case "notice":
        return update({ notice: message.text });
      case "on-hold":
        return update({ hold: { message: message.message } });
      case "hold-released":
        return update({ hold: undefined });
      case "ticket":
        return tickets.keepWaiting(message.ticket);
      case "seal-to":
        return void sealTo(message);
      case "transferred":
        // The room closes this socket next (4009); the colleague's room takes the new ticket.
        tickets.keepWaiting(message.ticket);
        return update({ transferredTo: message.to, hold: undefined });
      case "admitted":
        tickets.dropWaiting();
        tickets.keepCall(message.consultationId, message.ticket);
        return end({ name: "admitted", consultationId: message.consultationId, movedHere: false });
      case "in-call":
        // Never a second place: the room closes this socket next (4006) and queues nobody.
        tickets.dropWaiting();
        return end({ name: "in-call", consultationId: message.consultationId, ticket: message.ticket });
      case "denied":
        return denied(message.message, message.retryAt);
      // A patient has nothing to do about a refused message. Anything not meant for a waiting patient
      // does not get this far: room.ts reads it as unreadable, and `ignore` counts it there.
      case "error":
        return ignore();
      default:
        return message satisfies never;
    }
  }

  /**
   * Seals the kept name to the keys the room named (those the link commits to, if it does) and sends it:
   * one `name` per `seal-to`, after a reconnect or a transfer too. The sealing loads only now.
   */
  async function sealTo(request: Extract<WaitingRoomToPatient, { type: "seal-to" }>) {
    const round = ++sealRound;
    const name = options.name?.();
    if (!name) return;
    const sealing = await import("./seal-own-name.ts")
      .then(({ sealOwnName }) => sealOwnName(name, request, options.keyCommitment?.()))
      .catch(() => undefined);
    // Another seal-to or connection came meanwhile: the newer one seals for itself.
    if (round !== sealRound || disposed || !sealing) return;
    update({ keysMismatch: sealing.outcome === "mismatch" });
    if (sealing.outcome === "sealed") room?.send({ type: "name", sealed: sealing.sealed });
  }

  async function stopped(stop: RoomStop) {
    const phase = state.phase.name;
    if (disposed || stop.code === CloseCode.admitted || phase === "denied" || phase === "in-call") return;
    // Moved to a colleague, or to the practice's (or one's own) room: the new room takes the new ticket.
    if (stop.code === CloseCode.transferred || stop.code === CloseCode.reopened) {
      const moved = tickets.takeWaiting();
      if (moved) return connect(moved);
    }
    tickets.dropWaiting();
    if (stop.code === CloseCode.denied) return denied(null, clock.now());
    if (stop.code === CloseCode.notOpen) return end({ name: "early" });
    const closed = closedFor[stop.code];
    if (closed) return end({ name: "closed", message: closed, code: stop.code });
    // Refused or lost: if the link itself is no longer good, say why; otherwise entering again hands
    // out a fresh ticket (after a new server secret, say).
    const problem = await options.linkProblem();
    end({ name: "gone", problem });
  }

  function connect(ticket: string) {
    tickets.keepWaiting(ticket);
    room = connectRoom<WaitingRoomToPatient, PatientToWaitingRoom>(
      {
        receive: WaitingRoomToPatient,
        path: "/api/ws/waiting",
        ticket,
        maxReconnects: MAX_RECONNECTS,
        capMs: RECONNECT_CAP_MS,
        ...options.room,
      },
      {
        message: received,
        unreadable: ignore,
        state(next) {
          if (next !== "open") sealRound++;
          if (next === "reconnecting") update({ phase: { name: "reconnecting" } });
        },
        stopped: (stop) => void stopped(stop),
      },
    );
  }

  function reportDevice() {
    room?.send({ type: "device", device: options.device() });
  }

  function close() {
    stopWaited?.();
    clock.clearTimeout(askAgainTimer);
    room?.close();
    room = undefined;
  }

  connect(options.ticket);

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportDevice,
    leave() {
      room?.send({ type: "leave" });
      close();
      tickets.dropWaiting();
      end({ name: "left" });
    },
    moveCallHere() {
      const phase = state.phase;
      if (phase.name !== "in-call") return;
      tickets.keepCall(phase.consultationId, phase.ticket);
      end({ name: "admitted", consultationId: phase.consultationId, movedHere: true });
    },
    dispose() {
      disposed = true;
      listeners.clear();
      close();
    },
  };
}
