// The words for an invitation's link just made, for sending it by e-mail or SMS, and for why it was not
// sent. Loaded with the invitations (invite-send.tsx), never on the patient's path.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  // A link of an invitation other than the patient's: whom it is for, by the invitation's label.
  inviteReadyFor: "Invite link for: {label}. Copy it now: for privacy it is shown only once.",
  inviteEmail: "Send by e-mail",
  inviteSms: "Send by SMS",
  inviteEmailAddress: "E-mail address",
  inviteSmsNumber: "Mobile number",
  inviteSmsHint: "In international form: + and the country code, e.g. +49 170 1234567.",
  inviteMessageLanguage: "Language of the message",
  inviteLanguageDe: "German",
  inviteLanguageEn: "English",
  inviteReminder: "Reminder",
  inviteReminderNone: "No reminder",
  inviteReminder24h: "24 hours before",
  inviteReminder1h: "1 hour before",
  inviteReminderTooLate: "too late for this appointment",
  inviteReminderHint:
    "For a reminder, the address or number is kept, encrypted, until the reminder is sent, and deleted then. Without one it is not kept at all.",
  inviteSend: "Send",
  inviteSendClose: "Close",
  inviteSentTo: "Sent to {to}.",
  inviteEmailUnavailable: "Sending by e-mail is not set up on this server. Copy the link instead.",
  inviteSmsUnavailable: "Sending by SMS is not set up on this server. Copy the link instead.",
  inviteSentWithReminder: "Sent to {to}. A reminder follows on {time}.",
  errEmailInvalid: "Please enter a valid e-mail address, like name@example.org.",
  errPhoneInvalid: "Please enter the number in international form: + and the country code, e.g. +49 170 1234567.",
  errInvitationWithdrawn: "This link was withdrawn and cannot be sent. Issue a new link first.",
  errInvitationExpired: "This link has expired and cannot be sent.",
  errInvitationLinkMismatch: "A new link was issued for this invitation meanwhile. Send the new link instead.",
  errDeliveryFailed:
    "The message was not sent: the mail or SMS service refused it or did not answer. The link still works: try again later, or copy it.",
  errReminderInPast: "That reminder time has already passed. Choose a shorter one, or no reminder.",
  errMessageQuota: "Your practice has sent as many messages to patients today as it may. Please try again tomorrow.",
  apptNoticesSent: "{n} recipient(s) with a pending reminder were told by e-mail or SMS.",
  apptNoticesUnsent:
    "{n} patient(s) with a reminder could not be told of this by mail or SMS: please let them know another way.",
} as const;

export type SendMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    send: SendMessageKey;
  }
}

const de: Record<SendMessageKey, string> = {
  inviteReadyFor: "Einladungslink für: {label}. Jetzt kopieren: Aus Datenschutzgründen wird er nur einmal angezeigt.",
  inviteEmail: "Per E-Mail senden",
  inviteSms: "Per SMS senden",
  inviteEmailAddress: "E-Mail-Adresse",
  inviteSmsNumber: "Mobilnummer",
  inviteSmsHint: "In internationaler Form: + und die Landesvorwahl, z. B. +49 170 1234567.",
  inviteMessageLanguage: "Sprache der Nachricht",
  inviteLanguageDe: "Deutsch",
  inviteLanguageEn: "Englisch",
  inviteReminder: "Erinnerung",
  inviteReminderNone: "Keine Erinnerung",
  inviteReminder24h: "24 Stunden vorher",
  inviteReminder1h: "1 Stunde vorher",
  inviteReminderTooLate: "für diesen Termin zu spät",
  inviteReminderHint:
    "Für eine Erinnerung wird die Adresse oder Nummer verschlüsselt aufbewahrt, bis die Erinnerung gesendet ist, und dann gelöscht. Ohne Erinnerung wird sie gar nicht gespeichert.",
  inviteSend: "Senden",
  inviteSendClose: "Schließen",
  inviteSentTo: "Gesendet an {to}.",
  inviteEmailUnavailable:
    "Das Senden per E-Mail ist auf diesem Server nicht eingerichtet. Kopieren Sie stattdessen den Link.",
  inviteSmsUnavailable:
    "Das Senden per SMS ist auf diesem Server nicht eingerichtet. Kopieren Sie stattdessen den Link.",
  inviteSentWithReminder: "Gesendet an {to}. Eine Erinnerung folgt am {time}.",
  errEmailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.",
  errPhoneInvalid:
    "Bitte geben Sie die Nummer in internationaler Form ein: + und die Landesvorwahl, z. B. +49 170 1234567.",
  errInvitationWithdrawn:
    "Dieser Link wurde zurückgezogen und kann nicht gesendet werden. Erstellen Sie zuerst einen neuen Link.",
  errInvitationExpired: "Dieser Link ist abgelaufen und kann nicht gesendet werden.",
  errInvitationLinkMismatch:
    "Für diese Einladung wurde inzwischen ein neuer Link erstellt. Senden Sie bitte den neuen Link.",
  errDeliveryFailed:
    "Die Nachricht wurde nicht gesendet: Der E-Mail- oder SMS-Dienst hat sie abgelehnt oder nicht geantwortet. Der Link funktioniert weiterhin: Versuchen Sie es später erneut oder kopieren Sie ihn.",
  errReminderInPast: "Dieser Erinnerungszeitpunkt ist schon vorbei. Wählen Sie einen kürzeren oder keine Erinnerung.",
  errMessageQuota:
    "Ihre Praxis hat heute so viele Nachrichten an Patienten gesendet, wie sie darf. Bitte versuchen Sie es morgen erneut.",
  apptNoticesSent: "{n} Empfänger:in(nen) mit ausstehender Erinnerung wurden per E-Mail oder SMS benachrichtigt.",
  apptNoticesUnsent:
    "{n} Patient(en) mit Erinnerung konnten nicht per E-Mail oder SMS benachrichtigt werden: Bitte informieren Sie sie auf anderem Weg.",
};

addMessages({ en, de });
