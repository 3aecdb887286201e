// SMS to a patient about their appointment: the practice, the time in the patient's zone and the link,
// nothing about health. At most MAX_SMS_LENGTH characters: a practice name is cut if it would not fit.
import type { Language } from "../../schema/tables.ts";
import type { AppointmentMailKind } from "../mail/templates/appointment.ts";

/** A practice's name is at most this long in an SMS: room for the time and a link of any origin. */
const MAX_NAME_IN_SMS = 60;

const shortName = (name: string) =>
  [...name].length > MAX_NAME_IN_SMS ? `${[...name].slice(0, MAX_NAME_IN_SMS - 1).join("")}…` : name;

export function appointmentSms(
  kind: AppointmentMailKind,
  language: Language,
  practiceName: string,
  when: string,
  url: string,
): string {
  const practice = shortName(practiceName);
  if (language === "de") {
    if (kind === "cancel")
      return `${practice}: Ihre Videosprechstunde am ${when} ist abgesagt. Der Link gilt nicht mehr.`;
    const lead =
      kind === "reminder"
        ? `Erinnerung an Ihre Videosprechstunde am ${when}.`
        : kind === "update"
          ? `Ihre Videosprechstunde ist verlegt auf ${when}.`
          : `Ihre Videosprechstunde am ${when}.`;
    return `${practice}: ${lead} Link: ${url}`;
  }
  if (kind === "cancel")
    return `${practice}: your video consultation on ${when} is cancelled. The link no longer works.`;
  const lead =
    kind === "reminder"
      ? `reminder of your video consultation on ${when}.`
      : kind === "update"
        ? `your video consultation has moved to ${when}.`
        : `your video consultation on ${when}.`;
  return `${practice}: ${lead} Link: ${url}`;
}
