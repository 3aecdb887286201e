// The waiting room and the consultation through the worker and the real Durable Objects.

import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Consultation } from "../../durable-objects/index.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { CloseCode, type ServerMessage } from "../../schema/messages.ts";
import { api, appointmentWithInvite, openSocket, providerWithSession, queueOf, refusal, ticketed } from "./helpers.ts";

async function patientTicket(token: string, name: string): Promise<string> {
  const res = await api(`/api/invites/${token}/join`, {
    method: "POST",
    body: JSON.stringify({ name, consent: true, consentVersion: CONSENT_TEXT_VERSION }),
  });
  return ((await res.json()) as { ticket: string }).ticket;
}

async function waitingRoom() {
  const provider = await providerWithSession();
  const { token } = await appointmentWithInvite(provider.id);
  const ticket = await patientTicket(token, "Ada Patient");
  const dashboard = await openSocket("/api/ws/waiting", { Cookie: provider.cookie });
  if (!("ws" in dashboard)) throw new Error(`provider socket refused: ${dashboard.status}`);
  await dashboard.next("queue");
  return { provider, token, ticket, dashboard };
}

async function connected(path: string, headers: Record<string, string> = {}) {
  const socket = await openSocket(path, headers);
  if (!("ws" in socket)) throw new Error(`socket refused: ${socket.status}`);
  return socket;
}

describe("the waiting room over WebSockets", () => {
  it("shows a waiting patient to the provider live, and admits them into one consultation", async () => {
    const { provider, ticket, dashboard } = await waitingRoom();
    const patient = await connected(`/api/ws/waiting`, ticketed(ticket));
    expect(await patient.next("waiting")).toEqual({ type: "waiting", position: 1, providerPresent: true });
    const queue = await dashboard.until(queueOf(1));
    expect(queue.patients.map((p) => p.name)).toEqual(["Ada Patient"]);

    dashboard.send({ type: "admit", patientId: queue.patients[0]!.id });
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
    const left = await runInDurableObject(stub, async (object: Consultation, state) => ({
      sockets: state.getWebSockets().length,
      stored: (await state.storage.list()).size,
      ended: (await object.snapshot()).ended,
    }));
    expect(left).toEqual({ sockets: 0, stored: 0, ended: true });
  });

  it("takes the ticket from the offered subprotocol, as pages send it, and names our protocol in the answer", async () => {
    const { ticket } = await waitingRoom();
    const socket = await connected("/api/ws/waiting", { "Sec-WebSocket-Protocol": `anteroom.v1, ticket.${ticket}` });
    expect(socket.protocol).toBe("anteroom.v1");
    expect(await socket.next("waiting")).toMatchObject({ position: 1 });
  });

  it("does not let a patient admit anyone, whatever identity header they send", async () => {
    const { provider, ticket, dashboard } = await waitingRoom();
    const forged = JSON.stringify({ role: "provider", providerId: provider.id, name: "Mallory" });
    const patient = await connected(`/api/ws/waiting`, { ...ticketed(ticket), "x-anteroom-identity": forged });
    expect((await patient.next("hello")).role).toBe("patient");
    const queue = await dashboard.until(queueOf(1));
    patient.send({ type: "admit", patientId: queue.patients[0]!.id });
    expect(await patient.next("error")).toMatchObject({ code: "forbidden" });
    expect(patient.received.some((m) => m.type === "admitted")).toBe(false);
  });

  it("answers malformed and unknown messages with an error and stays open", async () => {
    const { dashboard } = await waitingRoom();
    dashboard.send("{oops");
    dashboard.send({ type: "warp" });
    dashboard.send({ type: "admit" });
    const errors = () => dashboard.received.filter((m) => m.type === "error");
    while (errors().length < 3) await dashboard.messages(dashboard.received.length + 1);
    expect(errors().map((m) => m.type === "error" && m.code)).toEqual([
      "invalid-message",
      "unknown-type",
      "invalid-message",
    ]);
    expect(dashboard.closed).toBeUndefined();
  });

  it("keeps the queue when the object hibernates: it is rebuilt from the sockets", async () => {
    const { provider, ticket, dashboard } = await waitingRoom();
    const patient = await connected(`/api/ws/waiting`, ticketed(ticket));
    await patient.next("waiting");
    const stub = env.WAITING_ROOM.get(env.WAITING_ROOM.idFromName(provider.id));
    await evictDurableObject(stub);
    // A second provider tab wakes the object; the patient is still listed.
    const other = await connected("/api/ws/waiting", { Cookie: provider.cookie });
    const queue = await other.next("queue");
    expect(queue.patients.map((p) => p.name)).toEqual(["Ada Patient"]);
    expect(patient.closed).toBeUndefined();
    // The hibernated sockets still belong to the room: the first tab sees the patient leave.
    const seen = dashboard.received.length;
    patient.send({ type: "leave" });
    for (;;) {
      const latest = dashboard.received.slice(seen).findLast((m) => m.type === "queue");
      if (latest?.type === "queue" && latest.patients.length === 0) break;
      if (dashboard.closed) throw new Error("the first tab's socket closed");
      await dashboard.messages(dashboard.received.length + 1);
    }
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
    const { token } = await appointmentWithInvite(provider.id);
    const ticket = await patientTicket(token, "Ada");
    await env.DB.prepare("UPDATE invites SET revoked_at = ?").bind(Date.now()).run();
    expect(await refusal(`/api/ws/waiting`, ticketed(ticket))).toBe(CloseCode.forbidden);
  });
});
