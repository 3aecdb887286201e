// Calendar files (RFC 5545, iTIP methods of RFC 5546): the one mailed with an appointment's invitation,
// and the provider's own subscription feed (several events, worker/calendar/feed.ts).
// Written by hand rather than with ical-generator: that library added 9 KB gzip to the Worker, which
// would take it past its 150 KB budget, and one VEVENT in UTC needs only the few rules below
// (CRLF, 75-octet folding, TEXT escaping). Tests parse the output back with ical.js.
import type { Language } from "../../schema/tables.ts";

/** REQUEST: a new or changed appointment (same UID, higher SEQUENCE); CANCEL: it no longer takes place. */
export type CalendarMethod = "REQUEST" | "CANCEL";

export interface InvitationEvent {
  /**
   * Stable across every update and the cancellation: `appointmentUid(appointment id)`, the same UID the
   * provider's feed gives the appointment, since it is one meeting in every calendar that holds it.
   */
  uid: string;
  /** 0 on creation; each update or cancellation sends a higher number, so calendars replace the old entry. */
  sequence: number;
  start: Date;
  end: Date;
  /** The invitation's link (the patient joins there). */
  url: string;
  practiceName: string;
  /** Where replies would go: a no-reply address (noReplyAddress below), never a person. */
  organizerEmail: string;
  /**
   * The recipient, written as ATTENDEE (iTIP wants one in REQUEST and CANCEL; Outlook then files the
   * mail as a meeting request). Optional: the file is valid without it, and it is never stored.
   */
  attendeeEmail?: string;
  /** The invitation's language: the summary and the description's one line. */
  language: Language;
  method: CalendarMethod;
  /** When the file was made (DTSTAMP). */
  stamp: Date;
  /**
   * The appointment's title and the practice's note. They are written into the file only when
   * `includeDetails` is true (a provider's own feed, by their choice): a patient's calendar, or the
   * calendar provider behind it, must not learn what the practice typed about the appointment.
   */
  title?: string;
  note?: string;
  includeDetails?: boolean;
}

/** An appointment's UID in every calendar file: the appointment's id (a random UUID) is unique already. */
export const appointmentUid = (appointmentId: string) => `${appointmentId}@anteroom`;

const SUMMARY: Record<Language, string> = { de: "Videosprechstunde", en: "Video consultation" };
const LINK_LINE: Record<Language, string> = {
  de: "Link zur Videosprechstunde",
  en: "Link to the video consultation",
};

/** What a calendar shows as the entry's name: never the title unless the details were asked for. */
export function invitationSummary(event: Pick<InvitationEvent, "language" | "title" | "includeDetails">): string {
  const base = SUMMARY[event.language];
  return event.includeDetails && event.title ? `${base}: ${event.title}` : base;
}

/**
 * The no-reply address in the configured sender's domain: `Anteroom <mail@example.org>` gives
 * `no-reply@example.org`. Undefined when MAIL_FROM holds no usable address.
 */
export function noReplyAddress(mailFrom: string): string | undefined {
  const address = /<([^<>\s]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  const domain = /^[^@\s]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$/.exec(address)?.[1];
  return domain ? `no-reply@${domain}` : undefined;
}

// Control characters other than TAB are not allowed in iCalendar values; line breaks are turned into
// the escaped `\n` before these go, so nothing a person typed can start a line of its own.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;
const LINE_BREAK = /\r\n|\r|\n/g;

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
  return value
    .replaceAll("\\", "\\\\")
    .replaceAll(";", "\\;")
    .replaceAll(",", "\\,")
    .replace(LINE_BREAK, "\\n")
    .replace(CONTROL, "");
}

/** A quoted parameter value (RFC 5545 3.2 with RFC 6868's ^-escapes: ^^, ^n, ^' for a double quote). */
function quotedParameter(value: string): string {
  const escaped = value.replaceAll("^", "^^").replace(LINE_BREAK, "^n").replaceAll('"', "^'").replace(CONTROL, "");
  return `"${escaped}"`;
}

