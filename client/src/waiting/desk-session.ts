// The provider's desk: their connection to their waiting room, who waits, and every action on the
// queue, without any UI. Two screens hold one: the provider's pages (presence-context.tsx: one for all
// of them, so that moving between pages neither drops the socket nor loses the count) and the call's
// top bar (call-waiting.tsx: busy, letting a returning patient back in, adding someone to the call). Socket and clock are
// injected, so every rule here is tested with fakes (test/client/provider-desk-session.test.ts).
//
// State is a plain object with `subscribe`, as the call session has it: the presence outlives every
// screen that shows it, tests read `session.state` without a reactive root, and Solid's server build
// (which Node resolves) would not react to signals anyway. Screens turn it into one signal.
import {
  CloseCode,
  type ErrorCode,
  type ProviderStatus,
  type ProviderToWaitingRoom,
  type WaitingPatient,
  WaitingRoomToProvider,
} from "../../../schema/messages.ts";
import { connectRoom, type RoomConnection, type RoomOptions, type RoomStop } from "../shared/room.ts";
import { applyQueueChange } from "./queue-list.ts";

export type Colleague = { id: string; name: string };

/** A colleague moderating a consultation asks this provider to join it, until `until` (its maximum length). */
export type CallRequest = Omit<Extract<WaitingRoomToProvider, { type: "call-request" }>, "type">;

/**
 * idle: not started, or stopped by the page (left the provider's pages, must enrol 2FA first);
 * lost: dropped and trying again, or closed for good by the room (a later start tries again);
 * refused: the server turned the socket away (session ended, or 2FA now required): it is not retried.
 */
export type DeskConnection = "idle" | "connecting" | "open" | "lost" | "refused";

/** What the room is told on every connect: available or away from the dashboard, busy from a call. */
export interface DeskStatus {
  status: ProviderStatus;
  message: string;
}

export interface DeskState {
  readonly connection: DeskConnection;
  /** Who waits, first come first; empty while not connected (nobody waits for a provider who is not there). */
  readonly patients: readonly WaitingPatient[];
  /** Whom a patient can be transferred to. */
  readonly colleagues: readonly Colleague[];
  /** Colleagues asking this provider to join their consultation, oldest first (never a patient's name). */
  readonly callRequests: readonly CallRequest[];
  /** Waiting patients whose link is in a running call of this provider: patient id → consultation id. */
  readonly returning: ReadonlyMap<string, string>;
  readonly status: DeskStatus;
  /** The room's answer to the provider's last action, when it refused it. */
  readonly problem?: ErrorCode;
  /**
   * Whom the last notice went to: the socket has no receipt, so the send itself is confirmed. The patient
   * as they were listed, for the screen to name them as it can (their name is sealed: open-names.ts).
   */
  readonly noticeSentTo?: WaitingPatient;
  /** The patient being let back in: their button waits for the room. */
  readonly letting?: string;
  readonly letBackInFailed: boolean;
  /** The person being added to the running call: their button waits for the room. */
  readonly adding?: string;
  /** Why the room refused the last add-to-call (full, locked, ended: not-found, not the moderator: forbidden). */
  readonly addFailed?: ErrorCode;
  /** Frames that are not the waiting room's to a provider (a patient's or a call's messages, unreadable ones): counted, never acted on. */
  readonly ignoredMessages: number;
}

/** One-shot cues and hand-offs: nothing to draw, something to do (a chime, another page). */
export interface DeskEvents {
  /** Someone new came in (not a snapshot on connect); `waiting` counts everyone now. */
  arrived?(waiting: number): void;
  /** A waiting patient's link is in this provider's running consultation `consultationId`. */
  returning?(patientId: string, consultationId: string): void;
  /** The provider let someone in: the consultation to open, with the ticket for it. */
  admitted?(consultationId: string, ticket: string): void;
  /** The server refused the socket; it is not retried (that would loop against a closed door). */
  refused?(): void;
  /** A colleague asks to join their consultation (new now, not one already shown). */
  callRequest?(request: CallRequest): void;
}

