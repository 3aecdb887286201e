import { describe, expect, it } from "vitest";
import { memorySet } from "../../durable-objects/expiring-set.ts";
import { type Admission, type WaitingAttachment, WaitingRoomQueue } from "../../durable-objects/waiting-room/queue.ts";
import { CloseCode } from "../../schema/messages.ts";
import { FakeSockets } from "./fake-socket.ts";

/** A room with fake sockets; with `slowMinting`, tickets are ready only once `finishMinting()` is called. */
const TICKETS_EXPIRE_AT = 50_000;
const SESSION_EXPIRES_AT = 40_000;

/**
 * A room with fake sockets and a fake clock (`clock.now`); with `slowMinting`, tickets are ready only
 * once `finishMinting()` is called; with `failMinting`, minting throws.
 */
function room(options: { slowMinting?: boolean; failMinting?: boolean } = {}) {
  const sockets = new FakeSockets<WaitingAttachment>();
  const admissions: Admission[] = [];
  const clock = { now: 1_000 };
  let finishMinting = () => {};
  const mintingDone = options.slowMinting ? new Promise<void>((resolve) => (finishMinting = resolve)) : undefined;
  const queue = new WaitingRoomQueue(
    sockets.list,
    async (admission) => {
      admissions.push(admission);
      await mintingDone;
      if (options.failMinting) throw new Error("the ticket secret is unusable");
      return {
        provider: "ticket-for-provider",
        patient: `ticket-for-${admission.patient.name}`,
        expiresAt: TICKETS_EXPIRE_AT,
      };
    },
    { admitted: memorySet(), consultations: memorySet(), now: () => clock.now, newId: () => "consultation-1" },
  );
  let since = 1000;
  const connect = (attachment: WaitingAttachment) => {
    const socket = sockets.add(attachment);
    queue.connected(socket);
    return socket;
  };
  const provider = (sessionHash = "session-1") =>
    connect({
      role: "provider",
      providerId: "prov",
      name: "Dr. Who",
      connectionId: `prov-${since++}`,
      sessionHash,
      sessionExpiresAt: SESSION_EXPIRES_AT,
    });
  const patient = (name: string, inviteId = `invite-${name}`, waitingSince = since, ticketId = `ticket-${name}`) =>
    connect({
      role: "patient",
      providerId: "prov",
      appointmentId: `appt-${inviteId}`,
      inviteId,
      ticketId,
      name,
      connectionId: `conn-${name}-${since++}`,
      waitingSince,
    });
  return { queue, sockets, admissions, clock, provider, patient, finishMinting: () => finishMinting() };
}

