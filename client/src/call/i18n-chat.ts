// Chat and file messages, loaded with the chat panel when it is first used.
import { addMessages } from "../shared/i18n.ts";

const en = {
  chatTitle: "Chat",
  chatEmpty:
    "Messages and files go directly to the others in the call and are not stored. They are gone when the call ends unless you save the chat.",
  chatMessageLabel: "Message",
  chatSend: "Send",
  chatClose: "Close chat",
  chatFromMe: "You",
  chatTooLong: "This message is too long.",
  chatNotConnected: "Not connected: the message was not sent.",
  chatDropped: "A message from someone in the call could not be read and was ignored.",
  chatSave: "Save chat as a text file",
  endedFilesHeading: "Files you received",
  endedFilesHint: "They are kept only in this window: save them now, or they are gone when you close it.",
  endedFileSave: "Save {name}",
  fileChoose: "Send a file",
  fileTooLarge: "This file is larger than 50 MB and cannot be sent.",
  fileSending: "Sending",
  fileReceiving: "Receiving",
  fileDone: "Checked and complete",
  fileFailedCancelled: "Cancelled",
  fileFailedChecksum: "Damaged on the way: not saved",
  fileFailedLost: "Connection lost: not complete",
  fileFailedRefused: "Refused",
  fileFailedUnreadable: "Could not be read: was the file moved or changed? Choose it again.",
  fileFailedBusyOut: "Not sent: they were still receiving another file. Send this one again.",
  fileFailedBusyIn: "Refused: another file was still arriving. Ask for this one to be sent again.",
  fileWaiting: "Waiting: sent when the file before it is through",
  fileCancel: "Cancel",
  fileDownload: "Save",
  fileFailedSilenced: "Stopped: messages from this person are ignored",
  chatSilenced:
    "{name} sent too many or unreadable messages. Their messages and files are ignored for the rest of the call; the call goes on.",
  fileRecipient: "Send files to",
  fileToEveryone: "Everyone",
  fileTo: "to {name}",
  chatLabelPatient: "patient",
  chatLabelRelative: "relative",
  chatLabelInterpreter: "interpreter",
  chatLabelColleague: "colleague",
} as const;

export type ChatMessageKey = keyof typeof en;

declare module "../shared/i18n.ts" {
  interface FeatureMessageKeys {
    chat: ChatMessageKey;
  }
}

const de: Record<ChatMessageKey, string> = {
  chatTitle: "Chat",
  chatEmpty:
    "Nachrichten und Dateien gehen direkt an die anderen im Gespräch und werden nicht gespeichert. Mit dem Ende des Gesprächs sind sie weg, außer Sie speichern den Chat.",
  chatMessageLabel: "Nachricht",
  chatSend: "Senden",
  chatClose: "Chat schließen",
  chatFromMe: "Sie",
  chatTooLong: "Diese Nachricht ist zu lang.",
  chatNotConnected: "Keine Verbindung: Die Nachricht wurde nicht gesendet.",
  chatDropped: "Eine Nachricht aus dem Gespräch war unlesbar und wurde ignoriert.",
  chatSave: "Chat als Textdatei speichern",
  endedFilesHeading: "Dateien, die Sie erhalten haben",
  endedFilesHint: "Sie sind nur in diesem Fenster: Speichern Sie sie jetzt, sonst sind sie beim Schließen weg.",
  endedFileSave: "{name} speichern",
  fileChoose: "Datei senden",
  fileTooLarge: "Diese Datei ist größer als 50 MB und kann nicht gesendet werden.",
  fileSending: "Wird gesendet",
  fileReceiving: "Wird empfangen",
  fileDone: "Geprüft und vollständig",
  fileFailedCancelled: "Abgebrochen",
  fileFailedChecksum: "Unterwegs beschädigt: nicht gespeichert",
  fileFailedLost: "Verbindung unterbrochen: unvollständig",
  fileFailedRefused: "Abgelehnt",
  fileFailedUnreadable:
    "Konnte nicht gelesen werden: Wurde die Datei verschoben oder geändert? Bitte erneut auswählen.",
  fileFailedBusyOut: "Nicht gesendet: Dort wurde noch eine andere Datei empfangen. Bitte diese erneut senden.",
  fileFailedBusyIn: "Abgelehnt: Es kam noch eine andere Datei an. Bitten Sie darum, diese erneut zu senden.",
  fileWaiting: "Wartet: wird gesendet, sobald die Datei davor übertragen ist",
  fileCancel: "Abbrechen",
  fileDownload: "Speichern",
  fileFailedSilenced: "Abgebrochen: Nachrichten dieser Person werden ignoriert",
  chatSilenced:
    "{name} hat zu viele oder unlesbare Nachrichten gesendet. Nachrichten und Dateien dieser Person werden bis zum Ende des Gesprächs ignoriert; das Gespräch läuft weiter.",
  fileRecipient: "Dateien senden an",
  fileToEveryone: "Alle",
  fileTo: "an {name}",
  chatLabelPatient: "Patient:in",
  chatLabelRelative: "Angehörige:r",
  chatLabelInterpreter: "Dolmetscher:in",
  chatLabelColleague: "Kolleg:in",
};

addMessages({ en, de });
