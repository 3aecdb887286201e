// What an appointment's time may be. Pure, so the edges can be tested with an exact clock.
import { APPOINTMENT_START_TOLERANCE_MS, MAX_APPOINTMENT_MINUTES, MIN_APPOINTMENT_MINUTES } from "../schema/limits.ts";
import type { Appointment } from "../schema/tables.ts";
import { appointmentEnd } from "./invites.ts";
import { problem } from "./problem.ts";

type Timing = Pick<Appointment, "startsAt" | "durationMinutes">;

/**
 * Why this time is refused, or undefined. `startChanged` is false for an edit that keeps the start:
 * an appointment that has begun may still get a longer duration or another title.
 */
export function timingProblem(timing: Timing, now: number, { startChanged = true } = {}) {
  if (timing.durationMinutes < MIN_APPOINTMENT_MINUTES) {
    return problem("appointment-too-short", `An appointment lasts at least ${MIN_APPOINTMENT_MINUTES} minutes.`);
  }
  if (timing.durationMinutes > MAX_APPOINTMENT_MINUTES) {
    return problem("appointment-too-long", `An appointment lasts at most ${MAX_APPOINTMENT_MINUTES} minutes.`);
  }
  if (startChanged && timing.startsAt < now - APPOINTMENT_START_TOLERANCE_MS) {
    return problem("appointment-in-past", "The start lies in the past.");
  }
  if (appointmentEnd(timing) <= now) return problem("appointment-over", "This appointment would already be over.");
  return undefined;
}

/** Whether two appointments share any minute (touching ends do not overlap). */
export function overlap(a: Timing, b: Timing): boolean {
  return a.startsAt < appointmentEnd(b) && b.startsAt < appointmentEnd(a);
}
