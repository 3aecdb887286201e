// German and English. The browser's language decides until the person picks one.
import { createSignal } from "solid-js";
import { pickLocale } from "./locale.ts";

const en = {
  appName: "Anteroom",
  language: "Deutsch",
  loading: "Loading…",
  retry: "Try again",
  // waiting rooms, both sides
  connecting: "Connecting…",
  disconnected: "Connection lost. Reconnecting…",
  // patient
  joinTitle: "Your video consultation",
  withProvider: "with",
  cameraCheck: "Camera and microphone",
  cameraOk: "Your camera and microphone work.",
  audioOnlyOk: "Audio only: your microphone works. The other side will see your name instead of a picture.",
  continueAudioOnly: "Continue with audio only",
  hideAddress: "Extra privacy: the practice does not learn where you are connecting from",
  hideAddressWhat: "What does this do?",
  hideAddressHelp:
    "Normally your device connects straight to the practice's, and their computer sees your internet address, a number that can tell roughly where you are. With this ticked, the call goes through our server instead, so the practice never sees it. The picture may be a little slower.",
  checkFirst: "Please allow your microphone (and camera) first, or continue with audio only.",
  cameraDenied: "Camera or microphone access was blocked. Allow it in your browser's address bar, then try again.",
  cameraMissing: "No camera was found. Connect one and try again, or continue with audio only.",
  micMissing: "No microphone was found. Connect one (a headset will do), then try again.",
  camera: "Camera",
  microphone: "Microphone",
  speaker: "Speaker",
  deviceDefault: "Default",
  deviceUnnamed: "Device {n}",
  deviceSettingsLabel: "Devices and connection",
  deviceFoldSummary: "Camera, microphone and sound",
  consentAgree: "I agree to the text above.",
  appointmentAt: "Appointment: {time}",
  nameMissing: "Please enter your name, so that your practice knows who is waiting.",
  consentMissing: "Please tick the box to agree to the text above. Without it we cannot let you in.",
  consentShowAll: "Read the whole text",
  consentShowLess: "Show less",
  deviceCheckFailed: "Your camera and microphone cannot be used yet.",
  permissionAsking: "Your browser is asking whether this page may use your camera and microphone.",
  permissionAsk_chromium: "Click “Allow” in the box at the top left, just below the address bar.",
  permissionAsk_firefox: "Click “Allow” in the box that opens from the address bar, at the top left.",
  permissionAsk_safari: "Click “Allow” in the box that opens below the address bar.",
  permissionAsk_mobile: "Tap “Allow” in the box your phone shows.",
  permissionBlocked_chromium:
    "To allow it: click the icon left of the address (or the crossed-out camera at its right end), allow camera and microphone, then “Try again”.",
  permissionBlocked_firefox:
    "To allow it: click the crossed-out camera left of the address, remove the block, then “Try again”.",
  permissionBlocked_safari:
    "To allow it: in the menu Safari › Settings for this website, set Camera and Microphone to “Allow”, then “Try again”.",
  permissionBlocked_mobile:
    "To allow it: tap the icon left of the address, allow camera and microphone (or do so in your phone's settings for this browser), then “Try again”.",
  micLevel: "Microphone level",
  micSpeak: "Say something: the bar moves when we hear you.",
  micHeard: "We can hear you.",
  micStart: "Show the microphone level",
  speakerTest: "Play a test sound",
  speakerPlaying: "Playing…",
  speakerQuestion: "Did you hear the sound?",
  speakerYes: "Yes",
  speakerNo: "No",
  speakerOk: "Your speaker works.",
  speakerAdvice:
    "Turn the volume up, check that the sound is not muted, or choose another speaker, then play it again.",
  cameraBusy: "Your camera or microphone is in use by another program. Close it, then try again.",
  cameraUnsupported: "This browser cannot make video calls. Please use a current Firefox, Chrome, Edge or Safari.",
  yourName: "Your name (shown to your provider)",
  enterWaitingRoom: "Enter the waiting room",
  joining: "Entering…",
  roomUnavailable: "There is no open waiting room at this link. Please check the link, or contact the practice.",
  roomFull: "Too many people are waiting without an appointment right now. Please try again in a few minutes.",
  walkInHint: "No appointment needed: enter the waiting room and the practice will see you as soon as it can.",
  inviteUnknown: "This link is not valid. Check that you copied it completely, or ask the practice for a new one.",
  inviteExpired: "This link has expired. Please ask the practice for a new one.",
  inviteRevoked: "This link was withdrawn by the practice. Please ask them for a new one.",
  appointmentCancelled: "Your practice has cancelled this appointment. The link no longer works.",
  inviteNotYetValid: "This link is not valid yet. It opens at",
  waitingRoomOpensAt: "The waiting room opens on {time}.",
  waitingRoomOpensIn: "Opens in",
  waitingRoomEarlyHint:
    "You can check your camera and microphone now. This page moves on by itself when the waiting room opens.",
  waitingRoomOpenNow: "The waiting room is open now.",
  waitingRoomNotOpen: "The waiting room is not open yet for this appointment.",
  errorGeneric: "Something went wrong. Please try again.",
  // errors from the server, by code
  invalidInput: "Please check your entries.",
  bodyTooLarge: "That was too much text at once. Please shorten it.",
  unauthenticated: "Please log in again.",
  rateLimited: "Too many attempts. Please wait a moment and try again.",
  rateLimitedFor: "Too many attempts. Please try again in {wait}.",
  lessThanAMinute: "less than a minute",
  consentOutdated: "The consent text has changed. Please reload the page and agree again.",
  consentChanged: "The practice has just changed its consent text. Please read it again above and agree to it.",
  appointmentOver: "This appointment is already over.",
  notFoundThing: "This no longer exists. Reload the page to see what is current.",
  crossSite: "This request did not come from Anteroom's own page, so it was refused. Open Anteroom directly.",
  relayUnavailable: "The connection service is not available right now. Please try again in a moment.",
  // page titles
  pageWaitingRoom: "Waiting room",
  pageNotFound: "Page not found",
  notFound: "This page does not exist. If you followed a link to a consultation, check that it is complete.",
} as const;

