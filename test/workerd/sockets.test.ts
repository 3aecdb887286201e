// The waiting room and the consultation through the worker and the real Durable Objects.

import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Consultation } from "../../durable-objects/index.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode, type ServerMessage } from "../../schema/messages.ts";
import {
  api,
  appointmentWithInvite,
  connected,
  nameOf,
  newLinkFor,
  openSocket,
  providerWithSession,
  refusal,
  tellName,
  ticketed,
} from "./helpers.ts";

async function patientTicket(token: string, name: string): Promise<string> {
  const res = await api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  return ((await res.json()) as { ticket: string }).ticket;
}

async function waitingRoom() {
  const provider = await providerWithSession();
  const { token, appointmentId } = await appointmentWithInvite(provider.id);
  const ticket = await patientTicket(token, "Ada Patient");
  const dashboard = await openSocket("/api/ws/waiting", { Cookie: provider.cookie });
  if (!("ws" in dashboard)) throw new Error(`provider socket refused: ${dashboard.status}`);
  await dashboard.next("queue");
  return { provider, token, appointmentId, ticket, dashboard };
}

describe("the waiting room over WebSockets", () => {
  it("shows a waiting patient to the provider live, and admits them into one consultation", async () => {
    const { provider, ticket, dashboard } = await waitingRoom();
    const patient = await connected(`/api/ws/waiting`, ticketed(ticket));
    expect(await patient.next("position")).toMatchObject({ type: "position", position: 1 });
    expect(await patient.next("room-status")).toEqual({ type: "room-status", status: "available", message: null });
    await tellName(patient, "Ada Patient");
    expect(await dashboard.named(1)).toEqual(["Ada Patient"]);
    const patients = dashboard.waitingList();

    dashboard.send({ type: "admit", patientId: patients[0]!.id });
    const forPatient = await patient.next("admitted");
    const forProvider = await dashboard.next("admitted");
    expect(forPatient.consultationId).toBe(forProvider.consultationId);
    expect((await patient.whenClosed()).code).toBe(CloseCode.admitted);

    // Both tickets open the consultation; the provider's only together with their session.
    const id = forPatient.consultationId;
    const doctor = await connected(`/api/ws/consultation/${id}`, {
      ...ticketed(forProvider.ticket),
      Cookie: provider.cookie,
    });
    const sick = await connected(`/api/ws/consultation/${id}`, ticketed(forPatient.ticket));
    const presence = await doctor.until(
      (m): m is Extract<ServerMessage, { type: "presence" }> => m.type === "presence" && m.participants.length === 2,
    );
    expect(presence.participants.map((p) => p.role).sort()).toEqual(["patient", "provider"]);
    expect(await refusal(`/api/ws/consultation/${id}`, ticketed(forProvider.ticket))).toBe(CloseCode.unauthorized);

    // The provider ends it: both are told, both sockets close, and the object holds nothing.
    doctor.send({ type: "end" });
    expect(await sick.next("ended")).toEqual({ type: "ended", reason: "ended-by-provider" });
    expect((await doctor.whenClosed()).code).toBe(CloseCode.ended);
    expect((await sick.whenClosed()).code).toBe(CloseCode.ended);
    const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(id));
    // What remains is the record that it ended, until its tickets expire (then the alarm deletes it).
    const left = await runInDurableObject(stub, async (_object: Consultation, state) => ({
      sockets: state.getWebSockets().length,
      stored: Object.fromEntries(await state.storage.list()),
      alarm: await state.storage.getAlarm(),
    }));
    const ticketExpiry = left.stored["record:ended"];
    expect(left).toEqual({ sockets: 0, stored: { "record:ended": ticketExpiry }, alarm: ticketExpiry });
    expect(ticketExpiry).toBeGreaterThan(Date.now());
  });

  it("takes the ticket from the offered subprotocol, as pages send it, and names our protocol in the answer", async () => {
    const { ticket } = await waitingRoom();
    const socket = await connected("/api/ws/waiting", { "Sec-WebSocket-Protocol": `anteroom.v1, ticket.${ticket}` });
    expect(socket.protocol).toBe("anteroom.v1");
    expect(await socket.next("position")).toMatchObject({ type: "position", position: 1 });
  });

  it("does not let a patient admit anyone, whatever identity header they send", async () => {
    const { provider, ticket, dashboard } = await waitingRoom();
    const forged = JSON.stringify({ role: "provider", providerId: provider.id, name: "Mallory" });
    const patient = await connected(`/api/ws/waiting`, { ...ticketed(ticket), "x-anteroom-identity": forged });
    expect((await patient.next("hello")).role).toBe("patient");
    const patients = await dashboard.listed(1);
    patient.send({ type: "admit", patientId: patients[0]!.id });
    expect(await patient.next("error")).toMatchObject({ code: "forbidden" });
    expect(patient.received.some((m) => m.type === "admitted")).toBe(false);
  });

  it("answers malformed and unknown messages with an error and stays open", async () => {
    const { dashboard } = await waitingRoom();
    dashboard.send("{oops");
    dashboard.send({ type: "warp" });
    dashboard.send({ type: "admit" });
    // Each message gets exactly one answer: the next three are the errors.
    const seen = dashboard.received.length;
    const replies = (await dashboard.messages(seen + 3)).slice(seen);
    expect(replies.map((m) => m.type === "error" && m.code)).toEqual([
      "invalid-message",
      "unknown-type",
      "invalid-message",
    ]);
    expect(dashboard.closed).toBeUndefined();
  });

  it("keeps the queue when the object hibernates: it is rebuilt from the sockets", async () => {
    const { provider, ticket, dashboard } = await waitingRoom();
    const patient = await connected(`/api/ws/waiting`, ticketed(ticket));
    await patient.next("position");
    await tellName(patient, "Ada Patient");
    await dashboard.named(1);
    const stub = env.WAITING_ROOM.get(env.WAITING_ROOM.idFromName(provider.id));
    await evictDurableObject(stub);
    // A second provider tab wakes the object; the patient is still listed.
    const other = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    const [kept] = (await other.next("queue")).patients;
    expect(kept && (await nameOf(kept))).toBe("Ada Patient");
    expect(patient.closed).toBeUndefined();
    // The hibernated sockets still belong to the room: the first tab sees the patient leave.
    patient.send({ type: "leave" });
    await dashboard.listed(0);
  });

  it("refuses upgrades without credentials, with forged or foreign tickets, from other sites, and plain GETs", async () => {
    const provider = await providerWithSession();
    const { token } = await appointmentWithInvite(provider.id);
    const ticket = await patientTicket(token, "Ada");
    const tampered = `${ticket.slice(0, -4)}${ticket.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    // Browsers see close codes, not the status of a refused upgrade.
    expect(await refusal("/api/ws/waiting")).toBe(CloseCode.unauthorized);
    expect(await refusal(`/api/ws/waiting`, ticketed(tampered))).toBe(CloseCode.unauthorized);
    expect(await refusal("/api/ws/waiting", ticketed("a.b"))).toBe(CloseCode.unauthorized);
    expect(await refusal(`/api/ws/consultation/${crypto.randomUUID()}`, ticketed("abcde"))).toBe(
      CloseCode.unauthorized,
    );
    expect(await refusal(`/api/ws/consultation/${crypto.randomUUID()}`, ticketed(ticket))).toBe(CloseCode.forbidden);
    // Malformed input and foreign sites get plain HTTP errors.
    expect(await refusal("/api/ws/consultation/not-a-uuid", ticketed("x"))).toBe(400);
    expect(await refusal("/api/ws/waiting", { Cookie: provider.cookie, Origin: "https://evil.example" })).toBe(403);
    expect((await api("/api/ws/waiting", { headers: { Cookie: provider.cookie } })).status).toBe(426);
  });

  it("turns a waiting patient away once their link is revoked", async () => {
    const provider = await providerWithSession();
    const { inviteId, ...appointment } = await appointmentWithInvite(provider.id);
    const ticket = await patientTicket(appointment.token, "Ada");
    await env.DB.prepare("UPDATE invites SET revoked_at = ? WHERE id = ?").bind(Date.now(), inviteId).run();
    expect(await refusal(`/api/ws/waiting`, ticketed(ticket))).toBe(CloseCode.forbidden);
  });

  it("answers a 60 KB frame nested 30,000 levels deep with an error and stays open", async () => {
    const { dashboard } = await waitingRoom();
    const seen = dashboard.received.length;
    dashboard.send(`{"type":${"[".repeat(30_000)}${"]".repeat(30_000)}}`);
    const [reply] = (await dashboard.messages(seen + 1)).slice(seen);
    expect(reply).toMatchObject({ type: "error", code: "invalid-message" });
    expect(dashboard.closed).toBeUndefined();
  });

  it("opens no socket with a ticket in the URL: tickets never appear in a URL", async () => {
    const { ticket } = await waitingRoom();
    expect(await refusal(`/api/ws/waiting?ticket=${encodeURIComponent(ticket)}`)).toBe(CloseCode.unauthorized);
  });

  it("sends a waiting patient away at once, with a reason, when the practice replaces their link", async () => {
    const { provider, appointmentId, ticket, dashboard } = await waitingRoom();
    const patient = await connected("/api/ws/waiting", ticketed(ticket));
    await patient.next("position");
    await dashboard.listed(1);
    const reissued = await newLinkFor(provider.cookie, appointmentId);
    expect(reissued.status).toBe(201);
    expect(await patient.whenClosed()).toEqual({
      code: CloseCode.revoked,
      reason: "This link was withdrawn by your practice.",
    });
    await dashboard.listed(0);
  });

  it("does not let an admitted patient queue again with the same waiting ticket while the call lasts", async () => {
    const { ticket, dashboard } = await waitingRoom();
    const patient = await connected("/api/ws/waiting", ticketed(ticket));
    const patients = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: patients[0]!.id });
    await patient.next("admitted");
    await patient.whenClosed();
    const again = await openSocket("/api/ws/waiting", ticketed(ticket));
    expect("ws" in again && (await again.whenClosed()).code).toBe(CloseCode.alreadyAdmitted);
    expect(dashboard.waitingList()).toEqual([]);
  });
});

/** A patient admitted from a provider's waiting room: both tickets, and the consultation's socket path. */
async function admitted() {
  const { provider, ticket, dashboard } = await waitingRoom();
  const patient = await connected("/api/ws/waiting", ticketed(ticket));
  const patients = await dashboard.listed(1);
  dashboard.send({ type: "admit", patientId: patients[0]!.id });
  const forPatient = await patient.next("admitted");
  const forProvider = await dashboard.next("admitted");
  return { provider, dashboard, forPatient, forProvider, path: `/api/ws/consultation/${forPatient.consultationId}` };
}

describe("an ended consultation", () => {
  it("cannot be reopened by its tickets, even after the object was evicted", async () => {
    const { provider, forPatient, forProvider, path } = await admitted();
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    await doctor.next("hello");
    doctor.send({ type: "end" });
    await doctor.whenClosed();

    const stub = env.CONSULTATION.get(env.CONSULTATION.idFromName(forPatient.consultationId));
    await evictDurableObject(stub);
    for (const headers of [ticketed(forPatient.ticket), { ...ticketed(forProvider.ticket), Cookie: provider.cookie }]) {
      const late = await connected(path, headers);
      expect(await late.whenClosed()).toMatchObject({ code: CloseCode.ended });
      expect(late.received).toEqual([{ type: "ended", reason: "ended-by-provider" }]);
    }
  });

  it("closes the provider's call socket when they log out", async () => {
    const { provider, dashboard, forPatient, forProvider, path } = await admitted();
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    const sick = await connected(path, ticketed(forPatient.ticket));
    await doctor.next("hello");
    await api("/api/auth/logout", { method: "POST", headers: { Cookie: provider.cookie } });
    expect((await doctor.whenClosed()).code).toBe(CloseCode.unauthorized);
    expect((await dashboard.whenClosed()).code).toBe(CloseCode.unauthorized);
    // The patient stays, and sees the provider go.
    await sick.until((m): m is ServerMessage => m.type === "presence" && m.participants.length === 1);
    expect(sick.closed).toBeUndefined();
  });
});

describe("a patient's link during their consultation", () => {
  const inCall =
    (count: number) =>
    (m: ServerMessage): m is Extract<ServerMessage, { type: "presence" }> =>
      m.type === "presence" && m.participants.length === count;

  it("never queues a second tab: it is handed the running call, which moves there; after leaving, the provider lets the patient back into the same consultation", async () => {
    const { provider, token, ticket, dashboard } = await waitingRoom();
    const waiting = await connected("/api/ws/waiting", ticketed(ticket));
    const [ada] = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: ada!.id });
    const forPatient = await waiting.next("admitted");
    const forProvider = await dashboard.next("admitted");
    const id = forPatient.consultationId;
    const path = `/api/ws/consultation/${id}`;
    const doctor = await connected(path, { ...ticketed(forProvider.ticket), Cookie: provider.cookie });
    const firstTab = await connected(path, ticketed(forPatient.ticket));
    await doctor.until(inCall(2));

    // A second tab opens the link and enters: no place in the queue, but a ticket for the same call.
    const secondTab = await connected("/api/ws/waiting", ticketed(await patientTicket(token, "Ada Patient")));
    const handed = await secondTab.next("in-call");
    expect(handed.consultationId).toBe(id);
    expect((await secondTab.whenClosed()).code).toBe(CloseCode.alreadyAdmitted);
    expect(secondTab.received.map((m) => m.type)).toEqual(["in-call"]);
    expect(dashboard.waitingList()).toEqual([]);
    // "Move the call here": the new tab joins, the old tab's call socket is replaced.
    const movedTab = await connected(path, ticketed(handed.ticket));
    expect(await firstTab.next("ended")).toEqual({ type: "ended", reason: "replaced" });
    expect((await firstTab.whenClosed()).code).toBe(CloseCode.replaced);
    await movedTab.next("hello");

    // The patient closes the call by mistake and opens the link again: they wait, marked as coming back.
    const seen = doctor.received.length;
    movedTab.ws.close(1000, "tab closed");
    await doctor.until(inCall(1), { since: seen });
    const back = await connected("/api/ws/waiting", ticketed(await patientTicket(token, "Ada Patient")));
    expect(await back.next("position")).toMatchObject({ position: 1 });
    const [returning] = await dashboard.listed(1);
    expect(await dashboard.next("returning")).toEqual({ type: "returning", id: returning!.id, consultationId: id });

    dashboard.send({ type: "let-back-in", patientId: returning!.id });
    const letIn = await back.next("admitted");
    expect(letIn.consultationId).toBe(id);
    expect((await back.whenClosed()).code).toBe(CloseCode.admitted);
    await dashboard.listed(0);
    // The provider was not sent into another call: one admission in all.
    expect(dashboard.received.filter((m) => m.type === "admitted")).toHaveLength(1);
    const rejoined = await connected(path, ticketed(letIn.ticket));
    await rejoined.next("hello");
    const presence = await doctor.until(inCall(2), { since: seen });
    expect(presence.participants.map((p) => p.role).sort()).toEqual(["patient", "provider"]);
  });

  it("lets a link whose consultation has ended wait like anyone", async () => {
    const { provider, token, ticket, dashboard } = await waitingRoom();
    const waiting = await connected("/api/ws/waiting", ticketed(ticket));
    const [ada] = await dashboard.listed(1);
    dashboard.send({ type: "admit", patientId: ada!.id });
    await waiting.next("admitted");
    const forProvider = await dashboard.next("admitted");
    const doctor = await connected(`/api/ws/consultation/${forProvider.consultationId}`, {
      ...ticketed(forProvider.ticket),
      Cookie: provider.cookie,
    });
    await doctor.next("hello");
    doctor.send({ type: "end" });
    await doctor.whenClosed();
    const again = await connected("/api/ws/waiting", ticketed(await patientTicket(token, "Ada Patient")));
    expect(await again.next("position")).toMatchObject({ position: 1 });
    await dashboard.listed(1);
    expect(dashboard.received.some((m) => m.type === "returning")).toBe(false);
  });
});
