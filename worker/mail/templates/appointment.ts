// Mails to a patient about their appointment: the invitation, its reminder, a new time, a cancellation.
// They name the practice, the time in the patient's time zone and the link; never the appointment's
// title or the practice's note, which may say what the consultation is about.
import type { Language } from "../../../schema/tables.ts";
import { compose } from "../compose.ts";
import type { Mail } from "../mailer.ts";

/** Why the patient gets the mail. */
export type AppointmentMailKind = "invitation" | "reminder" | "update" | "cancel";

export interface AppointmentMailInput {
  kind: AppointmentMailKind;
  to: string;
  language: Language;
  practiceName: string;
  /** The start as the patient reads it (appointment-time.ts). */
  when: string;
  url: string;
}

interface Words {
  subject: string;
  lead: string;
}

function words(kind: AppointmentMailKind, language: Language, practice: string, when: string): Words {
  if (language === "de") {
    if (kind === "reminder")
      return {
        subject: `Erinnerung: Videosprechstunde bei ${practice}`,
        lead: `wir erinnern Sie an Ihre Videosprechstunde bei ${practice} am ${when}.`,
      };
    if (kind === "update")
      return {
        subject: `Neue Zeit: Videosprechstunde bei ${practice}`,
        lead: `${practice} hat Ihre Videosprechstunde verlegt. Neue Zeit: ${when}. Ihr Link bleibt derselbe.`,
      };
    if (kind === "cancel")
      return {
        subject: `Abgesagt: Videosprechstunde bei ${practice}`,
        lead: `${practice} hat Ihre Videosprechstunde am ${when} abgesagt. Der Link gilt nicht mehr.`,
      };
    return {
      subject: `Videosprechstunde bei ${practice}`,
      lead: `${practice} lädt Sie am ${when} zu einer Videosprechstunde ein.`,
    };
  }
  if (kind === "reminder")
    return {
      subject: `Reminder: video consultation with ${practice}`,
      lead: `this is a reminder of your video consultation with ${practice} on ${when}.`,
    };
  if (kind === "update")
    return {
      subject: `New time: video consultation with ${practice}`,
      lead: `${practice} has moved your video consultation. New time: ${when}. Your link stays the same.`,
    };
  if (kind === "cancel")
    return {
      subject: `Cancelled: video consultation with ${practice}`,
      lead: `${practice} has cancelled your video consultation on ${when}. The link no longer works.`,
    };
  return {
    subject: `Video consultation with ${practice}`,
    lead: `${practice} invites you to a video consultation on ${when}.`,
  };
}

const HOW: Record<Language, string> = {
  de: "Öffnen Sie den Link kurz vor dem Termin in einem aktuellen Browser auf Ihrem Telefon oder Computer. Sie brauchen weder ein Konto noch eine App. Der Termin ist als Kalendereintrag angehängt.",
  en: "Open the link shortly before the appointment in a current browser on your phone or computer. You need neither an account nor an app. The appointment is attached as a calendar entry.",
};
const GREETING: Record<Language, string> = { de: "Guten Tag,", en: "Hello," };
const LINK_LABEL: Record<Language, string> = { de: "Zur Videosprechstunde", en: "Join the video consultation" };
const FOOTNOTE: Record<Language, string> = {
  de: "Wenn Sie diese Nachricht nicht erwartet haben, wenden Sie sich bitte an die Praxis oder ignorieren Sie sie.",
  en: "If you did not expect this message, please contact the practice or ignore it.",
};

export function appointmentMail(input: AppointmentMailInput): Mail {
  const { kind, to, language, practiceName, when, url } = input;
  const { subject, lead } = words(kind, language, practiceName, when);
  const cancelled = kind === "cancel";
  return compose({
    to,
    language,
    subject,
    paragraphs: [
      `${GREETING[language]}`,
      `${lead.charAt(0).toUpperCase()}${lead.slice(1)}`,
      ...(cancelled ? [] : [HOW[language]]),
    ],
    // A cancelled appointment's link no longer works: it is not offered.
    ...(cancelled ? {} : { link: { url, label: LINK_LABEL[language] } }),
    footnote: FOOTNOTE[language],
  });
}
