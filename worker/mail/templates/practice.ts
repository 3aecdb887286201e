// Mails about practice membership: an admin's invitation of a colleague, and the notice to a removed member.
import type { Language } from "../../../schema/tables.ts";
import { compose } from "../compose.ts";
import type { Mail } from "../mailer.ts";

export interface InvitationMailInput {
  to: string;
  /** The inviting admin's language: the invited colleague has none of their own yet. */
  language: Language;
  practiceName: string;
  inviterName: string;
  /** /join-practice#<token> (worker/links.ts). */
  url: string;
}

export function memberInvitationMail(input: InvitationMailInput): Mail {
  const { to, language, practiceName, inviterName, url } = input;
  if (language === "de") {
    return compose({
      to,
      language,
      subject: `Einladung in die Praxis ${practiceName} auf Anteroom`,
      paragraphs: [
        "Guten Tag,",
        `${inviterName} lädt Sie ein, der Praxis „${practiceName}“ auf Anteroom beizutreten, um Videosprechstunden zu halten.`,
        "Über den Link legen Sie Ihr Konto an. Er ist 7 Tage gültig und kann einmal verwendet werden.",
      ],
      link: { url, label: "Einladung annehmen" },
      footnote: "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
    });
  }
  return compose({
    to,
    language,
    subject: `Invitation to join ${practiceName} on Anteroom`,
    paragraphs: [
      "Hello,",
      `${inviterName} invites you to join the practice “${practiceName}” on Anteroom to hold video consultations.`,
      "Use the link to create your account. It is valid for 7 days and works once.",
    ],
    link: { url, label: "Accept the invitation" },
    footnote: "If you did not expect this invitation, you can ignore this mail.",
  });
}

export interface RemovalMailInput {
  to: string;
  language: Language;
  practiceName: string;
}

export function removedFromPracticeMail(input: RemovalMailInput): Mail {
  const { to, language, practiceName } = input;
  if (language === "de") {
    return compose({
      to,
      language,
      subject: `Sie wurden aus der Praxis ${practiceName} entfernt`,
      paragraphs: [
        "Guten Tag,",
        `eine Administratorin oder ein Administrator der Praxis „${practiceName}“ hat Sie als Mitglied entfernt.`,
        "Ihr Anteroom-Konto dieser Praxis wurde mit seinen Sitzungen und Terminen gelöscht.",
      ],
      footnote: "Bei Fragen wenden Sie sich bitte an Ihre Praxis.",
    });
  }
  return compose({
    to,
    language,
    subject: `You were removed from ${practiceName}`,
    paragraphs: [
      "Hello,",
      `An admin of the practice “${practiceName}” removed you as a member.`,
      "Your Anteroom account of this practice was deleted, with its sessions and appointments.",
    ],
    footnote: "If you have questions, please contact your practice.",
  });
}