describe("the waiting room queue", () => {
  it("shows the provider everyone waiting, in order of arrival", () => {
    const { provider, patient } = room();
    const dr = provider();
    patient("Ada");
    patient("Bo");
    expect(dr.last("queue")?.patients.map((p) => p.name)).toEqual(["Ada", "Bo"]);
  });

  it("tells each patient their place and whether the provider is online", () => {
    const { provider, patient } = room();
    const ada = patient("Ada");
    expect(ada.last("waiting")).toEqual({ type: "waiting", position: 1, providerPresent: false });
    const bo = patient("Bo");
    provider();
    expect(bo.last("waiting")).toEqual({ type: "waiting", position: 2, providerPresent: true });
  });

  it("admits a patient: both get tickets to the same consultation and the patient leaves the queue", async () => {
    const { queue, provider, patient, admissions } = room();
    const dr = provider();
    const ada = patient("Ada");
    const bo = patient("Bo");
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    expect(ada.last("admitted")).toEqual({
      type: "admitted",
      consultationId: "consultation-1",
      ticket: "ticket-for-Ada",
    });
    expect(ada.closed?.code).toBe(CloseCode.admitted);
    expect(dr.last("admitted")).toEqual({
      type: "admitted",
      consultationId: "consultation-1",
      ticket: "ticket-for-provider",
    });
    expect(dr.last("queue")?.patients.map((p) => p.name)).toEqual(["Bo"]);
    expect(bo.last("waiting")?.position).toBe(1);
    expect(admissions).toHaveLength(1);
  });

  it("refuses admit from a patient and changes nothing", async () => {
    const { queue, provider, patient, admissions } = room();
    const dr = provider();
    const ada = patient("Ada");
    const bo = patient("Bo");
    await queue.received(ada, JSON.stringify({ type: "admit", patientId: bo.attachment.connectionId }));
    expect(ada.last("error")?.code).toBe("forbidden");
    expect(admissions).toHaveLength(0);
    expect(bo.closed).toBeUndefined();
    expect(dr.last("queue")?.patients).toHaveLength(2);
  });

  it("denies a patient with a message and closes their socket", async () => {
    const { queue, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    await queue.received(dr, JSON.stringify({ type: "deny", patientId: ada.attachment.connectionId }));
    expect(ada.last("denied")).toEqual({ type: "denied" });
    expect(ada.closed?.code).toBe(CloseCode.denied);
    expect(dr.last("queue")?.patients).toEqual([]);
  });

  it("answers admitting someone who is gone with not-found", async () => {
    const { queue, provider } = room();
    const dr = provider();
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: "nobody" }));
    expect(dr.last("error")?.code).toBe("not-found");
  });

  it("answers malformed JSON, unknown types and bad fields with an error, changing nothing", async () => {
    const { queue, provider, patient } = room();
    const dr = provider();
    patient("Ada");
    const before = dr.sent.length;
    await queue.received(dr, "{nope");
    await queue.received(dr, JSON.stringify({ type: "teleport" }));
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: 42 }));
    await queue.received(dr, JSON.stringify({ type: "offer", to: "x", sdp: "v=0" }));
    await queue.received(dr, new ArrayBuffer(8));
    await queue.received(dr, "x".repeat(70_000));
    const replies = dr.sent.slice(before);
    expect(replies.map((m) => (m.type === "error" ? m.code : m.type))).toEqual([
      "invalid-message",
      "unknown-type",
      "invalid-message",
      "unknown-type",
      "invalid-message",
      "too-large",
    ]);
    expect(dr.last("queue")?.patients).toHaveLength(1);
  });

  it("replaces a patient's older connection when they reconnect with the same invite", () => {
    const { provider, patient } = room();
    const dr = provider();
    const first = patient("Ada", "invite-1");
    patient("Ada", "invite-1");
    expect(first.closed?.code).toBe(CloseCode.replaced);
    expect(dr.last("queue")?.patients).toHaveLength(1);
  });

  it("keeps a reconnecting patient's place in the queue", () => {
    const { provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada", "invite-ada");
    patient("Bo");
    patient("Ada", "invite-ada", ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0);
    expect(dr.last("queue")?.patients.map((p) => p.name)).toEqual(["Ada", "Bo"]);
  });

  it("admits a patient who reconnected during admission on their new connection", async () => {
    const { queue, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const first = patient("Ada", "invite-ada", 5);
    const admitting = queue.received(dr, JSON.stringify({ type: "admit", patientId: first.attachment.connectionId }));
    const second = patient("Ada", "invite-ada", 5);
    finishMinting();
    await admitting;
    expect(first.last("admitted")).toBeUndefined();
    expect(second.last("admitted")?.consultationId).toBe("consultation-1");
    expect(dr.last("admitted")?.consultationId).toBe("consultation-1");
  });

  it("keeps the patient waiting when the provider drops during admission", async () => {
    const { queue, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    const admitting = queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    queue.disconnected(dr);
    finishMinting();
    await admitting;
    expect(ada.last("admitted")).toBeUndefined();
    expect(ada.closed).toBeUndefined();
    expect(ada.last("waiting")).toEqual({ type: "waiting", position: 1, providerPresent: false });
  });

  it("does not send the provider into an empty call when the patient leaves during admission", async () => {
    const { queue, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    const admitting = queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    // A second click on Admit while the first is under way changes nothing.
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    await queue.received(ada, JSON.stringify({ type: "leave" }));
    finishMinting();
    await admitting;
    expect(dr.last("admitted")).toBeUndefined();
    expect(dr.sent.filter((m) => m.type === "error").map((m) => m.type === "error" && m.code)).toEqual([
      "not-found",
      "not-found",
    ]);
  });

  it("drops a patient who leaves or disconnects", async () => {
    const { queue, sockets, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    const bo = patient("Bo");
    await queue.received(ada, JSON.stringify({ type: "leave" }));
    sockets.remove(bo);
    queue.disconnected(bo);
    expect(dr.last("queue")?.patients).toEqual([]);
  });

  it("answers the provider with an error when the tickets cannot be made, and the patient keeps waiting", async () => {
    const { queue, provider, patient } = room({ failMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    expect(dr.last("error")?.code).toBe("server-error");
    expect(ada.closed).toBeUndefined();
    expect(dr.last("queue")?.patients.map((p) => p.name)).toEqual(["Ada"]);
    // Nothing is stuck: a second try gets the same answer, not "no longer waiting".
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    expect(dr.sent.filter((m) => m.type === "error").map((m) => m.type === "error" && m.code)).toEqual([
      "server-error",
      "server-error",
    ]);
  });

  it("does not let an admitted waiting ticket queue again while its consultation lasts", async () => {
    const { queue, clock, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada", "invite-ada", 5, "ticket-1");
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    const again = patient("Ada", "invite-ada", 5, "ticket-1");
    expect(again.closed?.code).toBe(CloseCode.alreadyAdmitted);
    expect(dr.last("queue")?.patients).toEqual([]);
    // Entering again through the link gives a new ticket, which may queue.
    const fresh = patient("Ada", "invite-ada", 6, "ticket-2");
    expect(fresh.closed).toBeUndefined();
    // Once the consultation's tickets have expired, the record of the admission is gone.
    clock.now = TICKETS_EXPIRE_AT;
    queue.expire();
    expect(patient("Ada", "invite-ada", 5, "ticket-1").closed?.code).not.toBe(CloseCode.alreadyAdmitted);
  });

  it("closes the sockets of a session that logged out, and no other", () => {
    const { queue, provider, patient } = room();
    const here = provider("session-1");
    const elsewhere = provider("session-2");
    patient("Ada");
    queue.endSessions({ sessionHash: "session-1" });
    expect(here.closed?.code).toBe(CloseCode.unauthorized);
    expect(elsewhere.closed).toBeUndefined();
    queue.endSessions({ everySession: true });
    expect(elsewhere.closed?.code).toBe(CloseCode.unauthorized);
  });

  it("closes a dashboard whose session expired before it hears of another patient or admits anyone", async () => {
    const { queue, clock, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    clock.now = SESSION_EXPIRES_AT;
    const seen = dr.sent.length;
    patient("Bo");
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    expect(dr.closed?.code).toBe(CloseCode.unauthorized);
    expect(dr.sent.slice(seen)).toEqual([]);
    expect(ada.closed).toBeUndefined();
  });

  it("tells the object's alarm when the next session or admission expires", async () => {
    const { queue, provider, patient } = room();
    const dr = provider();
    expect(queue.expire()).toBe(SESSION_EXPIRES_AT);
    const ada = patient("Ada");
    await queue.received(dr, JSON.stringify({ type: "admit", patientId: ada.attachment.connectionId }));
    expect(queue.runningConsultations()).toEqual(["consultation-1"]);
    expect(queue.expire()).toBe(SESSION_EXPIRES_AT);
  });

  it("sends patients away at once, with a reason, when their appointment's link is withdrawn", () => {
    const { queue, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada", "invite-ada");
    const bo = patient("Bo", "invite-bo");
    queue.withdrawAppointment(ada.attachment.role === "patient" ? ada.attachment.appointmentId : "");
    expect(ada.closed).toEqual({ code: CloseCode.revoked, reason: "This link was withdrawn by your practice." });
    expect(bo.closed).toBeUndefined();
    expect(dr.last("queue")?.patients.map((p) => p.name)).toEqual(["Bo"]);
  });
});
