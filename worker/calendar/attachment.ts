// The invitation's calendar file as a mail attachment. The part's type names the same method as the
// file's METHOD line: Outlook files the mail as a meeting request or cancellation only when they agree.
import type { MailAttachment } from "../mail/mailer.ts";
import { type InvitationEvent, invitationCalendar } from "./ics.ts";

export function invitationAttachment(event: InvitationEvent): MailAttachment {
  return {
    filename: "invite.ics",
    contentType: `text/calendar; method=${event.method}; charset=UTF-8`,
    content: new TextEncoder().encode(invitationCalendar(event)),
  };
}
