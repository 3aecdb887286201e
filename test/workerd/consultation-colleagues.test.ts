// "Invite a colleague" from inside a running consultation: its moderator asks a member of the practice by
// name; the member's dashboards ask them (the moderator's name, never a patient's), and they join without
// a waiting room. Only the moderator asks, only a colleague of the same practice, never into an ended,
// locked or full call; only someone asked may join, and a removed participant never again.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { CloseCode, type ServerMessage } from "../../schema/messages.ts";
import { api, appointmentWithInvite, connected, providerWithSession, refusal, ticketed } from "./helpers.ts";

type Presence = Extract<ServerMessage, { type: "presence" }>;
const inCall =
  (count: number) =>
  (m: ServerMessage): m is Presence =>
    m.type === "presence" && m.participants.length === count;

/** A consultation opened as the waiting room opens one, moderated by a provider with a colleague. */
async function openedCall(options: { endsInMs?: number } = {}) {
  const provider = await providerWithSession();
  const colleague = await providerWithSession(undefined, { practiceId: provider.practiceId, role: "provider" });
  const { appointmentId } = await appointmentWithInvite(provider.id);
  const consultationId = crypto.randomUUID();
  const endsAt = Date.now() + (options.endsInMs ?? 60 * 60_000);
  const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(consultationId));
  await stub.open(endsAt, provider.id, appointmentId);
  const ticket = async (participantId: string, role: "patient" | "provider") =>
    sealTicket(env.TICKET_SECRET, {
      kind: "consultation",
      consultationId,
      participantId,
      providerId: provider.id,
      role,
      name: role === "provider" ? "Dr. Who" : "Pat Patient",
      exp: endsAt,
    });
  const doctor = async () =>
    connected(`/api/ws/consultation/${consultationId}`, {
      ...ticketed(await ticket(provider.id, "provider")),
      Cookie: provider.cookie,
    });
  const participant = async (participantId = crypto.randomUUID()) =>
    connected(`/api/ws/consultation/${consultationId}`, ticketed(await ticket(participantId, "patient")));
  return { provider, colleague, consultationId, endsAt, doctor, participant };
}

const ask = (consultationId: string, cookie: string, colleagueId: unknown) =>
  api(`/api/consultations/${consultationId}/colleagues`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: JSON.stringify({ colleagueId }),
  });

const join = (consultationId: string, cookie: string) =>
  api(`/api/consultations/${consultationId}/join`, { method: "POST", headers: { Cookie: cookie } });

const dashboardOf = (cookie: string) => connected("/api/ws/waiting", { Cookie: cookie });

describe("GET /api/consultations/{id}/colleagues", () => {
  it("lists the practice's other confirmed members by name, not the caller and nobody of another practice", async () => {
    const { provider, colleague, consultationId } = await openedCall();
    const stranger = await providerWithSession();
    const res = await api(`/api/consultations/${consultationId}/colleagues`, { headers: { Cookie: provider.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { colleagues } = (await res.json()) as { colleagues: { id: string; name: string }[] };
    expect(colleagues.map((c) => c.id)).toEqual([colleague.id]);
    expect(colleagues.map((c) => c.id)).not.toContain(stranger.id);
  });
});

describe("POST /api/consultations/{id}/colleagues", () => {
  it("asks the colleague on their open dashboard with the moderator's name and nothing about the patient", async () => {
    const { provider, colleague, consultationId, endsAt } = await openedCall();
    const dashboard = await dashboardOf(colleague.cookie);
    await dashboard.next("queue");
    const res = await ask(consultationId, provider.cookie, colleague.id);
    expect(res.status).toBe(201);
    expect(Date.parse(((await res.json()) as { until: string }).until)).toBe(endsAt);
    const request = await dashboard.next("call-request");
    expect(request).toEqual({
      type: "call-request",
      consultationId,
      from: expect.stringMatching(/^Dr\. /),
      until: endsAt,
    });
  });

  it("asks a dashboard that opens after the request too, until the colleague answers", async () => {
    const { provider, colleague, consultationId } = await openedCall();
    expect((await ask(consultationId, provider.cookie, colleague.id)).status).toBe(201);
    const later = await dashboardOf(colleague.cookie);
    expect(await later.next("call-request")).toMatchObject({ consultationId });
    later.send({ type: "decline-call", consultationId });
    expect(await later.next("call-request-gone")).toEqual({ type: "call-request-gone", consultationId });
    const afterwards = await dashboardOf(colleague.cookie);
    await afterwards.next("queue");
    // A request would follow the snapshot before any answer to what the page sends next.
    afterwards.send({ type: "no-such-message" });
    await afterwards.next("error");
    expect(afterwards.received.some((m) => m.type === "call-request")).toBe(false);
  });

  it("refuses a provider who does not moderate the consultation with 403", async () => {
    const { provider, colleague, consultationId } = await openedCall();
    const res = await ask(consultationId, colleague.cookie, provider.id);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "forbidden" });
  });

  it("refuses anyone but a confirmed member of the same practice with 404: another practice's provider, an unknown id, the moderator themself", async () => {
    const { provider, consultationId } = await openedCall();
    const stranger = await providerWithSession();
    for (const id of [stranger.id, crypto.randomUUID(), provider.id]) {
      const res = await ask(consultationId, provider.cookie, id);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: "colleague-not-found" });
    }
    expect((await ask(consultationId, provider.cookie, "not-a-uuid")).status).toBe(400);
  });

  it("refuses an ended consultation with 410 and a locked one with 409", async () => {
    const late = await openedCall({ endsInMs: -1 });
    const ended = await ask(late.consultationId, late.provider.cookie, late.colleague.id);
    expect(ended.status).toBe(410);
    expect(await ended.json()).toMatchObject({ code: "consultation-ended" });

    const call = await openedCall();
    const doctor = await call.doctor();
    await doctor.next("presence");
    doctor.send({ type: "lock", locked: true });
    await doctor.until((m): m is Presence => m.type === "presence" && m.locked);
    const locked = await ask(call.consultationId, call.provider.cookie, call.colleague.id);
    expect(locked.status).toBe(409);
    expect(await locked.json()).toMatchObject({ code: "consultation-locked" });
  });

  it("refuses a full consultation with 409", async () => {
    const call = await openedCall();
    const doctor = await call.doctor();
    for (let i = 0; i < 4; i++) await call.participant();
    await doctor.until(inCall(5), { within: 100 });
    const res = await ask(call.consultationId, call.provider.cookie, call.colleague.id);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "consultation-full" });
  });
});

