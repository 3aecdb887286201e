// The moderator's words for "Invite someone" (a one-off link into the running call), loaded with its
// panel (provider-only and lazy): nobody else's pages carry them.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  callInvite: "Invite someone",
  callInviteTitle: "Invite someone to this call",
  callInviteHint:
    "The link works once, until this call ends. The person passes the usual join page and waits until you add them.",
  callInviteWho: "Who is it for?",
  callInviteCreate: "Create link",
  callInviteCreating: "Creating…",
  callInviteLink: "Link for this call",
  callInviteClose: "Close",
  callInviteAnother: "Another link",
  callInviteCopy: "Copy",
  callInviteCopied: "Copied",
  callInviteEnded: "This call has ended: nobody more can be invited.",
  callInviteLocked: "This call is locked. Unlock it to invite someone.",
  callInviteNoAppointment: "A walk-in call has no appointment: invite someone from an appointment instead.",
  callInviteFull: "This call is full: five people at most.",
  inviteColleague: "Invite a colleague",
  inviteColleagueTitle: "Ask a colleague to join",
  inviteColleagueHint:
    "Their dashboard asks them to join this call (without the patient's name); they come in without a waiting room.",
  inviteColleagueWho: "Colleague",
  inviteColleagueSend: "Ask to join",
  inviteColleagueSending: "Asking…",
  inviteColleagueAsked: "{name} has been asked to join.",
  inviteColleagueLoading: "Loading colleagues…",
  inviteColleagueNone: "Your practice has no other members to ask.",
  inviteColleagueLoadFailed: "The colleagues could not be loaded.",
  inviteColleagueRetry: "Try again",
  colleagueInCall: "This colleague is in the call already.",
  colleagueNotFound: "This colleague is no longer a member of your practice.",
} as const;

export type CallInviteMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    callInvite: CallInviteMessageKey;
  }
}

const de: Record<CallInviteMessageKey, string> = {
  callInvite: "Jemanden einladen",
  callInviteTitle: "Jemanden zu diesem Gespräch einladen",
  callInviteHint:
    "Der Link gilt einmalig, bis dieses Gespräch endet. Die Person kommt über die übliche Beitrittsseite und wartet, bis Sie sie hinzufügen.",
  callInviteWho: "Für wen ist der Link?",
  callInviteCreate: "Link erstellen",
  callInviteCreating: "Wird erstellt …",
  callInviteLink: "Link für dieses Gespräch",
  callInviteClose: "Schließen",
  callInviteAnother: "Weiterer Link",
  callInviteCopy: "Kopieren",
  callInviteCopied: "Kopiert",
  callInviteEnded: "Dieses Gespräch ist beendet: Niemand kann mehr eingeladen werden.",
  callInviteLocked: "Dieses Gespräch ist gesperrt. Heben Sie die Sperre auf, um jemanden einzuladen.",
  callInviteNoAppointment:
    "Ein Gespräch ohne Termin (über Ihren persönlichen Raum) hat keinen Termin: Laden Sie über einen Termin ein.",
  callInviteFull: "Dieses Gespräch ist voll: höchstens fünf Personen.",
  inviteColleague: "Kollegin oder Kollegen einladen",
  inviteColleagueTitle: "Kollegin oder Kollegen dazubitten",
  inviteColleagueHint:
    "Auf ihrer Übersichtsseite erscheint die Bitte, dieser Sprechstunde beizutreten (ohne den Namen der Patientin oder des Patienten); sie kommt ohne Wartezimmer herein.",
  inviteColleagueWho: "Kollegin oder Kollege",
  inviteColleagueSend: "Zum Beitreten bitten",
  inviteColleagueSending: "Wird gesendet …",
  inviteColleagueAsked: "{name} wurde gebeten beizutreten.",
  inviteColleagueLoading: "Kolleginnen und Kollegen werden geladen …",
  inviteColleagueNone: "Ihre Praxis hat keine weiteren Mitglieder.",
  inviteColleagueLoadFailed: "Die Kolleginnen und Kollegen konnten nicht geladen werden.",
  inviteColleagueRetry: "Erneut versuchen",
  colleagueInCall: "Diese Person ist bereits im Gespräch.",
  colleagueNotFound: "Diese Person ist nicht mehr Mitglied Ihrer Praxis.",
};

addMessages({ en, de });
