// The plain logic behind an appointment's status: what a waiting room reports of its calls, and how the
// list weighs that against what D1 knows.
import { describe, expect, it } from "vitest";
import { memorySet } from "../../durable-objects/expiring-set.ts";
import { type CallState, RunningCalls } from "../../durable-objects/waiting-room/calls.ts";
import type { Appointment } from "../../schema/tables.ts";
import { statusOf } from "../../worker/appointment-store.ts";

const NOW = Date.UTC(2026, 5, 1, 10, 0);

function callsWith(states: Record<string, CallState | "unreachable">) {
  const returns = {
    calls: memorySet(),
    consulted: memorySet(),
    async state(consultationId: string): Promise<CallState> {
      const state = states[consultationId];
      if (!state || state === "unreachable") throw new Error("no answer");
      return state;
    },
    mintTicket: async () => "ticket",
    admission: async () => "ok" as const,
  };
  return { returns, calls: new RunningCalls(returns, () => NOW) };
}

describe("a waiting room's overview of its calls", () => {
  it("reports links whose call runs (patient in it or away) and every link admitted while it is valid", async () => {
    const { calls } = callsWith({ c1: "present", c2: "away", c3: "ended", c4: "unreachable" });
    calls.remember("in", "c1", "p", NOW + 60_000, NOW + 90_000);
    calls.remember("away", "c2", "p", NOW + 60_000, NOW + 90_000);
    calls.remember("over", "c3", "p", NOW + 60_000, NOW + 90_000);
    calls.remember("unknown", "c4", "p", NOW + 60_000, NOW + 90_000);
    const overview = await calls.overview();
    expect(overview.running.sort()).toEqual(["away", "in"]);
    expect(overview.held.sort()).toEqual(["away", "in", "over", "unknown"]);
  });

  it("forgets records past their deadline and keeps none for a walk-in", async () => {
    const { calls } = callsWith({ old: "present", walk: "present" });
    calls.remember("expired", "old", "p", NOW - 1, NOW - 1);
    calls.remember("walk-in", "walk", "p", NOW + 60_000, undefined);
    expect(await calls.overview()).toEqual({ running: ["walk-in"], held: [] });
  });
});

describe("an appointment's status", () => {
  const appointment = (change: Partial<Appointment> = {}): Appointment => ({
    id: "a",
    providerId: "p",
    title: "Check-up",
    note: "",
    startsAt: NOW - 10 * 60_000,
    durationMinutes: 30,
    cancelledAt: null,
    sequence: 0,
    createdAt: NOW - 86_400_000,
    ...change,
  });
  const over = { startsAt: NOW - 60 * 60_000 };

  it("is scheduled, then waiting once someone entered, done once it is over", () => {
    expect(statusOf(appointment(), false, NOW)).toBe("scheduled");
    expect(statusOf(appointment(), true, NOW)).toBe("waiting");
    expect(statusOf(appointment(over), true, NOW)).toBe("done");
  });

  it("is in consultation while its call runs, also past its scheduled end, and done once one took place", () => {
    expect(statusOf(appointment(), true, NOW, "running")).toBe("in-consultation");
    expect(statusOf(appointment(over), true, NOW, "running")).toBe("in-consultation");
    expect(statusOf(appointment(), true, NOW, "held")).toBe("done");
  });

  it("stays cancelled whatever the rooms say", () => {
    expect(statusOf(appointment({ cancelledAt: NOW - 1 }), true, NOW, "running")).toBe("cancelled");
  });
});