export interface DeskOptions {
  status: DeskStatus;
  /** Tries for the very first connection; a provider's own pages keep trying as long as they are open. */
  maxFirstConnects?: number;
  events?: DeskEvents;
  /** For tests: socket, clock, base address. */
  room?: Pick<RoomOptions, "socket" | "clock" | "base" | "random">;
}

export interface DeskSession {
  readonly state: DeskState;
  subscribe(listener: (state: DeskState) => void): () => void;
  /** Opens the connection unless it is open or opening; after `stop` or a refusal it opens anew. */
  start(): void;
  /** Closes the connection: patients see the provider go offline. */
  stop(): void;
  admit(patientId: string): void;
  /** Admits whoever has waited longest and is not on hold. */
  admitNext(): void;
  deny(patientId: string, message?: string): void;
  /** The patient stays in the queue and is told to wait; `release` ends it. */
  hold(patientId: string, message?: string): void;
  release(patientId: string): void;
  /** A one-way notice; an empty text sends nothing. */
  notify(patientId: string, text: string): void;
  transfer(patientId: string, colleagueId: string): void;
  /** Keeps the status for every later connect and tells the room now. */
  setStatus(status: DeskStatus): void;
  /** From a call: lets a returning patient back into that same running consultation. */
  letBackIn(patientId: string): void;
  /** From a call: adds someone waiting for it (`forCall`) to that same running consultation. */
  addToCall(patientId: string, consultationId: string): void;
  /** "Not now" to a colleague's request to join their consultation, on every page of this provider. */
  declineCall(consultationId: string): void;
}

/** The desk's connection: it sends what a provider may send their waiting room. */
type DeskRoom = RoomConnection<ProviderToWaitingRoom>;

