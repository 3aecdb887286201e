// An appointment's status in the practice's list follows its patient: scheduled, waiting once they
// entered, in consultation while admitted, done once the call ended. Only the waiting rooms know the
// last two; the list asks them (the member's own room and the practice's shared one).
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sharedRoomName } from "../../common/waiting-rooms.ts";
import type { WaitingRoom } from "../../durable-objects/index.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode } from "../../schema/messages.ts";
import { practices } from "../../schema/tables.ts";
import { database } from "../../worker/db.ts";
import { api, appointmentWithInvite, connected, providerWithSession, ticketed, unique } from "./helpers.ts";

async function joined(path: string, name: string): Promise<string> {
  const res = await api(path, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION, consentLanguage: "en" }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** The status the provider's list shows for the appointment. */
async function statusIn(cookie: string, appointmentId: string): Promise<string | undefined> {
  const res = await api("/api/appointments", { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const { appointments } = (await res.json()) as { appointments: { id: string; status: string }[] };
  return appointments.find((a) => a.id === appointmentId)?.status;
}

/** Admits the one patient waiting; returns the consultation's id and the provider's ticket for it. */
async function admitTheOne(dashboard: Awaited<ReturnType<typeof connected>>) {
  const [patient] = await dashboard.listed(1);
  dashboard.send({ type: "admit", patientId: patient?.id });
  return dashboard.next("admitted");
}

describe("an appointment's status in the list", () => {
  it.each([
    { shared: false, room: "their own waiting room" },
    { shared: true, room: "the practice's shared waiting room" },
  ])("is waiting, then in consultation, then done once the call ends, in $room", async ({ shared }) => {
    const provider = await providerWithSession();
    if (shared) {
      const res = await api("/api/practice", {
        method: "PATCH",
        headers: { Cookie: provider.cookie },
        body: JSON.stringify({ sharedWaitingRoom: true }),
      });
      expect(res.status).toBe(200);
    }
    const { token, appointmentId } = await appointmentWithInvite(provider.id);
    expect(await statusIn(provider.cookie, appointmentId)).toBe("scheduled");

    const ticket = await joined(`/api/invites/${token}/join`, "Ada Patient");
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    const patient = await connected("/api/ws/waiting", ticketed(ticket));
    await dashboard.listed(1);
    expect(await statusIn(provider.cookie, appointmentId)).toBe("waiting");

    const admitted = await admitTheOne(dashboard);
    expect((await patient.whenClosed()).code).toBe(CloseCode.admitted);
    expect(await statusIn(provider.cookie, appointmentId)).toBe("in-consultation");

    const doctor = await connected(`/api/ws/consultation/${admitted.consultationId}`, {
      ...ticketed(admitted.ticket),
      Cookie: provider.cookie,
    });
    await doctor.next("hello");
    expect(await statusIn(provider.cookie, appointmentId)).toBe("in-consultation");
    doctor.send({ type: "end" });
    expect((await doctor.whenClosed()).code).toBe(CloseCode.ended);
    // The call took place: done, although the appointment's scheduled end is still ahead.
    expect(await statusIn(provider.cookie, appointmentId)).toBe("done");
  });

  it("is not changed by a walk-in's consultation, which leaves no record behind in the room", async () => {
    const provider = await providerWithSession();
    const shortName = unique("praxis").toLowerCase();
    await database(env.DB).update(practices).set({ shortName }).where(eq(practices.id, provider.practiceId));
    const room = await api("/api/account/personal-room", {
      method: "PUT",
      headers: { Cookie: provider.cookie },
      body: JSON.stringify({ on: true, name: unique("room").toLowerCase() }),
    });
    expect(room.status).toBe(200);
    const { path } = (await room.json()) as { path: string };
    const { token, appointmentId } = await appointmentWithInvite(provider.id);
    await joined(`/api/invites/${token}/join`, "Ada Patient");

    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    const walkIn = await connected(
      "/api/ws/waiting",
      ticketed(await joined(`/api/rooms${path.slice(2)}/join`, "Wanda")),
    );
    await admitTheOne(dashboard);
    expect((await walkIn.whenClosed()).code).toBe(CloseCode.admitted);

    // Someone entered through the appointment's link, but nobody of it is in a call.
    expect(await statusIn(provider.cookie, appointmentId)).toBe("waiting");
    for (const name of [provider.id, sharedRoomName(provider.practiceId)]) {
      const stub = env.WAITING_ROOM.get(env.WAITING_ROOM.idFromName(name));
      const kept = await runInDurableObject(stub, async (_room: WaitingRoom, state) =>
        Object.keys(Object.fromEntries(await state.storage.list({ prefix: "consulted:" }))),
      );
      expect(kept).toEqual([]);
    }
  });
});