/** An address that is safe after `mailto:` as it is: no quotes, spaces, separators or line breaks. */
const PLAIN_ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/** 20261203T141500Z */
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

const encoder = new TextEncoder();

/**
 * One content line folded at 75 octets (RFC 5545 3.1): continuation lines start with a space, which
 * counts toward their 75, and a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    if (octets + size > 75) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}

function checked(event: InvitationEvent): URL {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) throw new RangeError("sequence must be a whole number");
  for (const date of [event.start, event.end, event.stamp]) {
    if (Number.isNaN(date.getTime())) throw new RangeError("invalid date");
  }
  if (event.end <= event.start) throw new RangeError("the end must come after the start");
  for (const address of [event.organizerEmail, event.attendeeEmail]) {
    if (address !== undefined && !PLAIN_ADDRESS.test(address)) throw new RangeError("invalid e-mail address");
  }
  // The URL parser drops tabs and line breaks and percent-encodes the rest, so href is one safe line.
  const url = new URL(event.url);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RangeError("the link must be http(s)");
  return url;
}

/** The lines shared by every event: identity, version and time. */
function eventHead(event: Pick<InvitationEvent, "uid" | "sequence" | "stamp" | "start" | "end">): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
  ];
}

/** A whole file: the calendar's own lines, then the events' lines; CRLF line ends, folded. */
function calendarText(calendarLines: string[], eventLines: string[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Anteroom//Video consultations//EN",
    "CALSCALE:GREGORIAN",
    ...calendarLines,
    ...eventLines,
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

/** The .ics text of one invitation, CRLF line ends, folded. Throws RangeError on input it cannot write. */
export function invitationCalendar(event: InvitationEvent): string {
  const url = checked(event);
  const description = [`${LINK_LINE[event.language]}: ${url.href}`];
  if (event.includeDetails && event.note) description.push(event.note);
  return calendarText(
    [`METHOD:${event.method}`],
    [
      ...eventHead(event),
      `SUMMARY:${escapeText(invitationSummary(event))}`,
      `DESCRIPTION:${escapeText(description.join("\n\n"))}`,
      `URL:${url.href}`,
      `ORGANIZER;CN=${quotedParameter(event.practiceName)}:mailto:${event.organizerEmail}`,
      ...(event.attendeeEmail
        ? [`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${event.attendeeEmail}`]
        : []),
      `STATUS:${event.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
      "TRANSP:OPAQUE",
      "END:VEVENT",
    ],
  );
}

/** One appointment in a provider's own feed: times only, unless the provider asked for the details. */
export type FeedEvent = Pick<
  InvitationEvent,
  "uid" | "sequence" | "start" | "end" | "stamp" | "title" | "note" | "includeDetails"
>;

/**
 * A subscription feed (METHOD:PUBLISH): each event with start, end and "Video consultation" in the
 * provider's language; the title and note only with `includeDetails`. No link, organizer or attendee:
 * whoever holds the feed's address learns when the provider is busy, nothing about patients.
 */
export function feedCalendar(events: FeedEvent[], language: Language): string {
  const eventLines = events.flatMap((event) => {
    if (event.end <= event.start) throw new RangeError("the end must come after the start");
    const details = event.includeDetails && event.note ? [`DESCRIPTION:${escapeText(event.note)}`] : [];
    return [
      ...eventHead(event),
      `SUMMARY:${escapeText(invitationSummary({ ...event, language }))}`,
      ...details,
      "STATUS:CONFIRMED",
      "TRANSP:OPAQUE",
      "END:VEVENT",
    ];
  });
  return calendarText(
    [
      "METHOD:PUBLISH",
      `X-WR-CALNAME:${escapeText(`Anteroom: ${SUMMARY[language]}`)}`,
      // How often calendar apps should look again (RFC 7986, and the older name Outlook reads).
      "REFRESH-INTERVAL;VALUE=DURATION:PT15M",
      "X-PUBLISHED-TTL:PT15M",
    ],
    eventLines,
  );
}
