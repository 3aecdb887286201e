// The core words in German (see messages-en.ts).
import type { CoreMessageKey } from "./messages-en.ts";

export const de: Record<CoreMessageKey, string> = {
  appName: "Anteroom",
  language: "English",
  loading: "Lädt…",
  retry: "Erneut versuchen",
  connecting: "Verbindung wird aufgebaut…",
  disconnected: "Verbindung unterbrochen. Neuer Versuch…",
  joinTitle: "Ihre Videosprechstunde",
  withProvider: "bei",
  cameraCheck: "Kamera und Mikrofon",
  cameraOk: "Ihre Kamera und Ihr Mikrofon funktionieren.",
  audioOnlyOk: "Nur Ton: Ihr Mikrofon funktioniert. Die andere Seite sieht Ihren Namen statt eines Bildes.",
  continueAudioOnly: "Nur mit Ton fortfahren",
  hideAddress: "Mehr Privatsphäre: Die Praxis erfährt nicht, von wo aus Sie sich verbinden",
  hideAddressWhat: "Was bewirkt das?",
  hideAddressHelp:
    "Normalerweise verbindet sich Ihr Gerät direkt mit dem der Praxis, und deren Computer sieht Ihre Internet-Adresse, eine Nummer, die ungefähr verraten kann, wo Sie sind. Mit diesem Häkchen läuft das Gespräch stattdessen über unseren Server, und die Praxis sieht sie nie. Das Bild kann etwas langsamer sein.",
  checkFirst: "Bitte erlauben Sie zuerst Ihr Mikrofon (und Ihre Kamera) oder fahren Sie nur mit Ton fort.",
  cameraDenied:
    "Der Zugriff auf Kamera oder Mikrofon wurde blockiert. Erlauben Sie ihn in der Adressleiste Ihres Browsers und versuchen Sie es erneut.",
  cameraMissing:
    "Keine Kamera gefunden. Schließen Sie eine an und versuchen Sie es erneut, oder fahren Sie nur mit Ton fort.",
  micMissing: "Kein Mikrofon gefunden. Schließen Sie eines an (ein Headset genügt) und versuchen Sie es erneut.",
  camera: "Kamera",
  microphone: "Mikrofon",
  speaker: "Lautsprecher",
  deviceDefault: "Standard",
  deviceUnnamed: "Gerät {n}",
  deviceSettingsLabel: "Geräte und Verbindung",
  deviceFoldSummary: "Kamera, Mikrofon und Ton",
  consentAgree: "Ich stimme dem obigen Text zu.",
  appointmentAt: "Termin: {time}",
  nameMissing: "Bitte geben Sie Ihren Namen ein, damit Ihre Praxis weiß, wer wartet.",
  consentMissing:
    "Bitte setzen Sie das Häkchen, um dem Text oben zuzustimmen. Ohne Zustimmung können wir Sie nicht einlassen.",
  consentShowAll: "Ganzen Text lesen",
  consentShowLess: "Weniger anzeigen",
  privacyNotice: "Datenschutzhinweise",
  deviceCheckFailed: "Ihre Kamera und Ihr Mikrofon können noch nicht genutzt werden.",
  permissionAsking: "Ihr Browser fragt, ob diese Seite Ihre Kamera und Ihr Mikrofon nutzen darf.",
  permissionAsk_chromium: "Klicken Sie oben links, direkt unter der Adressleiste, auf „Zulassen“.",
  permissionAsk_firefox: "Klicken Sie im Fenster, das sich oben links an der Adressleiste öffnet, auf „Erlauben“.",
  permissionAsk_safari: "Klicken Sie im Fenster unter der Adressleiste auf „Erlauben“.",
  permissionAsk_mobile: "Tippen Sie im Fenster, das Ihr Telefon zeigt, auf „Erlauben“ bzw. „Zulassen“.",
  permissionBlocked_chromium:
    "So erlauben Sie es: Klicken Sie auf das Symbol links neben der Adresse (oder die durchgestrichene Kamera rechts darin), erlauben Sie Kamera und Mikrofon und wählen Sie „Erneut versuchen“.",
  permissionBlocked_firefox:
    "So erlauben Sie es: Klicken Sie auf die durchgestrichene Kamera links neben der Adresse, heben Sie die Blockierung auf und wählen Sie „Erneut versuchen“.",
  permissionBlocked_safari:
    "So erlauben Sie es: Stellen Sie im Menü Safari › Einstellungen für diese Website Kamera und Mikrofon auf „Erlauben“ und wählen Sie „Erneut versuchen“.",
  permissionBlocked_mobile:
    "So erlauben Sie es: Tippen Sie auf das Symbol links neben der Adresse, erlauben Sie Kamera und Mikrofon (oder in den Einstellungen Ihres Telefons für diesen Browser) und wählen Sie „Erneut versuchen“.",
  micLevel: "Mikrofonpegel",
  micSpeak: "Sagen Sie etwas: Der Balken bewegt sich, wenn wir Sie hören.",
  micHeard: "Wir hören Sie.",
  micStart: "Mikrofonpegel anzeigen",
  speakerTest: "Testton abspielen",
  blurBackground: "Hintergrund unscharf",
  speakerPlaying: "Wird abgespielt…",
  speakerQuestion: "Haben Sie den Ton gehört?",
  speakerYes: "Ja",
  speakerNo: "Nein",
  speakerOk: "Ihr Lautsprecher funktioniert.",
  speakerAdvice:
    "Drehen Sie die Lautstärke auf, prüfen Sie, ob der Ton stummgeschaltet ist, oder wählen Sie einen anderen Lautsprecher und spielen Sie ihn erneut ab.",
  cameraBusy:
    "Kamera oder Mikrofon werden von einem anderen Programm benutzt. Schließen Sie es und versuchen Sie es erneut.",
  cameraUnsupported:
    "Dieser Browser kann keine Videogespräche führen. Bitte nutzen Sie ein aktuelles Firefox, Chrome, Edge oder Safari.",
  yourName: "Ihr Name (wird Ihrer Praxis angezeigt)",
  enterWaitingRoom: "Wartezimmer betreten",
  joining: "Wird betreten…",
  roomUnavailable:
    "Unter diesem Link ist kein Wartezimmer geöffnet. Bitte prüfen Sie den Link oder wenden Sie sich an die Praxis.",
  roomFull: "Gerade warten zu viele Menschen ohne Termin. Bitte versuchen Sie es in ein paar Minuten erneut.",
  walkInHint: "Ohne Termin: Betreten Sie das Wartezimmer, die Praxis ruft Sie so bald wie möglich auf.",
  inviteUnknown:
    "Dieser Link ist ungültig. Prüfen Sie, ob Sie ihn vollständig kopiert haben, oder bitten Sie die Praxis um einen neuen.",
  inviteExpired: "Dieser Link ist abgelaufen. Bitte fragen Sie die Praxis nach einem neuen.",
  inviteRevoked: "Die Praxis hat diesen Link zurückgezogen. Bitte fragen Sie nach einem neuen.",
  appointmentCancelled: "Ihre Praxis hat diesen Termin abgesagt. Der Link funktioniert nicht mehr.",
  inviteNotYetValid: "Dieser Link gilt noch nicht. Er öffnet am",
  waitingRoomOpensAt: "Das Wartezimmer öffnet am {time}.",
  waitingRoomOpensIn: "Öffnet in",
  waitingRoomEarlyHint:
    "Sie können Kamera und Mikrofon schon jetzt prüfen. Diese Seite geht von selbst weiter, sobald das Wartezimmer öffnet.",
  waitingRoomOpenNow: "Das Wartezimmer ist jetzt geöffnet.",
  waitingRoomNotOpen: "Das Wartezimmer ist für diesen Termin noch nicht geöffnet.",
  errorGeneric: "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
  invalidInput: "Bitte prüfen Sie Ihre Eingaben.",
  bodyTooLarge: "Das war zu viel Text auf einmal. Bitte kürzen Sie ihn.",
  unauthenticated: "Bitte melden Sie sich erneut an.",
  rateLimited: "Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.",
  rateLimitedFor: "Zu viele Versuche. Bitte versuchen Sie es in {wait} erneut.",
  lessThanAMinute: "weniger als einer Minute",
  consentChanged:
    "Die Praxis hat ihren Einwilligungstext gerade geändert. Bitte lesen Sie ihn oben erneut und stimmen Sie zu.",
  consentOutdated:
    "Der Einwilligungstext hat sich geändert. Bitte laden Sie die Seite neu und willigen Sie erneut ein.",
  appointmentOver: "Dieser Termin ist bereits vorbei.",
  notFoundThing: "Das gibt es nicht mehr. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.",
  crossSite: "Diese Anfrage kam nicht von Anteroom selbst und wurde daher abgelehnt. Öffnen Sie Anteroom bitte direkt.",
  relayUnavailable: "Der Verbindungsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
  pageWaitingRoom: "Wartezimmer",
  pageNotFound: "Seite nicht gefunden",
  notFound:
    "Diese Seite gibt es nicht. Wenn Sie einem Link zu einer Sprechstunde gefolgt sind, prüfen Sie, ob er vollständig ist.",
};
