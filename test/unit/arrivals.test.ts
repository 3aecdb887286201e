import { describe, expect, it } from "vitest";
import { memorySet } from "../../durable-objects/expiring-set.ts";
import { Arrivals, type PatientIdentity, WITHDRAWN_MEMORY_MS } from "../../durable-objects/waiting-room/arrivals.ts";
import type { InviteFacts } from "../../durable-objects/waiting-room/invite-facts.ts";

const NOW = 1_800_000_000_000;

function facts(change: Partial<InviteFacts> = {}, practice: Partial<InviteFacts["practice"]> = {}): InviteFacts {
  return {
    inviteId: "invite-1",
    label: "patient",
    consultationId: null,
    validity: { validFrom: NOW - 60_000, validUntil: NOW + 3_600_000, revokedAt: null },
    appointment: { title: "Check-up", startsAt: NOW },
    providerId: "dr-a",
    providerName: "Dr. A",
    practice: {
      id: "practice-1",
      sharedWaitingRoom: false,
      waitingIdleLimitMinutes: 15,
      denyPauseMinutes: 5,
      consultationLimitMinutes: 120,
      waitingRoomOpensMinutes: 15,
      ...practice,
    },
    ...change,
  };
}

const patient: PatientIdentity = {
  role: "patient",
  providerId: "dr-a",
  room: "dr-a",
  appointmentId: "appointment-1",
  inviteId: "invite-1",
  ticketId: "ticket-1",
  waitingSince: NOW - 10_000,
  issuedAt: NOW - 10_000,
  ticketExpiresAt: NOW + 3_600_000,
};

/**
 * Arrivals over fixed D1 facts: the invite (if any) and the confirmed members' practices; `ended`: the
 * consultations that say they have ended (each asked is recorded in `asked`).
 */
function arrivals(invite: InviteFacts | undefined, members: Record<string, string> = {}, ended: string[] = []) {
  const withdrawn = memorySet();
  const asked: string[] = [];
  let now = NOW;
  const checker = new Arrivals(
    { get: async () => invite },
    {
      get: async (id) => {
        const practiceId = members[id];
        return practiceId === undefined
          ? undefined
          : { providerName: `Name of ${id}`, practice: { ...facts().practice, id: practiceId } };
      },
    },
    withdrawn,
    () => now,
    () => "new-ticket",
    async (consultationId, inviteId) => {
      asked.push(`${consultationId}/${inviteId}`);
      return ended.includes(consultationId);
    },
  );
  return { checker, asked, later: (ms: number) => (now += ms) };
}

