// What a waiting room needs to know of its practice's settings. The worker sets them by RPC when the
// room is first used and whenever they change; the room keeps them in its own storage (docs/DATA.md),
// so that they hold after hibernation and reach sockets that are already open.
import * as z from "zod/mini";
import {
  DEFAULT_CONSULTATION_LIMIT_MINUTES,
  DEFAULT_DENY_PAUSE_MINUTES,
  DEFAULT_WAITING_IDLE_LIMIT_MINUTES,
} from "./limits.ts";

export const WaitingRoomSettings = z.object({
  /** How long a patient may wait before the room lets them go. */
  idleLimitMs: z.number().check(z.positive()),
  /** How long a denied link must wait before it may ask again. */
  denyPauseMs: z.number().check(z.gte(0)),
  /** How long a consultation admitted from this room may last. */
  consultationLimitMs: z.number().check(z.positive()),
  /** One room for the whole practice: every member sees every patient, so nobody is moved. */
  shared: z.boolean(),
});
export type WaitingRoomSettings = z.infer<typeof WaitingRoomSettings>;

/** A practice's settings as its waiting rooms need them (columns of `practices` in schema/tables.ts). */
export function waitingRoomSettings(practice: {
  waitingIdleLimitMinutes: number;
  denyPauseMinutes: number;
  consultationLimitMinutes: number;
  sharedWaitingRoom: boolean;
}): WaitingRoomSettings {
  return {
    idleLimitMs: practice.waitingIdleLimitMinutes * 60_000,
    denyPauseMs: practice.denyPauseMinutes * 60_000,
    consultationLimitMs: practice.consultationLimitMinutes * 60_000,
    shared: practice.sharedWaitingRoom,
  };
}

/** What a room assumes until its practice's settings reach it: the practice defaults. */
export const DEFAULT_WAITING_ROOM_SETTINGS: WaitingRoomSettings = waitingRoomSettings({
  waitingIdleLimitMinutes: DEFAULT_WAITING_IDLE_LIMIT_MINUTES,
  denyPauseMinutes: DEFAULT_DENY_PAUSE_MINUTES,
  consultationLimitMinutes: DEFAULT_CONSULTATION_LIMIT_MINUTES,
  sharedWaitingRoom: false,
});

export function sameSettings(a: WaitingRoomSettings, b: WaitingRoomSettings): boolean {
  return (
    a.idleLimitMs === b.idleLimitMs &&
    a.denyPauseMs === b.denyPauseMs &&
    a.consultationLimitMs === b.consultationLimitMs &&
    a.shared === b.shared
  );
}
