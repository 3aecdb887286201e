// What the worker tells the rooms when credentials change, so that no socket outlives what opened it.
// These run after the change is saved in D1, so they never throw: a room that cannot be reached is
// logged (by kind only), and its sockets still close by themselves when their session's deadline comes.

import { errorName, logEvent } from "../common/log.ts";
import { roomsOf, sharedRoomName } from "../common/waiting-rooms.ts";
import type { SessionMatch, WaitingRoom } from "../durable-objects/index.ts";
import type { WithdrawReason } from "../schema/messages.ts";
import type { WaitingRoomSettings } from "../schema/room-settings.ts";
import type { Env } from "./env.ts";
import { objects } from "./jurisdiction.ts";

type RoomsEnv = Pick<Env, "WAITING_ROOM" | "CONSULTATION" | "DO_JURISDICTION">;

type RoomAction =
  | "end-sessions"
  | "require-second-factor"
  | "configure-rooms"
  | "withdraw-appointment"
  | "withdraw-invite"
  | "reopen-rooms";

async function tell(action: RoomAction, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    logEvent("error", "room-control-failed", { action, name: errorName(error) });
  }
}

type Member = { id: string; practiceId: string };

/** Closes the provider's sockets of the ended session(s): their waiting rooms and running consultations. */
export function closeSessionSockets(env: RoomsEnv, provider: Member, match: SessionMatch): Promise<void> {
  return tell("end-sessions", async () => {
    const rooms = objects(env, env.WAITING_ROOM);
    const running = await Promise.all(
      roomsOf(provider).map((name) => rooms.get(rooms.idFromName(name)).endSessions(match)),
    );
    const consultations = objects(env, env.CONSULTATION);
    await Promise.all(
      [...new Set(running.flat())].map((id) => consultations.get(consultations.idFromName(id)).endSessions(match)),
    );
  });
}

/**
 * The practice now requires 2FA: members without it may no longer list or admit patients, so their open
 * dashboards close (the upgrade refuses them from now on, as HTTP does). A running call goes on: cutting
 * a consultation off mid-sentence would hurt the patient, not protect them.
 */
export function refuseMembersWithoutSecondFactor(env: RoomsEnv, members: Member[]): Promise<void> {
  return tell("require-second-factor", async () => {
    const rooms = objects(env, env.WAITING_ROOM);
    await Promise.all(
      members.flatMap((member) =>
        roomsOf(member).map((name) => rooms.get(rooms.idFromName(name)).refuseProvider(member.id)),
      ),
    );
  });
}

/**
 * The practice changed a setting its waiting rooms use: each room of each member, and the shared one,
 * holds the new value at once, for the sockets already open too.
 */
export function configureWaitingRooms(
  env: RoomsEnv,
  practiceId: string,
  memberIds: string[],
  settings: WaitingRoomSettings,
): Promise<void> {
  return tell("configure-rooms", async () => {
    const rooms = objects(env, env.WAITING_ROOM);
    const names = [...memberIds, sharedRoomName(practiceId)];
    await Promise.all(names.map((name) => rooms.get(rooms.idFromName(name)).configure(settings)));
  });
}

/** How many colleagues' rooms a withdrawal follows a patient through (transfer after transfer). */
const MAX_TRANSFER_HOPS = 3;

/**
 * The appointment's links were withdrawn: its patients leave the waiting room at once, also where a
 * transfer took them (each room names the colleagues it moved the appointment's patients to).
 */
export function withdrawWaitingPatients(
  env: RoomsEnv,
  provider: Member,
  appointmentId: string,
  reason: WithdrawReason = "withdrawn",
): Promise<void> {
  return tell("withdraw-appointment", () =>
    followTransfers(env, provider, (room) => room.withdrawAppointment(appointmentId, reason)),
  );
}

/**
 * One invitation's link was withdrawn (or replaced by a new one): whoever waits with it leaves at once;
 * the appointment's other invitations go on. Transfers are followed by appointment, as above.
 */
export function withdrawWaitingInvite(
  env: RoomsEnv,
  provider: Member,
  invite: { id: string; appointmentId: string },
): Promise<void> {
  return tell("withdraw-invite", () =>
    followTransfers(env, provider, (room) => room.withdrawInvite(invite.appointmentId, invite.id)),
  );
}

type WaitingRoomStub = DurableObjectStub<WaitingRoom>;

/** Tells the provider's rooms, then the rooms each says it moved the appointment's patients to. */
async function followTransfers(
  env: RoomsEnv,
  provider: Member,
  withdraw: (room: WaitingRoomStub) => Promise<string[]>,
): Promise<void> {
  const rooms = objects(env, env.WAITING_ROOM);
  const told = new Set<string>();
  let next = roomsOf(provider);
  for (let hop = 0; hop <= MAX_TRANSFER_HOPS && next.length > 0; hop++) {
    for (const name of next) told.add(name);
    const movedTo = await Promise.all(next.map((name) => withdraw(rooms.get(rooms.idFromName(name)))));
    next = [...new Set(movedTo.flat())].filter((name) => !told.has(name));
  }
}

/**
 * The practice switched between one shared waiting room and one each: everyone in the old rooms is
 * asked to reconnect, and the worker sends them to the new one.
 */
export function reopenWaitingRooms(
  env: RoomsEnv,
  practiceId: string,
  memberIds: string[],
  { sharedRoom = true }: { sharedRoom?: boolean } = {},
): Promise<void> {
  return tell("reopen-rooms", async () => {
    const rooms = objects(env, env.WAITING_ROOM);
    const names = sharedRoom ? [...memberIds, sharedRoomName(practiceId)] : memberIds;
    await Promise.all(names.map((name) => rooms.get(rooms.idFromName(name)).reopen()));
  });
}