describe("a patient arriving at a waiting room", () => {
  it("waits here with the appointment and the practice's settings as D1 has them now", async () => {
    const arrival = await arrivals(facts()).checker.check(patient);
    expect(arrival).toEqual({
      kind: "welcome",
      patient: {
        ...patient,
        appointment: { title: "Check-up", startsAt: NOW },
        label: "patient",
      },
      settings: { idleLimitMs: 15 * 60_000, denyPauseMs: 5 * 60_000, consultationLimitMs: 120 * 60_000, shared: false },
    });
  });

  it("is refused when the link is unknown, withdrawn, expired or not yet valid", async () => {
    const validity = facts().validity;
    const cases = [
      undefined,
      facts({ validity: { ...validity, revokedAt: NOW - 1 } }),
      facts({ validity: { ...validity, validUntil: NOW } }),
      facts({ validity: { ...validity, validFrom: NOW + 1 } }),
    ];
    for (const invite of cases) expect(await arrivals(invite).checker.check(patient)).toEqual({ kind: "refused" });
  });

  it("through a link made in a running call, waits for that call only, and its consultation is asked", async () => {
    const { checker, asked } = arrivals(facts({ label: "interpreter", consultationId: "call-1" }));
    const arrival = await checker.check(patient);
    expect(arrival).toMatchObject({ kind: "welcome", patient: { label: "interpreter", madeInCall: "call-1" } });
    expect(asked).toEqual(["call-1/invite-1"]);
  });

  it("through a link made in a call that has ended, is told it has ended, not let in", async () => {
    const { checker } = arrivals(facts({ label: "relative", consultationId: "call-1" }), {}, ["call-1"]);
    expect(await checker.check(patient)).toEqual({ kind: "call-ended" });
  });

  it("through an appointment's own link, asks no consultation", async () => {
    const { checker, asked } = arrivals(facts());
    const arrival = await checker.check(patient);
    expect(arrival.kind).toBe("welcome");
    expect(arrival.kind === "welcome" && "madeInCall" in arrival.patient).toBe(false);
    expect(asked).toEqual([]);
  });

  it("is turned away until the waiting room opens, and let in from its first millisecond", async () => {
    // The start is 20 minutes away and the practice opens 15 minutes before: open at NOW + 5 min.
    const opensAt = NOW + 5 * 60_000;
    const { checker, later } = arrivals(facts({ appointment: { title: "Check-up", startsAt: NOW + 20 * 60_000 } }));
    expect(await checker.check(patient)).toEqual({ kind: "early", opensAt });
    later(5 * 60_000 - 1);
    expect(await checker.check(patient)).toEqual({ kind: "early", opensAt });
    later(1);
    expect((await checker.check(patient)).kind).toBe("welcome");
  });

  it("opens as soon as the practice says: a setting of 0 minutes opens at the start", async () => {
    const startsAt = NOW + 1;
    const { checker, later } = arrivals(
      facts({ appointment: { title: "Check-up", startsAt } }, { waitingRoomOpensMinutes: 0 }),
    );
    expect(await checker.check(patient)).toEqual({ kind: "early", opensAt: startsAt });
    later(1);
    expect((await checker.check(patient)).kind).toBe("welcome");
  });

  it("is refused for a while after the practice withdrew the appointment, even if D1 was read before", async () => {
    const { checker, later } = arrivals(facts());
    checker.withdraw(patient.appointmentId);
    expect(await checker.check(patient)).toEqual({ kind: "refused" });
    later(WITHDRAWN_MEMORY_MS);
    expect((await checker.check(patient)).kind).toBe("welcome");
  });

  it("is refused after the practice withdrew their invitation's link, while another invitation's patient still waits", async () => {
    const { checker } = arrivals(facts());
    checker.withdrawInvite("invite-2");
    expect((await checker.check(patient)).kind).toBe("welcome");
    checker.withdrawInvite(patient.inviteId);
    expect(await checker.check(patient)).toEqual({ kind: "refused" });
  });

  it("is sent on to the practice's shared room, with their waiting time, when the ticket names the provider's", async () => {
    const arrival = await arrivals(facts({}, { sharedWaitingRoom: true })).checker.check(patient);
    expect(arrival).toEqual({
      kind: "redirected",
      ticket: {
        kind: "waiting",
        id: "new-ticket",
        providerId: "dr-a",
        appointmentId: "appointment-1",
        inviteId: "invite-1",
        waitingSince: patient.waitingSince,
        issuedAt: NOW,
        exp: patient.ticketExpiresAt,
        room: "practice:practice-1",
      },
    });
  });

  it("says in a shared room whom the patient came to see", async () => {
    const shared = { ...patient, room: "practice:practice-1" };
    const arrival = await arrivals(facts({}, { sharedWaitingRoom: true })).checker.check(shared);
    expect(arrival.kind === "welcome" && arrival.patient.appointment).toEqual({
      title: "Check-up",
      startsAt: NOW,
      with: "Dr. A",
    });
  });

  it("waits with the colleague they were moved to while that colleague is a member, else goes back", async () => {
    const moved = { ...patient, providerId: "dr-b", room: "dr-b" };
    const staying = await arrivals(facts(), { "dr-b": "practice-1" }).checker.check(moved);
    expect(staying).toMatchObject({ kind: "welcome", patient: { providerId: "dr-b" } });
    const left = await arrivals(facts(), {}).checker.check(moved);
    expect(left).toMatchObject({ kind: "redirected", ticket: { providerId: "dr-a", room: "dr-a" } });
    const elsewhere = await arrivals(facts(), { "dr-b": "another-practice" }).checker.check(moved);
    expect(elsewhere).toMatchObject({ kind: "redirected", ticket: { providerId: "dr-a", room: "dr-a" } });
  });
});

describe("a walk-in arriving at a waiting room", () => {
  const walkIn: PatientIdentity = {
    ...patient,
    appointmentId: "visit-1",
    inviteId: "visit-1",
    walkIn: true,
  };

  it("waits without an appointment, whatever the opening time, while the host is a member", async () => {
    const arrival = await arrivals(undefined, { "dr-a": "practice-1" }).checker.check(walkIn);
    expect(arrival.kind).toBe("welcome");
    if (arrival.kind !== "welcome") return;
    expect(arrival.patient.appointment).toBeUndefined();
    expect(arrival.patient.walkIn).toBe(true);
    expect(arrival.patient.walkInWith).toBeUndefined();
  });

  it("is refused once the host is no longer a confirmed member", async () => {
    const arrival = await arrivals(undefined, {}).checker.check(walkIn);
    expect(arrival).toEqual({ kind: "refused" });
  });

  it("is sent on, still a walk-in, to the practice's shared room", async () => {
    const shared = new Arrivals(
      { get: async () => undefined },
      {
        get: async () => ({
          providerName: "Dr. A",
          practice: { ...facts().practice, sharedWaitingRoom: true },
        }),
      },
      memorySet(),
      () => NOW,
      () => "new-ticket",
    );
    const arrival = await shared.check(walkIn);
    expect(arrival.kind).toBe("redirected");
    if (arrival.kind !== "redirected") return;
    expect(arrival.ticket).toMatchObject({ room: "practice:practice-1", walkIn: true, inviteId: "visit-1" });
    const there = await shared.check({ ...walkIn, room: "practice:practice-1" });
    expect(there.kind === "welcome" && there.patient.walkInWith).toBe("Dr. A");
  });
});