type CoreMessageKey = keyof typeof en;
/**
 * The keys of each feature's dictionary, loaded with its screens: the provider's
 * (provider/i18n-provider.ts), the call screen's (call/i18n-call.ts: also the call's endings), the chat panel's
 * (call/i18n-chat.ts), the waiting room's (waiting/i18n-waiting.ts). Each dictionary adds its own entry
 * here (declaration merging), so the core imports none of its features and `t()` still accepts every
 * key there is.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the feature dictionaries fill it in
export interface FeatureMessageKeys {}

/** Every message's key: the core ones here and every feature's. */
export type MessageKey = CoreMessageKey | FeatureMessageKeys[keyof FeatureMessageKeys];

const de: Record<CoreMessageKey, string> = {
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

export type Language = "en" | "de";
const dictionaries: Record<Language, Partial<Record<MessageKey, string>>> = { en: { ...en }, de: { ...de } };

/** Adds a set of messages in both languages (provider/i18n-provider.ts does, when a provider screen first loads). */
export function addMessages(messages: Record<Language, Partial<Record<MessageKey, string>>>): void {
  Object.assign(dictionaries.en, messages.en);
  Object.assign(dictionaries.de, messages.de);
}
const STORAGE_KEY = "anteroom.language";

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "de") return stored;
  return navigator.language.toLowerCase().startsWith("de") ? "de" : "en";
}

const [language, setLanguageSignal] = createSignal<Language>(initialLanguage());
document.documentElement.lang = language();

export { language };

export function setLanguage(next: Language): void {
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  setLanguageSignal(next);
}

export function t(key: MessageKey): string {
  // A provider message asked for before its set loaded cannot happen through main.tsx's routes; the
  // key itself is still better than nothing.
  return dictionaries[language()][key] ?? dictionaries.en[key] ?? key;
}

/** A message with its {placeholders} filled in. */
export function tf(key: MessageKey, values: Record<string, string>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function locale(): string {
  return pickLocale(language(), typeof navigator === "undefined" ? [] : navigator.languages);
}

export function formatDateTime(iso: string | number): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** A time of day; in `timeZone` where a page shows times in a zone of its own (the provider's dashboard). */
export function formatTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: "short", timeZone }).format(new Date(ms));
}

/** "30 seconds", "5 Minuten": a wait in the page's language, rounded up to whole minutes above a minute. */
export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), "second"] : [minutes, "minute"];
  return new Intl.NumberFormat(locale(), { style: "unit", unit, unitDisplay: "long" }).format(value);
}