describe("POST /api/consultations/{id}/join", () => {
  it("lets the colleague asked join without a waiting room, as a provider, and their dashboards stop asking", async () => {
    const { provider, colleague, consultationId, doctor } = await openedCall();
    const moderator = await doctor();
    await moderator.next("presence");
    const dashboard = await dashboardOf(colleague.cookie);
    await dashboard.next("queue");
    expect((await ask(consultationId, provider.cookie, colleague.id)).status).toBe(201);
    await dashboard.next("call-request");

    const res = await join(consultationId, colleague.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const joined = (await res.json()) as { consultationId: string; ticket: string };
    expect(joined.consultationId).toBe(consultationId);
    expect(await dashboard.next("call-request-gone")).toEqual({ type: "call-request-gone", consultationId });

    const socket = await connected(`/api/ws/consultation/${consultationId}`, {
      ...ticketed(joined.ticket),
      Cookie: colleague.cookie,
    });
    expect(await socket.next("hello")).toMatchObject({ role: "provider" });
    const presence = await moderator.until(inCall(2));
    expect(presence.participants.map((p) => p.role)).toEqual(["provider", "provider"]);
  });

  it("binds the colleague's ticket to their session: without their login it opens nothing", async () => {
    const { provider, colleague, consultationId } = await openedCall();
    await ask(consultationId, provider.cookie, colleague.id);
    const { ticket } = (await (await join(consultationId, colleague.cookie)).json()) as { ticket: string };
    expect(await refusal(`/api/ws/consultation/${consultationId}`, ticketed(ticket))).toBe(CloseCode.unauthorized);
  });

  it("refuses a provider nobody asked with 403, and one asked into a call that ended since with 410", async () => {
    const { provider, colleague, consultationId, doctor } = await openedCall();
    const notAsked = await join(consultationId, colleague.cookie);
    expect(notAsked.status).toBe(403);
    expect(await notAsked.json()).toMatchObject({ code: "forbidden" });

    await ask(consultationId, provider.cookie, colleague.id);
    const moderator = await doctor();
    await moderator.next("presence");
    moderator.send({ type: "end" });
    await moderator.whenClosed();
    const ended = await join(consultationId, colleague.cookie);
    expect(ended.status).toBe(410);
    expect(await ended.json()).toMatchObject({ code: "consultation-ended" });
  });

  it("refuses a colleague asked before the moderator locked the call with 409", async () => {
    const { provider, colleague, consultationId, doctor } = await openedCall();
    await ask(consultationId, provider.cookie, colleague.id);
    const moderator = await doctor();
    await moderator.next("presence");
    moderator.send({ type: "lock", locked: true });
    await moderator.until((m): m is Presence => m.type === "presence" && m.locked);
    const res = await join(consultationId, colleague.cookie);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "consultation-locked" });
  });

  it("never lets a colleague the moderator removed back in", async () => {
    const { provider, colleague, consultationId, doctor } = await openedCall();
    const moderator = await doctor();
    await moderator.next("presence");
    await ask(consultationId, provider.cookie, colleague.id);
    const { ticket } = (await (await join(consultationId, colleague.cookie)).json()) as { ticket: string };
    const removed = await connected(`/api/ws/consultation/${consultationId}`, {
      ...ticketed(ticket),
      Cookie: colleague.cookie,
    });
    const presence = await moderator.until(inCall(2));
    const theirs = presence.participants.find((p) => !p.moderator)!;
    moderator.send({ type: "remove", to: theirs.id });
    expect(await removed.next("ended")).toEqual({ type: "ended", reason: "removed" });
    const again = await join(consultationId, colleague.cookie);
    expect(again.status).toBe(403);
  });
});
