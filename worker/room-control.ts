// What the worker tells the rooms when credentials change, so that no socket outlives what opened it.
// These run after the change is saved in D1, so they never throw: a room that cannot be reached is
// logged (by kind only), and its sockets still close by themselves when their session's deadline comes.
import type { SessionMatch } from "../durable-objects/index.ts";
import type { Env } from "./env.ts";
import { objects } from "./jurisdiction.ts";

type RoomsEnv = Pick<Env, "WAITING_ROOM" | "CONSULTATION" | "DO_JURISDICTION">;

async function tell(action: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    console.error(
      JSON.stringify({ event: "room-control-failed", action, name: error instanceof Error ? error.name : "error" }),
    );
  }
}

/** Closes the provider's sockets of the ended session(s): their waiting room and running consultations. */
export function closeSessionSockets(env: RoomsEnv, providerId: string, match: SessionMatch): Promise<void> {
  return tell("end-sessions", async () => {
    const rooms = objects(env, env.WAITING_ROOM);
    const running = await rooms.get(rooms.idFromName(providerId)).endSessions(match);
    const consultations = objects(env, env.CONSULTATION);
    await Promise.all(running.map((id) => consultations.get(consultations.idFromName(id)).endSessions(match)));
  });
}

/** The appointment's links were withdrawn: its patients leave the waiting room at once. */
export function withdrawWaitingPatients(env: RoomsEnv, providerId: string, appointmentId: string): Promise<void> {
  return tell("withdraw-appointment", async () => {
    const rooms = objects(env, env.WAITING_ROOM);
    await rooms.get(rooms.idFromName(providerId)).withdrawAppointment(appointmentId);
  });
}
