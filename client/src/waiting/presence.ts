// The provider's presence in their waiting room while they are on any of their pages (dashboard,
// account, practice): the one waiting-room connection, who waits, and the status sent on every connect.
// Patients see "offline" whenever no such connection is open, so it must outlive a move between pages.
// Plain logic with the socket and clock injected (tested with fakes in test/client/presence.test.ts);
// presence-context.tsx turns what it reports into signals, sounds and notifications.
import type { ClientMessage, ErrorCode, WaitingPatient } from "../../../schema/messages.ts";
import { CloseCode } from "../../../schema/messages.ts";
import { connectRoom, type RoomConnection, type RoomOptions } from "../room.ts";
import type { ChosenStatus } from "./chosen-status.ts";
import { applyQueueMessage } from "./queue-list.ts";

export type Colleague = { id: string; name: string };

/**
 * idle: not started, or stopped by the page (left the provider's pages, must enrol 2FA first);
 * refused: the server turned the socket away (session ended, or 2FA now required): it is not retried.
 */
export type PresenceState = "idle" | "connecting" | "open" | "lost" | "refused";

/** What the presence tells the screens. */
export interface PresenceReport {
  /** The whole list after each change; `arrived` when someone new came in (not a snapshot on connect). */
  patients(list: readonly WaitingPatient[], arrived: boolean): void;
  colleagues(list: readonly Colleague[]): void;
  state(state: PresenceState): void;
  problem(code: ErrorCode): void;
  /** The provider let someone in: the consultation to open, with the ticket for it. */
  admitted(consultationId: string, ticket: string): void;
  /** The server refused the socket; it is not retried (that would loop against a closed door). */
  refused(): void;
}

export interface Presence {
  /** Opens the connection unless it is open or opening; after `stop` or a refusal it opens anew. */
  start(): void;
  /** Closes the connection: patients see the provider go offline. */
  stop(): void;
  send(message: ClientMessage): void;
  /** Keeps the status for every later connect and tells the room now. */
  setStatus(chosen: ChosenStatus): void;
}

export interface PresenceOptions {
  status: ChosenStatus;
  /** For tests: socket, clock, base address. */
  room?: Pick<RoomOptions, "socket" | "clock" | "base" | "random">;
}

export function createPresence(options: PresenceOptions, report: PresenceReport): Presence {
  let status = options.status;
  let room: RoomConnection | undefined;
  let patients: readonly WaitingPatient[] = [];

  function setPatients(next: readonly WaitingPatient[], arrived: boolean) {
    patients = next;
    report.patients(next, arrived);
  }

  function connect(): RoomConnection {
    // Worth trying for as long as the provider is on their pages: a provider's socket is never final.
    const connection: RoomConnection = connectRoom(
      {
        path: "/api/ws/waiting",
        maxReconnects: Number.POSITIVE_INFINITY,
        maxFirstConnects: Number.POSITIVE_INFINITY,
        ...options.room,
      },
      {
        message(message) {
          switch (message.type) {
            case "hello":
              connection.send({ type: "status", ...status });
              return;
            case "colleagues":
              report.colleagues(message.colleagues);
              return;
            case "admitted":
              report.admitted(message.consultationId, message.ticket);
              return;
            case "error":
              report.problem(message.code);
              return;
          }
          // The server sends a fresh snapshot on every connect, so a reconnect needs nothing else.
          const next = applyQueueMessage(patients, message);
          if (next !== patients) setPatients(next, message.type === "arrived");
        },
        state: (next) => report.state(next === "reconnecting" ? "lost" : next),
        stopped(stop) {
          if (stop.reason === "refused") {
            room = undefined;
            setPatients([], false);
            report.state("refused");
            return report.refused();
          }
          // The practice switched between a shared room and one each: the worker names the new one.
          if (stop.code === CloseCode.reopened) return connection.reconnect();
          // Closed for good by the room: the screen says the connection is lost; a later start tries again.
          room = undefined;
          report.state("lost");
        },
      },
    );
    return connection;
  }

  return {
    start() {
      room ??= connect();
    },
    stop() {
      const connection = room;
      if (!connection) return;
      room = undefined;
      connection.close();
      setPatients([], false);
      report.state("idle");
    },
    send(message) {
      room?.send(message);
    },
    setStatus(chosen) {
      status = chosen;
      room?.send({ type: "status", ...chosen });
    },
  };
}
