// "Invite someone" from inside a running consultation: only its moderator makes a link, never into an
// ended or locked call; whoever comes through it waits for that call and is added to it; when the call
// ends, the link has expired.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode, type ServerMessage } from "../../schema/messages.ts";
import { api, appointmentWithInvite, connected, freshRateWindow, providerWithSession, ticketed } from "./helpers.ts";

const inCall =
  (count: number) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: "presence" }> =>
    m.type === "presence" && m.participants.length === count;

type Issued = { invitation: { label: string; state: string }; invite: { inviteUrl: string; validUntil: string } };

const inviteFrom = (consultationId: string, cookie: string, label: unknown = "interpreter") =>
  api(`/api/consultations/${consultationId}/invitations`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({ label }),
  });

const joinThrough = async (token: string, name: string) => {
  const res = await api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
};

/**
 * A consultation opened as the waiting room opens one (its end, moderator and appointment), without going
 * through the waiting room: for the refusals, which the consultation alone decides.
 */
async function openedCall(options: { endsInMs?: number; walkIn?: boolean } = {}) {
  const provider = await providerWithSession();
  const { appointmentId } = await appointmentWithInvite(provider.id);
  const consultationId = crypto.randomUUID();
  const endsAt = Date.now() + (options.endsInMs ?? 60 * 60_000);
  const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId));
  await stub.open(endsAt, provider.id, options.walkIn ? undefined : appointmentId);
  const providerTicket = await sealTicket(env.TICKET_SECRET, {
    kind: "consultation",
    consultationId,
    participantId: provider.id,
    providerId: provider.id,
    role: "provider",
    name: "Dr. Who",
    exp: endsAt,
  });
  const doctor = () =>
    connected(`/api/ws/consultation/${consultationId}`, { ...ticketed(providerTicket), Cookie: provider.cookie });
  return { provider, consultationId, endsAt, doctor };
}

describe("POST /api/consultations/{id}/invitations", () => {
  it("gives the moderator a labelled link that works until the consultation's end", async () => {
    const { provider, consultationId, endsAt } = await openedCall();
    const res = await inviteFrom(consultationId, provider.cookie, "relative");
    expect(res.status).toBe(201);
    const issued = (await res.json()) as Issued;
    expect(issued.invitation).toMatchObject({ label: "relative", state: "valid" });
    expect(issued.invite.inviteUrl).toMatch(/\/j\/[A-Za-z0-9_-]+$/);
    expect(Date.parse(issued.invite.validUntil)).toBe(endsAt);
    const token = issued.invite.inviteUrl.split("/j/")[1]!;
    const status = await api(`/api/invites/${token}`);
    expect(status.status).toBe(200);
  });

  it("refuses a provider who does not moderate the consultation with 403", async () => {
    const { consultationId, provider } = await openedCall();
    const colleague = await providerWithSession(undefined, { practiceId: provider.practiceId, role: "provider" });
    const res = await inviteFrom(consultationId, colleague.cookie);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "forbidden" });
  });

  it("refuses an ended consultation with 410: one past its maximum length, one its moderator ended, and one long forgotten", async () => {
    const unknown = await providerWithSession();
    const gone = await inviteFrom(crypto.randomUUID(), unknown.cookie);
    expect(gone.status).toBe(410);

    const late = await openedCall({ endsInMs: -1 });
    const res = await inviteFrom(late.consultationId, late.provider.cookie);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ code: "consultation-ended" });

    const call = await openedCall();
    const doctor = await call.doctor();
    await doctor.next("presence");
    doctor.send({ type: "end" });
    await doctor.whenClosed();
    const after = await inviteFrom(call.consultationId, call.provider.cookie);
    expect(after.status).toBe(410);
    expect(await after.json()).toMatchObject({ code: "consultation-ended" });
  });

  it("refuses a locked consultation with 409", async () => {
    const { provider, consultationId, doctor } = await openedCall();
    const socket = await doctor();
    await socket.next("presence");
    socket.send({ type: "lock", locked: true });
    await socket.until((m): m is Extract<ServerMessage, { type: "presence" }> => m.type === "presence" && m.locked);
    const res = await inviteFrom(consultationId, provider.cookie);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "consultation-locked" });
  });

  it("refuses a walk-in's consultation, which has no appointment, with 409", async () => {
    const { provider, consultationId } = await openedCall({ walkIn: true });
    const res = await inviteFrom(consultationId, provider.cookie);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "consultation-no-appointment" });
  });

  it("refuses an invalid label with 400: empty, too long, or the patient's", async () => {
    const { provider, consultationId } = await openedCall();
    for (const label of ["", " ", "x".repeat(41), "patient", 7]) {
      const res = await inviteFrom(consultationId, provider.cookie, label);
      expect(res.status, JSON.stringify(label)).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid-input" });
    }
  });

  it("refuses without a session with 401", async () => {
    const { consultationId } = await openedCall();
    const res = await api(`/api/consultations/${consultationId}/invitations`, {
      method: "POST",
      body: JSON.stringify({ label: "relative" }),
    });
    expect(res.status).toBe(401);
  });

  it("stops a provider making links with 429 and Retry-After", async () => {
    await freshRateWindow();
    const call = await openedCall();
    const provider = await providerWithSession(undefined, { practiceId: call.provider.practiceId, role: "provider" });
    const { consultationId } = call;
    // A consultation they do not moderate: each attempt is refused, but counted first.
    const statuses: number[] = [];
    while (statuses.at(-1) !== 429 && statuses.length < 22) {
      statuses.push((await inviteFrom(consultationId, provider.cookie)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, 9).every((s) => s === 403)).toBe(true);
    const refused = await inviteFrom(consultationId, provider.cookie);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "rate-limited" });
  });
});

