// What the worker tells the rooms when credentials change, so that no socket outlives what opened it.
import type { SessionMatch } from "../durable-objects/index.ts";
import type { Env } from "./env.ts";
import { objects } from "./jurisdiction.ts";

type RoomsEnv = Pick<Env, "WAITING_ROOM" | "CONSULTATION" | "DO_JURISDICTION">;

/** Closes the provider's sockets of the ended session(s): their waiting room and running consultations. */
export async function closeSessionSockets(env: RoomsEnv, providerId: string, match: SessionMatch): Promise<void> {
  const rooms = objects(env, env.WAITING_ROOM);
  const running = await rooms.get(rooms.idFromName(providerId)).endSessions(match);
  const consultations = objects(env, env.CONSULTATION);
  await Promise.all(running.map((id) => consultations.get(consultations.idFromName(id)).endSessions(match)));
}

/** The appointment's links were withdrawn: its patients leave the waiting room at once. */
export async function withdrawWaitingPatients(env: RoomsEnv, providerId: string, appointmentId: string): Promise<void> {
  const rooms = objects(env, env.WAITING_ROOM);
  await rooms.get(rooms.idFromName(providerId)).withdrawAppointment(appointmentId);
}