export function createDeskSession(options: DeskOptions): DeskSession {
  const events = options.events ?? {};
  const listeners = new Set<(state: DeskState) => void>();
  let room: DeskRoom | undefined;
  let state: DeskState = {
    connection: "idle",
    patients: [],
    colleagues: [],
    callRequests: [],
    returning: new Map(),
    status: options.status,
    letBackInFailed: false,
    ignoredMessages: 0,
  };

  function update(change: Partial<DeskState>) {
    state = { ...state, ...change };
    for (const listener of listeners) listener(state);
  }

  const ignore = () => update({ ignoredMessages: state.ignoredMessages + 1 });

  function received(connection: DeskRoom, message: WaitingRoomToProvider) {
    switch (message.type) {
      case "hello":
        connection.send({ type: "status", ...state.status });
        return;
      case "queue":
        // A fresh snapshot on every connect, so a reconnect needs nothing else; the room tells again who is coming back.
        // Requests to join a colleague's call follow the snapshot again (one answered meanwhile is gone).
        return update({
          patients: applyQueueChange(state.patients, message),
          returning: new Map(),
          callRequests: [],
        });
      case "arrived": {
        const patients = applyQueueChange(state.patients, message);
        update({ patients });
        return events.arrived?.(patients.length);
      }
      case "updated":
        return update({ patients: applyQueueChange(state.patients, message) });
      case "departed": {
        const letIn = state.letting === message.id;
        const added = state.adding === message.id;
        return update({
          patients: applyQueueChange(state.patients, message),
          letting: letIn ? undefined : state.letting,
          adding: added ? undefined : state.adding,
        });
      }
      case "returning":
        update({ returning: new Map(state.returning).set(message.id, message.consultationId) });
        return events.returning?.(message.id, message.consultationId);
      case "colleagues":
        return update({ colleagues: message.colleagues });
      case "call-request": {
        const { type: _type, ...request } = message;
        const known = state.callRequests.some((r) => r.consultationId === request.consultationId);
        const others = state.callRequests.filter((r) => r.consultationId !== request.consultationId);
        update({ callRequests: [...others, request] });
        // Sent again on every connect: only a request not shown yet notifies.
        if (!known) events.callRequest?.(request);
        return;
      }
      case "call-request-gone":
        return update({ callRequests: state.callRequests.filter((r) => r.consultationId !== message.consultationId) });
      case "admitted":
        return events.admitted?.(message.consultationId, message.ticket);
      case "error":
        // A refused add or let-back-in shows at its button; anything else at the top of the list.
        if (state.adding !== undefined) return update({ adding: undefined, addFailed: message.code });
        if (state.letting !== undefined)
          return update({ problem: message.code, letting: undefined, letBackInFailed: true });
        return update({ problem: message.code });
      // Anything meant for a waiting patient or a consultation does not get this far: room.ts reads it
      // as unreadable, and `ignore` counts it there.
      default:
        return message satisfies never;
    }
  }

  function stopped(connection: DeskRoom, stop: RoomStop) {
    if (stop.reason === "refused") {
      room = undefined;
      update({ connection: "refused", patients: [], returning: new Map() });
      return events.refused?.();
    }
    // The practice switched between a shared room and one each: the worker names the new one.
    if (stop.code === CloseCode.reopened) return connection.reconnect();
    // Closed for good by the room: the screen says the connection is lost; a later start tries again.
    room = undefined;
    update({ connection: "lost" });
  }

  function connect(): DeskRoom {
    // Worth trying for as long as the provider is on their pages: a provider's socket is never final.
    const connection: DeskRoom = connectRoom<WaitingRoomToProvider, ProviderToWaitingRoom>(
      {
        receive: WaitingRoomToProvider,
        path: "/api/ws/waiting",
        maxReconnects: Number.POSITIVE_INFINITY,
        maxFirstConnects: options.maxFirstConnects ?? Number.POSITIVE_INFINITY,
        ...options.room,
      },
      {
        message: (message) => received(connection, message),
        unreadable: ignore,
        state: (next) => update({ connection: next === "reconnecting" ? "lost" : next }),
        stopped: (stop) => stopped(connection, stop),
      },
    );
    return connection;
  }

  /** Each action starts afresh: the last refusal and the last notice's confirmation no longer apply. */
  function act(message: ProviderToWaitingRoom, change: Partial<DeskState> = {}) {
    update({ problem: undefined, noticeSentTo: undefined, ...change });
    room?.send(message);
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      room ??= connect();
    },
    stop() {
      const connection = room;
      if (!connection) return;
      room = undefined;
      connection.close();
      update({
        connection: "idle",
        patients: [],
        returning: new Map(),
        callRequests: [],
        letting: undefined,
        adding: undefined,
      });
    },
    admit: (patientId) => act({ type: "admit", patientId }),
    admitNext: () => act({ type: "admit-next" }),
    deny: (patientId, message) => act({ type: "deny", patientId, message: message || undefined }),
    hold: (patientId, message) => act({ type: "hold", patientId, message: message || undefined }),
    release: (patientId) => act({ type: "release", patientId }),
    notify(patientId, text) {
      if (!text) return;
      const patient = state.patients.find((listed) => listed.id === patientId);
      act({ type: "notify", patientId, text });
      update({ noticeSentTo: patient });
    },
    transfer: (patientId, to) => act({ type: "transfer", patientId, to }),
    setStatus(status) {
      act({ type: "status", ...status }, { status });
    },
    letBackIn(patientId) {
      act({ type: "let-back-in", patientId }, { letting: patientId, letBackInFailed: false });
    },
    addToCall(patientId, consultationId) {
      act({ type: "add-to-call", patientId, consultationId }, { adding: patientId, addFailed: undefined });
    },
    declineCall(consultationId) {
      update({ callRequests: state.callRequests.filter((r) => r.consultationId !== consultationId) });
      room?.send({ type: "decline-call", consultationId });
    },
  };
}
