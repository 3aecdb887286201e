import { describe, expect, it } from "vitest";
import { CloseCode } from "../../schema/messages.ts";
import {
  IDLE_LIMIT_MS,
  idOf,
  listOf,
  ofType,
  room,
  SESSION_EXPIRES_AT,
  TICKETS_EXPIRE_AT,
} from "./waiting-room-harness.ts";

describe("the waiting room: what each socket may send", () => {
  it("refuses provider actions from a patient and patient reports from a provider, changing nothing", async () => {
    const { send, provider, patient, admissions, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    for (const message of [
      { type: "admit", patientId: idOf(bo) },
      { type: "admit-next" },
      { type: "deny", patientId: idOf(bo) },
      { type: "hold", patientId: idOf(bo) },
      { type: "notify", patientId: idOf(bo), text: "hi" },
      { type: "transfer", patientId: idOf(bo), to: "colleague" },
      { type: "status", status: "away" },
    ]) {
      await send(ada, message);
    }
    await send(dr, { type: "device", device: { camera: true, microphone: true } });
    expect(ofType(ada, "error").map((m) => m.type === "error" && m.code)).toEqual(Array(7).fill("forbidden"));
    expect(dr.last("error")?.code).toBe("forbidden");
    expect(admissions).toHaveLength(0);
    expect(bo.sent.map((m) => m.type)).toEqual(["hello", "position", "room-status"]);
  });

  it("answers malformed JSON, unknown types, bad fields and overlong texts with an error, changing nothing", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    const before = dr.sent.length;
    await send(dr, "{nope");
    await send(dr, { type: "teleport" });
    await send(dr, { type: "admit", patientId: 42 });
    await send(dr, { type: "offer", to: "x", sdp: "v=0" });
    await send(dr, { type: "notify", patientId: idOf(ada), text: "x".repeat(501) });
    await send(dr, { type: "status", status: "asleep" });
    await send(dr, new ArrayBuffer(8));
    await send(dr, "x".repeat(70_000));
    expect(dr.sent.slice(before).map((m) => (m.type === "error" ? m.code : m.type))).toEqual([
      "invalid-message",
      "unknown-type",
      "invalid-message",
      "unknown-type",
      "invalid-message",
      "invalid-message",
      "invalid-message",
      "too-large",
    ]);
    expect(ada.last("notice")).toBeUndefined();
    expect(listOf(dr)).toEqual(["Ada"]);
  });
});

describe("the waiting room: limits and sessions", () => {
  it("refuses a flood from one socket, then closes it with a reason", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    for (let i = 0; i < 200 && !ada.closed; i++)
      await send(ada, { type: "device", device: { camera: true, microphone: true } });
    expect(ofType(ada, "error").map((m) => m.type === "error" && m.code)).toEqual(["rate-limited"]);
    expect(ada.closed).toEqual({ code: CloseCode.flooded, reason: "Too many messages." });
    expect(listOf(dr)).toEqual([]);
    // Others are not affected.
    await send(dr, { type: "status", status: "away" });
    expect(dr.last("error")).toBeUndefined();
  });

  it("does not let an admitted waiting ticket queue again while its consultation lasts", async () => {
    const { queue, send, clock, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada", { ticketId: "ticket-1" });
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(patient("Ada", { ticketId: "ticket-1" }).closed?.code).toBe(CloseCode.alreadyAdmitted);
    expect(listOf(dr)).toEqual([]);
    // Entering again through the link gives a new ticket, which may queue.
    expect(patient("Ada", { ticketId: "ticket-2" }).closed).toBeUndefined();
    // Once the consultation's tickets have expired, the record of the admission is gone.
    clock.now = TICKETS_EXPIRE_AT;
    queue.expire();
    expect(patient("Ada", { ticketId: "ticket-1" }).closed?.code).not.toBe(CloseCode.alreadyAdmitted);
  });

  it("closes the sockets of a session that logged out, and no other", () => {
    const { queue, provider, patient } = room();
    const here = provider("session-1");
    const elsewhere = provider("session-2");
    const ada = patient("Ada");
    queue.endSessions({ sessionHash: "session-1" });
    expect(here.closed?.code).toBe(CloseCode.unauthorized);
    expect(elsewhere.closed).toBeUndefined();
    queue.endSessions({ everySessionOf: "prov" });
    expect(elsewhere.closed?.code).toBe(CloseCode.unauthorized);
    expect(ada.last("room-status")?.status).toBe("offline");
  });

  it("logging one provider out everywhere leaves a colleague in the shared room connected", () => {
    const { queue, provider, patient } = room();
    const leaving = provider("session-1", "prov");
    const colleague = provider("session-9", "colleague");
    const ada = patient("Ada");
    queue.endSessions({ everySessionOf: "prov" });
    expect(leaving.closed?.code).toBe(CloseCode.unauthorized);
    expect(colleague.closed).toBeUndefined();
    expect(ada.closed).toBeUndefined();
  });

  it("closes a dashboard whose session expired before it hears of another patient or admits anyone", async () => {
    const { send, clock, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    clock.now = SESSION_EXPIRES_AT;
    const seen = dr.sent.length;
    patient("Bo");
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(dr.closed?.code).toBe(CloseCode.unauthorized);
    expect(dr.sent.slice(seen)).toEqual([]);
    expect(ada.closed).toBeUndefined();
  });

  it("tells the object's alarm when the next session, admission or idle limit expires", async () => {
    const { queue, send, provider, patient, clock } = room();
    const dr = provider();
    expect(queue.expire()).toBe(SESSION_EXPIRES_AT);
    const ada = patient("Ada");
    expect(queue.expire()).toBe(clock.now + IDLE_LIMIT_MS);
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(queue.runningConsultations()).toEqual(["consultation-1"]);
    expect(queue.expire()).toBe(SESSION_EXPIRES_AT);
  });

  it("sends patients away at once, with a reason, when their appointment's link is withdrawn", () => {
    const { queue, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    queue.withdrawAppointment("appt-Ada");
    expect(ada.closed).toEqual({ code: CloseCode.revoked, reason: "This link was withdrawn by your practice." });
    expect(bo.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Bo"]);
  });
});
