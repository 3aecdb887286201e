// The invitation's calendar file, parsed back with ical.js (a well-kept independent parser) field by field.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { invitationAttachment } from "../../worker/calendar/attachment.ts";
import { type InvitationEvent, invitationCalendar, noReplyAddress } from "../../worker/calendar/ics.ts";

const BASE: InvitationEvent = {
  uid: "inv-7f3a@anteroom.example.org",
  sequence: 0,
  start: new Date("2026-03-29T00:30:00Z"),
  end: new Date("2026-03-29T01:00:00Z"),
  url: "https://anteroom.example.org/w/praxis#token-AbC",
  practiceName: "Praxis Dr. Müller",
  organizerEmail: "no-reply@anteroom.example.org",
  language: "en",
  method: "REQUEST",
  stamp: new Date("2026-03-20T09:00:00Z"),
};
const SECRET_TITLE = "Follow-up after knee surgery";
const SECRET_NOTE = "Bring the HIV test results";

function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents("vevent");
  expect(vevents).toHaveLength(1);
  const vevent = vevents[0] as ICAL.Component;
  const organizers = vevent.getAllProperties("organizer");
  expect(organizers).toHaveLength(1);
  const organizer = organizers[0] as ICAL.Property;
  const time = (name: string) => (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: vevent.getFirstPropertyValue("uid"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    start: time("dtstart"),
    end: time("dtend"),
    startIsUtc: (vevent.getFirstPropertyValue("dtstart") as ICAL.Time).zone === ICAL.Timezone.utcTimezone,
    url: vevent.getFirstPropertyValue("url"),
    organizerName: organizer.getParameter("cn"),
    organizerAddress: organizer.getFirstValue(),
    status: vevent.getFirstPropertyValue("status"),
    attendees: vevent.getAllProperties("attendee").map((property) => property.getFirstValue()),
    summary: vevent.getFirstPropertyValue("summary"),
    description: vevent.getFirstPropertyValue("description"),
    propertyNames: vevent.getAllProperties().map((property) => property.name),
  };
}