describe("someone invited from inside the call", () => {
  it("waits for that call, is added to it with their label, and their link has expired once the call ends", async () => {
    const provider = await providerWithSession();
    const { token } = await appointmentWithInvite(provider.id);
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    await dashboard.next("queue");
    const waiting = await connected("/api/ws/waiting", ticketed(await joinThrough(token, "Ada Patient")));
    const [ada] = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: ada!.id });
    const forPatient = await waiting.next("admitted");
    const forProvider = await dashboard.next("admitted");
    const { consultationId } = forPatient;
    const path = `/api/ws/consultation/${consultationId}`;
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    await connected(path, ticketed(forPatient.ticket));
    await doctor.until(inCall(2));

    const res = await inviteFrom(consultationId, provider.cookie, "interpreter");
    expect(res.status).toBe(201);
    const link = ((await res.json()) as Issued).invite.inviteUrl.split("/j/")[1]!;

    // Through the usual join page's calls, into the waiting room: shown as waiting for this call.
    const seen = dashboard.received.length;
    const ivanWaiting = await connected("/api/ws/waiting", ticketed(await joinThrough(link, "Ivan")));
    const arrived = await dashboard.next("arrived", seen);
    expect(arrived.patient).toMatchObject({ label: "interpreter", forCall: consultationId });

    dashboard.send({ type: "add-to-call", patientId: arrived.patient.id, consultationId });
    const added = await ivanWaiting.next("admitted");
    expect(added.consultationId).toBe(consultationId);
    const ivan = await connected(path, ticketed(added.ticket));
    const everyone = await doctor.until(inCall(3));
    expect(everyone.participants.find((p) => p.role === "guest")).toMatchObject({
      role: "guest",
      label: "interpreter",
    });
    expect((await ivan.next("hello")).role).toBe("guest");

    doctor.send({ type: "end" });
    expect((await ivan.whenClosed()).code).toBe(CloseCode.ended);
    const status = await api(`/api/invites/${link}`);
    expect(status.status).toBe(410);
    expect(await status.json()).toMatchObject({ status: "expired", code: "invite-expired" });
    const again = await api(`/api/invites/${link}/join`, {
      method: "POST",
      body: JSON.stringify({ name: "Ivan", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    });
    expect(again.status).toBe(410);
  });
});

describe("someone still waiting through a link made in the call when it ends", () => {
  it("is never admitted into a new call, leaves told that it ended, cannot wait again, and the practice's list shows the link expired", async () => {
    const provider = await providerWithSession();
    const { token, appointmentId } = await appointmentWithInvite(provider.id);
    const dashboard = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    await dashboard.next("queue");
    const waiting = await connected("/api/ws/waiting", ticketed(await joinThrough(token, "Ada Patient")));
    const [ada] = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: ada!.id });
    const forPatient = await waiting.next("admitted");
    const forProvider = await dashboard.next("admitted");
    const { consultationId } = forPatient;
    const path = `/api/ws/consultation/${consultationId}`;
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    await connected(path, ticketed(forPatient.ticket));
    await doctor.until(inCall(2));

    const res = await inviteFrom(consultationId, provider.cookie, "relative");
    const link = ((await res.json()) as Issued).invite.inviteUrl.split("/j/")[1]!;
    const seen = dashboard.received.length;
    const waitingTicket = await joinThrough(link, "Gustav Gast");
    const gus = await connected("/api/ws/waiting", ticketed(waitingTicket));
    const arrived = await dashboard.next("arrived", seen);
    expect(arrived.patient).toMatchObject({ forCall: consultationId });
    // Told that the provider will add them to the call they are in, not that they are in another one.
    expect(await gus.next("room-status")).toMatchObject({ forCall: true });

    // Admitting them would open a new call with that link: refused; they still wait for this one.
    const before = dashboard.received.length;
    dashboard.send({ type: "admit", patientId: arrived.patient.id });
    expect(await dashboard.next("error", before)).toMatchObject({ code: "forbidden" });
    expect(gus.closed).toBeUndefined();

    // The moderator ends the call for everyone: Gus leaves the waiting room, told it has ended.
    doctor.send({ type: "end" });
    expect((await gus.whenClosed()).code).toBe(CloseCode.ended);
    await dashboard.listed(0);

    // The waiting ticket he kept (a reload) does not bring him back.
    const again = await connected("/api/ws/waiting", ticketed(waitingTicket));
    expect((await again.whenClosed()).code).toBe(CloseCode.ended);
    await dashboard.listed(0);

    // The practice's list of the appointment's invitations: that link has expired.
    const list = await api(`/api/appointments/${appointmentId}/invitations`, { headers: { Cookie: provider.cookie } });
    expect(list.status).toBe(200);
    const { invitations } = (await list.json()) as { invitations: Array<{ label: string; state: string }> };
    expect(invitations.find((i) => i.label === "relative")?.state).toBe("expired");
    expect(invitations.find((i) => i.label === "patient")?.state).toBe("valid");
  });
});
