import { describe, expect, it } from "vitest";
import { applyQueueMessage } from "../../client/src/waiting/queue-list.ts";
import type { AdmissionAnswer } from "../../durable-objects/consultation/roster.ts";
import { memorySet } from "../../durable-objects/expiring-set.ts";
import type { PatientAttachment, ProviderAttachment } from "../../durable-objects/waiting-room/attachments.ts";
import type { CallState } from "../../durable-objects/waiting-room/calls.ts";
import { fixedDirectory } from "../../durable-objects/waiting-room/colleagues.ts";
import { WaitingDesk } from "../../durable-objects/waiting-room/desk.ts";
import { WaitingLine } from "../../durable-objects/waiting-room/line.ts";
import { RoomSettings } from "../../durable-objects/waiting-room/settings.ts";
import { CloseCode, type ErrorCode, type WaitingPatient } from "../../schema/messages.ts";
import { FakeSockets } from "./fake-socket.ts";
import {
  DENY_PAUSE_MS,
  idOf,
  listOf,
  nameOf,
  ofType,
  positionOf,
  room,
  TICKETS_EXPIRE_AT,
} from "./waiting-room-harness.ts";

describe("the waiting desk: what providers do", () => {
  it("admits a patient: both get tickets to the same consultation, and the provider shows as busy", async () => {
    const { send, provider, patient, admissions, tick, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    await send(dr, { type: "admit", patientId: idOf(ada) });
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
    expect(listOf(dr)).toEqual(["Bo"]);
    tick();
    expect(positionOf(bo)).toBe(1);
    expect(bo.last("room-status")).toEqual({ type: "room-status", status: "busy", message: null });
    expect(admissions).toHaveLength(1);
  });

  it("admits whoever has waited longest and is not on hold with admit-next", async () => {
    const { send, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Lab results first" });
    await send(dr, { type: "admit-next" });
    expect(bo.last("admitted")).toBeDefined();
    expect(ada.closed).toBeUndefined();
    await send(dr, { type: "admit-next" });
    expect(dr.last("error")?.code).toBe("not-found");
  });

  it("denies a patient with the practice's message; the link may ask again only after the pause", async () => {
    const { send, provider, patient, clock, queue } = room();
    const dr = provider();
    const ada = patient("Ada");
    await send(dr, { type: "deny", patientId: idOf(ada), message: "Please call the practice." });
    expect(ada.last("denied")).toEqual({
      type: "denied",
      message: "Please call the practice.",
      retryAt: clock.now + DENY_PAUSE_MS,
    });
    expect(ada.closed?.code).toBe(CloseCode.denied);
    expect(listOf(dr)).toEqual([]);
    const tooSoon = patient("Ada", { ticketId: "ticket-2" });
    expect(tooSoon.last("denied")).toEqual({ type: "denied", message: null, retryAt: clock.now + DENY_PAUSE_MS });
    expect(tooSoon.closed?.code).toBe(CloseCode.denied);
    clock.now += DENY_PAUSE_MS;
    queue.expire();
    expect(patient("Ada", { ticketId: "ticket-3" }).closed).toBeUndefined();
  });

  it("puts a patient on hold with a message: they stay, and providers see it", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Your test results are not in yet." });
    expect(ada.last("on-hold")).toEqual({ type: "on-hold", message: "Your test results are not in yet." });
    expect(ada.closed).toBeUndefined();
    expect(dr.last("updated")?.patient).toMatchObject({ sealedFor: "invite-Ada", onHold: true });
  });

  it("releases a hold: the patient is told, providers see it, admit-next takes them, and a reload does not hold them again", async () => {
    const { queue, sockets, send, provider, patient, clock } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Lab results first" });
    await send(dr, { type: "release", patientId: idOf(ada) });
    expect(ada.last("hold-released")).toEqual({ type: "hold-released" });
    expect(dr.last("updated")?.patient).toMatchObject({ sealedFor: "invite-Ada", onHold: false });
    // A second release (a colleague at the same moment) tells nobody anything.
    const told = ada.sent.length;
    await send(dr, { type: "release", patientId: idOf(ada) });
    expect(ada.sent.length).toBe(told);
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += 30_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(back.last("on-hold")).toBeUndefined();
    expect(dr.last("arrived")?.patient).toMatchObject({ sealedFor: "invite-Ada", onHold: false });
    await send(dr, { type: "admit-next" });
    expect(back.last("admitted")).toBeDefined();
  });

  it("keeps a hold, with its message, when the patient's page drops and comes back within the grace period", async () => {
    const { queue, sockets, send, provider, patient, clock, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    const since = ada.attachment.role === "patient" ? ada.attachment.waitingSince : 0;
    later(10 * 60_000);
    await send(dr, { type: "hold", patientId: idOf(ada), message: "Lab results first" });
    sockets.remove(ada);
    queue.disconnected(ada);
    clock.now += 30_000;
    const back = patient("Ada", { waitingSince: since, issuedAt: since });
    expect(back.last("on-hold")).toEqual({ type: "on-hold", message: "Lab results first" });
    expect(dr.last("arrived")?.patient).toMatchObject({ sealedFor: "invite-Ada", onHold: true });
    // Admit next still passes over her.
    await send(dr, { type: "admit-next" });
    expect(back.last("admitted")).toBeUndefined();
  });

  it("sends one patient a one-way notice, and no one else", async () => {
    const { send, provider, patient, later } = room();
    const dr = provider();
    const ada = patient("Ada");
    later();
    const bo = patient("Bo");
    await send(dr, { type: "notify", patientId: idOf(ada), text: "Two more minutes." });
    expect(ada.last("notice")).toEqual({ type: "notice", text: "Two more minutes." });
    expect(bo.last("notice")).toBeUndefined();
  });

  it("transfers a patient to a colleague with a ticket that keeps their waiting time", async () => {
    const { send, provider, patient, sealed } = room();
    const dr = provider();
    const ada = patient("Ada", { waitingSince: 500 });
    await send(dr, { type: "transfer", patientId: idOf(ada), to: "stranger" });
    expect(dr.last("error")?.code).toBe("forbidden");
    await send(dr, { type: "transfer", patientId: idOf(ada), to: "colleague" });
    expect(sealed).toEqual([
      expect.objectContaining({ providerId: "colleague", waitingSince: 500, inviteId: "invite-Ada" }),
    ]);
    expect(ada.last("transferred")).toEqual({ type: "transferred", ticket: "sealed-colleague-500", to: "Dr. Two" });
    expect(ada.closed?.code).toBe(CloseCode.transferred);
    expect(listOf(dr)).toEqual([]);
  });

  it("broadcasts the provider's status and message to everyone waiting, once per change", async () => {
    const { send, provider, patient, later } = room();
    const ada = patient("Ada");
    expect(ada.last("room-status")).toEqual({ type: "room-status", status: "offline", message: null });
    const dr = provider();
    later();
    const bo = patient("Bo");
    await send(dr, { type: "status", status: "away", message: "Running about 10 minutes late" });
    for (const socket of [ada, bo]) {
      expect(socket.last("room-status")).toEqual({
        type: "room-status",
        status: "away",
        message: "Running about 10 minutes late",
      });
    }
    const count = ofType(ada, "room-status").length;
    await send(dr, { type: "status", status: "away", message: "Running about 10 minutes late" });
    expect(ofType(ada, "room-status")).toHaveLength(count);
  });

  it("shows a colleague's message in a shared room, and the best status of those present", async () => {
    const { send, provider, patient, later } = room();
    const first = provider("session-1", "a");
    const second = provider("session-2", "b");
    const ada = patient("Ada");
    await send(first, { type: "status", status: "away" });
    later();
    await send(second, { type: "status", status: "busy", message: "Back at 11" });
    expect(ada.last("room-status")).toEqual({ type: "room-status", status: "busy", message: "Back at 11" });
  });

  it("passes the patient's device check to the providers", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    await send(ada, { type: "device", device: { camera: false, microphone: true } });
    expect(dr.last("updated")?.patient.device).toEqual({ camera: false, microphone: true });
  });

  it("refuses control characters and direction overrides in every text a provider sends a patient", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    const before = dr.sent.length;
    const disguised = "Please call \u202eevif-owt\u202c 0800 now";
    await send(dr, { type: "notify", patientId: idOf(ada), text: disguised });
    await send(dr, { type: "notify", patientId: idOf(ada), text: "bell\u0007" });
    await send(dr, { type: "hold", patientId: idOf(ada), message: disguised });
    await send(dr, { type: "deny", patientId: idOf(ada), message: "\u2066hidden\u2069" });
    await send(dr, { type: "status", status: "away", message: `Back soon${"\u202e"}` });
    const refused = dr.sent.slice(before);
    expect(refused).toHaveLength(5);
    for (const reply of refused) expect(reply).toMatchObject({ type: "error", code: "invalid-message" });
    // Nothing reached the patient, and nothing changed for her.
    expect(ada.last("notice")).toBeUndefined();
    expect(ada.last("on-hold")).toBeUndefined();
    expect(ada.last("denied")).toBeUndefined();
    expect(ada.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Ada"]);
    // Line breaks in a notice are fine: it is text of several lines.
    await send(dr, { type: "notify", patientId: idOf(ada), text: "Line one\nLine two" });
    expect(ada.last("notice")?.text).toBe("Line one\nLine two");
  });

  it("tells a colleague who admits the same patient a moment later that someone already is", async () => {
    const { send, provider, patient, finishMinting } = room({ slowMinting: true });
    const first = provider("session-1", "a");
    const second = provider("session-2", "b");
    const ada = patient("Ada");
    const admitting = send(first, { type: "admit", patientId: idOf(ada) });
    await send(second, { type: "admit", patientId: idOf(ada) });
    finishMinting();
    await admitting;
    expect(second.last("error")?.code).toBe("conflict");
    expect(second.last("admitted")).toBeUndefined();
    expect(first.last("admitted")?.consultationId).toBe("consultation-1");
    expect(ada.last("admitted")?.consultationId).toBe("consultation-1");
  });

  it("keeps the patient waiting when the provider drops during admission", async () => {
    const { queue, send, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    const admitting = send(dr, { type: "admit", patientId: idOf(ada) });
    queue.disconnected(dr);
    finishMinting();
    await admitting;
    expect(ada.last("admitted")).toBeUndefined();
    expect(ada.closed).toBeUndefined();
    expect(ada.last("room-status")).toEqual({ type: "room-status", status: "offline", message: null });
  });

  it("does not send the provider into an empty call when the patient leaves during admission", async () => {
    const { send, provider, patient, finishMinting } = room({ slowMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    const admitting = send(dr, { type: "admit", patientId: idOf(ada) });
    await send(ada, { type: "leave" });
    finishMinting();
    await admitting;
    expect(dr.last("admitted")).toBeUndefined();
    expect(dr.last("error")?.code).toBe("not-found");
  });

  it("answers the provider with an error when the tickets cannot be made, and the patient keeps waiting", async () => {
    const { send, provider, patient } = room({ failMinting: true });
    const dr = provider();
    const ada = patient("Ada");
    await send(dr, { type: "admit", patientId: idOf(ada) });
    await send(dr, { type: "admit", patientId: idOf(ada) });
    expect(ofType(dr, "error").map((m) => m.type === "error" && m.code)).toEqual(["server-error", "server-error"]);
    expect(ada.closed).toBeUndefined();
    expect(listOf(dr)).toEqual(["Ada"]);
  });
});

describe("the waiting desk: a link that comes back during its consultation", () => {
  /** Ada admitted by Dr. Who into consultation-1; the consultation says where she stands. */
  async function admittedAda(state: CallState = "away") {
    const callStates = new Map<string, CallState>();
    const r = room({ callStates });
    const dr = r.provider();
    const ada = r.patient("Ada", { ticketId: "ticket-1" });
    await r.send(dr, { type: "admit", patientId: idOf(ada) });
    callStates.set("consultation-1/invite-Ada", state);
    return { ...r, dr, callStates };
  }

  it("shows the provider a patient who left the call and came back through the link, and lets them back into the same consultation", async () => {
    const { dr, patient, send, settled, admissions, returnTickets } = await admittedAda("away");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(listOf(dr)).toEqual(["Ada"]);
    expect(dr.last("returning")).toEqual({ type: "returning", id: idOf(back), consultationId: "consultation-1" });

    await send(dr, { type: "let-back-in", patientId: idOf(back) });
    expect(back.last("admitted")).toEqual({
      type: "admitted",
      consultationId: "consultation-1",
      ticket: "back-into-consultation-1",
    });
    expect(back.closed?.code).toBe(CloseCode.admitted);
    expect(listOf(dr)).toEqual([]);
    // The same consultation, ending when it ends; no second call was made.
    expect(returnTickets).toEqual([
      { consultationId: "consultation-1", participant: "invite-Ada", until: TICKETS_EXPIRE_AT },
    ]);
    expect(admissions).toHaveLength(1);
    expect(dr.sent.filter((m) => m.type === "admitted")).toHaveLength(1);
  });

  const letBackRefusals: Array<[AdmissionAnswer, ErrorCode]> = [
    ["ended", "not-found"],
    ["removed", "forbidden"],
    ["locked", "locked"],
    ["full", "full"],
    ["not-moderator", "forbidden"],
  ];
  it.each(letBackRefusals)(
    "asks the consultation before letting back in: when it answers %s (error %s), nothing is minted and the patient waits on",
    async (answer, code) => {
      const { dr, patient, send, settled, consultation, returnTickets, sets } = await admittedAda("away");
      const back = patient("Ada", { ticketId: "ticket-2" });
      await settled();
      consultation.answer = answer;
      await send(dr, { type: "let-back-in", patientId: idOf(back) });
      expect(consultation.asked).toEqual([
        { consultationId: "consultation-1", providerId: "prov", inviteId: "invite-Ada" },
      ]);
      expect(dr.last("error")).toMatchObject({ code });
      expect(returnTickets).toEqual([]);
      expect(back.last("admitted")).toBeUndefined();
      expect(back.closed).toBeUndefined();
      expect(sets.admitted.has("ticket-2", 1_000)).toBe(false);
      expect(listOf(dr)).toEqual(["Ada"]);
    },
  );

  it("tells a provider who opens the room later which waiting patient is coming back to their call", async () => {
    const { patient, settled, provider } = await admittedAda("away");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    const later = provider("session-2");
    expect(later.last("returning")).toEqual({ type: "returning", id: idOf(back), consultationId: "consultation-1" });
  });

  it("never queues a second place for a link that is in the call now: the new tab gets a ticket for that call", async () => {
    const { dr, patient, settled, returnTickets } = await admittedAda("present");
    const seen = dr.sent.length;
    const second = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(second.last("in-call")).toEqual({
      type: "in-call",
      consultationId: "consultation-1",
      ticket: "back-into-consultation-1",
    });
    expect(second.closed?.code).toBe(CloseCode.alreadyAdmitted);
    expect(second.last("position")).toBeUndefined();
    expect(dr.sent.slice(seen)).toEqual([]);
    expect(listOf(dr)).toEqual([]);
    expect(returnTickets.map((t) => t.consultationId)).toEqual(["consultation-1"]);
  });

  it("lets a link whose consultation has ended wait like anyone, and lets nobody 'back in' to it", async () => {
    const { dr, patient, send, settled } = await admittedAda("ended");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(listOf(dr)).toEqual(["Ada"]);
    expect(dr.last("returning")).toBeUndefined();
    await send(dr, { type: "let-back-in", patientId: idOf(back) });
    expect(dr.last("error")).toMatchObject({ code: "forbidden" });
    expect(back.closed).toBeUndefined();
  });

  it("lets only the consultation's provider let a patient back in, not a colleague in the shared room", async () => {
    const { patient, send, settled, provider } = await admittedAda("away");
    const colleague = provider("session-c", "colleague");
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(colleague.last("returning")).toBeUndefined();
    await send(colleague, { type: "let-back-in", patientId: idOf(back) });
    expect(colleague.last("error")).toMatchObject({ code: "forbidden" });
    expect(back.closed).toBeUndefined();
  });

  it("does not place a patient whose page closed while the room asked their consultation", async () => {
    const { dr, patient, queue, sockets } = await admittedAda("away");
    const back = patient("Ada", { ticketId: "ticket-2" });
    sockets.remove(back);
    queue.disconnected(back);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listOf(dr)).toEqual([]);
    expect(queue.waiting).toBe(0);
  });
});

describe("the waiting desk: adding someone to a running call", () => {
  /** Everyone waiting as the provider's page lists them, with what it knows of each. */
  function patientsOf(socket: { sent: Parameters<typeof applyQueueMessage>[1][] }): readonly WaitingPatient[] {
    let list: readonly WaitingPatient[] = [];
    for (const message of socket.sent) list = applyQueueMessage(list, message);
    return list;
  }

  /** Ada admitted by Dr. Who into consultation-1; Ian, the interpreter of her appointment, waits. */
  async function callWithInterpreterWaiting() {
    const r = room({ callStates: new Map() });
    const dr = r.provider();
    const ada = r.patient("Ada");
    r.later();
    const ian = r.patient("Ian", { appointmentId: "appt-Ada", label: "interpreter" });
    r.later();
    const other = r.patient("Bo");
    await r.settled();
    await r.send(dr, { type: "admit", patientId: idOf(ada) });
    return { ...r, dr, ada, ian, other };
  }

  it("shows who waits for the running call of the same appointment, and adds them to that same consultation", async () => {
    const { dr, ian, other, send, admissions, returnTickets, consultation } = await callWithInterpreterWaiting();
    // Ian waited before the call began: the list marks him for it as the call starts; Bo is someone else's.
    expect(patientsOf(dr).find((p) => nameOf(p) === "Ian")).toMatchObject({
      forCall: "consultation-1",
      label: "interpreter",
    });
    expect(patientsOf(dr).find((p) => nameOf(p) === "Bo")?.forCall).toBeUndefined();

    await send(dr, { type: "add-to-call", patientId: idOf(ian), consultationId: "consultation-1" });
    expect(ian.last("admitted")).toEqual({
      type: "admitted",
      consultationId: "consultation-1",
      ticket: "back-into-consultation-1",
    });
    expect(ian.closed?.code).toBe(CloseCode.admitted);
    expect(listOf(dr)).toEqual(["Bo"]);
    // The consultation was asked for a seat; the ticket is for that call and ends when it ends; no new call.
    expect(consultation.asked).toEqual([
      { consultationId: "consultation-1", providerId: "prov", inviteId: "invite-Ian" },
    ]);
    expect(returnTickets).toEqual([
      { consultationId: "consultation-1", participant: "invite-Ian", until: TICKETS_EXPIRE_AT },
    ]);
    expect(admissions).toHaveLength(1);
    expect(dr.sent.filter((m) => m.type === "admitted")).toHaveLength(1);
    expect(other.closed).toBeUndefined();
  });

  it("marks someone of the appointment who arrives during the call as waiting for it", async () => {
    const { dr, patient, settled } = await callWithInterpreterWaiting();
    const rita = patient("Rita", { appointmentId: "appt-Ada", label: "relative" });
    await settled();
    expect(dr.last("arrived")?.patient).toMatchObject({ id: idOf(rita), forCall: "consultation-1", label: "relative" });
  });

  const refusals: Array<[AdmissionAnswer, ErrorCode]> = [
    ["ended", "not-found"],
    ["locked", "locked"],
    ["full", "full"],
    ["not-moderator", "forbidden"],
  ];
  it.each(refusals)(
    "refuses to add when the consultation answers %s (error %s), and the room is unchanged",
    async (answer, code) => {
      const { dr, ian, send, consultation, returnTickets, sets } = await callWithInterpreterWaiting();
      consultation.answer = answer;
      await send(dr, { type: "add-to-call", patientId: idOf(ian), consultationId: "consultation-1" });
      expect(dr.last("error")).toMatchObject({ code });
      expect(ian.closed).toBeUndefined();
      expect(ian.last("admitted")).toBeUndefined();
      expect(listOf(dr)).toEqual(["Ian", "Bo"]);
      expect(returnTickets).toEqual([]);
      expect(sets.admitted.has("ticket-Ian", 1_000)).toBe(false);
      // An ended call is waited for by nobody any more; otherwise Ian still waits for it.
      const forCall = patientsOf(dr).find((p) => nameOf(p) === "Ian")?.forCall;
      expect(forCall).toBe(answer === "ended" ? undefined : "consultation-1");
    },
  );

  it("refuses to add someone who is no longer waiting, or who waits for another appointment or call, without asking the consultation", async () => {
    const { dr, ian, other, send, queue, sockets, consultation, returnTickets } = await callWithInterpreterWaiting();
    await send(dr, { type: "add-to-call", patientId: idOf(other), consultationId: "consultation-1" });
    expect(dr.last("error")).toMatchObject({ code: "forbidden" });
    await send(dr, { type: "add-to-call", patientId: idOf(ian), consultationId: "consultation-9" });
    expect(dr.last("error")).toMatchObject({ code: "forbidden" });
    sockets.remove(ian);
    queue.disconnected(ian);
    await send(dr, { type: "add-to-call", patientId: idOf(ian), consultationId: "consultation-1" });
    expect(dr.last("error")).toMatchObject({ code: "not-found" });
    expect(consultation.asked).toEqual([]);
    expect(returnTickets).toEqual([]);
    expect(other.closed).toBeUndefined();
  });

  it("tells whoever waits for the running call that they will be added to it, not that the provider is in another consultation", async () => {
    const { ian, other, patient, settled } = await callWithInterpreterWaiting();
    // Marked as the call starts, and on every status after it; Bo waits for the provider's next call.
    expect(ian.last("room-status")).toMatchObject({ status: "busy", forCall: true });
    expect(other.last("room-status")).toEqual({ type: "room-status", status: "busy", message: null });
    // Someone of the appointment arriving during the call hears it at once.
    const rita = patient("Rita", { appointmentId: "appt-Ada", label: "relative" });
    await settled();
    expect(rita.last("room-status")).toMatchObject({ forCall: true });
  });

  it("tells them again what the room's status is once an add finds the call ended", async () => {
    const { dr, ian, send, consultation } = await callWithInterpreterWaiting();
    consultation.answer = "ended";
    await send(dr, { type: "add-to-call", patientId: idOf(ian), consultationId: "consultation-1" });
    expect(ian.last("room-status")).toEqual({ type: "room-status", status: "busy", message: null });
  });

  it("never admits someone whose link was made in the call into a new consultation: only adds them to that call", async () => {
    const { dr, patient, settled, send, admissions } = await callWithInterpreterWaiting();
    const gus = patient("Gus", { appointmentId: "appt-Ada", label: "relative", madeInCall: "consultation-1" });
    await settled();
    expect(patientsOf(dr).find((p) => nameOf(p) === "Gus")?.forCall).toBe("consultation-1");
    await send(dr, { type: "admit", patientId: idOf(gus) });
    expect(dr.last("error")).toMatchObject({ code: "forbidden" });
    expect(gus.closed).toBeUndefined();
    expect(admissions).toHaveLength(1);
    await send(dr, { type: "add-to-call", patientId: idOf(gus), consultationId: "consultation-1" });
    expect(gus.last("admitted")).toMatchObject({ consultationId: "consultation-1" });
  });

  it("passes over someone whose link was made in the call when admitting the next", async () => {
    const { dr, patient, settled, send, admissions } = await callWithInterpreterWaiting();
    const gus = patient("Gus", { appointmentId: "appt-Ada", label: "relative", madeInCall: "consultation-1" });
    await settled();
    // Ian, Bo and Gus wait: the next two are admitted, then nobody is left to admit.
    for (let i = 0; i < 3; i++) await send(dr, { type: "admit-next" });
    expect(admissions.map((a) => nameOf(a.patient))).toEqual(["Ada", "Ian", "Bo"]);
    expect(dr.last("error")).toMatchObject({ code: "not-found" });
    expect(gus.closed).toBeUndefined();
  });

  it("does not offer someone whose link was made in an earlier call of the appointment to a later one", async () => {
    const { dr, patient, settled, send } = await callWithInterpreterWaiting();
    const old = patient("Olga", { appointmentId: "appt-Ada", label: "relative", madeInCall: "consultation-0" });
    await settled();
    expect(patientsOf(dr).find((p) => nameOf(p) === "Olga")?.forCall).toBeUndefined();
    expect(old.last("room-status")?.forCall).toBeUndefined();
    await send(dr, { type: "add-to-call", patientId: idOf(old), consultationId: "consultation-1" });
    expect(dr.last("error")).toMatchObject({ code: "forbidden" });
    expect(old.closed).toBeUndefined();
  });

  it("when the call ends, sends away whoever waits through a link made in it, told so; the others wait on, for no call", async () => {
    const { dr, ian, other, patient, settled, queue } = await callWithInterpreterWaiting();
    const gus = patient("Gus", { appointmentId: "appt-Ada", label: "relative", madeInCall: "consultation-1" });
    await settled();
    queue.callEnded("consultation-1");
    expect(gus.closed?.code).toBe(CloseCode.ended);
    expect(listOf(dr)).toEqual(["Ian", "Bo"]);
    // Ian, invited with the appointment, may still be admitted: no longer for that call.
    expect(patientsOf(dr).find((p) => nameOf(p) === "Ian")?.forCall).toBeUndefined();
    expect(ian.last("room-status")?.forCall).toBeUndefined();
    expect(ian.closed).toBeUndefined();
    expect(other.closed).toBeUndefined();
    // Another call's end changes nothing here.
    queue.callEnded("consultation-7");
    expect(listOf(dr)).toEqual(["Ian", "Bo"]);
  });

  it("does not offer the call's own patient, back through their link, as someone to add: they are let back in", async () => {
    const { dr, patient, settled } = await callWithInterpreterWaiting();
    const back = patient("Ada", { ticketId: "ticket-2" });
    await settled();
    expect(dr.last("returning")).toMatchObject({ id: idOf(back), consultationId: "consultation-1" });
    expect(patientsOf(dr).find((p) => p.id === idOf(back))?.forCall).toBeUndefined();
  });
});

describe("the waiting desk on its own", () => {
  /** A desk over a line with Ada waiting and Bo away (his place kept), and whatever the desk sent away. */
  function deskWithLine(patient: Partial<PatientAttachment> = {}) {
    const patients = new FakeSockets<PatientAttachment>();
    const base = { role: "patient", providerId: "prov", room: "prov", ticketExpiresAt: 5_000_000 } as const;
    const ada = patients.add({
      ...base,
      appointmentId: "appt-Ada",
      inviteId: "invite-Ada",
      ticketId: "ticket-Ada",
      connectionId: "conn-Ada",
      waitingSince: 1_000,
      ...patient,
    });
    patients.add({
      ...base,
      appointmentId: "appt-Bo",
      inviteId: "invite-Bo",
      ticketId: "ticket-Bo",
      connectionId: "conn-Bo",
      waitingSince: 2_000,
    });
    const now = () => 10_000;
    const settings = RoomSettings.inMemory({ denyPauseMs: 0 });
    const line = new WaitingLine(patients.list(), { away: memorySet(), settings, now, later: () => {} });
    line.stepAway("conn-Bo");
    const denied = memorySet();
    const sentAway: Array<{ name: string; code: number }> = [];
    const desk = new WaitingDesk([], line, {
      admitted: memorySet(),
      consultations: memorySet(),
      denied,
      moved: memorySet(),
      colleagues: fixedDirectory(),
      calls: undefined,
      settings,
      mintTickets: async () => ({ provider: "p", patient: "q", expiresAt: 1 }),
      sealWaitingTicket: async () => "sealed",
      sendAway: (socket, code) => sentAway.push({ name: nameOf(socket.attachment), code }),
      now,
      newId: () => "id-1",
    });
    const provider = new FakeSockets<ProviderAttachment>().add({
      role: "provider",
      providerId: "prov",
      name: "Dr. Who",
      connectionId: "dr",
      sessionHash: "s",
      sessionExpiresAt: 4_000_000,
    });
    return { desk, ada, provider, denied, sentAway };
  }

  it("shows an opening dashboard only the patients who are there, not a kept place, and no colleagues it was not given", async () => {
    const { desk, provider } = deskWithLine();
    desk.open(provider, await desk.colleaguesOf(provider));
    expect(provider.last("queue")?.patients.map(nameOf)).toEqual(["Ada"]);
    expect(provider.last("colleagues")).toEqual({ type: "colleagues", colleagues: [] });
    expect(desk.roomStatus).toEqual({ status: "available", message: null });
  });

  it("denies without a pause when the practice sets none: the link may ask again at once", async () => {
    const { desk, ada, provider, denied, sentAway } = deskWithLine();
    desk.open(provider, []);
    await desk.handle(provider, { type: "deny", patientId: "conn-Ada" });
    expect(ada.last("denied")).toEqual({ type: "denied", message: null, retryAt: 10_000 });
    expect(denied.ids()).toEqual([]);
    expect(sentAway).toEqual([{ name: "Ada", code: CloseCode.denied }]);
  });

  it("tells nobody anything when a dashboard it never knew leaves", () => {
    const { desk, ada } = deskWithLine();
    const told = ada.sent.length;
    desk.providerLeft("never-here");
    expect(ada.sent.length).toBe(told);
  });
});