describe("the invitation's calendar file", () => {
  it("on creation: METHOD:REQUEST, the UID, SEQUENCE 0, UTC start and end, the link and the practice as organizer", () => {
    const event = parsed(invitationCalendar(BASE));
    expect(event).toMatchObject({
      method: "REQUEST",
      uid: BASE.uid,
      sequence: 0,
      start: "2026-03-29T00:30:00.000Z",
      end: "2026-03-29T01:00:00.000Z",
      startIsUtc: true,
      url: BASE.url,
      organizerName: "Praxis Dr. Müller",
      organizerAddress: "mailto:no-reply@anteroom.example.org",
      status: "CONFIRMED",
      summary: "Video consultation",
    });
    expect(event.description).toContain(BASE.url);
  });

  it("on an update: the same UID with a higher SEQUENCE and the new times, still METHOD:REQUEST", () => {
    const first = parsed(invitationCalendar(BASE));
    const moved = parsed(
      invitationCalendar({
        ...BASE,
        sequence: 1,
        start: new Date("2026-03-29T08:00:00Z"),
        end: new Date("2026-03-29T08:45:00Z"),
      }),
    );
    expect(moved.method).toBe("REQUEST");
    expect(moved.uid).toBe(first.uid);
    expect([first.sequence, moved.sequence]).toEqual([0, 1]);
    expect([moved.start, moved.end]).toEqual(["2026-03-29T08:00:00.000Z", "2026-03-29T08:45:00.000Z"]);
  });

  it("on a cancellation: METHOD:CANCEL and STATUS:CANCELLED for the same UID", () => {
    const cancelled = parsed(invitationCalendar({ ...BASE, sequence: 2, method: "CANCEL" }));
    expect(cancelled).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: BASE.uid, sequence: 2 });
  });

  it("is named in the invitation's language", () => {
    expect(parsed(invitationCalendar({ ...BASE, language: "de" })).summary).toBe("Videosprechstunde");
    expect(parsed(invitationCalendar({ ...BASE, language: "de" })).description).toMatch(/^Link zur Videosprechstunde/);
  });

  it("carries neither the appointment's title nor the practice's note unless they are asked for", () => {
    const text = invitationCalendar({ ...BASE, title: SECRET_TITLE, note: SECRET_NOTE });
    const unfolded = text.replaceAll("\r\n ", "");
    for (const secret of ["knee", "HIV", "surgery"]) expect(unfolded).not.toContain(secret);
    expect(parsed(text).summary).toBe("Video consultation");

    const asked = parsed(invitationCalendar({ ...BASE, title: SECRET_TITLE, note: SECRET_NOTE, includeDetails: true }));
    expect(asked.summary).toBe(`Video consultation: ${SECRET_TITLE}`);
    expect(asked.description).toContain(SECRET_NOTE);
  });

  it("keeps backslashes, semicolons, commas and line breaks in text as they were typed", () => {
    const title = "Meyer, Anna; back\\slash\nsecond line";
    const note = "Line one\r\nLine two, with; all\\ of them";
    const event = parsed(invitationCalendar({ ...BASE, title, note, includeDetails: true }));
    expect(event.summary).toBe(`Video consultation: ${title}`);
    expect(event.description).toContain("Line one\nLine two, with; all\\ of them");
  });

  it("a practice name or title shaped like a header injection cannot add a line or a property", () => {
    const injected = 'Praxis "X"\r\nATTENDEE:mailto:evil@example.test\nMETHOD:CANCEL\r\rEND:VEVENT';
    const text = invitationCalendar({ ...BASE, practiceName: injected, title: injected, includeDetails: true });
    // Every line ends in CRLF; no lone CR or LF anywhere; each line is a property or a folded continuation.
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n").slice(0, -1);
    for (const line of lines) expect(line).toMatch(/^( |[A-Z-]+[;:])/);
    expect(lines.filter((line) => /^(ATTENDEE|METHOD|END:VEVENT)/.test(line))).toEqual([
      "METHOD:REQUEST",
      "END:VEVENT",
    ]);
    const event = parsed(text);
    expect(event.method).toBe("REQUEST");
    expect(event.propertyNames).not.toContain("attendee");
    // The name survives as typed, its line breaks as line breaks inside the one parameter (CR LF as one).
    expect(event.organizerName).toBe('Praxis "X"\nATTENDEE:mailto:evil@example.test\nMETHOD:CANCEL\n\nEND:VEVENT');
  });

  it("folds lines at 75 octets without splitting a character, and the parser joins them back", () => {
    const practiceName = `Gemeinschaftspraxis ${"Müßiggang-Äöü ".repeat(8)}`.trim();
    const text = invitationCalendar({ ...BASE, practiceName });
    const encoder = new TextEncoder();
    for (const line of text.split("\r\n")) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(text).not.toContain("\uFFFD");
    expect(parsed(text).organizerName).toBe(practiceName);
  });

  it("names the recipient as ATTENDEE only when given, and refuses input it cannot write safely", () => {
    const withAttendee = parsed(invitationCalendar({ ...BASE, attendeeEmail: "patient@example.test" }));
    expect(withAttendee.attendees).toEqual(["mailto:patient@example.test"]);
    expect(parsed(invitationCalendar(BASE)).attendees).toEqual([]);
    const refused: Partial<InvitationEvent>[] = [
      { end: BASE.start },
      { start: new Date("invalid") },
      { url: "javascript:alert(1)" },
      { sequence: -1 },
      { organizerEmail: "no-reply@example.test\r\nX-Evil: 1" },
      { attendeeEmail: "patient@example.test\nATTENDEE:mailto:evil@example.test" },
    ];
    for (const change of refused) expect(() => invitationCalendar({ ...BASE, ...change })).toThrow(RangeError);
  });

  it("as a mail attachment: text/calendar whose method is the file's METHOD", () => {
    for (const method of ["REQUEST", "CANCEL"] as const) {
      const attachment = invitationAttachment({ ...BASE, method });
      expect(attachment.filename).toBe("invite.ics");
      expect(attachment.contentType).toBe(`text/calendar; method=${method}; charset=UTF-8`);
      expect(parsed(new TextDecoder().decode(attachment.content)).method).toBe(method);
    }
  });
});

describe("the organizer's no-reply address", () => {
  it("is taken from the configured sender's domain, and there is none without a usable address", () => {
    expect(noReplyAddress("Anteroom <mail@praxis.example.org>")).toBe("no-reply@praxis.example.org");
    expect(noReplyAddress("hello@example.org")).toBe("no-reply@example.org");
    expect(noReplyAddress("Anteroom")).toBeUndefined();
    expect(noReplyAddress("Anteroom <mail@example.org\r\nBcc: x@evil.test>")).toBeUndefined();
  });
});
